// Command releasedesk is Release Desk, a desktop release planner for project
// managers. With no command it opens the window; its commands (demo, check,
// export, import) serve automation and tests. See README.md.
package main

import (
	"os"

	"releasedesk/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
