package index

import (
	"math"
	"math/bits"
)

// boundSlack inflates MaxScore's bounds so float rounding in a row's sum
// can never push it past a bound that pruned it.
const boundSlack = 1e-5

// msWindow is how many consecutive rows MaxScore scores at a time: the
// accumulators fit in L1 and the candidate bitmap in a few words.
const msWindow = 4096

// maxScore is MaxScore (Turtle & Flood) over windows of rows, in the
// style of Lucene's MaxScoreBulkScorer. Terms are sorted by bound; the
// longest prefix whose bounds sum to no more than the bar (the K-th best
// score, or the range radius) is "non-essential": a row found only there
// cannot make the top K. Per window, the essential lists are added into
// dense accumulators (term at a time, no per-row cursor juggling); each row
// they touched then probes the non-essential lists, largest bound first,
// only while it can still pass the bar. The split is recomputed between
// windows as the bar rises.
//
// Rows are summed essential terms first, in dimension order, then
// non-essential ones; with nothing pruned that is TAAT's order exactly, and
// otherwise equal up to float rounding.
func (x *sparseIndex) maxScore(c *canceller, terms []sparseTerm, p SearchParams, w window) ([]Hit, error) {
	top := newTopK(p.K, true)
	if len(terms) == 0 || p.K <= 0 {
		return top.sorted(), nil
	}
	m := newMaxScoreRun(x, terms, top, p, w)
	n := int32(x.data.Len())
	for w0 := int32(0); w0 < n; w0 += msWindow {
		if !m.updateEssential() {
			break
		}
		next := m.nextDoc()
		if next >= n {
			break
		}
		w0 = next / msWindow * msWindow // skip windows no essential list touches
		if err := c.scored(msWindow); err != nil {
			return nil, err
		}
		m.window(w0, min(n, w0+msWindow))
	}
	return top.sorted(), nil
}

type maxScoreRun struct {
	terms     []sparseTerm
	cur       []cursor
	order     []int     // term indexes by ascending bound
	cum       []float32 // cum[i]: Σ bounds of order[:i+1], inflated
	essential []bool    // by term index
	ne        int       // order[:ne] are non-essential
	top       *topK
	p         SearchParams
	w         window
	acc       []float32
	hit       []uint64 // rows of the window the essential lists touched
}

func newMaxScoreRun(x *sparseIndex, terms []sparseTerm, top *topK, p SearchParams, w window) *maxScoreRun {
	m := &maxScoreRun{terms: terms, order: byBound(terms), top: top, p: p, w: w,
		cur: make([]cursor, len(terms)), cum: make([]float32, len(terms)), essential: make([]bool, len(terms)),
		acc: make([]float32, msWindow), hit: make([]uint64, msWindow/64)}
	for i, t := range terms {
		rows, vals := x.list(t.list)
		m.cur[i] = cursor{rows: rows, vals: vals}
	}
	var s float32
	for i, ti := range m.order {
		s += terms[ti].ub
		m.cum[i] = s * (1 + boundSlack)
		m.essential[ti] = true
	}
	return m
}

// bar is the score a row must beat: the K-th best once K are held, and
// the range radius for range searches.
func (m *maxScoreRun) bar() float32 {
	b := float32(math.Inf(-1))
	if m.w.ranged {
		b = float32(m.w.radius)
	}
	if m.top.full() {
		b = max(b, m.top.worst().Score)
	}
	return b
}

// updateEssential grows the non-essential prefix as far as the bar allows
// and reports whether any essential list is left.
func (m *maxScoreRun) updateEssential() bool {
	bar := m.bar()
	for m.ne < len(m.order) && m.cum[m.ne] <= bar {
		m.essential[m.order[m.ne]] = false
		m.ne++
	}
	return m.ne < len(m.order)
}

// nextDoc is the lowest row any essential cursor is at.
func (m *maxScoreRun) nextDoc() int32 {
	doc := int32(math.MaxInt32)
	for _, ti := range m.order[m.ne:] {
		doc = min(doc, m.cur[ti].doc())
	}
	return doc
}

// window scores rows [w0, w1).
func (m *maxScoreRun) window(w0, w1 int32) {
	for ti := range m.terms { // dimension order
		if !m.essential[ti] {
			continue
		}
		c, q := &m.cur[ti], m.terms[ti].q
		for ; c.pos < len(c.rows) && c.rows[c.pos] < w1; c.pos++ {
			o := c.rows[c.pos] - w0
			m.acc[o] += q * c.vals[c.pos]
			m.hit[o>>6] |= 1 << (o & 63)
		}
	}
	bar := m.bar()
	f := m.p.Filter
	for wi, word := range m.hit {
		for word != 0 {
			o := int32(wi*64 + bits.TrailingZeros64(word))
			word &= word - 1
			s := m.acc[o]
			m.acc[o] = 0
			doc := w0 + o
			if f != nil && (int(doc) >= f.Len() || !f.Test(int(doc))) {
				continue
			}
			if s, ok := m.complete(doc, s, bar); ok && m.w.contains(s) {
				m.top.push(doc, s)
				bar = m.bar()
			}
		}
		m.hit[wi] = 0
	}
}

// complete adds the non-essential lists' values for doc to its essential
// partial score s, largest bound first, giving up once s can no longer
// pass bar.
func (m *maxScoreRun) complete(doc int32, s, bar float32) (float32, bool) {
	for i := m.ne - 1; i >= 0; i-- {
		if s+m.cum[i] <= bar {
			return s, false
		}
		ti := m.order[i]
		c := &m.cur[ti]
		c.seek(doc)
		if c.doc() == doc {
			s += m.terms[ti].q * c.vals[c.pos]
		}
	}
	return s, s > bar
}
