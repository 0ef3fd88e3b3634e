package index

import (
	"context"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/hnsw"
)

// Search returns, per query row of q, up to p.K hits best first.
func (h *hnswIndex) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	w, err := checkSearch(h.flat.metric, h.flat.data, q, p)
	if err != nil {
		return nil, err
	}
	ef, err := searchEf(p)
	if err != nil {
		return nil, err
	}
	if w.ranged || h.exactBetter(p.Filter, ef) {
		// Range search needs every row inside the window, which a graph
		// walk bounded by ef cannot promise; tiny filters strand the walk.
		return h.flat.Search(ctx, q, p)
	}
	var allow func(int) bool
	if f := p.Filter; f != nil {
		allow = func(r int) bool { return r < f.Len() && f.Test(r) }
	}
	out := make([][]Hit, q.Len())
	for qi := range out {
		res, err := h.g.Search(ctx, h.query(q, qi), p.K, ef, allow)
		if err != nil {
			return nil, err
		}
		out[qi] = h.hits(res)
	}
	return out, nil
}

// searchEf is the request's ef, at least K (Milvus requires ef ≥ k; we
// raise it instead of failing), defaulting to max(K, defaultEf).
func searchEf(p SearchParams) (int, error) {
	ef, ok, err := paramInt(p.Params, "ef")
	if err != nil {
		return 0, err
	}
	if !ok {
		return max(p.K, defaultEf), nil
	}
	if ef < 1 {
		return 0, paramErrorf("ef out of range: [1, 2147483647]: invalid parameter")
	}
	return max(ef, p.K), nil
}

// exactBetter reports whether a filter passes so few rows that scanning
// them beats walking a graph where most neighbours are rejected.
func (h *hnswIndex) exactBetter(f *bitset.Bitset, ef int) bool {
	if f == nil {
		return false
	}
	c := f.Count()
	return c*exactFilterRatio < h.g.Len() || c <= 2*ef
}

func (h *hnswIndex) hits(res []hnsw.Result) []Hit {
	out := make([]Hit, len(res))
	for i, r := range res {
		out[i] = Hit{Row: r.Row, Score: toDist(h.flat.metric, r.Dist)}
	}
	return out
}
