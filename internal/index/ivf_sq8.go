package index

import (
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/index/quant"
)

// sq8Codec (IVF_SQ8) stores each row's residual from its list's centroid
// with one byte per dimension. Scores come without decoding (see ivfQuery):
//
//	IP:  q·(c + r̂)    = q·c + q·r̂
//	L2:  ||q - c - r̂||² = ||q-c||² - 2·q·r̂ + (2·c·r̂ + ||r̂||²)
//
// where q·r̂ = bias + DotU8(weights, code) and the last L2 term depends on
// the row only, so it is computed at build (rowTerm).
type sq8Codec struct {
	dim     int
	l2      bool
	sq      quant.SQ8
	codes   []byte    // positions·dim
	rowTerm []float32 // per position, L2 only
}

func buildSQ8Codec(l *ivfLists, vecs []float32, metric string) *sq8Codec {
	dim, n := l.dim, len(l.rows)
	c := &sq8Codec{dim: dim, l2: innerL2(metric), codes: make([]byte, n*dim)}
	labels := l.positionLabels()
	c.sq = trainSQ8(l, vecs, labels)
	if c.l2 {
		c.rowTerm = make([]float32, n)
	}
	parallelRange(n, func(lo, hi int) {
		res, dec := make([]float32, dim), make([]float32, dim)
		for p := lo; p < hi; p++ {
			r := int(l.rows[p])
			l.residual(res, vecs[r*dim:(r+1)*dim], int(labels[p]))
			code := c.codes[p*dim : (p+1)*dim]
			c.sq.Encode(code, res)
			if c.l2 {
				c.sq.Decode(dec, code)
				c.rowTerm[p] = 2*distance.Dot(l.centroid(int(labels[p])), dec) + distance.Dot(dec, dec)
			}
		}
	})
	return c
}

// trainSQ8 spans the residuals of every row, one row at a time (no copy of
// the data).
func trainSQ8(l *ivfLists, vecs []float32, labels []int32) quant.SQ8 {
	dim := l.dim
	lo, hi := make([]float32, dim), make([]float32, dim)
	res := make([]float32, dim)
	for p, r := range l.rows {
		l.residual(res, vecs[int(r)*dim:int(r+1)*dim], int(labels[p]))
		if p == 0 {
			copy(lo, res)
			copy(hi, res)
		}
		for j, x := range res {
			lo[j], hi[j] = min(lo[j], x), max(hi[j], x)
		}
	}
	return quant.TrainSQ8(append(lo, hi...), dim)
}

func (c *sq8Codec) sections() []indexfile.Section {
	s := []indexfile.Section{
		indexfile.F32("sqmin", c.sq.Min), indexfile.F32("sqstep", c.sq.Step),
		indexfile.U8("codes", c.codes),
	}
	if c.l2 {
		s = append(s, indexfile.F32("rowterm", c.rowTerm))
	}
	return s
}

func (c *sq8Codec) tableLen() int { return c.dim }

func (c *sq8Codec) query(q, table []float32) ivfQuery {
	s := &sq8Query{c: c, w: table[:c.dim]}
	s.bias = c.sq.Weights(s.w, q)
	if c.l2 { // fold the -2 of the L2 expansion into the weights
		for j := range s.w {
			s.w[j] *= -2
		}
		s.bias *= -2
	}
	return s
}

type sq8Query struct {
	c    *sq8Codec
	w    []float32
	bias float32
}

func (s *sq8Query) scan(_, lo int, coarse float32, out []float32) {
	d := s.c.dim
	distance.DotU8Batch(s.w, s.c.codes[lo*d:(lo+len(out))*d], out)
	base := coarse + s.bias
	if !s.c.l2 {
		for i := range out {
			out[i] += base
		}
		return
	}
	terms := s.c.rowTerm[lo : lo+len(out)]
	for i := range out {
		out[i] += base + terms[i]
	}
}
