package hnsw

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// Add inserts the next row (row number Len()) into the graph, linking it to
// neighbours chosen among rows already added. Not safe for concurrent use.
func (g *Graph) Add(s Space) {
	row := g.grow(g.drawLevel())
	v := g.getVisit()
	g.insert(s, v, row)
	g.visited.Put(v)
}

// Build returns the graph of rows 0..n-1 of s (but cfg.Skip's), inserting them from
// threads goroutines at once. Each row's links are guarded by its own lock
// while building, as in hnswlib. Levels are drawn in row order from the
// seed, so one thread builds exactly the graph n calls of Add would; more
// threads build an equally good graph whose links depend on scheduling.
// Each thread looks at ctx before each insert; once it is done Build stops
// and returns ctx.Err() and no graph.
func Build(ctx context.Context, cfg Config, s Space, n, threads int) (*Graph, error) {
	g := New(cfg, n)
	for range n {
		g.grow(g.drawLevel())
	}
	threads = max(1, min(threads, n/1000)) // small graphs: not worth the locks
	if threads > 1 {
		g.locks = make([]sync.Mutex, n)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range threads {
		wg.Go(func() {
			v := g.newVisit()
			for row := int(next.Add(1) - 1); row < n && ctx.Err() == nil; row = int(next.Add(1) - 1) {
				if cfg.Skip == nil || !cfg.Skip(row) {
					g.insert(s, v, row)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.locks = nil
	return g, nil
}

func (g *Graph) lock(row uint32) {
	if g.locks != nil {
		g.locks[row].Lock()
	}
}

func (g *Graph) unlock(row uint32) {
	if g.locks != nil {
		g.locks[row].Unlock()
	}
}

// insert links row, whose storage and level exist, into the graph.
func (g *Graph) insert(s Space, v *visitSet, row int) {
	level := int(g.levels[row])
	g.top.Lock()
	entry, maxLevel := g.entry, int(g.maxLevel)
	if level > maxLevel {
		// A row that becomes the entry holds the lock until it is linked,
		// so no other insert starts from it half-linked (as hnswlib does).
		defer g.top.Unlock()
		defer func() { g.entry, g.maxLevel = int32(row), int32(level) }()
	} else {
		g.top.Unlock()
	}
	if entry < 0 {
		return
	}
	q := rowQuery(s, row)
	ep := g.descend(v, q, entry, maxLevel, level)
	for lc := min(level, maxLevel); lc >= 0; lc-- {
		v.begin(g.Len())
		// An insert runs whole (a half-linked row would strand its
		// neighbours), so its walks are never cancelled.
		g.searchLayer(context.Background(), v, q, ep, g.efC, lc, nil)
		found := v.sorted()
		ep = found[0]
		picked := g.selectNeighbours(s, found, g.m, uint32(row), v.picked[:0])
		v.picked = picked
		g.lock(uint32(row))
		g.setNeighbours(row, lc, picked)
		g.unlock(uint32(row))
		for _, nb := range picked {
			g.link(s, v, nb, uint32(row), lc)
		}
	}
}

func sortCands(c []cand) {
	slices.SortFunc(c, func(a, b cand) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
}

// selectNeighbours is the paper's heuristic (Algorithm 4 without extension):
// walking candidates nearest first, keep one only if it is closer to the new
// row than to every row kept so far. This spreads links across directions,
// which is what keeps clustered data navigable. The result is appended to
// picked.
func (g *Graph) selectNeighbours(s Space, sorted []cand, m int, self uint32, picked []uint32) []uint32 {
	for _, c := range sorted {
		if len(picked) == m {
			break
		}
		if c.row == self {
			continue
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
func (g *Graph) link(s Space, v *visitSet, nb, row uint32, level int) {
	limit := g.m
	if level == 0 {
		limit = g.m0
	}
	g.lock(nb)
	defer g.unlock(nb)
	b := g.links(int(nb), level)
	n := int(b[0])
	if n < limit {
		b[1+n] = row
		b[0]++
		return
	}
	ids := append(append(v.ids[:0], b[1:1+n]...), row)
	d := v.dists[:len(ids)]
	distancesFrom(s, int(nb), ids, d)
	cs := v.prune[:0]
	for i, x := range ids {
		cs = append(cs, cand{dist: d[i], row: x})
	}
	sortCands(cs)
	v.prune = cs
	v.linkBuf = g.selectNeighbours(s, cs, limit, nb, v.linkBuf[:0])
	b[0] = uint32(copy(b[1:], v.linkBuf))
}
