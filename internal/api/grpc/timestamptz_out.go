package grpc

import (
	"context"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/timestamptz"
)

// tszView is how a read shows TIMESTAMPTZ values: ISO strings in zone, or,
// with the time_fields parameter, each value's components in zone as an
// Int64 array (Milvus turns the column into DataType Array then).
type tszView struct {
	zone  *time.Location
	parts []timestamptz.Part
}

// readView reads the "timezone" and "time_fields" parameters of a query or
// search (the first of params that has each: hybrid searches carry them in
// rank_params or, as pymilvus sends them, in each sub-request) and
// resolves the zone against the collection.
func (s *Server) readView(ctx context.Context, db, coll string, params ...[]*commonpb.KeyValuePair) (tszView, error) {
	var zone, fields string
	for _, kvs := range params {
		p := unquoted(kvMap(kvs))
		if zone == "" {
			zone = p[timestamptz.PropertyKey]
		}
		if fields == "" {
			fields = p["time_fields"]
		}
	}
	var v tszView
	var err error
	if v.parts, err = timestamptz.ParseFields(fields); err != nil {
		return v, apierr.Invalid("%v", err)
	}
	v.zone, err = s.svc.Zone(ctx, service.Zone{DB: db, Collection: coll, Requested: zone})
	return v, err
}

// apply rewrites the TIMESTAMPTZ columns of fds (built from cols) in the
// view; UTC strings, the default, are already there.
func (v tszView) apply(fds []*schemapb.FieldData, cols []service.OutputColumn) {
	if len(v.parts) == 0 && (v.zone == nil || v.zone == time.UTC) {
		return
	}
	for i, oc := range cols {
		if oc.Field.DataType != schema.Timestamptz || i >= len(fds) {
			continue
		}
		us := oc.Col.Ints
		if len(v.parts) == 0 {
			fds[i].Field = &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_StringData{
				StringData: &schemapb.StringArray{Data: timestamptz.FormatAll(us, v.zone)}}}}
			continue
		}
		aa := &schemapb.ArrayArray{ElementType: schemapb.DataType_Int64, Data: make([]*schemapb.ScalarField, len(us))}
		for r, x := range us {
			aa.Data[r] = &schemapb.ScalarField{Data: &schemapb.ScalarField_LongData{LongData: &schemapb.LongArray{Data: timestamptz.Extract(x, v.zone, v.parts)}}}
		}
		fds[i].Type = schemapb.DataType_Array
		fds[i].Field = &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_ArrayData{ArrayData: aa}}}
	}
}
