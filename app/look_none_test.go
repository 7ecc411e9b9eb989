//go:build !shots

package app

// lookAsked is false without the shots tag: there is no look window to run.
func lookAsked() bool { return false }
