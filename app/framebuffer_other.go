//go:build wasm || test_web_driver || android || ios || mobile

package app

// leanFramebuffer has nothing to ask of drivers other than GLFW.
func leanFramebuffer() {}

// screenWorkArea is unknown to drivers other than GLFW.
func screenWorkArea() (x, y, w, h int, ok bool) { return 0, 0, 0, 0, false }

// nameWindowClass has nothing to name where there is no X11 window.
func nameWindowClass() {}
