package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess asks AttachConsole for the console of the process that started this one.
const attachParentProcess = ^uintptr(0)

// attachConsole lets a command typed in a console print its output and
// errors there. The packaged program is a Windows GUI program, so that a
// double-click opens no console window beside the app's own; Windows starts
// such a program with no console, even from a command prompt. Output that
// was redirected to a file or a pipe is left where it goes.
func attachConsole() {
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer or a shortcut, or already a console program
	}
	os.Stdout = consoleUnlessRedirected(os.Stdout)
	os.Stderr = consoleUnlessRedirected(os.Stderr)
	log.SetOutput(os.Stderr)
}

// consoleUnlessRedirected is f when it has a handle (output redirected when
// the program started), else the console's output.
func consoleUnlessRedirected(f *os.File) *os.File {
	if h := windows.Handle(f.Fd()); h != 0 && h != windows.InvalidHandle {
		return f
	}
	console, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return f
	}
	return console
}
