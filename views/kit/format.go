package kit

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"releasedesk/data"
)

// FormatDate shows a calendar day as "2 Mar 2026", or "—" when it is not set.
func FormatDate(d data.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// FormatCount writes n with thousands separators: 2,000.
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// AllProducts is the choice of a product filter that lets every product through.
const AllProducts = "All products"

// Count says "1 release" or "3 releases".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return FormatCount(n) + " " + noun + "s"
}

// PeopleCount says "1 person" or "25 people".
func PeopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return FormatCount(n) + " people"
}

// ProductNames lists the products' names, in order.
func ProductNames(ps []data.Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// LabelsOf lists the labels of values, in order, as a choice offers them.
func LabelsOf[T any](values []T, label func(T) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

// ValueOf finds the value whose label is shown; the zero value when none is.
func ValueOf[T any](values []T, label func(T) string, shown string) T {
	i := slices.IndexFunc(values, func(v T) bool { return label(v) == shown })
	if i < 0 {
		var zero T
		return zero
	}
	return values[i]
}
