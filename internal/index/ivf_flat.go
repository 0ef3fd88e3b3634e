package index

import (
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
)

// flatCodec (IVF_FLAT) keeps every vector uncompressed, copied in position
// order so a list is one contiguous block for the batch kernels.
type flatCodec struct {
	dim  int
	l2   bool
	vecs []float32 // positions·dim
}

func buildFlatCodec(l *ivfLists, vecs []float32, metric string) *flatCodec {
	c := &flatCodec{dim: l.dim, l2: innerL2(metric), vecs: make([]float32, len(vecs))}
	parallelRange(len(l.rows), func(lo, hi int) {
		for p := lo; p < hi; p++ {
			r := int(l.rows[p])
			copy(c.vecs[p*c.dim:(p+1)*c.dim], vecs[r*c.dim:(r+1)*c.dim])
		}
	})
	return c
}

func (c *flatCodec) sections() []indexfile.Section {
	return []indexfile.Section{indexfile.F32("vectors", c.vecs)}
}

func (c *flatCodec) query(q []float32) ivfQuery { return &flatQuery{c: c, q: q} }

type flatQuery struct {
	c *flatCodec
	q []float32
}

func (f *flatQuery) scan(lo int, _ float32, out []float32) {
	d := f.c.dim
	rows := f.c.vecs[lo*d : (lo+len(out))*d]
	if f.c.l2 {
		distance.L2SqBatch(f.q, rows, out)
	} else {
		distance.DotBatch(f.q, rows, out)
	}
}
