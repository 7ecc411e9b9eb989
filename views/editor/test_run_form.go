package editor

// The form that records or corrects one test run of a release.

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"releasedesk/data"
	"releasedesk/views/kit"
)

// testRunForm edits one test run, each field checked next to itself.
type testRunForm struct {
	form                    *kit.FieldForm
	env                     *widget.Select
	suite                   *widget.SelectEntry
	passed, failed, skipped *widget.Entry
	at                      *kit.TimeEntry
	notes                   *widget.Entry
	envs                    []data.Environment
}

func newTestRunForm(envs []data.Environment, suites []string) *testRunForm {
	f := &testRunForm{form: kit.NewFieldForm(), envs: envs, at: kit.NewTimeEntry()}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	f.env = widget.NewSelect(names, nil)
	f.env.PlaceHolder = "Choose an environment"
	f.suite = widget.NewSelectEntry(suites)
	f.suite.PlaceHolder = "e.g. Regression"
	count := func() *widget.Entry {
		e := &widget.Entry{Validator: kit.ValidateCount, PlaceHolder: "0"}
		e.ExtendBaseWidget(e)
		return e
	}
	f.passed, f.failed, f.skipped = count(), count(), count()
	f.passed.PlaceHolder = "e.g. 120"
	f.notes = kit.LimitText(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: "Build tested, link to the report, known flaky tests"}, data.MaxNoteLength)
	f.notes.ExtendBaseWidget(f.notes)
	f.notes.SetMinRowsVisible(3)
	f.form.Add("Environment", "Environment", f.env, "")
	f.form.Add("Suite", "Suite", f.suite, "")
	f.form.Add("Passed", "Passed", kit.Narrow(f.passed), "")
	f.form.Add("Failed", "Failed", kit.Narrow(f.failed), "")
	f.form.Add("Skipped", "Skipped", kit.Narrow(f.skipped), "")
	f.form.Add("RunAt", "Run at", f.at.Object(), "")
	f.form.Add("Notes", "Notes", f.notes, "")
	for field, e := range map[string]*widget.Entry{"Passed": f.passed, "Failed": f.failed, "Skipped": f.skipped} {
		f.form.Watch(field, e)
	}
	f.form.Watch("RunAt", f.at.Clock)
	return f
}

func (f *testRunForm) fill(r data.TestRun) {
	f.env.ClearSelected()
	for _, e := range f.envs {
		if e.ID == r.EnvironmentID {
			f.env.SetSelected(e.Name)
		}
	}
	f.suite.SetText(r.Suite)
	f.passed.SetText(fmt.Sprint(r.Passed))
	f.failed.SetText(fmt.Sprint(r.Failed))
	f.skipped.SetText(fmt.Sprint(r.Skipped))
	f.at.Set(r.RunAt)
	kit.SetLimitedText(f.notes, r.Notes, data.MaxNoteLength)
	f.form.Clear()
}

// collect reads the run the form describes on top of base; it shows each
// problem next to its field and reports whether there were none.
func (f *testRunForm) collect(base data.TestRun) (data.TestRun, bool) {
	f.form.Clear()
	r := base
	ok := true
	bad := func(field, msg string) {
		f.form.Problem(field, msg)
		ok = false
	}
	r.EnvironmentID = 0
	for _, e := range f.envs {
		if e.Name == f.env.Selected {
			r.EnvironmentID = e.ID
		}
	}
	if r.EnvironmentID == 0 {
		bad("Environment", "is required")
	}
	if r.Suite = strings.TrimSpace(f.suite.Text); r.Suite == "" {
		bad("Suite", "is required")
	}
	counted := true
	for _, c := range []struct {
		field string
		in    *widget.Entry
		dst   *int
	}{{"Passed", f.passed, &r.Passed}, {"Failed", f.failed, &r.Failed}, {"Skipped", f.skipped, &r.Skipped}} {
		n, err := kit.ParseCount(c.in.Text)
		if err != nil {
			bad(c.field, err.Error())
			counted = false
		}
		*c.dst = n
	}
	if counted && r.Passed+r.Failed+r.Skipped == 0 {
		bad("Passed", "is 0 like failed and skipped: a run counts at least one test")
	}
	at, err := f.at.Value()
	if err == nil && at.IsZero() {
		err = fmt.Errorf("is required")
	}
	if err != nil {
		bad("RunAt", err.Error())
	}
	r.RunAt = at
	r.Notes = strings.TrimSpace(f.notes.Text)
	return r, ok
}

// suiteNames lists the suites already recorded for the release, then common ones, without repeats.
func suiteNames(runs []data.TestRun) []string {
	var out []string
	for _, r := range runs {
		if !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, r.Suite) }) {
			out = append(out, r.Suite)
		}
	}
	slices.Sort(out)
	for _, s := range []string{"Smoke", "Regression", "API contract", "UI end-to-end", "Performance", "Security scan"} {
		if !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, s) }) {
			out = append(out, s)
		}
	}
	return out
}
