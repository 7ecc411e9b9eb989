// Package views is where Release Desk's screens live, one package per feature:
//
//   - kit: what every screen shares (the Screen base, undo, forms, badges, panels, layouts)
//   - releases: the Releases list; editor: the release editor with its tabs and dialogs
//   - portfolio: the Dashboard, Environments and Stakeholders screens
//   - roadmap: the Timeline screen around timeline, the Gantt chart widget
//   - reports: the Reports screen (exports and plan import); settings: the Settings screen
//   - uitest: the kit the screens' tests share
//
// Screens read and write through narrow interfaces they declare, which
// *data.Store satisfies; they never import GORM.
package views
