package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// On a PostgreSQL server the file's guarantees have these equivalents:
// busy is a lock held past lock_timeout (the store's busy wait); damage is
// the server's own business, so there is no quick check; read-only is a
// session whose transactions are read-only, or a role without the right to
// write; and no file backup is taken before a migration (pg_dump is the
// server's backup, see the README).

// serverPool is how many connections a store keeps to a server: enough for
// the dashboard's parts to run side by side.
const serverPool = 6

// ErrServer means a PostgreSQL server could not be used; see ServerError.
var ErrServer = errors.New("the database server cannot be used")

// ServerError says why a PostgreSQL server could not be reached or used.
// Location never holds a password.
type ServerError struct {
	Location string
	Reason   string
}

func (e *ServerError) Error() string { return e.Location + ": " + e.Reason }

func (e *ServerError) Unwrap() error { return ErrServer }

// serverConfig reads the URL location into a pgx configuration whose
// sessions keep instants in UTC and wait for locks as long as the store
// waits for a busy file.
func serverConfig(location string, readOnly bool) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		// The parser's message may quote the URL, password and all.
		return nil, &ServerError{Location: Redacted(location), Reason: "this is not a PostgreSQL URL such as postgres://user@host:5432/plan"}
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	cfg.RuntimeParams["lock_timeout"] = busyMillis()
	// Compiling a query costs tens of milliseconds, more than any query of
	// a plan's size takes to run: the dashboard's budget cannot afford it.
	cfg.RuntimeParams["jit"] = "off"
	// Each store's sessions have a name of their own, so that a watcher can
	// tell its store's announcements from everyone else's.
	cfg.RuntimeParams["application_name"] = "Release Desk " + sessionTag()
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	return cfg, nil
}

// sessionTag is a random name for one store's sessions.
func sessionTag() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// connectServer opens a pool of connections to the server and makes sure
// one can be had.
func connectServer(ctx context.Context, location string, readOnly bool) (*gorm.DB, *pgx.ConnConfig, error) {
	cfg, err := serverConfig(location, readOnly)
	if err != nil {
		return nil, nil, err
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(serverPool)
	sqlDB.SetConnMaxIdleTime(time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, nil, serverError(location, cfg, err)
	}
	db, err := openGorm(postgres.New(postgres.Config{Conn: sqlDB}))
	if err != nil {
		sqlDB.Close()
		return nil, nil, serverError(location, cfg, err)
	}
	return db, cfg, nil
}

// openServer opens the database a PostgreSQL URL names, as opt allows. A
// database that does not exist is never created (the server's administrator
// does that); an empty one is migrated when opt.Create allows.
func openServer(ctx context.Context, location string, opt OpenOptions) (*Store, error) {
	shown := Redacted(location)
	db, cfg, err := connectServer(ctx, location, opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	s := newStore(db, shown, "")
	s.server = &serverLink{location: location, config: cfg}
	s.readOnly = opt.ReadOnly
	s.verdict(nil) // the server keeps its own files sound: there is nothing to check
	tables, applied, err := s.serverSchema(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	switch {
	case tables == 0 && !opt.Create:
		err = fmt.Errorf("%s holds no tables: %w", shown, ErrNotReleaseDesk)
	case opt.ReadOnly && applied < len(migrations):
		err = &UpgradeError{Path: shown, Schema: applied, Current: len(migrations)}
	case opt.ReadOnly:
		return s, nil
	case tables == 0 || applied < len(migrations):
		err = s.migrate(ctx)
		if err == nil && applied > 0 {
			s.upgradedFrom = applied
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// serverSchema counts the tables of the database and the migrations
// recorded in it, refusing a database of something else or of a newer Release Desk.
func (s *Store) serverSchema(ctx context.Context) (tables, applied int, err error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return 0, 0, err
	}
	err = sqlDB.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").Scan(&tables)
	if err != nil {
		return 0, 0, serverError(s.server.location, s.server.config, err)
	}
	if tables == 0 {
		return 0, 0, nil
	}
	applied, err = appliedMigrations(ctx, sqlDB, s.path)
	return tables, applied, err
}

// serverLink is what a store on a server keeps to reach it again: the URL
// (which may hold the password, so it is never shown) and its configuration.
type serverLink struct {
	location string
	config   *pgx.ConnConfig
}

// IsServer reports whether the store is a database on a PostgreSQL server.
func (s *Store) IsServer() bool { return s.server != nil }

// serverError explains why the server at location refused or could not be
// reached, without the password.
func serverError(location string, cfg *pgx.ConnConfig, err error) error {
	shown := Redacted(location)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000":
			return &ServerError{Location: shown, Reason: fmt.Sprintf("the server refused to sign %s in: wrong password, or not allowed to connect from here", cfg.User)}
		case "3D000":
			return fmt.Errorf("%w: %s (the server has no database %q; its administrator creates it)", ErrNoDatabase, shown, cfg.Database)
		case "42501":
			return &ReadOnlyError{Path: shown, Reason: fmt.Sprintf("the role %s may not change it", cfg.User)}
		case "53300":
			return &ServerError{Location: shown, Reason: "the server has too many connections; try again later"}
		}
		return &ServerError{Location: shown, Reason: scrubPassword(pgErr.Message, location)}
	}
	if busyServer(err) {
		return ErrBusy
	}
	var netErr net.Error
	if errors.As(err, &netErr) || strings.Contains(err.Error(), "dial") || strings.Contains(err.Error(), "connect") {
		return &ServerError{Location: shown, Reason: "cannot reach the server (" + unreachableReason(err, location) + ")"}
	}
	return &ServerError{Location: shown, Reason: scrubPassword(err.Error(), location)}
}

// unreachableReason is the last part of a connection error, where the
// network says what went wrong (refused, no such host, timed out).
func unreachableReason(err error, location string) string {
	msg := scrubPassword(err.Error(), location)
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return strings.TrimSpace(msg)
}

// busyServer reports whether err is a lock not had within lock_timeout.
func busyServer(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "55P03" || pgErr.Code == "57014")
}

// retryableServer reports whether a transaction failed only because it met
// another at the wrong moment and may simply run again.
func retryableServer(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}

// serverTx runs fn in one transaction on the server, again when the server
// broke it off to resolve a deadlock or a serialization failure.
func (s *Store) serverTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	var err error
	for try := 0; try < 5; try++ {
		err = s.db.WithContext(ctx).Transaction(fn)
		if !retryableServer(err) {
			break
		}
		time.Sleep(time.Duration(try+1) * 20 * time.Millisecond)
	}
	switch {
	case busyServer(err):
		return ErrBusy
	case isReadOnlyServer(err):
		return fmt.Errorf("%s: %w", s.path, ErrReadOnly)
	}
	return err
}

func isReadOnlyServer(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "25006" || pgErr.Code == "42501")
}

// migrationLock is the advisory lock that keeps two programs from
// migrating one database at once: the second waits, then finds it done.
const migrationLock = 0x52_44_65_73_6b // "RDesk"

// lockMigrations takes the migration lock for the rest of tx.
func lockMigrations(tx *gorm.DB) error {
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLock).Error
}
