package data

import (
	"errors"
	"time"
)

// What happened cannot have happened later than now: a deployment's actual
// start and end, a rollback's start and finish, a go/no-go decision and a
// sign-off are recorded as past. Planned times are free to lie ahead.

// clockGrace is how far past the store's clock a recorded time may lie: a
// form proposes the current minute, and a minute typed in may run a little
// ahead of the clock by the time it is saved.
const clockGrace = time.Minute

// errInFuture is the message of a recorded time later than now.
var errInFuture = errors.New("cannot be in the future")

// CheckRecordedTime checks a time something happened against now: it
// cannot lie in the future (a minute's grace aside). A zero time passes,
// since whether one is required is the form's and the store's other rule.
// The store applies the same rule to what it records, with its own clock.
func CheckRecordedTime(at, now time.Time) error {
	if !at.IsZero() && at.After(now.Add(clockGrace)) {
		return errInFuture
	}
	return nil
}

// recordedTimes checks each named time against the store's clock and
// returns a *ValidationError naming those in the future, or nil.
func (s *Store) recordedTimes(times ...namedTime) error {
	var p problems
	now := s.Now()
	for _, t := range times {
		if t.at == nil {
			continue
		}
		if err := CheckRecordedTime(*t.at, now); err != nil {
			p.add(t.field, "%s", err)
		}
	}
	return p.err()
}

// namedTime is a recorded time with the field it is shown under; a nil at is not set.
type namedTime struct {
	field string
	at    *time.Time
}

// recorded names a time for recordedTimes.
func recorded(field string, at *time.Time) namedTime { return namedTime{field: field, at: at} }
