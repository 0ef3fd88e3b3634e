package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// blockRows is how many rows a scan scores per batch-kernel call: large
// enough to amortize the call, small enough that scores stay in L1.
const blockRows = 256

// sparseFilterRatio: when a filter passes fewer than 1/sparseFilterRatio of
// the rows, visiting its set bits beats scoring every row.
const sparseFilterRatio = 8

// Flat is exact search over vectors it does not own: the growing segment
// (or sealed column) may keep appending, and each search sees the rows
// present when it starts.
type Flat struct {
	metric string
	data   *column.Column

	// mu guards norms, the cached lengths of FloatVector rows for COSINE.
	// Rows never change once appended, so the cache only grows, and a
	// slice handed out stays valid while later searches extend it.
	mu struct {
		sync.Mutex
		norms []float32
	}
}

// NewFlat wraps vectors (not copied) for exact search; used for growing
// segments and FLAT.
func NewFlat(metric string, vectors *column.Column) (Index, error) {
	if !vectors.Type.IsVector() {
		return nil, fmt.Errorf("index: flat over %s column: %w", vectors.Type, ErrInvalidParameter)
	}
	if !ValidMetric(metric, vectors.Type) {
		return nil, metricNotSupported(metric, metricsFor(vectors.Type))
	}
	if metric == BM25 {
		return nil, fmt.Errorf("index: BM25 scoring: %w", ErrUnsupported)
	}
	return &Flat{metric: metric, data: vectors}, nil
}

// Metric is the metric the index scores with.
func (f *Flat) Metric() string { return f.metric }

// Search returns, per query row of q, up to p.K hits best first.
func (f *Flat) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	w, err := checkSearch(f.metric, f.data, q, p)
	if err != nil {
		return nil, err
	}
	n := f.data.Len()
	if p.Filter != nil {
		n = min(n, p.Filter.Len())
	}
	norms := f.normsUpTo(n)
	scorers := make([]scorer, q.Len())
	for qi := range scorers {
		scorers[qi] = newScorer(f.metric, f.data, q, qi, norms)
	}
	c := newCanceller(ctx)
	if len(scorers) > 1 && !(p.Filter != nil && p.Filter.Count()*sparseFilterRatio < n) {
		return scanMany(c, scorers, n, p.K, p.Filter, w, cacheRows(f.data))
	}
	out := make([][]Hit, len(scorers))
	scores := make([]float32, blockRows)
	for qi, s := range scorers {
		if out[qi], err = scan(c, s, n, p.K, p.Filter, w, scores); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// cacheRows is how many rows of data fit in about 256 KiB, so that a block
// scored for one query is still in cache for the next.
func cacheRows(data *column.Column) int {
	rowBytes := schema.VectorRowBytes(data.Type, data.Dim)
	if rowBytes <= 0 {
		return blockRows
	}
	return max(16, (256<<10)/rowBytes)
}

// scanMany is scan for several queries at once: each block of rows is read
// from memory once and scored for every query while it is in cache, so nq
// queries cost about one pass over the data instead of nq.
func scanMany(c *canceller, scorers []scorer, n, k int, filter *bitset.Bitset, w window, block int) ([][]Hit, error) {
	tops := make([]*topK, len(scorers))
	for i := range tops {
		tops[i] = newTopK(k, w.higher)
	}
	scores := make([]float32, block)
	for lo := 0; lo < n; lo += block {
		out := scores[:min(block, n-lo)]
		for qi, s := range scorers {
			s.block(lo, out)
			offerBlock(tops[qi], lo, out, filter, w)
			if err := c.scored(len(out)); err != nil {
				return nil, err
			}
		}
	}
	res := make([][]Hit, len(tops))
	for i, t := range tops {
		res[i] = t.sorted()
	}
	return res, nil
}

// normsUpTo returns the cached row lengths for the first n rows, computing
// any missing ones, or nil when the metric does not use them.
func (f *Flat) normsUpTo(n int) []float32 {
	if f.metric != Cosine || f.data.Type != schema.FloatVector {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.mu.norms); i < n; i++ {
		f.mu.norms = append(f.mu.norms, distance.Norm(f.data.FloatVec(i)))
	}
	return f.mu.norms[:n:n]
}

// checkSearch validates a request against an index's metric and vectors and
// returns its range-search window.
func checkSearch(metric string, data, q *column.Column, p SearchParams) (window, error) {
	if p.Metric != "" && p.Metric != metric {
		return window{}, &MetricMismatchError{Expected: metric, Actual: p.Metric}
	}
	if q.Type != data.Type {
		return window{}, paramErrorf("query vectors are %s but the field is %s: invalid parameter", q.Type, data.Type)
	}
	if data.Type != schema.SparseFloatVector && q.Dim != data.Dim {
		return window{}, paramErrorf("the dim (%d) of query vectors is not equal to the field dim (%d): invalid parameter", q.Dim, data.Dim)
	}
	return parseWindow(metric, p.Params)
}

// scan scores rows [0, n) that pass filter and window and keeps the best k.
func scan(c *canceller, s scorer, n, k int, filter *bitset.Bitset, w window, scores []float32) ([]Hit, error) {
	top := newTopK(k, w.higher)
	if filter != nil && filter.Count()*sparseFilterRatio < n {
		var err error
		filter.ForEach(func(r int) bool {
			if r >= n {
				return false
			}
			if sc := s.one(r); w.contains(sc) {
				top.push(int32(r), sc)
			}
			err = c.scored(1)
			return err == nil
		})
		if err != nil {
			return nil, err
		}
		return top.sorted(), nil
	}
	for lo := 0; lo < n; lo += blockRows {
		out := scores[:min(blockRows, n-lo)]
		s.block(lo, out)
		offerBlock(top, lo, out, filter, w)
		if err := c.scored(len(out)); err != nil {
			return nil, err
		}
	}
	return top.sorted(), nil
}

// offerBlock pushes rows lo, lo+1, ... with scores that pass filter and
// window.
func offerBlock(top *topK, lo int, scores []float32, filter *bitset.Bitset, w window) {
	if filter == nil && !w.ranged {
		offerSeq(top, lo, scores)
		return
	}
	for i, sc := range scores {
		r := lo + i
		if (filter == nil || filter.Test(r)) && w.contains(sc) {
			top.push(int32(r), sc)
		}
	}
}
