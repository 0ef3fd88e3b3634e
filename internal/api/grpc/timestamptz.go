package grpc

import (
	"fmt"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
)

// TIMESTAMPTZ on the wire. Kite stores microseconds since the epoch, UTC.
// pymilvus 2.6 sends values (and default values) as ISO 8601 strings in
// string_data; the Go SDK v2.6 sends microseconds in timestamptz_data.
// Milvus accepts both and answers queries and searches with ISO strings
// in string_data; Kite formats them in UTC, microseconds without trailing
// zeros: 2025-01-01T16:00:00Z.

// isoLayouts are the ISO 8601 forms accepted on insert; a value without an
// offset is UTC.
var isoLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02",
}

func parseTimestamptz(s string) (int64, error) {
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixMicro(), nil
		}
	}
	return 0, fmt.Errorf("invalid timestamptz value %q: want an ISO 8601 timestamp such as 2025-05-01T23:59:59+08:00", s)
}

// timestamptzValues reads a TIMESTAMPTZ column sent either way.
func timestamptzValues(sc *schemapb.ScalarField) ([]int64, error) {
	strs := sc.GetStringData().GetData()
	if len(strs) == 0 {
		return sc.GetTimestamptzData().GetData(), nil
	}
	out := make([]int64, len(strs))
	for i, s := range strs {
		v, err := parseTimestamptz(s)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// timestamptzStrings formats microseconds as Milvus answers them.
func timestamptzStrings(us []int64) []string {
	out := make([]string, len(us))
	for i, v := range us {
		out[i] = time.UnixMicro(v).UTC().Format(time.RFC3339Nano)
	}
	return out
}
