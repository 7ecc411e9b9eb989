package data

import (
	"net/url"
	"strings"
)

// A database is either a file or a database on a PostgreSQL server named by
// a URL: postgres://user@host:5432/plan or postgresql://... (a password may
// be in the URL, though ~/.pgpass or PGPASSWORD keeps it out of the command
// line). Wherever a location is shown — titles, logs, history, errors — it
// is shown without its password.

// Location is where a database is: a file path or a PostgreSQL URL. Its
// String never shows a password.
type Location string

// IsServer reports whether the location is a PostgreSQL URL rather than a file.
func (l Location) IsServer() bool { return IsServerLocation(string(l)) }

// String is the location as it may be shown: a file path as it is, a URL
// with its password (in the user part or the query) replaced by xxxxx.
func (l Location) String() string { return Redacted(string(l)) }

// IsServerLocation reports whether location is a postgres:// or postgresql:// URL.
func IsServerLocation(location string) bool {
	lower := strings.ToLower(location)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// passwordMask stands where a password was.
const passwordMask = "xxxxx"

// Redacted is location without its password, for showing; a file path is
// returned as it is. A URL that cannot be read is shown only by its scheme,
// since any part of it might be the password.
func Redacted(location string) string {
	if !IsServerLocation(location) {
		return location
	}
	u, err := url.Parse(location)
	if err != nil {
		return location[:strings.Index(location, "://")+3] + "(a URL that cannot be read)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), passwordMask)
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", passwordMask)
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// scrubPassword removes the password of location from text, in case a
// driver's message quotes it; text without it is returned as it is.
func scrubPassword(text, location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return strings.ReplaceAll(text, location, Redacted(location))
	}
	secrets := []string{u.Query().Get("password")}
	if pw, has := u.User.Password(); has {
		secrets = append(secrets, pw, url.QueryEscape(pw), url.PathEscape(pw))
	}
	for _, secret := range secrets {
		if len(secret) >= 1 {
			text = strings.ReplaceAll(text, secret, passwordMask)
		}
	}
	return text
}
