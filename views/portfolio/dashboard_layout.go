package portfolio

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// dashboardWide is the width from which the dashboard's three lists stand
// side by side; below it, the upcoming releases and the running deployments
// share a column beside the findings.
const dashboardWide = 1280

// Parts of the height the metrics take: more on a wide screen, where the
// lists have room to spare and the charts are worth reading.
const (
	dashboardMetricsShare     = 0.4
	dashboardMetricsShareWide = 0.42
)

// dashboardLayout places the dashboard's four panels, in order: upcoming
// releases, deployments in progress, findings and the delivery metrics
// under them. The lists scroll inside their panels, so the layout asks only
// for each panel's own minimum and gives the rest out in shares.
type dashboardLayout struct{}

// Layout places objs in size, as the type's comment says.
func (dashboardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	upcoming, running, findings, metrics := objs[0], objs[1], objs[2], objs[3]
	pad := theme.Padding()
	share := float32(dashboardMetricsShare)
	if size.Width >= dashboardWide {
		share = dashboardMetricsShareWide
	}
	lower := max(metrics.MinSize().Height, (size.Height-pad)*share)
	upper := size.Height - lower - pad
	metrics.Move(fyne.NewPos(0, upper+pad))
	metrics.Resize(fyne.NewSize(size.Width, lower))

	if size.Width >= dashboardWide {
		widths := splitWidth(size.Width, pad, 0.36, 0.24, 0.40)
		x := float32(0)
		for i, o := range []fyne.CanvasObject{upcoming, running, findings} {
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(widths[i], upper))
			x += widths[i] + pad
		}
		return
	}
	widths := splitWidth(size.Width, pad, 0.45, 0.55)
	runningHeight := max(running.MinSize().Height, (upper-pad)*0.36)
	upcoming.Move(fyne.NewPos(0, 0))
	upcoming.Resize(fyne.NewSize(widths[0], upper-runningHeight-pad))
	running.Move(fyne.NewPos(0, upper-runningHeight))
	running.Resize(fyne.NewSize(widths[0], runningHeight))
	findings.Move(fyne.NewPos(widths[0]+pad, 0))
	findings.Resize(fyne.NewSize(widths[1], upper))
}

// MinSize is the least room the narrower arrangement needs.
func (dashboardLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	upcoming, running, findings, metrics := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize(), objs[3].MinSize()
	pad := theme.Padding()
	left := fyne.NewSize(max(upcoming.Width, running.Width), upcoming.Height+pad+running.Height)
	upper := fyne.NewSize(left.Width+pad+findings.Width, max(left.Height, findings.Height))
	return fyne.NewSize(max(upper.Width, metrics.Width), upper.Height+pad+metrics.Height)
}

// splitWidth shares width out by shares, with pad between the parts.
func splitWidth(width, pad float32, shares ...float32) []float32 {
	free := width - pad*float32(len(shares)-1)
	out := make([]float32, len(shares))
	used := float32(0)
	for i, s := range shares {
		out[i] = free * s
		if i == len(shares)-1 {
			out[i] = free - used
		}
		used += out[i]
	}
	return out
}
