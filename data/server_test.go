package data

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"releasedesk/data/pgtest"
)

func TestRedacted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/home/dana/plan.db", "/home/dana/plan.db"},
		{"postgres://dana@db.example.com:5432/plan", "postgres://dana@db.example.com:5432/plan"},
		{"postgres://dana:s3cret@db.example.com/plan", "postgres://dana:xxxxx@db.example.com/plan"},
		{"postgresql://dana:p%40ss%3Aw0rd@db/plan?sslmode=require", "postgresql://dana:xxxxx@db/plan?sslmode=require"},
		{"POSTGRES://dana:s3cret@db/plan", "postgres://dana:xxxxx@db/plan"},
		{"postgres://db/plan?user=dana&password=s3cret", "postgres://db/plan?password=xxxxx&user=dana"},
		{"postgres://dana:s3cret@db/plan\x7f", "postgres://(a URL that cannot be read)"},
	}
	for _, tt := range tests {
		if got := Redacted(tt.in); got != tt.want {
			t.Errorf("Redacted(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Location(tt.in).String(); got != tt.want {
			t.Errorf("Location(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzRedacted checks that a location typed by a user never shows a
// password once redacted, whatever it holds.
func FuzzRedacted(f *testing.F) {
	for _, seed := range []string{"postgres://a:b@h/d", "postgresql://u:p%40@h:1/d?password=x", "plan.db", "postgres://:@/", "postgres://u:pw@[::1/d"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, location string) {
		shown := Redacted(location)
		if !IsServerLocation(location) {
			if shown != location {
				t.Fatalf("a file path changed: %q -> %q", location, shown)
			}
			return
		}
		u, err := url.Parse(location)
		if err != nil {
			// Only the scheme is kept; the rest is the fixed note, which may
			// itself hold the text typed ("postgres://a " holds "a ").
			scheme := location[:strings.Index(location, "://")+3]
			if shown != scheme+"(a URL that cannot be read)" {
				t.Fatalf("an unreadable URL was shown: %q", shown)
			}
			return
		}
		again, err := url.Parse(shown)
		if err != nil {
			t.Fatalf("the redacted %q cannot be read: %v", shown, err)
		}
		if pw, has := again.User.Password(); has && pw != passwordMask {
			t.Fatalf("%q shows password %q", shown, pw)
		}
		if q := again.Query().Get("password"); q != "" && q != passwordMask {
			t.Fatalf("%q shows password %q", shown, q)
		}
		_, had := u.User.Password()
		if _, has := again.User.Password(); had != has {
			t.Fatalf("%q lost or gained its password part: %q", location, shown)
		}
	})
}

// serverOnly skips a test of what only a server has on the SQLite run.
func serverOnly(t *testing.T) *pgtest.Server {
	t.Helper()
	if pgtest.Engine() != pgtest.Postgres {
		t.Skip("about PostgreSQL servers; runs on the PostgreSQL run")
	}
	return pgtest.Shared()
}

// TestServerErrorsHideThePassword provokes every error a person can meet
// opening a server and checks that none shows the password.
func TestServerErrorsHideThePassword(t *testing.T) {
	srv := serverOnly(t)
	existing := pgtest.Database(t)
	name := existing[strings.LastIndex(existing, "/")+1 : strings.Index(existing, "?")]
	const wrong = "Tr0ub4dor-and-3"
	tests := []struct {
		name     string
		location string
		want     error
		says     string
	}{
		{"unreachable host", "postgres://dana:" + wrong + "@127.0.0.1:1/plan?connect_timeout=5", ErrServer, "cannot reach the server"},
		{"not a URL", "postgres://dana:" + wrong + "@db:port/plan", ErrServer, "not a PostgreSQL URL"},
		{"password in the query", "postgres://127.0.0.1:1/plan?user=dana&password=" + wrong + "&connect_timeout=5", ErrServer, "cannot reach"},
	}
	if signIn := srv.SignIn(name, wrong); signIn != "" {
		tests = append(tests,
			struct {
				name     string
				location string
				want     error
				says     string
			}{"wrong password", signIn, ErrServer, "wrong password"},
			struct {
				name     string
				location string
				want     error
				says     string
			}{"no such database", srv.SignIn("no_such_plan", pgtest.RolePassword), ErrNoDatabase, "no_such_plan"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, open := range []func(context.Context, string) (*Store, error){Open, OpenReadOnly, OpenExisting} {
				s, err := open(context.Background(), tt.location)
				if err == nil {
					s.Close()
					t.Fatal("opened")
				}
				if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
					t.Errorf("got %v, want %v saying %q", err, tt.want, tt.says)
				}
				for _, secret := range []string{wrong, pgtest.RolePassword} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error shows the password: %v", err)
					}
				}
			}
		})
	}
}

// TestServerStoreShowsNoPassword checks the store's own name for itself.
func TestServerStoreShowsNoPassword(t *testing.T) {
	srv := serverOnly(t)
	existing := pgtest.Database(t)
	u, _ := url.Parse(existing)
	name := strings.TrimPrefix(u.Path, "/")
	if err := srv.Grant(context.Background(), name, pgtest.PasswordRole); err != nil {
		t.Skip("cannot grant the password role here:", err)
	}
	location := srv.SignIn(name, pgtest.RolePassword)
	if location == "" {
		t.Skip("the named test server has no password role")
	}
	s, err := Open(context.Background(), location)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.IsServer() || strings.Contains(s.Path(), pgtest.RolePassword) || !strings.Contains(s.Path(), "xxxxx") {
		t.Errorf("the store calls itself %q", s.Path())
	}
	if err := s.SaveProduct(context.Background(), &Product{Name: "Payments"}); err != nil {
		t.Fatalf("a signed-in role with the rights to the tables cannot save: %v", err)
	}
}

// TestServerReadOnly checks that a read-only open of a server refuses
// every write, and that a role without rights is named as such.
func TestServerReadOnly(t *testing.T) {
	serverOnly(t)
	location := pgtest.Database(t)
	s, err := OpenReadOnly(context.Background(), location)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveProduct(context.Background(), &Product{Name: "Payments"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a read-only store saved: %v", err)
	}
	// The session itself refuses, should a write get past the store.
	if err := s.db.Exec("INSERT INTO products (name, created_at, updated_at) VALUES ('x', now(), now())").Error; err == nil {
		t.Error("the read-only session wrote")
	}
}

// TestServerEmptyDatabase checks that opening an empty database on a
// server migrates it only when creating is allowed.
func TestServerEmptyDatabase(t *testing.T) {
	serverOnly(t)
	location := pgtest.EmptyDatabase(t)
	if _, err := OpenExisting(context.Background(), location); !errors.Is(err, ErrNotReleaseDesk) {
		t.Fatalf("OpenExisting of an empty database: %v", err)
	}
	if _, err := OpenReadOnly(context.Background(), location); !errors.Is(err, ErrNotReleaseDesk) {
		t.Fatalf("OpenReadOnly of an empty database: %v", err)
	}
	// Two programs opening it at once: one migrates, the other waits and finds it done.
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			s, err := Open(context.Background(), location)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("opening an empty database twice at once: %v", err)
		}
	}
	s := openTestStore(t, location)
	var n int
	if err := s.db.Raw("SELECT count(*) FROM " + migrationTable).Scan(&n).Error; err != nil || n != SchemaVersion() {
		t.Fatalf("%d migrations recorded (%v), want %d", n, err, SchemaVersion())
	}
}

// TestCheckSaysWhatDoesNotApplyOnAServer: check --all on a server says that
// SQLite's checks of its file were not run, rather than passing them by in silence.
func TestCheckSaysWhatDoesNotApplyOnAServer(t *testing.T) {
	s := newTestStore(t)
	res, err := Check(context.Background(), s, CheckScope{All: true}, func(Finding) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	onServer := pgtest.Engine() == pgtest.Postgres
	if says := strings.Contains(res.Summary(), "do not apply on a PostgreSQL server"); says != onServer {
		t.Errorf("summary %q on %s", res.Summary(), pgtest.Engine())
	}
}
