package query

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// Search describes one vector search over a snapshot.
type Search struct {
	FieldID int64
	Metric  string
	Queries *column.Column // nq query vectors
	K       int            // offset + limit: the caller drops the offset
	Params  map[string]any
	Filter  Filter
	// Exact scores every candidate row with index.ScanFrom, past any
	// built index, and keeps only rows at or past From (nil: all). Search
	// iterator pages use it: their bound needs every row scored the same
	// way on every page, wherever the row lives by then.
	Exact bool
	From  *float32
	// Rescore, when set, changes the scores of each view's hits before
	// they are merged (boost functions work on a segment's top k, as in
	// Milvus); the hits are then re-sorted.
	Rescore func(v *segment.View, hits []index.Hit) error
}

// Hit is one result row.
type Hit struct {
	View  *segment.View
	Row   int
	Score float32
}

// Run searches every view and returns, per query, up to K hits best first.
// Segments are searched in parallel; when they are fewer than the cores,
// each segment's queries are split between goroutines too, so a request of
// several queries over one segment uses every core. Once ctx is done no
// segment starts, the running ones stop inside their index search, and Run
// returns ctx.Err() with no hits.
func (s *Search) Run(ctx context.Context, views []*segment.View) ([][]Hit, error) {
	nq := s.Queries.Len()
	per := make([][][]index.Hit, len(views))
	errs := make([]error, len(views))
	chunks := queryChunks(nq, len(views), parallelism())
	if len(views) == 1 {
		per[0], errs[0] = s.searchView(ctx, views[0], chunks)
	} else {
		s.searchViews(ctx, views, chunks, per, errs)
	}
	if err := firstError(ctx, errs); err != nil {
		return nil, err
	}
	return mergeHits(views, per, nq, s.K, index.HigherIsBetter(s.Metric)), nil
}

// searchViews searches views from at most parallelism() goroutines. A
// view whose turn comes after ctx is done is not searched.
func (s *Search) searchViews(ctx context.Context, views []*segment.View, chunks int, per [][][]index.Hit, errs []error) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelism())
	for i, v := range views {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			errs[i] = ctx.Err()
			wg.Wait()
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			per[i], errs[i] = s.searchView(ctx, v, chunks)
		}()
	}
	wg.Wait()
}

// firstError is ctx's error if any search saw it (a cancelled request
// reports the cancel, not whichever segment noticed it first), else the
// first error.
func firstError(ctx context.Context, errs []error) error {
	for _, err := range errs {
		if err == nil {
			continue
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		return err
	}
	return nil
}

// queryChunks is how many parts each segment's queries are split into:
// enough for views×chunks to cover the cores, never more than the queries.
func queryChunks(nq, views, cores int) int {
	if views == 0 || views >= cores {
		return 1
	}
	return max(1, min(nq, (cores+views-1)/views))
}

// searchView answers every query on one view, in chunks parts at once.
func (s *Search) searchView(ctx context.Context, v *segment.View, chunks int) ([][]index.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if v.N == 0 {
		return nil, nil
	}
	bs, err := candidates(v, s.Filter)
	if err != nil {
		return nil, err
	}
	if bs = withoutNulls(bs, v, s.FieldID); bs.Count() == 0 {
		return nil, nil
	}
	if s.Exact {
		return s.scanView(ctx, v, bs)
	}
	ix := v.Indexes[s.FieldID]
	fresh := ix == nil // an exact scan over exactly the view's rows
	if fresh {
		vecs := v.Cols[s.FieldID]
		if vecs == nil {
			return nil, nil
		}
		if ix, err = index.NewFlat(s.Metric, vecs); err != nil {
			return nil, err
		}
	}
	p := index.SearchParams{K: s.K, Filter: bs, Params: s.Params}
	if (fresh || v.Seg != nil && v.Seg.Sealed) && passesAll(bs, v.N) {
		// The index holds exactly the view's rows and every one passes:
		// no filter spares the graph walk a test per visited node.
		p.Filter = nil
	}
	var res [][]index.Hit
	if chunks <= 1 {
		res, err = ix.Search(ctx, s.Queries, p)
	} else {
		res, err = searchChunks(ctx, ix, s.Queries, p, chunks)
	}
	if err != nil || s.Rescore == nil {
		return res, err
	}
	return res, s.rescore(v, res)
}

// rescore applies Rescore to each query's hits and sorts them again.
func (s *Search) rescore(v *segment.View, res [][]index.Hit) error {
	higher := index.HigherIsBetter(s.Metric)
	for _, hits := range res {
		if len(hits) == 0 {
			continue
		}
		if err := s.Rescore(v, hits); err != nil {
			return err
		}
		sort.SliceStable(hits, func(a, b int) bool {
			if hits[a].Score != hits[b].Score {
				return better(hits[a].Score, hits[b].Score, higher)
			}
			return hits[a].Row < hits[b].Row
		})
	}
	return nil
}

// scanView is searchView for Exact searches: every candidate row of the
// view scored one by one.
func (s *Search) scanView(ctx context.Context, v *segment.View, bs *bitset.Bitset) ([][]index.Hit, error) {
	vecs := v.Cols[s.FieldID]
	if vecs == nil {
		return nil, nil
	}
	p := index.SearchParams{K: s.K, Filter: bs, Params: s.Params}
	if passesAll(bs, v.N) {
		p.Filter = nil
	}
	return index.ScanFrom(ctx, s.Metric, vecs, s.Queries, p, s.From)
}

// passesAll reports whether bs holds every one of n rows.
func passesAll(bs *bitset.Bitset, n int) bool { return bs.Len() == n && bs.Count() == n }

// searchChunks splits q into parts searched concurrently; each query's
// hits do not depend on the others in its request. Every part searches
// under ctx, so a cancel stops them all.
func searchChunks(ctx context.Context, ix index.Index, q *column.Column, p index.SearchParams, parts int) ([][]index.Hit, error) {
	nq := q.Len()
	out := make([][]index.Hit, nq)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for c := 0; c < parts; c++ {
		lo, hi := c*nq/parts, (c+1)*nq/parts
		run := func() {
			res, err := ix.Search(ctx, queryRows(q, lo, hi), p)
			if err == nil && len(res) != hi-lo {
				err = fmt.Errorf("query: index answered %d of %d queries", len(res), hi-lo)
			}
			copy(out[lo:hi], res)
			errs[c] = err
		}
		if c == parts-1 {
			run() // the calling goroutine takes the last part
			break
		}
		wg.Add(1)
		go func() { defer wg.Done(); run() }()
	}
	wg.Wait()
	if err := firstError(ctx, errs); err != nil {
		return nil, err
	}
	return out, nil
}
