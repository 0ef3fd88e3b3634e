package index

import (
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
)

// flatCodec (IVF_FLAT) keeps every vector uncompressed, each list's rows
// in panels (distance.Panels: groups of 32 rows, dimension-major, the last
// group zero-padded), so scoring a list is one panel-kernel call per block
// with no per-row overhead. L2 is scored directly by the panel kernel:
// the expansion ||q||² + ||x||² - 2·q·x read a second array per list
// (the norms, still kept in the file for older readers) and rounded
// relative to the norms.
type flatCodec struct {
	dim    int
	l2     bool
	panels []float32 // per list, panelLen(list size)·dim floats
	norms  []float32 // per position, L2 only; written, not read by search
	start  []int     // per list, its first panel row; derived from offsets
	offs   []uint32  // the lists' offsets (shared with ivfLists)
}

func (c *flatCodec) listFirst(list int) int { return int(c.offs[list]) }

func buildFlatCodec(l *ivfLists, vecs []float32, metric string) *flatCodec {
	c := &flatCodec{dim: l.dim, l2: innerL2(metric), offs: l.offsets}
	c.start = panelStarts(l)
	c.panels = make([]float32, c.start[l.nlist()]*c.dim)
	if c.l2 {
		c.norms = make([]float32, len(l.rows))
	}
	parallelRange(l.nlist(), func(lo, hi int) {
		for list := lo; list < hi; list++ {
			first, last := l.bounds(list)
			rows := make([]float32, 0, (last-first)*c.dim)
			for p := first; p < last; p++ {
				r := int(l.rows[p])
				v := vecs[r*c.dim : (r+1)*c.dim]
				rows = append(rows, v...)
				if c.l2 {
					c.norms[p] = distance.Dot(v, v)
				}
			}
			copy(c.panels[c.start[list]*c.dim:], distance.Panels(rows, c.dim))
		}
	})
	return c
}

// panelStarts returns, per list and one past the last, the panel row where
// the list begins when every list is padded to whole panels.
func panelStarts(l *ivfLists) []int {
	start := make([]int, l.nlist()+1)
	for list := 0; list < l.nlist(); list++ {
		lo, hi := l.bounds(list)
		start[list+1] = start[list] + panelLen(hi-lo)
	}
	return start
}

func (c *flatCodec) sections() []indexfile.Section {
	s := []indexfile.Section{indexfile.F32("vectors", c.panels)}
	if c.l2 {
		s = append(s, indexfile.F32("norms", c.norms))
	}
	return s
}

func (c *flatCodec) tableLen() int { return 0 }

func (c *flatCodec) query(q, _ []float32) ivfQuery {
	return &flatQuery{c: c, q: q}
}

type flatQuery struct {
	c *flatCodec
	q []float32
}

func (f *flatQuery) scan(list, lo int, _ float32, out []float32) {
	c := f.c
	// Positions of a list map one to one onto its panel rows.
	first := lo - c.listFirst(list)
	row := c.start[list] + first
	padded := out[:panelLen(len(out))]
	panels := c.panels[row*c.dim : (row+len(padded))*c.dim]
	if c.l2 {
		distance.L2SqPanels(f.q, panels, padded)
		return
	}
	distance.DotPanels(f.q, panels, padded)
}
