// barewindow is the floor Release Desk's start-up is measured against in
// scripts/budgets: a Fyne window of the same size with one label and nothing
// else, built from the same Fyne module. The budgets build it twice: as Fyne
// comes, and without Fyne's emoji font as the program is built (no_emoji), so
// the program's own share shows apart from what that font saves. It sits
// under app because only app may open Fyne's windows.
//
//	go build -tags migrated_fynedo -o BIN ./app/barewindow
//	go build -tags migrated_fynedo,no_emoji -o BIN-lean ./app/barewindow
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("com.releasedesk.floor")
	w := a.NewWindow("Floor")
	w.SetContent(widget.NewLabel("A bare Fyne window"))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
