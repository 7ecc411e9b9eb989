// Package data is Release Desk's model and storage: the entities of a release
// plan, their versioned migrations, the store that enforces every rule and
// records history, and the derived facts (conflicts, metrics) computed from
// them. It never imports Fyne, so the window and the command line share it.
package data
