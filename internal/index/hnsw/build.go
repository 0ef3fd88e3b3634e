package hnsw

import "slices"

// Add inserts the next row (row number Len()) into the graph, linking it to
// neighbours chosen among rows already added. Not safe for concurrent use.
func (g *Graph) Add(s Space) {
	level := g.drawLevel()
	row := g.grow(level)
	if g.entry < 0 {
		g.entry, g.maxLevel = int32(row), int32(level)
		return
	}
	q := rowQuery(s, row)
	ep := g.descend(q, g.entry, int(g.maxLevel), level)
	v := g.getVisit()
	defer g.visited.Put(v)
	for lc := min(level, int(g.maxLevel)); lc >= 0; lc-- {
		v.begin(g.Len())
		g.searchLayer(v, q, ep, g.efC, lc, nil)
		found := sortedCands(v.res.items())
		ep = found[0]
		picked := g.selectNeighbours(s, found, g.m)
		g.setNeighbours(row, lc, picked)
		for _, nb := range picked {
			g.link(s, int(nb), row, lc)
		}
	}
	if level > int(g.maxLevel) {
		g.entry, g.maxLevel = int32(row), int32(level)
	}
}

// rowQuery turns a stored row into a Query, keeping the Space's prefetch
// ability when it has one.
func rowQuery(s Space, row int) Query {
	q := spaceRow{s: s, row: row}
	if pf, ok := s.(Prefetcher); ok {
		return prefetchingRow{q, pf}
	}
	return q
}

type spaceRow struct {
	s   Space
	row int
}

func (q spaceRow) Distance(j int) float32 { return q.s.Distance(q.row, j) }

type prefetchingRow struct {
	spaceRow
	Prefetcher
}

func sortedCands(c []cand) []cand {
	c = slices.Clone(c)
	slices.SortFunc(c, func(a, b cand) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	return c
}

// selectNeighbours is the paper's heuristic (Algorithm 4 without extension):
// walking candidates nearest first, keep one only if it is closer to the new
// row than to every row kept so far. This spreads links across directions,
// which is what keeps clustered data navigable.
func (g *Graph) selectNeighbours(s Space, sorted []cand, m int) []uint32 {
	picked := make([]uint32, 0, m)
	for _, c := range sorted {
		if len(picked) == m {
			break
		}
		keep := true
		for _, p := range picked {
			if s.Distance(int(c.row), int(p)) < c.dist {
				keep = false
				break
			}
		}
		if keep {
			picked = append(picked, c.row)
		}
	}
	return picked
}

// link adds a back link from nb to row at level, pruning nb's links with
// the same heuristic when they overflow.
func (g *Graph) link(s Space, nb, row, level int) {
	limit := g.m
	if level == 0 {
		limit = g.m0
	}
	b := g.links(nb, level)
	if n := int(b[0]); n < limit {
		b[1+n] = uint32(row)
		b[0]++
		return
	}
	cs := make([]cand, 0, limit+1)
	for _, x := range append(slices.Clone(g.neighbours(nb, level)), uint32(row)) {
		cs = append(cs, cand{dist: s.Distance(nb, int(x)), row: x})
	}
	g.setNeighbours(nb, level, g.selectNeighbours(s, sortedCands(cs), limit))
}
