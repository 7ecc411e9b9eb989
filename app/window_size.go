package app

import (
	"fyne.io/fyne/v2"
)

// The window opens at the size it was left at, or at defaultWindowSize on a
// first start, and never larger than the screen: a 13" laptop's 1024x700
// included. Sizes are in Fyne's units (the canvas), kept in the app's
// preferences when the window closes.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// defaultWindowSize is a first start's size on a screen with room for it.
var defaultWindowSize = fyne.NewSize(1280, 800)

// windowFrame is room left on the screen for the title bar and borders the
// window manager draws around the window.
var windowFrame = fyne.NewSize(0, 40)

// windowSize is the size to open at: saved, the size the window was left
// at (zero when never), or the default; never larger than screen, the room
// windows may use, when it is known (not zero).
func windowSize(saved, screen fyne.Size) fyne.Size {
	want := saved
	if want.Width <= 0 || want.Height <= 0 {
		want = defaultWindowSize
	}
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	room := screen.Subtract(windowFrame)
	return fyne.NewSize(min(want.Width, room.Width), min(want.Height, room.Height))
}

// savedWindowSize is the size the window was left at, zero when never.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	return fyne.NewSize(float32(p.Float(prefWindowWidth)), float32(p.Float(prefWindowHeight)))
}

// rememberWindowSize keeps the size of w for the next start.
func rememberWindowSize(p fyne.Preferences, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// screenRoom is the room windows may use on the screen, in Fyne's units at
// scale (Fyne's pixels per unit); zero when unknown.
func screenRoom(scale float32) fyne.Size {
	_, _, w, h, ok := screenWorkArea()
	if !ok || scale <= 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}

// fitToScreen shrinks w, once shown and its scale known, when it is larger
// than the screen: before it is shown, the scale of its monitor is not known.
func fitToScreen(w fyne.Window) {
	room := screenRoom(w.Canvas().Scale())
	size := w.Canvas().Size()
	if fit := windowSize(size, room); fit != size {
		w.Resize(fit)
	}
}
