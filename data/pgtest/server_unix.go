//go:build unix

package pgtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// apply runs cmd as the account, when there is one.
func (a *account) apply(cmd *exec.Cmd) {
	if a == nil {
		return
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(a.uid), Gid: uint32(a.gid)}}
}

// watchdog starts a shell that waits for this process to end, by whatever
// means, then stops the server at once and removes its folder. The
// returned stop does the same now and waits for it.
func watchdog(dir, cluster string) (func() error, error) {
	script := `read _; pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ]; then kill -QUIT "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; fi
rm -rf "$2"`
	cmd := exec.Command("/bin/sh", "-c", script, "watchdog", cluster, dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// Its own process group: a Ctrl+C at the terminal must not end it first.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var once sync.Once
	var result error
	return func() error {
		once.Do(func() {
			in.Close()
			result = cmd.Wait()
		})
		return result
	}, nil
}

// killServer stops a server whose watchdog could not be started.
func killServer(cluster string) {
	head, err := os.ReadFile(filepath.Join(cluster, "postmaster.pid"))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(head), "\n", 2)[0]))
	if err == nil {
		syscall.Kill(pid, syscall.SIGQUIT)
	}
}
