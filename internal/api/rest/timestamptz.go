package rest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/timestamptz"
)

// TIMESTAMPTZ over REST, as over gRPC: values come in as ISO 8601 strings
// (text without an offset is read in the collection's time zone) or as
// microseconds since the epoch, and go out as ISO strings in the
// collection's zone ("2025-01-01T08:00:00+08:00"; "Z" for UTC).

// parseTimestamp reads one inserted value.
func parseTimestamp(v json.RawMessage, zone *time.Location) (int64, error) {
	if n, err := parseInt(v); err == nil {
		return n, nil
	}
	n, err := timestamptz.Parse(unquote(v), zone)
	if err != nil {
		return 0, fmt.Errorf("expected microseconds or an ISO 8601 time, got %s", shorten(v))
	}
	return n, nil
}

// isoTimestamps replaces the microseconds of TIMESTAMPTZ fields in rows
// (built by outputRows from cols) with ISO strings in the collection's zone.
func isoTimestamps(c *call, db, coll string, rows []map[string]any, cols []service.OutputColumn) error {
	var zone *time.Location
	for _, oc := range cols {
		if oc.Field.DataType != schema.Timestamptz {
			continue
		}
		if zone == nil {
			var err error
			if zone, err = c.svc.Zone(c.ctx, service.Zone{DB: db, Collection: coll}); err != nil {
				return err
			}
		}
		for i, row := range rows {
			if !oc.Col.IsNull(i) {
				row[oc.Field.Name] = timestamptz.Format(oc.Col.Ints[i], zone)
			}
		}
	}
	return nil
}
