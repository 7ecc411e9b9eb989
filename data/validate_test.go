package data

import (
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"
)

// fieldsOf lists the fields a validation error names, "" when err is nil.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	v, ok := AsValidation(err)
	if !ok {
		t.Fatalf("not a validation error: %v", err)
	}
	var out []string
	for _, f := range v.Fields {
		out = append(out, f.Field+": "+f.Message)
	}
	return out
}

// fieldNames keeps the field of each "field: message" line.
func fieldNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.SplitN(l, ":", 2)[0])
	}
	return out
}

// TestValidateReleaseIsTheSaveRule: every bad release the form can describe
// gets the same problems from ValidateRelease as from SaveRelease, with no
// dry-run save.
func TestValidateReleaseIsTheSaveRule(t *testing.T) {
	f := newFixture(t)
	p := f.product("Payments")
	good := Release{ProductID: p.ID, Version: "2.4.0", Title: "Checkout", Type: TypeMinor, Status: StatusPlanned,
		Risk: RiskMedium, CodeFreeze: NewDate(2026, 6, 10), PlannedRelease: NewDate(2026, 6, 20)}
	tests := []struct {
		name   string
		change func(r *Release)
		want   []string // field names with problems
	}{
		{"good", func(*Release) {}, nil},
		{"no risk means low", func(r *Release) { r.Risk = "" }, nil},
		{"blank version and title", func(r *Release) { r.Version, r.Title = "  ", "" }, []string{"Version", "Title"}},
		{"unknown type, status and risk", func(r *Release) { r.Type, r.Status, r.Risk = "big", "shipped", "huge" }, []string{"Type", "Status", "Risk"}},
		{"freeze after release", func(r *Release) { r.CodeFreeze = NewDate(2026, 6, 21) }, []string{"CodeFreeze"}},
		{"planned without a date", func(r *Release) { r.PlannedRelease, r.CodeFreeze = Date{}, Date{} }, []string{"PlannedRelease"}},
		{"released without a date", func(r *Release) { r.Status = StatusReleased }, []string{"ActualRelease"}},
		{"no product", func(r *Release) { r.ProductID = 0 }, []string{"Product"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			tt.change(&r)
			before := r
			got := fieldsOf(t, ValidateRelease(r))
			if r != before {
				t.Errorf("ValidateRelease changed its argument")
			}
			if fields := fieldNames(got); !slices.Equal(fields, tt.want) {
				t.Errorf("fields %q, want %v", got, tt.want)
			}
			saved := r
			saveErr := f.s.SaveRelease(f.ctx, &saved)
			if len(tt.want) == 0 {
				if saveErr != nil {
					t.Fatalf("a release ValidateRelease accepts is refused: %v", saveErr)
				}
				if _, err := f.s.DeleteRelease(f.ctx, saved.ID); err != nil {
					t.Fatal(err)
				}
				return
			}
			if s := fieldsOf(t, saveErr); !slices.Equal(s, got) {
				t.Errorf("SaveRelease says %q, ValidateRelease %q", s, got)
			}
		})
	}
}

func TestValidateEmailAsTyped(t *testing.T) {
	for _, ok := range []string{"", "  ", "dana@example.com", " dana@example.com "} {
		if err := ValidateEmail(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"dana", "dana at example.com", "Dana <dana@example.com>", "dana@example.com, lee@example.com"} {
		if err := ValidateEmail(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzValidateEmailAsTyped: an address ValidateEmail accepts is a bare address
// that reads back as itself, so the store keeps what the form showed.
func FuzzValidateEmailAsTyped(f *testing.F) {
	for _, seed := range []string{"dana@example.com", " x@y ", "<a@b>", "a@b (c)", "\"q\"@example.com", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateEmail(s) != nil {
			return
		}
		trimmed := strings.TrimSpace(s)
		if trimmed == "" {
			return
		}
		a, err := mail.ParseAddress(trimmed)
		if err != nil || a.Name != "" || a.Address != trimmed {
			t.Errorf("%q accepted but reads back as %+v, %v", s, a, err)
		}
	})
}

// FuzzVersionKey: keys order as CompareVersions, and consistently (a
// before b exactly when b after a).
func FuzzVersionKey(f *testing.F) {
	for _, seed := range [][2]string{{"2.4.0", "2.10.0"}, {"v2.4", "2.4.0"}, {"R42", "2.4.0"}, {"2026.12", "2026.9"}, {"1.0.0-rc.1", "1.0.0"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ka, kb := NewVersionKey(a), NewVersionKey(b)
		if got, want := ka.Compare(kb), CompareVersions(a, b); got != want {
			t.Errorf("Compare(%q, %q) = %d, CompareVersions %d", a, b, got, want)
		}
		if ka.Compare(kb) != -kb.Compare(ka) {
			t.Errorf("%q and %q order one way and the other", a, b)
		}
	})
}

// FuzzValidateRelease: any version and title the form may hold are judged
// without a panic, and an accepted one has no spaces around it to lose.
func FuzzValidateRelease(f *testing.F) {
	for _, seed := range [][2]string{{"2.4.0", "Checkout"}, {" 2.4 ", "  "}, {"R42", "x"}, {"", ""}, {"1.0.0-\x00", "\t"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, version, title string) {
		r := Release{ProductID: 1, Version: version, Title: title, Type: TypeMinor, Status: StatusDraft}
		err := ValidateRelease(r)
		if err == nil && (strings.TrimSpace(version) == "" || strings.TrimSpace(title) == "") {
			t.Errorf("version %q, title %q accepted", version, title)
		}
		if err != nil {
			if _, ok := AsValidation(err); !ok {
				t.Errorf("not a validation error: %v", err)
			}
		}
	})
}

// TestValidateFreezeWindowIsTheSaveRule: a freeze window form asks
// ValidateFreezeWindow instead of a save that it hopes fails; both say the
// same of every bad window.
func TestValidateFreezeWindowIsTheSaveRule(t *testing.T) {
	f := newFixture(t)
	qa := f.env("QA", KindTest)
	good := FreezeWindow{Name: "Year end", Start: testClock, End: testClock.Add(48 * time.Hour), Environments: []Environment{qa}}
	tests := []struct {
		name   string
		change func(fw *FreezeWindow)
		want   []string
	}{
		{"good", func(*FreezeWindow) {}, nil},
		{"no name", func(fw *FreezeWindow) { fw.Name = " " }, []string{"Name"}},
		{"end before start", func(fw *FreezeWindow) { fw.End = fw.Start.Add(-1) }, []string{"End"}},
		{"no environment", func(fw *FreezeWindow) { fw.Environments = nil }, []string{"Environments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := good
			tt.change(&fw)
			got := fieldsOf(t, ValidateFreezeWindow(fw))
			if fields := fieldNames(got); !slices.Equal(fields, tt.want) {
				t.Errorf("fields %q, want %v", got, tt.want)
			}
			saved := fw
			saveErr := f.s.SaveFreezeWindow(f.ctx, &saved)
			if len(tt.want) == 0 {
				if saveErr != nil {
					t.Fatalf("a window ValidateFreezeWindow accepts is refused: %v", saveErr)
				}
				return
			}
			if s := fieldsOf(t, saveErr); !slices.Equal(s, got) {
				t.Errorf("SaveFreezeWindow says %q, ValidateFreezeWindow %q", s, got)
			}
		})
	}
}
