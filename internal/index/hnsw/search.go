package hnsw

import "slices"

// Result is a row and its distance to the query.
type Result struct {
	Row  int32
	Dist float32
}

// Query gives one query's distance to each row (smaller is closer).
type Query interface {
	Distance(row int) float32
}

// Prefetcher is an optional ability of a Query or Space: start loading a
// row's data. The search calls it for every unvisited neighbour before
// computing any distance, so their cache misses overlap.
type Prefetcher interface {
	Prefetch(row int)
}

// Search returns up to k rows closest to the query, nearest first. allow,
// when not nil, admits rows into the results (the walk still passes
// through rejected rows, which keeps the graph connected under filters).
// ef ≥ k trades speed for recall.
func (g *Graph) Search(q Query, k, ef int, allow func(row int) bool) []Result {
	if g.entry < 0 || k <= 0 {
		return nil
	}
	v := g.getVisit()
	defer g.visited.Put(v)
	ep := g.descend(q, g.entry, int(g.maxLevel), 0)
	g.searchLayer(v, q, ep, max(ef, k), 0, allow)
	res := v.res.items()
	slices.SortFunc(res, func(a, b cand) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	out := make([]Result, 0, min(k, len(res)))
	for _, c := range res[:min(k, len(res))] {
		out = append(out, Result{Row: int32(c.row), Dist: c.dist})
	}
	return out
}

func (g *Graph) getVisit() *visitSet {
	v, _ := g.visited.Get().(*visitSet)
	if v == nil {
		v = &visitSet{}
	}
	v.begin(g.Len())
	return v
}

// descend walks greedily from ep on levels top..stop+1, one best row per
// level, and returns the closest row found.
func (g *Graph) descend(q Query, ep int32, top, stop int) cand {
	cur := cand{dist: q.Distance(int(ep)), row: uint32(ep)}
	for level := top; level > stop; level-- {
		for moved := true; moved; {
			moved = false
			for _, nb := range g.neighbours(int(cur.row), level) {
				if c := (cand{dist: q.Distance(int(nb)), row: nb}); before(c, cur) {
					cur, moved = c, true
				}
			}
		}
	}
	return cur
}

// searchLayer is the paper's SEARCH-LAYER: best-first expansion from ep on
// level, keeping the ef closest admitted rows in v.res. While fewer than ef
// rows are admitted the walk continues past the usual stop, so a selective
// filter still fills the result list (as hnswlib does).
func (g *Graph) searchLayer(v *visitSet, q Query, ep cand, ef, level int, allow func(int) bool) {
	pf, _ := q.(Prefetcher)
	v.visit(ep.row)
	v.near.push(ep)
	if allow == nil || allow(int(ep.row)) {
		v.res.push(ep)
	}
	for v.near.len() > 0 {
		c := v.near.pop()
		if v.res.len() >= ef && before(v.res.top(), c) {
			break
		}
		nbs := g.neighbours(int(c.row), level)
		if pf != nil {
			for _, nb := range nbs {
				if !v.seen(nb) {
					pf.Prefetch(int(nb))
				}
			}
		}
		for _, nb := range nbs {
			if !v.visit(nb) {
				continue
			}
			n := cand{dist: q.Distance(int(nb)), row: nb}
			if v.res.len() >= ef && !before(n, v.res.top()) {
				continue
			}
			v.near.push(n)
			if allow == nil || allow(int(nb)) {
				v.res.push(n)
				if v.res.len() > ef {
					v.res.pop()
				}
			}
		}
	}
}
