package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Changes made by others — another window, the command line, another
// person on the server — are announced to a store's watchers. On a server
// every change announces itself (a trigger on history calls NOTIFY in the
// change's own transaction) and a watcher LISTENs on a connection of its
// own. On a file a watcher polls SQLite's data_version on a connection of
// its own, which moves whenever another connection commits, and reads what
// changed from the history rows written since it last looked. Either way a
// store is not told of its own changes.

// ChangeNotice is one change someone else made: the record, the release it
// belongs to (0 for none) and who made it. A notice with no Entity means
// "something changed that history does not say": read everything again.
type ChangeNotice struct {
	Entity    string
	ID        uint
	ReleaseID uint
	Who       string
	Action    string
}

// Everything reports whether the notice asks for everything to be read again.
func (n ChangeNotice) Everything() bool { return n.Entity == "" }

// watchPoll is how often a watcher of a file looks for changes; tests shorten it.
var watchPoll = 400 * time.Millisecond

// Watch reports, until ctx ends, the changes others make to the database.
// Notices of one change come once (not once per field); when the reader
// falls behind, notices are merged into one that asks for everything. The
// channel is closed when ctx ends. The error says why watching could not start.
func (s *Store) Watch(ctx context.Context) (<-chan ChangeNotice, error) {
	out := newNoticeQueue()
	var run func(context.Context, *noticeQueue)
	if s.server != nil {
		conn, err := pgx.ConnectConfig(ctx, s.server.config)
		if err != nil {
			return nil, serverError(s.server.location, s.server.config, err)
		}
		if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
			conn.Close(context.Background())
			return nil, err
		}
		run = func(ctx context.Context, q *noticeQueue) { s.listen(ctx, conn, q) }
	} else {
		poll, err := s.startPolling(ctx)
		if err != nil {
			return nil, err
		}
		run = poll
	}
	s.own.watching(true)
	go func() {
		defer s.own.watching(false)
		run(ctx, out)
	}()
	return out.deliver(ctx), nil
}

// listen waits for the server's announcements on conn, connecting again
// (and asking for everything to be read again) when the connection drops.
func (s *Store) listen(ctx context.Context, conn *pgx.Conn, q *noticeQueue) {
	self := s.server.config.RuntimeParams["application_name"]
	defer func() { conn.Close(context.Background()) }()
	for ctx.Err() == nil {
		n, err := conn.WaitForNotification(ctx)
		if err == nil {
			if notice, ok := parseAnnouncement(n.Payload, self); ok {
				q.push(notice)
			}
			continue
		}
		if ctx.Err() != nil {
			return
		}
		conn.Close(context.Background())
		for ctx.Err() == nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			if conn, err = pgx.ConnectConfig(ctx, s.server.config); err != nil {
				continue
			}
			if _, err = conn.Exec(ctx, "LISTEN "+changesChannel); err == nil {
				q.push(ChangeNotice{}) // what happened while away is unknown
				break
			}
			conn.Close(context.Background())
		}
	}
}

// parseAnnouncement reads a payload of the history trigger (migration
// 0010); announcements of the session self are the store's own.
func parseAnnouncement(payload, self string) (ChangeNotice, bool) {
	parts := strings.SplitN(payload, "\n", 6)
	if len(parts) != 6 {
		return ChangeNotice{}, true
	}
	if parts[5] == self {
		return ChangeNotice{}, false
	}
	id, _ := strconv.ParseUint(parts[1], 10, 64)
	rel, _ := strconv.ParseUint(parts[2], 10, 64)
	return ChangeNotice{Entity: parts[0], ID: uint(id), ReleaseID: uint(rel), Who: parts[3], Action: parts[4]}, true
}

// startPolling opens the file watcher's connection and returns its loop.
func (s *Store) startPolling(ctx context.Context) (func(context.Context, *noticeQueue), error) {
	db, err := sql.Open("sqlite3", readerDSN(s.path))
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	var version int64
	var last sql.NullInt64
	err = conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version)
	if err == nil {
		err = conn.QueryRowContext(ctx, "SELECT max(id) FROM history").Scan(&last)
	}
	if err != nil {
		conn.Close()
		db.Close()
		return nil, err
	}
	return func(ctx context.Context, q *noticeQueue) {
		defer db.Close()
		defer conn.Close()
		after := last.Int64
		tick := time.NewTicker(watchPoll)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			var now int64
			if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&now); err != nil || now == version {
				continue
			}
			version = now
			next, err := s.readNewHistory(ctx, conn, after, q)
			if err == nil {
				after = next
			}
		}
	}, nil
}

// readNewHistory pushes a notice for each change recorded after history
// row after, other than the store's own, and returns the last row read.
func (s *Store) readNewHistory(ctx context.Context, conn *sql.Conn, after int64, q *noticeQueue) (int64, error) {
	rows, err := conn.QueryContext(ctx, "SELECT id, entity, entity_id, COALESCE(release_id, 0), COALESCE(who, ''), action FROM history WHERE id > ? ORDER BY id", after)
	if err != nil {
		return after, err
	}
	defer rows.Close()
	read := 0
	var found []ChangeNotice // a change writes a row per field: one notice for them all
	for rows.Next() {
		var id int64
		var n ChangeNotice
		if err := rows.Scan(&id, &n.Entity, &n.ID, &n.ReleaseID, &n.Who, &n.Action); err != nil {
			return after, err
		}
		after, read = id, read+1
		if !s.own.forget(id) && (len(found) == 0 || found[len(found)-1] != n) {
			found = append(found, n)
		}
	}
	if err := rows.Err(); err != nil {
		return after, err
	}
	for _, n := range found {
		q.push(n)
	}
	if read == 0 {
		q.push(ChangeNotice{}) // a change that left no history
	}
	return after, nil
}

// ownHistory remembers the history rows a store wrote while a watcher runs,
// so that the watcher of a file can tell the store's own changes.
type ownHistory struct {
	mu       sync.Mutex
	watchers int
	ids      map[int64]bool
}

func (o *ownHistory) watching(on bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if on {
		o.watchers++
	} else if o.watchers--; o.watchers == 0 {
		o.ids = nil
	}
}

// wrote notes history rows the store wrote, once their transaction is committed.
func (o *ownHistory) wrote(ids []int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.watchers == 0 {
		return
	}
	if o.ids == nil {
		o.ids = map[int64]bool{}
	}
	for _, id := range ids {
		o.ids[id] = true
	}
}

// historyWrittenKey holds, in a transaction's context, the ids of the
// history rows it wrote.
type historyWrittenKey struct{}

// noteWritten adds the ids of rows to what the transaction of ctx wrote.
func noteWritten(ctx context.Context, rows []History) {
	if ctx == nil {
		return
	}
	if ids, ok := ctx.Value(historyWrittenKey{}).(*[]int64); ok {
		for _, h := range rows {
			*ids = append(*ids, int64(h.ID))
		}
	}
}

// forget reports whether the store wrote history row id, and forgets it.
func (o *ownHistory) forget(id int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	mine := o.ids[id]
	delete(o.ids, id)
	return mine
}

// noticeQueue holds notices until the reader takes them: one per record,
// merged into one for everything when too many wait.
type noticeQueue struct {
	mu      sync.Mutex
	pending []ChangeNotice
	wake    chan struct{}
}

const noticeBacklog = 256

func newNoticeQueue() *noticeQueue { return &noticeQueue{wake: make(chan struct{}, 1)} }

func (q *noticeQueue) push(n ChangeNotice) {
	q.mu.Lock()
	switch {
	case len(q.pending) == 1 && q.pending[0].Everything():
	case n.Everything() || len(q.pending) >= noticeBacklog:
		q.pending = append(q.pending[:0], ChangeNotice{})
	default:
		for _, p := range q.pending {
			if p.Entity == n.Entity && p.ID == n.ID {
				q.mu.Unlock()
				return
			}
		}
		q.pending = append(q.pending, n)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// deliver hands the queued notices to a channel until ctx ends.
func (q *noticeQueue) deliver(ctx context.Context) <-chan ChangeNotice {
	ch := make(chan ChangeNotice)
	go func() {
		defer close(ch)
		for {
			q.mu.Lock()
			batch := q.pending
			q.pending = nil
			q.mu.Unlock()
			for _, n := range batch {
				select {
				case ch <- n:
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-q.wake:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}
