package timestamptz

import (
	"fmt"
	"strings"
	"time"
)

// Part is one component time_fields extracts.
type Part uint8

const (
	Year Part = iota
	Month
	Day
	Hour
	Minute
	Second
	Microsecond
)

var partNames = map[string]Part{
	"year": Year, "month": Month, "day": Day, "hour": Hour,
	"minute": Minute, "second": Second, "microsecond": Microsecond,
}

// ParseFields reads the time_fields parameter, names separated by commas
// or spaces ("year, month, day"), in any case. An empty list means no
// extraction.
func ParseFields(s string) ([]Part, error) {
	names := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	out := make([]Part, 0, len(names))
	for _, n := range names {
		p, ok := partNames[strings.ToLower(n)]
		if !ok {
			return nil, fmt.Errorf("unsupported field for extraction: %s, fields should be seprated by ',' or ' '", n)
		}
		out = append(out, p)
	}
	return out, nil
}

// Extract returns the parts of one value as wall-clock time in loc.
func Extract(us int64, loc *time.Location, parts []Part) []int64 {
	if loc == nil {
		loc = time.UTC
	}
	t := time.UnixMicro(us).In(loc)
	out := make([]int64, len(parts))
	for i, p := range parts {
		switch p {
		case Year:
			out[i] = int64(t.Year())
		case Month:
			out[i] = int64(t.Month())
		case Day:
			out[i] = int64(t.Day())
		case Hour:
			out[i] = int64(t.Hour())
		case Minute:
			out[i] = int64(t.Minute())
		case Second:
			out[i] = int64(t.Second())
		case Microsecond:
			out[i] = int64(t.Nanosecond() / 1000)
		}
	}
	return out
}
