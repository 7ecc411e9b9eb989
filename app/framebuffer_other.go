//go:build wasm || test_web_driver || android || ios || mobile

package app

// leanFramebuffer has nothing to ask of drivers other than GLFW.
func leanFramebuffer() {}

// nameWindowClass has nothing to name where there is no X11 window.
func nameWindowClass() {}
