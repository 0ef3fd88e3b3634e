package timestamptz

import (
	"fmt"
	"time"
)

// Offsets beyond these are refused, as Milvus does: real zones span
// UTC-12:00 to UTC+14:00.
const (
	maxOffset = 14 * 3600
	minOffset = -12 * 3600
)

// withOffset are the ISO 8601 forms that carry their own offset.
var withOffset = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00"}

// naive are the forms without an offset, read in the applicable zone.
var naive = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"}

// Parse reads an ISO 8601 timestamp as microseconds since the epoch. Text
// without an offset is wall-clock time in loc (nil means UTC).
func Parse(s string, loc *time.Location) (int64, error) {
	for _, l := range withOffset {
		if t, err := time.Parse(l, s); err == nil {
			if _, off := t.Zone(); off > maxOffset || off < minOffset {
				return 0, fmt.Errorf("invalid timestamptz value %q: UTC offset hour %d is out of the valid range [-12, 14]", s, off/3600)
			}
			return t.UnixMicro(), nil
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, l := range naive {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UnixMicro(), nil
		}
	}
	return 0, fmt.Errorf("invalid timestamptz value %q: want an ISO 8601 timestamp such as 2025-05-01T23:59:59+08:00", s)
}

// Format writes microseconds as Milvus answers them: RFC 3339 in loc (nil
// means UTC), microseconds without trailing zeros, "Z" for UTC and the
// zone's offset otherwise: 2025-01-01T08:00:00+08:00.
func Format(us int64, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return time.UnixMicro(us).In(loc).Format(time.RFC3339Nano)
}

// FormatAll formats a column.
func FormatAll(us []int64, loc *time.Location) []string {
	out := make([]string, len(us))
	for i, v := range us {
		out[i] = Format(v, loc)
	}
	return out
}
