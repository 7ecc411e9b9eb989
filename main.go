// Command releasedesk is Release Desk, a desktop release planner for project
// managers. With no command it opens the window; its commands (demo, check,
// export, import) serve automation and tests. See README.md.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"releasedesk/app"
)

// fyneAppToml is the app's metadata (name, id, version), which `fyne package` reads too.
//
//go:embed FyneApp.toml
var fyneAppToml []byte

func main() {
	attachConsole()
	if err := app.SetMetadata(fyneAppToml); err != nil {
		fmt.Fprintln(os.Stderr, "releasedesk: "+err.Error())
		os.Exit(1)
	}
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
