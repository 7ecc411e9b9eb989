package portfolio

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"releasedesk/views/uitest"
)

// TestPortfolioDialogsKeysFocusAndLayout checks the environment, freeze
// window and person dialogs as issue 13 asks of every dialog (see
// uitest.CheckFormDialog): Escape cancels, Enter confirms, the focus
// starts in the first field, Tab follows the eye and messages move nothing.
func TestPortfolioDialogsKeysFocusAndLayout(t *testing.T) {
	t.Run("environment", func(t *testing.T) {
		f := newEnvFixture(t, "Dev")
		f.Tap("Add environment")
		f.CheckFormDialog("Name", nil, func() int { return len(f.names()) })
	})
	t.Run("freeze window", func(t *testing.T) {
		f := newEnvFixture(t, "Dev", "Production")
		f.Tap("New freeze window")
		f.CheckFormDialog("Name", nil, func() int { return len(f.freezeWindows()) })
	})
	t.Run("person", func(t *testing.T) {
		f := newPeopleFixture(t)
		f.show()
		f.Tap("Add person")
		f.CheckFormDialog("Name", nil, func() int { return len(f.directory()) })
	})
}

// TestFreezeEndMessageGoesWhenRight reproduces issue 13 #4 for the freeze
// window: "End must be after the start" stayed after the end was put right.
// It shows once the end is typed wrong, and after Create, and goes the
// moment the end is right; the untouched name says nothing until Create.
func TestFreezeEndMessageGoesWhenRight(t *testing.T) {
	f := newEnvFixture(t, "Dev", "Production")
	f.Tap("New freeze window")
	at := func(d, h int) time.Time { return time.Date(2026, time.December, d, h, 0, 0, 0, time.Local) }
	f.TypeTime("Start", at(20, 0))
	f.TypeTime("End", at(19, 0))
	if m := f.Message("End"); m != "End must be after the start" {
		t.Errorf("an end typed before the start says %q", m)
	}
	if m := f.Message("Name"); m != "" {
		t.Errorf("the untouched name says %q", m)
	}
	f.Tap("Create")
	if m := f.Message("End"); !f.DialogOpen() || m != "End must be after the start" {
		t.Fatalf("Create with the end before the start: dialog open %v, End says %q", f.DialogOpen(), m)
	}
	f.TypeTime("End", at(22, 0))
	if m := f.Message("End"); m != "" {
		t.Errorf("the end put right still says %q", m)
	}
	f.TypeIn("Name", "Year end")
	if m := f.Message("Name"); m != "" {
		t.Errorf("the name given still says %q", m)
	}
	uitest.Key(f.Win, fyne.KeyReturn) // the focus is still in the first field, where Enter confirms
	if f.DialogOpen() || len(f.freezeWindows()) != 1 {
		t.Errorf("Enter on the finished form: dialog open %v, %d windows", f.DialogOpen(), len(f.freezeWindows()))
	}
}
