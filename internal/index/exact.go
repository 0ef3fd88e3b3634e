package index

import (
	"context"
	"fmt"

	"github.com/kite-db/kite/internal/column"
)

// ScanFrom is the exact search a search iterator's pages run over one
// segment's vectors, whatever index the segment has. Every row that passes
// p.Filter is scored by the single-row kernel, never a batch kernel or a
// quantized code, so a row's score is bitwise the same on every page even
// when a flush or a compaction moves it to another segment between pages:
// the iterator's bound then never repeats or skips it. It keeps, per query,
// the best p.K rows inside p.Params' range window and at or past from
// (nil: no bound; distances d ≥ *from, similarities s ≤ *from), best first.
func ScanFrom(ctx context.Context, metric string, vectors, q *column.Column, p SearchParams, from *float32) ([][]Hit, error) {
	if !vectors.Type.IsVector() {
		return nil, fmt.Errorf("index: scan over %s column: %w", vectors.Type, ErrInvalidParameter)
	}
	if !ValidMetric(metric, vectors.Type) {
		return nil, metricNotSupported(metric, metricsFor(vectors.Type))
	}
	if metric == BM25 {
		return nil, fmt.Errorf("index: BM25 scoring: %w", ErrUnsupported)
	}
	w, err := checkSearch(metric, vectors, q, p)
	if err != nil {
		return nil, err
	}
	n := vectors.Len()
	if p.Filter != nil {
		n = min(n, p.Filter.Len())
	}
	c := newCanceller(ctx)
	out := make([][]Hit, q.Len())
	for qi := range out {
		s := newScorer(metric, vectors, q, qi, nil)
		keep := func(sc float32) bool { return w.contains(sc) && pastFrom(sc, from, w.higher) }
		if out[qi], err = scanOne(c, s, n, p.K, p, keep, w.higher); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanOne scores rows [0, n) that pass the filter one at a time and keeps
// the best k whose score keep accepts.
func scanOne(c *canceller, s scorer, n, k int, p SearchParams, keep func(float32) bool, higher bool) ([]Hit, error) {
	top := newTopK(k, higher)
	var err error
	visit := func(r int) bool {
		if sc := s.one(r); keep(sc) {
			top.push(int32(r), sc)
		}
		err = c.scored(1)
		return err == nil
	}
	if p.Filter != nil {
		p.Filter.ForEach(func(r int) bool { return r < n && visit(r) })
	} else {
		for r := 0; r < n; r++ {
			if !visit(r) {
				break
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return top.sorted(), nil
}

// pastFrom reports whether score s is at or past the bound from: no better
// than it.
func pastFrom(s float32, from *float32, higher bool) bool {
	if from == nil {
		return true
	}
	if higher {
		return s <= *from
	}
	return s >= *from
}
