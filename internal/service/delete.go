package service

import (
	"context"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
	"github.com/kite-db/kite/internal/shard"
)

// Delete is a delete-by-filter request.
type Delete struct {
	DB, Collection, Partition string
	Filter                    string
	Templates                 map[string]any
}

// Delete removes the rows that match the filter now. The keys are resolved
// at one timestamp and deleted at a later one, so rows inserted meanwhile
// with the same keys are deleted too, as in Milvus.
func (s *Service) Delete(ctx context.Context, req Delete) (*MutationResult, error) {
	if err := s.guard.check(); err != nil {
		return nil, err
	}
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Filter) == "" {
		return nil, apierr.Invalid("delete plan can't be empty or always true : %s", req.Filter)
	}
	partID := int64(segment.AllPartitions)
	var parts []int64
	if req.Partition != "" {
		p := col.PartitionByName(req.Partition)
		if p == nil {
			return nil, apierr.PartitionNotFound(req.Partition)
		}
		partID, parts = p.ID, []int64{p.ID}
	}
	e, err := compileExpr(deletePlan, col, req.Filter, req.Templates, nil)
	if err != nil {
		return nil, err
	}
	sh, err := s.liveShard(col)
	if err != nil {
		return nil, err
	}
	pk := col.Schema.PrimaryKey()
	if vals, ok := e.PKTerms(pk.ID); ok {
		return s.deleteKeys(ctx, sh, partID, pk, vals)
	}
	if !col.Loaded { // a filter other than primary keys reads the data, which must be loaded
		return nil, apierr.CollectionNotLoaded(col.Name)
	}
	what := "delete from collection " + col.Name
	snap, err := sh.Snapshot(ctx, s.oracle.Next(), parts)
	if err != nil {
		return nil, readError(what, err)
	}
	matches, err := query.Collect(ctx, snap.Views, asFilter(e))
	if err != nil {
		snap.Release()
		return nil, readError(what, err)
	}
	refs := sortByPK(matches, pk)
	keys := query.Gather(refs, pk.ID, newColumn(pk))
	snap.Release()
	if keys.Len() == 0 {
		return &MutationResult{IDs: keys, Timestamp: s.oracle.Next()}, nil
	}
	ts, err := sh.Delete(ctx, partID, keys)
	if err != nil {
		return nil, writeError(err)
	}
	return &MutationResult{IDs: keys, Timestamp: ts, Count: keys.Len()}, nil
}

// deleteKeys deletes primary keys as given, found or not, and counts them
// all, as Milvus does for a filter of keys only.
func (s *Service) deleteKeys(ctx context.Context, sh *shard.Shard, partID int64, pk *schema.Field, vals []any) (*MutationResult, error) {
	keys := newColumn(pk)
	for _, v := range vals {
		switch x := v.(type) {
		case int64:
			keys.Ints = append(keys.Ints, x)
		case string:
			keys.Strings = append(keys.Strings, x)
		}
	}
	if keys.Len() == 0 {
		return &MutationResult{IDs: keys, Timestamp: s.oracle.Next()}, nil
	}
	ts, err := sh.Delete(ctx, partID, keys)
	if err != nil {
		return nil, writeError(err)
	}
	return &MutationResult{IDs: keys, Timestamp: ts, Count: keys.Len()}, nil
}

// Flush names the collections whose growing data to seal.
type Flush struct {
	DB          string
	Collections []string
}

// Flush seals the growing data of collections and returns, per
// collection name, the IDs of its sealed segments.
func (s *Service) Flush(ctx context.Context, req Flush) (map[string][]int64, error) {
	out := map[string][]int64{}
	for _, name := range req.Collections {
		_, col, err := s.collection(req.DB, name)
		if err != nil {
			return nil, err
		}
		sh, err := s.liveShard(col)
		if err != nil {
			return nil, err
		}
		if err := sh.Flush(ctx); err != nil {
			return nil, writeError(err)
		}
		sealed, _ := sh.Segments()
		for _, seg := range sealed {
			out[name] = append(out[name], seg.ID)
		}
	}
	return out, nil
}
