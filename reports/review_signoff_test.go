package reports

import (
	"testing"

	"releasedesk/data"
)

// factValue finds label in the Summary's key facts and returns the value beside it.
func factValue(t *testing.T, path, label string) string {
	t.Helper()
	rows, err := openBook(t, path).GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for i := 0; i+1 < len(row); i++ {
			if row[i] == label {
				return row[i+1]
			}
		}
	}
	t.Fatalf("the Summary has no %q", label)
	return ""
}

// TestReviewSignOffsLeaveOutInformed reproduces issue 12: the workbook
// counted the Informed as sign-offs ("Approvals 2 of 3") and listed them as
// "Pending", while the Stakeholders tab says they are not asked.
func TestReviewSignOffsLeaveOutInformed(t *testing.T) {
	d := reviewFixture() // Responsible and Accountable approved; Lena Vogel is Informed
	d.Stakeholders = append(d.Stakeholders,
		data.ReleaseStakeholder{ID: 4, Stakeholder: data.Stakeholder{ID: 4, Name: "Kai Brandt"}, Role: data.RoleConsulted, Approval: data.ApprovalRejected,
			ApprovalComment: "no load test"},
		data.ReleaseStakeholder{ID: 5, Stakeholder: data.Stakeholder{ID: 5, Name: "Mo Said"}, Role: data.RoleInformed, Approval: data.ApprovalApproved})
	path := writeReviewFile(t, d)
	if got, want := factValue(t, path, "Approvals"), "2 of 3 approved, 1 rejected"; got != want {
		t.Errorf("Approvals %q, want %q", got, want)
	}
	rows, err := openBook(t, path).GetRows(SheetStakeholders)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Dana Whitfield": "Approved", "Omar Haddad": "Approved", "Lena Vogel": "Not asked",
		"Kai Brandt": "Rejected", "Mo Said": "Approved"}
	seen := 0
	for _, row := range rows[1:] {
		if w, ok := want[row[0]]; ok {
			seen++
			if row[2] != w {
				t.Errorf("%s (%s): approval %q, want %q", row[0], row[1], row[2], w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("the Stakeholders sheet lists %d of the %d people: %q", seen, len(want), rows)
	}
}

// TestReviewSignOffsWhenNobodyIsAsked: a release with only Informed people
// asks nobody, and says so instead of "0 of 0".
func TestReviewSignOffsWhenNobodyIsAsked(t *testing.T) {
	d := reviewFixture()
	d.Stakeholders = d.Stakeholders[2:] // Lena Vogel, Informed
	if got, want := factValue(t, writeReviewFile(t, d), "Approvals"), "nobody is asked to sign off"; got != want {
		t.Errorf("Approvals %q, want %q", got, want)
	}
}
