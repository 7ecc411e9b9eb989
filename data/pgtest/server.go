// Package pgtest gives tests a PostgreSQL server of their own: a private,
// throwaway one started with initdb and pg_ctl in a temporary folder and
// reached over a Unix socket in that folder, or the server named by the
// RELEASEDESK_TEST_PG environment variable. Each test gets a fresh database
// copied from a migrated template, which is far faster than migrating anew.
//
// The package never imports Release Desk's data package: the caller hands
// it the function that migrates the template.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvServer names a server to use instead of starting one: a PostgreSQL URL
// of a role that may create databases, e.g. postgres://me@localhost/postgres.
const EnvServer = "RELEASEDESK_TEST_PG"

// Server is a PostgreSQL server the tests of one test binary share.
type Server struct {
	// admin is the URL of the server's maintenance database, where databases are made.
	admin *url.URL
	// prefix starts the name of every database this binary makes, so that
	// two test binaries on one named server never meet.
	prefix string
	made   atomic.Int64
	// template is the migrated database new ones are copied from.
	template string
	// stop ends a private server and removes its folder; nil for a named server.
	stop func() error
	mu   sync.Mutex
	// passwords is set when PasswordRole exists.
	passwords bool
	// perCopy runs in each copy of the template.
	perCopy string
}

// Start starts a private server, or connects to the one RELEASEDESK_TEST_PG
// names. The error says why neither could be had.
func Start(ctx context.Context) (*Server, error) {
	prefix := fmt.Sprintf("rdtest_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	if named := os.Getenv(EnvServer); named != "" {
		u, err := url.Parse(named)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, fmt.Errorf("%s is not a postgres:// URL", EnvServer)
		}
		s := &Server{admin: u, prefix: prefix}
		if err := s.ping(ctx); err != nil {
			return nil, err
		}
		return s, nil
	}
	return startPrivate(ctx, prefix)
}

// startPrivate runs initdb and pg_ctl in a new temporary folder.
func startPrivate(ctx context.Context, prefix string) (*Server, error) {
	bin, err := binaries()
	if err != nil {
		return nil, err
	}
	owner, err := serverOwner()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(reachableTemp(owner), "releasedesk-pg-")
	if err != nil {
		return nil, err
	}
	if owner != nil {
		if err := os.Chown(dir, owner.uid, owner.gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	cluster := filepath.Join(dir, "cluster")
	run := func(name string, args ...string) error {
		cmd := exec.CommandContext(ctx, filepath.Join(bin, name), args...)
		cmd.Dir = dir
		owner.apply(cmd)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", name, err, lastLines(string(out), 5))
		}
		return nil
	}
	if err := run("initdb", "-D", cluster, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := requirePassword(cluster, owner); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// Durability is worth nothing to a server thrown away at the end.
	options := "-k " + dir + " -c listen_addresses= -p 5432 -F -c full_page_writes=off -c synchronous_commit=off -c max_connections=200"
	if err := run("pg_ctl", "-D", cluster, "-o", options, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop, err := watchdog(dir, cluster)
	if err != nil {
		killServer(cluster)
		os.RemoveAll(dir)
		return nil, err
	}
	admin := &url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/postgres", RawQuery: url.Values{"host": {dir}}.Encode()}
	s := &Server{admin: admin, prefix: prefix, stop: stop}
	if err := s.ping(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	if err := s.exec(ctx, "CREATE ROLE "+PasswordRole+" LOGIN CREATEDB PASSWORD '"+RolePassword+"'"); err != nil {
		s.Stop()
		return nil, err
	}
	s.passwords = true
	return s, nil
}

// PasswordRole is a role of a private server that must sign in with
// RolePassword, for tests of what a wrong password does; everyone else is trusted.
const (
	PasswordRole = "rd_signin"
	RolePassword = "correct-horse-battery"
)

// requirePassword makes the private server ask PasswordRole for its password.
func requirePassword(cluster string, owner *account) error {
	hba := filepath.Join(cluster, "pg_hba.conf")
	old, err := os.ReadFile(hba)
	if err != nil {
		return err
	}
	rule := "local all " + PasswordRole + " scram-sha-256\n"
	if err := os.WriteFile(hba, append([]byte(rule), old...), 0o600); err != nil {
		return err
	}
	if owner != nil {
		return os.Chown(hba, owner.uid, owner.gid)
	}
	return nil
}

// SignIn is the URL of database name for PasswordRole with password, or
// "" on a server this binary did not start (whose roles it does not know).
func (s *Server) SignIn(name, password string) string {
	if !s.passwords {
		return ""
	}
	u := *s.admin
	u.User = url.UserPassword(PasswordRole, password)
	u.Path = "/" + name
	return u.String()
}

// Stop drops what this binary made on a named server, or stops a private
// server and removes its folder.
func (s *Server) Stop() error {
	if s.stop != nil {
		return s.stop()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin.String())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE $1", s.prefix+"%")
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range names {
		if name == s.template {
			_, err := conn.Exec(ctx, "ALTER DATABASE "+pgx.Identifier{name}.Sanitize()+" WITH is_template false")
			errs = append(errs, err)
		}
		_, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// URL is the address of database name on the server.
func (s *Server) URL(name string) string {
	u := *s.admin
	u.Path = "/" + name
	return u.String()
}

// Prepare makes the template every new database is copied from, migrated
// by migrate, which is handed the template's URL; perCopy, when not empty,
// runs in each copy (to give it what must be its own, such as an identity).
func (s *Server) Prepare(ctx context.Context, migrate func(url string) error, perCopy string) error {
	name := s.prefix + "_template"
	if err := s.exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return err
	}
	if err := migrate(s.URL(name)); err != nil {
		return fmt.Errorf("migrate the template database: %w", err)
	}
	if err := s.exec(ctx, "ALTER DATABASE "+pgx.Identifier{name}.Sanitize()+" WITH is_template true"); err != nil {
		return err
	}
	s.template, s.perCopy = name, perCopy
	return nil
}

// NewDatabase makes a fresh database, a copy of the template when there is
// one (else empty), and returns its URL; drop removes it again.
func (s *Server) NewDatabase(ctx context.Context) (dbURL string, drop func() error, err error) {
	return s.newDatabase(ctx, s.template)
}

// NewEmptyDatabase makes a database with no tables at all.
func (s *Server) NewEmptyDatabase(ctx context.Context) (dbURL string, drop func() error, err error) {
	return s.newDatabase(ctx, "")
}

func (s *Server) newDatabase(ctx context.Context, template string) (string, func() error, error) {
	name := fmt.Sprintf("%s_%d", s.prefix, s.made.Add(1))
	stmt := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		// A file copy of a small template beats writing it through the log.
		stmt += " TEMPLATE " + pgx.Identifier{template}.Sanitize() + " STRATEGY FILE_COPY"
	}
	// Copies of one template are made one at a time: the server allows no
	// one else in the template while it is copied.
	s.mu.Lock()
	err := s.exec(ctx, stmt)
	if err != nil && template != "" && strings.Contains(err.Error(), "STRATEGY") {
		err = s.exec(ctx, strings.TrimSuffix(stmt, " STRATEGY FILE_COPY")) // a server older than PostgreSQL 15
	}
	s.mu.Unlock()
	if err != nil {
		return "", nil, err
	}
	if template != "" && s.perCopy != "" {
		if err := s.execIn(ctx, name, s.perCopy); err != nil {
			return "", nil, err
		}
	}
	drop := func() error {
		return s.exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	}
	return s.URL(name), drop, nil
}

// Grant gives role every right on the tables and sequences of database name,
// as a server's administrator would for the people of a team.
func (s *Server) Grant(ctx context.Context, name, role string) error {
	who := pgx.Identifier{role}.Sanitize()
	return s.execIn(ctx, name, "GRANT ALL ON ALL TABLES IN SCHEMA public TO "+who+"; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "+who)
}

// execIn runs stmt in database name as the administrator.
func (s *Server) execIn(ctx context.Context, name, stmt string) error {
	u := *s.admin
	u.Path = "/" + name
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, stmt)
	return err
}

func (s *Server) exec(ctx context.Context, stmt string) error {
	conn, err := pgx.Connect(ctx, s.admin.String())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, stmt)
	return err
}

func (s *Server) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.exec(ctx, "SELECT 1"); err != nil {
		return fmt.Errorf("the test PostgreSQL server does not answer: %w", err)
	}
	return nil
}

// binaries finds the folder of initdb and pg_ctl: on the PATH, else where
// Debian's postgresql package puts them (the newest version).
func binaries() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	slices.SortFunc(found, func(a, b string) int { return majorOf(a) - majorOf(b) })
	if len(found) == 0 {
		return "", errors.New("no PostgreSQL server programs (initdb, pg_ctl) found: install Debian's postgresql package (make deps does) or set " + EnvServer)
	}
	return filepath.Dir(found[len(found)-1]), nil
}

func majorOf(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// account is the user a private server runs as when the tests run as root,
// which PostgreSQL refuses to be; nil means the tests' own user.
type account struct{ uid, gid int }

func serverOwner() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("the tests run as root and there is no postgres user to run the test server as: install Debian's postgresql package (make deps does)")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &account{uid, gid}, nil
}

// reachableTemp is the system's temporary folder, or /tmp when the server's
// user could not reach a folder inside it.
func reachableTemp(owner *account) string {
	dir := os.TempDir()
	if owner == nil {
		return dir
	}
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil || info.Mode().Perm()&0o001 == 0 {
			return "/tmp"
		}
		if d == filepath.Dir(d) {
			return dir
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
