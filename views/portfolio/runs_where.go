package portfolio

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// runsMinWidth is the narrowest column of the what-runs-where matrix, wide
// enough for a version and its date.
const runsMinWidth = 116

// runsWhereTable is the environment x product matrix: in each cell the
// version that runs there and since when, "—" where nothing was deployed.
type runsWhereTable struct {
	panel *kit.TitledPanel
	table *widget.Table
	empty *widget.Label
	rw    data.RunsWhere
	// open is called with a cell's release when the cell is tapped.
	open func(id uint)
}

func newRunsWhereTable(open func(id uint)) *runsWhereTable {
	r := &runsWhereTable{open: open}
	r.table = &widget.Table{
		Length:       func() (int, int) { return len(r.rw.Environments), len(r.rw.Products) + 1 },
		CreateCell:   func() fyne.CanvasObject { return newRunsCell() },
		UpdateCell:   r.updateCell,
		CreateHeader: func() fyne.CanvasObject { return kit.NewBoldLine() },
		UpdateHeader: r.updateHeader,
	}
	r.table.ShowHeaderRow = true
	r.table.StickyColumnCount = 1
	r.table.ExtendBaseWidget(r.table)
	r.table.OnSelected = func(id widget.TableCellID) {
		r.table.UnselectAll()
		if v, ok := r.cell(id); ok && r.open != nil {
			r.open(v.ReleaseID)
		}
	}
	r.empty = kit.EmptyNote("Nothing has been deployed successfully yet: once a deployment succeeds, its version shows here.")
	r.panel = kit.NewTitledPanel(theme.GridIcon(), "What runs where", nil, container.NewStack(r.table, r.empty))
	return r
}

// set shows the matrix rw.
func (r *runsWhereTable) set(rw data.RunsWhere) {
	r.rw = rw
	// Each column is as wide as its widest name, so all fit when they can.
	widest := headerWidth("Environment")
	for _, e := range rw.Environments {
		widest = max(widest, headerWidth(e.Name))
	}
	r.table.SetColumnWidth(0, widest)
	for i, p := range rw.Products {
		r.table.SetColumnWidth(i+1, max(runsMinWidth, headerWidth(p.Name)))
	}
	r.empty.Hidden = len(rw.Cells) > 0
	r.empty.Refresh()
	r.panel.SetNote("the latest successful deployment of each product")
	r.table.Refresh()
}

func (r *runsWhereTable) cell(id widget.TableCellID) (data.RunningVersion, bool) {
	if id.Col < 1 || id.Row < 0 || id.Row >= len(r.rw.Environments) || id.Col > len(r.rw.Products) {
		return data.RunningVersion{}, false
	}
	return r.rw.Cell(r.rw.Environments[id.Row].ID, r.rw.Products[id.Col-1].ID)
}

func (r *runsWhereTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	switch {
	case id.Col == 0:
		l.SetText("Environment")
	case id.Col-1 < len(r.rw.Products):
		l.SetText(r.rw.Products[id.Col-1].Name)
	default:
		l.SetText("")
	}
}

func (r *runsWhereTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*runsCell)
	if id.Row >= len(r.rw.Environments) {
		return
	}
	if id.Col == 0 {
		c.setText(r.rw.Environments[id.Row].Name, "", true)
		return
	}
	v, ok := r.cell(id)
	if !ok {
		c.setText("—", "", false)
		return
	}
	c.setText(versionAndBuild(v.Version, v.Build), v.DeployedAt.In(time.Local).Format("2 Jan 2006 15:04"), true)
}

// versionAndBuild shows a version with its build when the build says more:
// "2.4.0 (rc.2)" for build 2.4.0-rc.2, "2.4.0" for build 2.4.0.
func versionAndBuild(version, build string) string {
	switch {
	case build == "" || build == version:
		return version
	case strings.HasPrefix(build, version+"-"), strings.HasPrefix(build, version+"+"):
		return version + " (" + build[len(version)+1:] + ")"
	}
	return version + " (" + build + ")"
}

// headerWidth is the width a bold header cell needs for text.
func headerWidth(text string) float32 {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l.MinSize().Width + 2*theme.Padding() // the table pads its cells too
}

// runsCell is a cell of the matrix: a bold line over a caption.
type runsCell struct {
	widget.BaseWidget
	main, sub *widget.Label
	box       fyne.CanvasObject
}

func newRunsCell() *runsCell {
	c := &runsCell{main: kit.NewBoldLine(), sub: kit.CaptionLabel()}
	c.box = container.New(kit.TightRows{}, c.main, c.sub)
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer shows the cell's two lines.
func (c *runsCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

func (c *runsCell) setText(main, sub string, strong bool) {
	c.main.TextStyle.Bold = strong
	c.main.Importance = widget.MediumImportance
	if !strong {
		c.main.Importance = widget.LowImportance
	}
	c.main.SetText(main)
	c.sub.SetText(sub)
}
