package service

import (
	"context"
	"sort"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/shard"
)

// Query is a scalar query request.
type Query struct {
	DB, Collection string
	Partitions     []string
	Filter         string
	Templates      map[string]any
	OutputFields   []string
	Limit, Offset  int // Limit 0: no limit
	// ReadTs pins the read to a timestamp Kite handed out before (iterators
	// page through one snapshot); 0 reads the newest data.
	ReadTs uint64
	// Iterator marks an iterator page: the snapshot it reads is leased
	// from compaction (shard.LeaseTTL) so later pages can read it too.
	Iterator      bool
	IgnoreGrowing bool           // read sealed segments only
	Zone          *time.Location // reads offset-less ISO filter literals; nil: the collection's zone
}

// QueryResult holds the matching rows, or the count for count(*).
type QueryResult struct {
	Fields      []OutputColumn
	OutputNames []string // output fields with "*" expanded
	IsCount     bool
	Count       int64
	ReadTs      uint64 // the snapshot the query read
}

// Query returns the rows that match a filter, ordered by primary key.
// Once ctx is done it stops between segments and returns ctx.Err()
// wrapped.
func (s *Service) Query(ctx context.Context, req Query) (*QueryResult, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	plan, err := planOutput(col, req.OutputFields, true)
	if err != nil {
		return nil, err
	}
	if err := checkQueryWindow(req, plan.count); err != nil {
		return nil, err
	}
	filter, err := compileFilterIn(col, req.Filter, req.Templates, req.Zone)
	if err != nil {
		return nil, err
	}
	// Milvus's proxy checks the whole request before it asks whether the
	// collection is loaded.
	parts, err := loadedPartitions(col, req.Partitions)
	if err != nil {
		return nil, err
	}
	snap, ts, err := s.snapshot(ctx, col, parts, req.ReadTs, req.Iterator)
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	views := searchedViews(snap.Views, req.IgnoreGrowing)
	what := "query collection " + col.Name
	if plan.count {
		n, err := query.Count(ctx, views, filter)
		if err != nil {
			return nil, readError(what, err)
		}
		return &QueryResult{IsCount: true, Count: int64(n), ReadTs: ts}, nil
	}
	matches, err := query.Collect(ctx, views, filter)
	if err != nil {
		return nil, readError(what, err)
	}
	refs := sortByPK(matches, col.Schema.PrimaryKey())
	refs = window(refs, req.Offset, req.Limit)
	return &QueryResult{Fields: plan.gather(refs), OutputNames: plan.names, ReadTs: ts}, nil
}

func checkQueryWindow(req Query, count bool) error {
	if req.Limit < 0 || req.Offset < 0 {
		return apierr.Invalid("limit and offset must not be negative")
	}
	if req.Limit > 0 && req.Limit+req.Offset > MaxTopK {
		return apierr.Invalid("invalid max query result window, (offset+limit) should be in range [1, %d], but got %d", MaxTopK, req.Limit+req.Offset)
	}
	if req.Filter == "" && req.Limit == 0 && !count {
		return apierr.Invalid("empty expression should be used with limit")
	}
	return nil
}

func sortByPK(matches []query.Match, pk *schema.Field) []query.Ref {
	var refs []query.Ref
	for _, m := range matches {
		for _, r := range m.Rows {
			refs = append(refs, query.Ref{View: m.View, Row: r})
		}
	}
	key := func(r query.Ref) *column.Column { return r.View.Cols[pk.ID] }
	sort.SliceStable(refs, func(i, j int) bool {
		a, b := key(refs[i]), key(refs[j])
		if pk.DataType == schema.Int64 {
			return a.Ints[refs[i].Row] < b.Ints[refs[j].Row]
		}
		return a.Strings[refs[i].Row] < b.Strings[refs[j].Row]
	})
	return refs
}

func window(refs []query.Ref, offset, limit int) []query.Ref {
	if offset >= len(refs) {
		return nil
	}
	refs = refs[offset:]
	if limit > 0 && limit < len(refs) {
		refs = refs[:limit]
	}
	return refs
}

// readTs is the snapshot a read uses: the pinned one when it is not in the
// future, else now.
func (s *Service) readTs(pinned uint64) uint64 {
	now := s.oracle.Next()
	if pinned > 0 && pinned < now {
		return pinned
	}
	return now
}

// snapshot reads a collection's shard at the pinned timestamp (0: now).
// An iterator page, and any read at a pinned timestamp, leases it so
// later pages read the same rows.
func (s *Service) snapshot(ctx context.Context, col *catalog.Collection, parts []int64, pinned uint64, iterator bool) (*shard.Snapshot, uint64, error) {
	sh, err := s.liveShard(col)
	if err != nil {
		return nil, 0, err
	}
	ts := s.readTs(pinned)
	if iterator || pinned > 0 {
		sh.LeaseRead(ts)
	}
	snap, err := sh.Snapshot(ctx, ts, parts)
	if err != nil {
		return nil, 0, readError("read collection "+col.Name, err)
	}
	return snap, ts, nil
}
