package index

import (
	"context"
	"math"
	"slices"
	"sort"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
)

// sparseTerm is one kept query dimension that has a posting list.
type sparseTerm struct {
	list int     // posting list index
	q    float32 // query value
	ub   float32 // bound on any row's contribution: |q|·maxAbs
}

// Search returns, per query row of q, up to p.K hits best first.
func (x *sparseIndex) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	w, err := checkSearch(IP, x.data, q, p)
	if err != nil {
		return nil, err
	}
	ratio, err := parseDropRatioSearch(p.Params)
	if err != nil {
		return nil, err
	}
	out := make([][]Hit, q.Len())
	var acc *accumulator
	c := newCanceller(ctx)
	for qi := range out {
		terms := x.queryTerms(q.Bytes[qi], ratio)
		if !x.taat {
			out[qi], err = x.maxScore(c, terms, p, w)
		} else {
			if acc == nil {
				acc = newAccumulator(x.data.Len())
			}
			out[qi], err = x.termAtATime(c, acc, terms, p, w)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// queryTerms keeps the query's values not dropped by drop_ratio_search
// whose dimensions have postings, in dimension order.
func (x *sparseIndex) queryTerms(row []byte, ratio float64) []sparseTerm {
	n := distance.SparseLen(row)
	vals := make([]float32, n)
	for k := range vals {
		_, vals[k] = distance.SparseAt(row, k)
	}
	cut := dropThreshold(vals, ratio)
	terms := make([]sparseTerm, 0, n)
	for k := 0; k < n; k++ {
		d, v := distance.SparseAt(row, k)
		if v == 0 || float32(math.Abs(float64(v))) < cut {
			continue
		}
		i := sort.Search(len(x.dims), func(i int) bool { return x.dims[i] >= d })
		if i < len(x.dims) && x.dims[i] == d {
			terms = append(terms, sparseTerm{list: i, q: v, ub: float32(math.Abs(float64(v))) * x.maxAbs[i]})
		}
	}
	return terms
}

// accumulator holds one score per row for term-at-a-time search; stamps
// mark the rows the current query touched, so clearing costs only those.
type accumulator struct {
	score   []float32
	stamp   []uint32
	gen     uint32
	touched []int32
}

func newAccumulator(n int) *accumulator {
	return &accumulator{score: make([]float32, n), stamp: make([]uint32, n)}
}

// termAtATime adds each term's postings into the accumulators, in
// dimension order, then keeps the best K touched rows.
func (x *sparseIndex) termAtATime(c *canceller, acc *accumulator, terms []sparseTerm, p SearchParams, w window) ([]Hit, error) {
	acc.gen++
	acc.touched = acc.touched[:0]
	for _, t := range terms {
		rows, vals := x.list(t.list)
		if err := c.scored(len(rows)); err != nil {
			return nil, err
		}
		for i, r := range rows {
			if acc.stamp[r] != acc.gen {
				acc.stamp[r], acc.score[r] = acc.gen, 0
				acc.touched = append(acc.touched, r)
			}
			acc.score[r] += t.q * vals[i]
		}
	}
	top := newTopK(p.K, true)
	f := p.Filter
	for _, r := range acc.touched {
		if (f == nil || int(r) < f.Len() && f.Test(int(r))) && w.contains(acc.score[r]) {
			top.push(r, acc.score[r])
		}
	}
	return top.sorted(), nil
}

// cursor walks one posting list in row order.
type cursor struct {
	rows []int32
	vals []float32
	pos  int
}

func (c *cursor) doc() int32 {
	if c.pos < len(c.rows) {
		return c.rows[c.pos]
	}
	return math.MaxInt32
}

// seek moves to the first posting at or after row r, galloping then
// bisecting, so skipping far ahead costs O(log distance).
func (c *cursor) seek(r int32) {
	if c.doc() >= r {
		return
	}
	step, lo := 1, c.pos
	hi := lo + 1
	for hi < len(c.rows) && c.rows[hi] < r {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(c.rows))
	c.pos = lo + sort.Search(hi-lo, func(i int) bool { return c.rows[lo+i] >= r })
}

// byBound returns term indexes ordered by ascending bound.
func byBound(terms []sparseTerm) []int {
	idx := make([]int, len(terms))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case terms[a].ub < terms[b].ub:
			return -1
		case terms[a].ub > terms[b].ub:
			return 1
		}
		return 0
	})
	return idx
}
