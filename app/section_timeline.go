package app

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"releasedesk/views/kit"
	"releasedesk/views/releases"
	"releasedesk/views/roadmap"
)

// timelineProbeEnv is a hidden switch for measurements and screenshots:
// RELEASEDESK_TIMELINE_PROBE=open starts on the Timeline, =fps also scrolls it for five seconds, prints the frame rate and quits.
const timelineProbeEnv = "RELEASEDESK_TIMELINE_PROBE"

// timelineTitle names the Timeline section in the sidebar and the View menu.
const timelineTitle = "Timeline"

// timelineSection is the sidebar entry of the Timeline screen; with the probe
// switch set it also arranges to open the Timeline once the window runs.
func (s *shell) timelineSection() section {
	if mode := os.Getenv(timelineProbeEnv); mode != "" {
		// fyne.Do queues until the event loop runs, so this waits for the window.
		go fyne.Do(func() { s.startTimelineProbe(mode) })
	}
	return section{title: timelineTitle, icon: theme.CalendarIcon(), build: s.buildTimeline}
}

func (s *shell) buildTimeline() fyne.CanvasObject {
	t := roadmap.New(s.store, s.win, s.sched)
	t.OnOpenRelease = func(id uint) {
		s.showReleases(func(r *releases.Screen) { r.OpenRelease(id) })
	}
	t.OnUndoChanged = s.updateUndo
	return t
}

// shownTimeline returns the Timeline screen when it is the section on screen.
func (s *shell) shownTimeline() *roadmap.Screen {
	if s.current < 0 || s.current >= len(s.built) {
		return nil
	}
	t, _ := s.built[s.current].(*roadmap.Screen)
	return t
}

// undoOnTimeline gives Ctrl+Z to the Timeline while it is shown, so an undo
// never changes a release on a screen the user is not looking at. It reports
// whether the Timeline took it.
func (s *shell) undoOnTimeline() bool {
	t := s.shownTimeline()
	if t == nil {
		return false
	}
	t.Undo()
	s.updateUndo() // the menu may still name another screen's change
	return true
}

// timelineUndoItem makes Edit > Undo name the Timeline's last move while the Timeline is shown.
func (s *shell) timelineUndoItem() {
	if t := s.shownTimeline(); t != nil {
		s.undoItem.Label, s.undoItem.Disabled = t.UndoLabel(), !t.CanUndo()
	}
}

// startTimelineProbe opens the Timeline, focuses the chart once it is
// filled and, in "fps" mode, measures scrolling.
func (s *shell) startTimelineProbe(mode string) {
	i := slices.IndexFunc(s.sections, func(sec section) bool { return sec.title == timelineTitle })
	if i < 0 {
		fmt.Fprintln(os.Stderr, "timeline probe: no Timeline section")
		s.app.Quit()
		return
	}
	s.switchSection(i)
	t := s.shownTimeline()
	if t == nil {
		fmt.Fprintln(os.Stderr, "timeline probe: the Timeline did not open")
		s.app.Quit()
		return
	}
	t.OnLoaded = func(l roadmap.LoadStats) {
		t.OnLoaded = nil
		fmt.Printf("timeline load: %s releases, %s deployments, %d in conflict: queries %d ms, on screen after %d ms\n",
			kit.FormatCount(l.Releases), kit.FormatCount(l.Deployments), l.Conflicts, l.Query.Milliseconds(), l.Total.Milliseconds())
		s.win.Canvas().Focus(t.Chart())
		if mode == "fps" {
			go s.measureTimelineScroll(t)
		}
	}
}

// Probe timings: scrolling first warms caches, then each direction is measured.
const (
	probeWarmUp  = time.Second
	probeMeasure = 5 * time.Second / 2 // per direction
	probeStall   = 2 * time.Second
)

// measureTimelineScroll scrolls the chart by a step per frame and counts the
// frames actually painted. A 1x1 raster is refreshed with each step: the GL
// painter calls its generator only while drawing a frame that shows that
// step, so the next step is queued only after the previous one was on
// screen. It runs on its own goroutine and quits the app when done.
func (s *shell) measureTimelineScroll(t *roadmap.Screen) {
	painted := make(chan struct{}, 1)
	pixel := image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	marker := canvas.NewRaster(func(int, int) image.Image {
		select {
		case painted <- struct{}{}:
		default:
		}
		return pixel
	})
	var size fyne.Size
	fyne.DoAndWait(func() {
		marker.Resize(fyne.NewSize(1, 1))
		s.win.SetContent(container.NewStack(s.win.Content(), container.NewWithoutLayout(marker)))
		size = s.win.Canvas().Size()
	})
	chart := t.Chart()
	dir := float32(1)
	step := func(dx, dy float32) {
		before := chart.ScrollOffset()
		chart.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DX: dx, DY: dy * dir}})
		if dy != 0 && chart.ScrollOffset() == before {
			dir = -dir // bounce at the top and bottom
		}
		canvas.Refresh(marker)
	}
	scroll := func(d time.Duration, dx, dy float32) (int, time.Duration, bool) {
		frames, start := 0, time.Now()
		for time.Since(start) < d {
			fyne.Do(func() { step(dx, dy) })
			select {
			case <-painted:
				frames++
			case <-time.After(probeStall):
				return frames, time.Since(start), false
			}
		}
		return frames, time.Since(start), true
	}
	report := func() {
		if _, _, ok := scroll(probeWarmUp, 0, -12); !ok {
			fmt.Fprintln(os.Stderr, "timeline probe: no frame painted for", probeStall)
			return
		}
		cpu0 := processCPU()
		vf, vt, ok1 := scroll(probeMeasure, 0, -12)
		hf, ht, ok2 := scroll(probeMeasure, -8, 0)
		cpu := processCPU() - cpu0
		if !ok1 || !ok2 {
			fmt.Fprintln(os.Stderr, "timeline probe: painting stalled for", probeStall)
			return
		}
		fps := func(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }
		fmt.Printf("timeline scroll: %d frames in %.2f s = %.1f fps (vertical %.1f, horizontal %.1f) at %.0fx%.0f",
			vf+hf, (vt + ht).Seconds(), fps(vf+hf, vt+ht), fps(vf, vt), fps(hf, ht), size.Width, size.Height)
		if cpu > 0 {
			fmt.Printf("; %.1f ms CPU a frame", cpu.Seconds()*1000/float64(vf+hf))
		}
		if load, err := os.ReadFile("/proc/loadavg"); err == nil {
			fmt.Printf("; load average %s", strings.Fields(string(load))[0])
		}
		fmt.Println()
	}
	report()
	fyne.Do(s.app.Quit)
}

// processCPU is the CPU time the process has used, all threads (the GL
// driver's included); 0 where /proc is missing.
func processCPU() time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	i := bytes.LastIndexByte(b, ')')
	if err != nil || i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.ParseInt(f[11], 10, 64)
	sys, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(user+sys) * 10 * time.Millisecond // clock ticks of 1/100 s
}
