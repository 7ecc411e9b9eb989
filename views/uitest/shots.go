package uitest

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// ShotsDirEnv names the folder the screenshot tests write their PNGs to. The
// screenshot tests are built only with the shots tag; `make shots` sets both.
const ShotsDirEnv = "SHOTS_DIR"

// ShotsDir is the folder the screenshot tests write to, made when missing; a
// screenshot test run without it set fails, since it would show no one anything.
func ShotsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(ShotsDirEnv)
	if dir == "" {
		t.Fatalf("set %s to the folder the screenshots go to (make shots does)", ShotsDirEnv)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// SaveShot writes what w shows to name (a .png file name) in ShotsDir.
func SaveShot(t testing.TB, w fyne.Window, name string) {
	t.Helper()
	path := filepath.Join(ShotsDir(t), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
	t.Log("wrote", path)
}
