package index

import (
	"context"
	"math"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
)

// Search returns, per query row of q, up to p.K hits best first. It scans
// the nprobe lists nearest each query, and more while fewer than K rows
// passed the filter (or, for a range search, until max_empty_result_buckets
// lists in a row add no hit). Filters passing no more rows than the probe
// would score are answered exactly.
func (x *ivfIndex) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	w, err := checkSearch(x.metric, x.data, q, p)
	if err != nil {
		return nil, err
	}
	sp, err := parseIVFSearch(p.Params, x.lists.nlist(), x.refine)
	if err != nil {
		return nil, err
	}
	if x.exactBetter(p.Filter, sp.nprobe) {
		return x.flat.Search(ctx, q, p)
	}
	out := make([][]Hit, q.Len())
	s := x.newSearch(p, w, sp)
	defer x.scratch.Put(s)
	for qi := range out {
		if out[qi], err = s.one(ctx, q, qi); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// exactBetter reports whether scanning the filter's rows costs no more
// than probing: then the exact answer is also the cheaper one.
func (x *ivfIndex) exactBetter(f *bitset.Bitset, nprobe int) bool {
	n := len(x.lists.rows)
	if n == 0 {
		return true
	}
	return f != nil && f.Count() <= n*nprobe/x.lists.nlist()
}

// ivfSearch is one Search call's parameters and scratch buffers; the
// buffers are reused by later searches through ivfIndex.scratch.
type ivfSearch struct {
	x       *ivfIndex
	p       SearchParams
	w       window
	sp      ivfParams
	qbuf    []float32
	centres []float32
	scores  []float32
	table   []float32
	order   probeOrder
}

func (x *ivfIndex) newSearch(p SearchParams, w window, sp ivfParams) *ivfSearch {
	s, _ := x.scratch.Get().(*ivfSearch)
	if s == nil {
		s = &ivfSearch{
			qbuf:    make([]float32, x.lists.dim),
			centres: make([]float32, panelLen(x.lists.nlist())),
			scores:  make([]float32, blockRows),
			table:   make([]float32, x.codec.tableLen()),
		}
	}
	s.x, s.p, s.w, s.sp = x, p, w, sp
	return s
}

func (s *ivfSearch) one(ctx context.Context, q *column.Column, qi int) ([]Hit, error) {
	x := s.x
	qv := queryFloats(x.metric, q, qi, s.qbuf)
	lq := x.codec.query(qv, s.table)
	keep := s.p.K
	if s.sp.refineK > 0 {
		keep = int(math.Ceil(s.sp.refineK * float64(s.p.K)))
	}
	top := newTopK(keep, s.w.higher)
	err := probeLoop(ctx, x.probe(qv, s.centres, &s.order), s.sp, s.w, top, func(list int, _ float32) int {
		// The probe's score came from an expansion that rounds relative
		// to the norms; codecs that add the term get it exact. IVF_FLAT
		// scores rows directly and needs none.
		var coarse float32
		_, direct := x.codec.(*flatCodec)
		switch {
		case direct:
		case innerL2(x.metric):
			coarse = distance.L2Sq(qv, x.lists.centroid(list))
		default:
			coarse = distance.Dot(qv, x.lists.centroid(list))
		}
		lo, hi := x.lists.bounds(list)
		added := 0
		for b := lo; b < hi; b += blockRows {
			out := s.scores[:min(blockRows, hi-b)]
			lq.scan(list, b, coarse, out)
			added += offer(top, x.lists.rows[b:], out, s.p.Filter, s.w)
		}
		return added
	})
	if err != nil {
		return nil, err
	}
	if s.sp.refineK > 0 {
		return x.rerank(q, qi, top.sorted(), s.p.K, s.w), nil
	}
	return top.sorted(), nil
}

// probeLoop scans lists in probe order: at least nprobe of them, then more
// while fewer than K hits were found or, for a range search, until
// maxEmpty lists in a row add nothing (knowhere's rule). scan scores one
// list (score is its centroid's quantizer score) and returns the number of
// hits it offered. It looks at ctx before each list and returns ctx.Err()
// once ctx is done.
func probeLoop(ctx context.Context, order *probeOrder, sp ivfParams, w window, top *topK, scan func(list int, score float32) int) error {
	order.expect(sp.nprobe)
	empty := 0
	for scanned := 0; ; scanned++ {
		if scanned >= sp.nprobe && (!w.ranged && top.full() || w.ranged && empty >= sp.maxEmpty) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		list, score, ok := order.pop()
		if !ok {
			return nil
		}
		if scan(list, score) == 0 {
			empty++
		} else {
			empty = 0
		}
	}
}

// offer pushes the rows whose scores pass filter and window, and returns
// how many did.
func offer(top *topK, rows []int32, scores []float32, f *bitset.Bitset, w window) int {
	if f == nil && !w.ranged {
		offerAll(top, rows, scores)
		return len(scores)
	}
	added := 0
	for i, sc := range scores {
		r := int(rows[i])
		if (f == nil || r < f.Len() && f.Test(r)) && w.contains(sc) {
			top.push(int32(r), sc)
			added++
		}
	}
	return added
}

// rerank rescores candidates exactly against the segment's vectors and
// keeps the best k inside the window.
func (x *ivfIndex) rerank(q *column.Column, qi int, cands []Hit, k int, w window) []Hit {
	sc := newScorer(x.metric, x.data, q, qi, nil)
	top := newTopK(k, w.higher)
	for _, h := range cands {
		if s := sc.one(int(h.Row)); w.contains(s) {
			top.push(h.Row, s)
		}
	}
	return top.sorted()
}
