package query

import (
	"sort"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// mergeHits combines, per query, every view's hits into the best k. Ties
// keep view order (a stable sort of the concatenation), and each view's
// hits arrive best first, so a query served by one view needs no sort.
// Every query's hits share one backing array.
func mergeHits(views []*segment.View, per [][][]index.Hit, nq, k int, higher bool) [][]Hit {
	total := 0
	for _, pv := range per {
		for _, hs := range pv {
			total += min(len(hs), k)
		}
	}
	buf := make([]Hit, 0, total)
	out := make([][]Hit, nq)
	for q := range out {
		start := len(buf)
		for i, v := range views {
			if per[i] == nil {
				continue
			}
			for _, h := range per[i][q] {
				buf = append(buf, Hit{View: v, Row: int(h.Row), Score: h.Score})
			}
		}
		all := buf[start:len(buf):len(buf)]
		if !sortedHits(all, higher) {
			sort.SliceStable(all, func(a, b int) bool { return better(all[a].Score, all[b].Score, higher) })
		}
		if len(all) > k {
			buf, all = buf[:start+k], all[:k:k]
		}
		if len(all) > 0 {
			out[q] = all
		}
	}
	return out
}

func better(a, b float32, higher bool) bool {
	if higher {
		return a > b
	}
	return a < b
}

// sortedHits reports whether a stable sort would leave hs as it is.
func sortedHits(hs []Hit, higher bool) bool {
	for i := 1; i < len(hs); i++ {
		if better(hs[i].Score, hs[i-1].Score, higher) {
			return false
		}
	}
	return true
}

// queryRows returns queries [lo, hi) of q, sharing its storage for the
// vector types (other types are copied).
func queryRows(q *column.Column, lo, hi int) *column.Column {
	switch q.Type {
	case schema.FloatVector:
		return &column.Column{Type: q.Type, Dim: q.Dim, FloatVecs: q.FloatVecs[lo*q.Dim : hi*q.Dim : hi*q.Dim]}
	case schema.BinaryVector, schema.Float16Vector, schema.BFloat16Vector, schema.Int8Vector:
		rb := q.RowBytes()
		return &column.Column{Type: q.Type, Dim: q.Dim, VecBytes: q.VecBytes[lo*rb : hi*rb : hi*rb]}
	case schema.SparseFloatVector:
		return &column.Column{Type: q.Type, Dim: q.Dim, Bytes: q.Bytes[lo:hi:hi]}
	}
	idx := make([]int, hi-lo)
	for i := range idx {
		idx[i] = lo + i
	}
	return q.Take(idx)
}
