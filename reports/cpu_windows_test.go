package reports

import (
	"time"

	"golang.org/x/sys/windows"
)

// cpuTime is the processor time the process has used, user and system: on
// a shared, busy machine it varies far less than the wall clock.
func cpuTime() time.Duration {
	var creation, exit, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &creation, &exit, &kernel, &user); err != nil {
		return 0
	}
	// Filetime counts hundreds of nanoseconds.
	ticks := func(f windows.Filetime) time.Duration {
		return time.Duration(int64(f.HighDateTime)<<32 | int64(f.LowDateTime))
	}
	return (ticks(kernel) + ticks(user)) * 100
}
