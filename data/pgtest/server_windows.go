package pgtest

import (
	"errors"
	"os/exec"
)

// apply has nothing to do on Windows, where the tests do not run as root.
func (a *account) apply(*exec.Cmd) {}

// errNoPrivateServer says why the tests cannot start their own server here.
var errNoPrivateServer = errors.New("the tests start a private PostgreSQL server only on Unix; on Windows set " + EnvServer + " to a server")

// watchdog is refused on Windows: the private server's clean-up is a shell script.
func watchdog(dir, cluster string) (func() error, error) { return nil, errNoPrivateServer }

// killServer has no server to stop on Windows.
func killServer(string) {}
