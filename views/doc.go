// Package views holds Release Desk's screens and the small widgets they share.
// Screens talk to the data layer only through the narrow interfaces declared
// here, which *data.Store satisfies; they never import GORM.
package views
