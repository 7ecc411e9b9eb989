//go:build !wasm && !test_web_driver && !android && !ios && !mobile

package app

import "github.com/go-gl/glfw/v3.3/glfw"

// leanFramebuffer asks GLFW for windows without depth and stencil buffers.
// Fyne paints in order, with depth testing off and no stencil, yet clears
// the depth buffer before every frame. On software OpenGL (Mesa's llvmpipe,
// the reference machine's renderer under Xvfb) clearing the depth half of a
// combined depth-stencil buffer is a masked loop over every pixel, about a
// tenth of each frame's CPU; without the buffers the clear costs nothing.
// GLFW takes the hints as wishes: a driver that only offers depth still
// works. Call it on the main goroutine after the first NewWindow, which
// starts GLFW, and before any window is shown.
func leanFramebuffer() {
	glfw.WindowHint(glfw.DepthBits, 0)
	glfw.WindowHint(glfw.StencilBits, 0)
}

// screenWorkArea is the part of the primary monitor that windows may use
// (without panels and docks), in screen pixels; ok is false when GLFW
// does not know. Call it on the main goroutine after the first NewWindow.
func screenWorkArea() (x, y, w, h int, ok bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, 0, 0, false
	}
	x, y, w, h = m.GetWorkarea()
	return x, y, w, h, w > 0 && h > 0
}

// nameWindowClass gives the window the X11 class "Release Desk" that the
// menu entry's StartupWMClass names, so a desktop shows the window under the
// app's menu entry and icon; GLFW would use the first title, which names the
// database. Call it where leanFramebuffer is called.
func nameWindowClass() {
	glfw.WindowHintString(glfw.X11ClassName, appName)
	glfw.WindowHintString(glfw.X11InstanceName, "releasedesk")
}
