package grpc

import (
	"context"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/timestamptz"
)

// TIMESTAMPTZ on the wire. Kite stores microseconds since the epoch, UTC.
// pymilvus 2.6 sends values (and default values) as ISO 8601 strings in
// string_data; the Go SDK v2.6 sends microseconds in timestamptz_data.
// Milvus accepts both, reads strings without an offset in the collection's
// time zone, and answers reads with ISO strings in string_data in the
// read's zone (timestamptz_out.go).

func parseTimestamptz(s string) (int64, error) { return timestamptz.Parse(s, time.UTC) }

// timestamptzValues reads a TIMESTAMPTZ column sent either way.
func timestamptzValues(sc *schemapb.ScalarField, zone *time.Location) ([]int64, error) {
	strs := sc.GetStringData().GetData()
	if len(strs) == 0 {
		return sc.GetTimestamptzData().GetData(), nil
	}
	out := make([]int64, len(strs))
	for i, s := range strs {
		v, err := timestamptz.Parse(s, zone)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// timestamptzStrings formats microseconds as Milvus answers them in UTC.
func timestamptzStrings(us []int64) []string { return timestamptz.FormatAll(us, time.UTC) }

// writeZone is the zone an insert reads offset-less strings in: the
// collection's, looked up only when a TIMESTAMPTZ column came as text.
func (s *Server) writeZone(ctx context.Context, db, coll string, fields []*schemapb.FieldData) (*time.Location, error) {
	for _, fd := range fields {
		if fd.GetType() == schemapb.DataType_Timestamptz && len(fd.GetScalars().GetStringData().GetData()) > 0 {
			return s.svc.Zone(ctx, service.Zone{DB: db, Collection: coll})
		}
	}
	return time.UTC, nil
}
