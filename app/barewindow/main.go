// barewindow is the floor Release Desk's start-up is measured against in
// scripts/budgets: a Fyne window of the same size with one label and nothing
// else, built from the same Fyne module with the same tags as the program.
// The budgets also show it with Fyne's emoji font, which no_emoji leaves out
// of both. It sits under app because only app may open Fyne's windows.
//
//	go build -tags migrated_fynedo,no_emoji -o BIN ./app/barewindow
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
