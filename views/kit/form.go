package kit

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"releasedesk/data"
)

// Narrow keeps a short input, such as a count, at a width that suits its content.
func Narrow(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, FixedWidth(150, o), nil)
}

// ParseCount reads a whole number of 0 or more, such as a test count or minutes of downtime.
func ParseCount(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, fmt.Errorf("is required (0 or more)")
	}
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
			return 0, fmt.Errorf("must be a whole number")
		}
		return 0, fmt.Errorf("must be a number like 12")
	}
	if n < 0 {
		return 0, fmt.Errorf("must not be negative")
	}
	return n, nil
}

// ValidateCount is ParseCount as an entry's validator.
func ValidateCount(s string) error {
	_, err := ParseCount(s)
	return err
}

// ProblemText turns a store message into a sentence: "Title is required".
func ProblemText(label, msg string) string {
	for _, verb := range []string{"is ", "must ", "cannot ", "does ", "has ", "already "} {
		if strings.HasPrefix(msg, verb) {
			return label + " " + msg
		}
	}
	if msg == "" {
		return label + " is not valid"
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// RequiredText refuses a text that is empty or only spaces.
func RequiredText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("is required")
	}
	return nil
}

// MergeProblems lists first's problems, then second's for fields first does not mention.
func MergeProblems(first, second *data.ValidationError) *data.ValidationError {
	out := &data.ValidationError{}
	if first != nil {
		out.Fields = append(out.Fields, first.Fields...)
	}
	for _, f := range second.Fields {
		if first == nil || first.Message(f.Field) == "" {
			out.Fields = append(out.Fields, f)
		}
	}
	return out
}

// RenameField returns v with the problems of field from moved to field to,
// e.g. a new product's Name problem shown under the release's Product field.
func RenameField(v *data.ValidationError, from, to string) *data.ValidationError {
	out := &data.ValidationError{Fields: make([]data.FieldError, len(v.Fields))}
	for i, f := range v.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields[i] = f
	}
	return out
}

// AllProducts is the choice of a product filter that lets every product through.
const AllProducts = "All products"

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
