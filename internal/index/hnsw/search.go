package hnsw

import (
	"context"
	"slices"
)

// Result is a row and its distance to the query.
type Result struct {
	Row  int32
	Dist float32
}

// expandsPerCheck is how many rows a search expands between looks at its
// context: each expansion scores one neighbour list, so this is tens of
// microseconds of work, and a look (an atomic load) is lost in it.
const expandsPerCheck = 128

// Search returns up to k rows closest to the query, nearest first. allow,
// when not nil, admits rows into the results (the walk still passes
// through rejected rows, which keeps the graph connected under filters).
// ef ≥ k trades speed for recall. Once ctx is done the walk stops and
// Search returns ctx.Err().
func (g *Graph) Search(ctx context.Context, q Query, k, ef int, allow func(row int) bool) ([]Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if g.entry < 0 || k <= 0 {
		return nil, nil
	}
	v := g.getVisit()
	defer g.visited.Put(v)
	bq := batchOf(q)
	ep := g.descend(v, bq, g.entry, int(g.maxLevel), 0)
	if err := g.searchLayer(ctx, v, bq, ep, max(ef, k), 0, allow); err != nil {
		return nil, err
	}
	res := v.sorted()
	out := make([]Result, min(k, len(res)))
	for i := range out {
		out[i] = Result{Row: int32(res[i].row), Dist: res[i].dist}
	}
	return out, nil
}

func (g *Graph) getVisit() *visitSet {
	v, _ := g.visited.Get().(*visitSet)
	if v == nil {
		v = g.newVisit()
	}
	v.begin(g.Len())
	return v
}

func (g *Graph) newVisit() *visitSet {
	return &visitSet{ids: make([]uint32, 0, g.m0+1), dists: make([]float32, g.m0+1)}
}

// sorted returns the results of the last searchLayer nearest first.
func (v *visitSet) sorted() []cand {
	res := v.res.c
	slices.SortFunc(res, func(a, b cand) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	return res
}

// descend walks greedily from ep on levels top..stop+1, one best row per
// level, and returns the closest row found.
func (g *Graph) descend(v *visitSet, q BatchQuery, ep int32, top, stop int) cand {
	v.ids = append(v.ids[:0], uint32(ep))
	q.Distances(v.ids, v.dists[:1])
	cur := cand{dist: v.dists[0], row: uint32(ep)}
	for level := top; level > stop; level-- {
		for moved := true; moved; {
			moved = false
			ids := g.copyNeighbours(v, cur.row, level)
			d := v.dists[:len(ids)]
			q.Distances(ids, d)
			for i, nb := range ids {
				if c := (cand{dist: d[i], row: nb}); before(c, cur) {
					cur, moved = c, true
				}
			}
		}
	}
	return cur
}

// searchLayer is the paper's SEARCH-LAYER: best-first expansion from ep on
// level, keeping the ef closest admitted rows in v.res. Each expanded row's
// unvisited neighbours are gathered first and scored in one batch. While
// fewer than ef rows are admitted the walk continues past the usual stop,
// so a selective filter still fills the result list (as hnswlib does).
// It returns ctx.Err() as soon as it sees ctx done, every expandsPerCheck
// expansions.
func (g *Graph) searchLayer(ctx context.Context, v *visitSet, q BatchQuery, ep cand, ef, level int, allow func(int) bool) error {
	v.visit(ep.row)
	v.near.push(ep)
	if allow == nil || allow(int(ep.row)) {
		v.res.push(ep)
	}
	for expanded := 1; len(v.near.c) > 0; expanded++ {
		if expanded%expandsPerCheck == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c := v.near.pop()
		if v.res.len() >= ef && before(v.res.top(), c) {
			break
		}
		ids := g.unvisited(v, c.row, level)
		if len(ids) == 0 {
			continue
		}
		d := v.dists[:len(ids)]
		q.Distances(ids, d)
		for i, nb := range ids {
			n := cand{dist: d[i], row: nb}
			full := v.res.len() >= ef
			if full && !before(n, v.res.top()) {
				continue
			}
			v.near.push(n)
			if allow != nil && !allow(int(nb)) {
				continue
			}
			if full {
				v.res.replaceTop(n)
			} else {
				v.res.push(n)
			}
		}
	}
	return nil
}

// unvisited gathers the neighbours of row at level not yet visited into
// v.ids, marking them visited.
func (g *Graph) unvisited(v *visitSet, row uint32, level int) []uint32 {
	g.lock(row)
	ids := v.ids[:0]
	for _, nb := range g.neighbours(int(row), level) {
		if v.visit(nb) {
			ids = append(ids, nb)
		}
	}
	g.unlock(row)
	v.ids = ids
	return ids
}

// copyNeighbours copies the neighbours of row at level into v.ids.
func (g *Graph) copyNeighbours(v *visitSet, row uint32, level int) []uint32 {
	g.lock(row)
	v.ids = append(v.ids[:0], g.neighbours(int(row), level)...)
	g.unlock(row)
	return v.ids
}
