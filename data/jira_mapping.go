package data

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/Masterminds/semver/v3"
)

// How Jira's words map onto Release Desk's: issue types onto kinds, and
// workflow statuses onto the four statuses of a work item. Jira lets every
// site name its own types and statuses, so the common names of Jira Cloud,
// Server and Data Center and of the usual templates are listed, and the
// rest fall back to a safe default the import preview shows.

// jiraWord is a Jira name without case, spaces or punctuation: "Sub-task" is "subtask".
func jiraWord(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

var jiraKinds = map[string]WorkItemKind{
	"bug": WorkFix, "defect": WorkFix, "incident": WorkFix, "problem": WorkFix, "error": WorkFix, "hotfix": WorkFix,
	"productionbug": WorkFix, "regression": WorkFix,
	"story": WorkFeature, "userstory": WorkFeature, "newfeature": WorkFeature, "feature": WorkFeature, "epic": WorkFeature,
	"requirement": WorkFeature, "featurerequest": WorkFeature,
	"improvement": WorkImprovement, "enhancement": WorkImprovement, "change": WorkImprovement, "changerequest": WorkImprovement,
	"refactoring": WorkImprovement, "performance": WorkImprovement,
	"security": WorkSecurity, "vulnerability": WorkSecurity, "securitybug": WorkSecurity, "securityissue": WorkSecurity,
	"securityvulnerability": WorkSecurity, "cve": WorkSecurity,
	"task": WorkTask, "subtask": WorkTask, "technicaltask": WorkTask, "spike": WorkTask, "chore": WorkTask,
	"techdebt": WorkTask, "technicaldebt": WorkTask, "documentation": WorkTask, "test": WorkTask,
}

// JiraKind maps a Jira issue type onto a work item kind: Bug to fix,
// Story and New Feature to feature, Improvement to improvement, Security
// and Vulnerability to security, Task and Sub-task to task, and their usual
// synonyms. A type it does not know is a task, with known false.
func JiraKind(issueType string) (kind WorkItemKind, known bool) {
	if k, ok := jiraKinds[jiraWord(issueType)]; ok {
		return k, true
	}
	return WorkTask, false
}

var (
	jiraDropped = map[string]bool{
		"cancelled": true, "canceled": true, "rejected": true, "declined": true, "wontdo": true, "wontfix": true,
		"abandoned": true, "obsolete": true, "duplicate": true, "cannotreproduce": true, "notabug": true, "invalid": true,
		"incomplete": true,
	}
	jiraDone = map[string]bool{
		"done": true, "closed": true, "resolved": true, "released": true, "complete": true, "completed": true,
		"fixed": true, "shipped": true, "deployed": true, "verified": true, "accepted": true,
	}
	jiraRunning = map[string]bool{
		"inprogress": true, "inreview": true, "indevelopment": true, "codereview": true, "review": true, "intesting": true,
		"testing": true, "qa": true, "inqa": true, "readyforqa": true, "readyfortest": true, "readyforrelease": true,
		"readytodeploy": true, "development": true, "doing": true, "implementing": true, "blocked": true,
		"awaitingdeployment": true, "inverification": true, "underreview": true,
	}
)

// JiraStatus maps an issue's status, status category (Jira Cloud exports
// "To Do", "In Progress" or "Done") and resolution onto a work item status:
// a resolution such as Won't Do or Duplicate, or a status such as Rejected,
// is dropped; Done, Closed or Resolved (or the Done category) is done; In
// Progress, In Review and the like (or that category) is in progress;
// anything else, To Do, Open, Backlog or Reopened, is open.
func JiraStatus(status, category, resolution string) WorkItemStatus {
	st, cat, res := jiraWord(status), jiraWord(category), jiraWord(resolution)
	switch {
	case jiraDropped[res], jiraDropped[st]:
		return WorkDropped
	case cat == "done", jiraDone[st]:
		return WorkDone
	case cat == "inprogress", jiraRunning[st]:
		return WorkInProgress
	}
	return WorkOpen
}

// jiraVersionName turns a Jira version name into a release version: spaces
// trimmed, and the product's name in front ("Payments 2.4.0") dropped.
func jiraVersionName(name, product string) string {
	name = strings.TrimSpace(name)
	if product != "" && len(name) > len(product)+1 && strings.EqualFold(name[:len(product)], product) && name[len(product)] == ' ' {
		name = strings.TrimSpace(name[len(product)+1:])
	}
	return name
}

// versionMatchKey compares versions as Jira teams write them: without case
// and without a leading "v" ("v2.4.0" is 2.4.0).
func versionMatchKey(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	return v
}

// releaseTypeOf guesses a new release's type from its version: x.0.0 is a
// major release, x.y.0 a minor one, anything else a patch.
func releaseTypeOf(version string) ReleaseType {
	v, err := semver.NewVersion(version)
	switch {
	case err != nil:
		return TypeMinor
	case v.Minor() == 0 && v.Patch() == 0:
		return TypeMajor
	case v.Patch() == 0:
		return TypeMinor
	}
	return TypePatch
}

// versionProblem says why a Jira version cannot become a release, or "".
func versionProblem(version string) string {
	if version == "" {
		return "is empty"
	}
	if len(version) > 40 {
		return fmt.Sprintf("%q is longer than 40 characters", version)
	}
	if _, err := semver.NewVersion(version); err != nil {
		return fmt.Sprintf("%q is not a version such as 2.4.0", version)
	}
	return ""
}
