package index

import "math"

// boundSlack inflates MaxScore's bounds so float rounding in a row's sum
// can never push it past a bound that pruned it.
const boundSlack = 1e-5

// maxScore is document-at-a-time MaxScore (Turtle & Flood): terms sorted
// by bound; the longest prefix whose bounds sum to no more than the bar
// (the K-th best score, or the range radius) is "non-essential": a row
// found only there cannot make the top K, so rows come only from the
// essential lists, and non-essential lists are probed (seek) only while
// the row could still pass the bar.
func (x *sparseIndex) maxScore(terms []sparseTerm, p SearchParams, w window) []Hit {
	top := newTopK(p.K, true)
	if len(terms) == 0 || p.K <= 0 {
		return top.sorted()
	}
	cur := make([]cursor, len(terms))
	for i, t := range terms {
		rows, vals := x.list(t.list)
		cur[i] = cursor{rows: rows, vals: vals}
	}
	order := byBound(terms)
	cum := make([]float32, len(order)) // cum[i]: Σ bounds of order[:i+1]
	var s float32
	for i, ti := range order {
		s += terms[ti].ub
		cum[i] = s * (1 + boundSlack)
	}
	ms := &maxScoreRun{x: x, terms: terms, cur: cur, order: order, cum: cum, top: top, p: p, w: w,
		contrib: make([]float32, len(terms)), has: make([]bool, len(terms))}
	ms.run()
	return top.sorted()
}

type maxScoreRun struct {
	x       *sparseIndex
	terms   []sparseTerm
	cur     []cursor
	order   []int
	cum     []float32
	top     *topK
	p       SearchParams
	w       window
	ne      int // order[:ne] are non-essential
	contrib []float32
	has     []bool
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

func (m *maxScoreRun) updateEssential() {
	bar := m.bar()
	for m.ne < len(m.order) && m.cum[m.ne] <= bar {
		m.ne++
	}
}

func (m *maxScoreRun) run() {
	f := m.p.Filter
	for {
		m.updateEssential()
		if m.ne == len(m.order) {
			return
		}
		doc := int32(math.MaxInt32)
		for _, ti := range m.order[m.ne:] {
			doc = min(doc, m.cur[ti].doc())
		}
		if doc == math.MaxInt32 {
			return
		}
		if f != nil && (int(doc) >= f.Len() || !f.Test(int(doc))) {
			for _, ti := range m.order[m.ne:] {
				m.cur[ti].seek(doc + 1)
			}
			continue
		}
		m.score(doc)
	}
}

// score evaluates row doc: essential lists first, then non-essential ones
// from the largest bound down while the row can still pass the bar.
func (m *maxScoreRun) score(doc int32) {
	clear(m.has)
	var partial float32
	for _, ti := range m.order[m.ne:] {
		c := &m.cur[ti]
		if c.doc() == doc {
			m.contrib[ti], m.has[ti] = m.terms[ti].q*c.vals[c.pos], true
			partial += m.contrib[ti]
			c.pos++
		}
	}
	bar := m.bar()
	for i := m.ne - 1; i >= 0; i-- {
		if partial+m.cum[i] <= bar {
			return
		}
		ti := m.order[i]
		c := &m.cur[ti]
		c.seek(doc)
		if c.doc() == doc {
			m.contrib[ti], m.has[ti] = m.terms[ti].q*c.vals[c.pos], true
			partial += m.contrib[ti]
		}
	}
	// The exact score sums in dimension order, as FLAT and TAAT do.
	var s float32
	for ti := range m.terms {
		if m.has[ti] {
			s += m.contrib[ti]
		}
	}
	if m.w.contains(s) {
		m.top.push(doc, s)
	}
}
