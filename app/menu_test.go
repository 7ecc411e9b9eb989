package app

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestMetadataComesFromFyneAppToml(t *testing.T) {
	text, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseMetadata(text)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != appName || m.ID != appID {
		t.Errorf("FyneApp.toml names %q (%s); the window says %q (%s)", m.Name, m.ID, appName, appID)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Version) || m.Build < 1 {
		t.Errorf("version %q build %d, want a version like 1.2.3 and a build of 1 or more", m.Version, m.Build)
	}
	if !m.Migrations["fyneDo"] {
		t.Error("FyneApp.toml does not declare the fyneDo migration the build tag migrated_fynedo assumes")
	}
}

func TestMetadataRefusesAnIncompleteFile(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"no version", "[Details]\nName = \"Release Desk\"\nID = \"dev.releasedesk.app\"\n", "[Details] has no Version"},
		{"no id", "[Details]\nName = \"Release Desk\"\nVersion = \"1.0.0\"\n", "[Details] has no ID"},
		{"empty", "", "[Details] has no Name"},
		{"not toml", "[Details\nName = ", "FyneApp.toml: toml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if _, err := parseMetadata([]byte(c.text)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}
