package roadmap

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	reportfiles "releasedesk/reports"
	"releasedesk/views/kit"
	viewsreports "releasedesk/views/reports"
)

// Formats offered by File > Export timeline…, in the order shown.
const (
	formatSlide = "PNG, one picture for a slide"
	formatPrint = "PDF, landscape pages for print"
)

// exportForm is the dialog of File > Export timeline…: the days, the
// product and the format, each problem shown under its field.
type exportForm struct {
	form     *kit.FieldForm
	from, to *kit.DayEntry
	product  *kit.Select
	format   *widget.RadioGroup
}

// ExportPicture asks which days and product to draw, for a slide or for
// print, then where to save the picture; it is drawn off the UI goroutine
// with the chart's own drawing, and the notice bar says where it went.
// The days and product start as the chart shows them.
func (s *Screen) ExportPicture() {
	f := s.newExportForm()
	kit.ShowFormDialog(s.Win, "Export timeline", "Choose file…", f.form.Box, f.form, 480, func() bool {
		req, bad := f.request()
		if bad != nil {
			return false
		}
		s.exportPicture(req, f.format.Selected == formatPrint)
		return true
	})
}

func (s *Screen) newExportForm() *exportForm {
	f := &exportForm{form: kit.NewFieldForm(), from: kit.NewDayEntry(), to: kit.NewDayEntry()}
	first, last := s.shownDays()
	f.from.SetDay(first)
	f.to.SetDay(last)
	f.product = kit.NewSelect(s.productFilter.Options, "")
	f.product.Selected = s.productFilter.Selected
	f.format = widget.NewRadioGroup([]string{formatSlide, formatPrint}, nil)
	f.format.Selected = formatSlide
	f.form.Add("From", "First day", f.from, "")
	f.form.Add("To", "Last day", f.to, "")
	f.form.Add("Product", "Product", f.product, "")
	f.form.Add("Format", "Format", f.format, "Every release with something in these days, finished ones too.")
	f.form.Check(func() *data.ValidationError {
		_, bad := f.request()
		return bad
	})
	return f
}

// shownDays are the first and last day the chart shows now.
func (s *Screen) shownDays() (data.Date, data.Date) {
	c := s.chart
	if c.Size().Width <= 0 { // not laid out yet: three months from the first of this one
		now := time.Now()
		first := data.NewDate(now.Year(), now.Month(), 1)
		return first, data.DateOf(first.Time(time.UTC).AddDate(0, 3, -1))
	}
	start := c.Start()
	width := max(c.Size().Width-min(c.LabelWidth, c.Size().Width/2), 1)
	end := start.Add(time.Duration(float64(width) / float64(c.Zoom()) * float64(24*time.Hour)))
	return data.DateOf(start.In(time.Local)), data.DateOf(end.In(time.Local))
}

// request reads the form into a picture request, with the problems of
// its fields (nil when there are none), which the form shows under them.
func (f *exportForm) request() (PictureRequest, *data.ValidationError) {
	var req PictureRequest
	var bad *data.ValidationError
	for _, d := range []struct {
		field string
		entry *kit.DayEntry
		day   *data.Date
	}{{"From", f.from, &req.From}, {"To", f.to, &req.To}} {
		if err := d.entry.Check(true); err != nil {
			bad = kit.Fields(bad, d.field, err.Error())
		}
		*d.day, _ = d.entry.Value()
	}
	if bad != nil {
		return req, bad
	}
	if err := req.Validate(); err != nil {
		return req, kit.Fields(nil, "To", err.Error())
	}
	if f.product.Selected != "" && f.product.Selected != kit.AllProducts {
		req.Products = []string{f.product.Selected}
	}
	return req, nil
}

// exportPicture asks where to save the picture and writes it there.
func (s *Screen) exportPicture(req PictureRequest, pdf bool) {
	ext := ".png"
	if pdf {
		ext = ".pdf"
	}
	name := fmt.Sprintf("Release timeline %s to %s%s", req.From, req.To, ext)
	x := &viewsreports.Exporter{Win: s.Win, Sched: s.Sched, Notify: s.Tell}
	x.Start(viewsreports.NewJob("the timeline of "+dayRange(req.From, req.To), name, "pages",
		func(ctx context.Context, path string, opts reportfiles.Options) error {
			r := req
			r.Progress, r.OnUI = opts.Progress, fyne.DoAndWait
			_, err := ExportPicture(ctx, s.store, path, r)
			return err
		}))
}
