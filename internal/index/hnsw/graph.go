package hnsw

import (
	"math"
	"math/rand/v2"
	"sync"
)

// Config holds the build parameters Milvus exposes.
type Config struct {
	M              int    // links per row on upper levels (2·M on level 0)
	EfConstruction int    // candidate list size while building
	Seed           uint64 // level draws; fixed so builds are reproducible

	// Skip, when not nil, names rows Build leaves out of the graph (null
	// vectors): they keep their row number and an empty link block, so
	// no walk reaches them.
	Skip func(row int) bool
}

// Space gives the distance between two rows (smaller is closer).
type Space interface {
	Distance(a, b int) float32
}

// Graph is an HNSW graph over rows 0..Len()-1.
type Graph struct {
	m, m0    int // max links per row above level 0, and on level 0
	efC      int
	mult     float64 // level draw scale 1/ln(M)
	rng      *rand.Rand
	entry    int32 // row on the top level; -1 when empty
	maxLevel int32

	levels   []uint8  // top level of each row
	level0   []uint32 // n blocks of m0+1 words: count, links
	upperOff []uint32 // start of a row's upper blocks in upper
	upper    []uint32 // blocks of m+1 words per row per level ≥ 1

	// locks guard each row's link blocks while Build inserts rows
	// concurrently; nil otherwise (Add is single-writer and a built graph
	// is read-only, so searches read links without locking).
	locks []sync.Mutex
	// top guards entry and maxLevel while Build runs.
	top sync.Mutex

	visited sync.Pool // *visitSet, one per concurrent search
	closer  func() error
}

// New returns an empty graph with room for n rows.
func New(cfg Config, n int) *Graph {
	m := max(cfg.M, 2)
	g := &Graph{
		m: m, m0: 2 * m, efC: max(cfg.EfConstruction, m),
		mult:  1 / math.Log(float64(m)),
		rng:   rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15)),
		entry: -1, maxLevel: -1,
	}
	g.levels = make([]uint8, 0, n)
	g.level0 = make([]uint32, 0, n*(g.m0+1))
	g.upperOff = make([]uint32, 0, n)
	return g
}

// Len is the number of rows in the graph.
func (g *Graph) Len() int { return len(g.levels) }

// M is the graph's link parameter.
func (g *Graph) M() int { return g.m }

// links returns the link block (count word first) of row at level.
func (g *Graph) links(row int, level int) []uint32 {
	if level == 0 {
		w := g.m0 + 1
		return g.level0[row*w : (row+1)*w : (row+1)*w]
	}
	w := g.m + 1
	off := int(g.upperOff[row]) + (level-1)*w
	return g.upper[off : off+w : off+w]
}

// neighbours returns the links of row at level.
func (g *Graph) neighbours(row, level int) []uint32 {
	b := g.links(row, level)
	return b[1 : 1+b[0]]
}

func (g *Graph) setNeighbours(row, level int, ids []uint32) {
	b := g.links(row, level)
	b[0] = uint32(copy(b[1:], ids))
}

// drawLevel picks a new row's top level from the exponential distribution
// the paper prescribes, capped so a level fits the uint8 it is stored in.
func (g *Graph) drawLevel() int {
	u := 1 - g.rng.Float64() // (0, 1]: avoids log(0)
	return min(int(-math.Log(u)*g.mult), 32)
}

// grow appends the storage of a new row with the given top level.
func (g *Graph) grow(level int) int {
	row := len(g.levels)
	g.levels = append(g.levels, uint8(level))
	g.level0 = append(g.level0, make([]uint32, g.m0+1)...)
	g.upperOff = append(g.upperOff, uint32(len(g.upper)))
	g.upper = append(g.upper, make([]uint32, level*(g.m+1))...)
	return row
}
