package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/service"
)

func (s *Server) writeRequest(ctx context.Context, db, coll, part string, fields []*schemapb.FieldData, numRows uint32) (service.Write, error) {
	w := service.Write{DB: dbName(ctx, db), Collection: coll, Partition: part, NumRows: int(numRows),
		Columns: make(map[string]*column.Column, len(fields))}
	zone, err := s.writeZone(ctx, w.DB, coll, fields)
	if err != nil {
		return w, err
	}
	for _, fd := range fields {
		name := fd.GetFieldName()
		if fd.GetIsDynamic() {
			name = "$meta"
		}
		if _, dup := w.Columns[name]; dup {
			return w, apierr.Invalid("duplicated field name %s in the insert request", name)
		}
		c, err := columnFromFieldData(fd, zone)
		if err != nil {
			return w, err
		}
		w.Columns[name] = c
	}
	return w, nil
}

func (s *Server) Insert(ctx context.Context, req *milvuspb.InsertRequest) (*milvuspb.MutationResult, error) {
	w, err := s.writeRequest(ctx, req.GetDbName(), req.GetCollectionName(), req.GetPartitionName(), req.GetFieldsData(), req.GetNumRows())
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	w.SchemaTs = req.GetSchemaTimestamp()
	res, err := s.svc.Insert(ctx, w)
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	return &milvuspb.MutationResult{Status: status(nil), IDs: idsFromColumn(res.IDs), InsertCnt: int64(res.Count),
		SuccIndex: succIndex(res.Count), Timestamp: res.Timestamp}, nil
}

func (s *Server) Upsert(ctx context.Context, req *milvuspb.UpsertRequest) (*milvuspb.MutationResult, error) {
	w, err := s.writeRequest(ctx, req.GetDbName(), req.GetCollectionName(), req.GetPartitionName(), req.GetFieldsData(), req.GetNumRows())
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	w.SchemaTs = req.GetSchemaTimestamp()
	if w.Ops, err = fieldOps(req.GetFieldOps()); err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	w.Partial = req.GetPartialUpdate() || len(w.Ops) > 0
	res, err := s.svc.Upsert(ctx, w)
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	return &milvuspb.MutationResult{Status: status(nil), IDs: idsFromColumn(res.IDs), UpsertCnt: int64(res.Count),
		SuccIndex: succIndex(res.Count), Timestamp: res.Timestamp}, nil
}

// fieldOps reads an upsert's partial-update ops by field name.
func fieldOps(in []*schemapb.FieldPartialUpdateOp) (map[string]service.FieldOp, error) {
	if len(in) == 0 {
		return nil, nil
	}
	ops := make(map[string]service.FieldOp, len(in))
	for _, fo := range in {
		name := fo.GetFieldName()
		if name == "" {
			return nil, apierr.Invalid("FieldPartialUpdateOp.field_name is required")
		}
		if _, dup := ops[name]; dup {
			return nil, apierr.Invalid("duplicate partial-update op for field %q", name)
		}
		switch fo.GetOp() {
		case schemapb.FieldPartialUpdateOp_REPLACE:
			ops[name] = service.OpReplace
		case schemapb.FieldPartialUpdateOp_ARRAY_APPEND:
			ops[name] = service.OpArrayAppend
		case schemapb.FieldPartialUpdateOp_ARRAY_REMOVE:
			ops[name] = service.OpArrayRemove
		default:
			return nil, apierr.Invalid("unsupported partial update op: %s", fo.GetOp())
		}
	}
	return ops, nil
}

func succIndex(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}

func (s *Server) Delete(ctx context.Context, req *milvuspb.DeleteRequest) (*milvuspb.MutationResult, error) {
	tmpl, err := templateValues(req.GetExprTemplateValues())
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	res, err := s.svc.Delete(ctx, service.Delete{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(),
		Partition: req.GetPartitionName(), Filter: req.GetExpr(), Templates: tmpl})
	if err != nil {
		return &milvuspb.MutationResult{Status: status(err)}, nil
	}
	// Milvus reports only the count of a delete, not the keys.
	return &milvuspb.MutationResult{Status: status(nil), IDs: &schemapb.IDs{}, DeleteCnt: int64(res.Count), Timestamp: res.Timestamp}, nil
}

func (s *Server) Flush(ctx context.Context, req *milvuspb.FlushRequest) (*milvuspb.FlushResponse, error) {
	db := dbName(ctx, req.GetDbName())
	segs, err := s.svc.Flush(ctx, service.Flush{DB: db, Collections: req.GetCollectionNames()})
	if err != nil {
		return &milvuspb.FlushResponse{Status: status(err)}, nil
	}
	ts := s.svc.Oracle().Next()
	resp := &milvuspb.FlushResponse{Status: status(nil), DbName: db, CollSegIDs: map[string]*schemapb.LongArray{},
		FlushCollSegIDs: map[string]*schemapb.LongArray{}, CollSealTimes: map[string]int64{}, CollFlushTs: map[string]uint64{}}
	for _, name := range req.GetCollectionNames() {
		resp.CollSegIDs[name] = &schemapb.LongArray{Data: segs[name]}
		resp.FlushCollSegIDs[name] = &schemapb.LongArray{Data: segs[name]}
		resp.CollSealTimes[name] = int64(ts >> 18 / 1000)
		resp.CollFlushTs[name] = ts
	}
	return resp, nil
}

// GetFlushState is always flushed: Kite's Flush returns after sealing.
func (s *Server) GetFlushState(ctx context.Context, req *milvuspb.GetFlushStateRequest) (*milvuspb.GetFlushStateResponse, error) {
	return &milvuspb.GetFlushStateResponse{Status: status(nil), Flushed: true}, nil
}

func (s *Server) GetFlushAllState(ctx context.Context, req *milvuspb.GetFlushAllStateRequest) (*milvuspb.GetFlushAllStateResponse, error) {
	return &milvuspb.GetFlushAllStateResponse{Status: status(nil), Flushed: true}, nil
}

var _ = commonpb.Status{}
