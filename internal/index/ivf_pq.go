package index

import (
	"math/rand/v2"
	"slices"

	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/index/quant"
)

// pqTrainPerCode bounds the rows PQ codebooks train on: FAISS's 256 per
// codeword.
const pqTrainPerCode = 256

// pqCodec (IVF_PQ) stores each row's residual from its list's centroid as
// a product-quantizer code. A query builds one table of sub-vector dot
// products with every codeword (ADC); a row's score is then M lookups:
//
//	IP:  q·c + Σ_s T[s][code_s]
//	L2:  ||q-c||² - 2·Σ_s T[s][code_s] + (2·c·r̂ + ||r̂||²)
//
// with the last L2 term per row, computed at build (rowTerm).
type pqCodec struct {
	l2      bool
	pq      quant.PQ
	codes   []byte    // positions·CodeBytes
	rowTerm []float32 // per position, L2 only
}

// pqShape reads m and nbits from the spec. Without m, sub-vectors are 4
// dimensions wide (or 2, or 1, whichever divides dim).
func pqShape(spec Spec, dim int) (m, nbits int) {
	nbits = specInt(spec.Params, "nbits", 8)
	m = specInt(spec.Params, "m", 0)
	if m > 0 && dim%m == 0 {
		return m, nbits
	}
	for _, sub := range []int{4, 2, 1} {
		if dim%sub == 0 {
			return dim / sub, nbits
		}
	}
	panic("BUG: unreachable")
}

func buildPQCodec(l *ivfLists, vecs []float32, spec Spec) (*pqCodec, error) {
	dim, n := l.dim, len(l.rows)
	m, nbits := pqShape(spec, dim)
	if dim%m != 0 {
		return nil, paramErrorf("dimension must be able to be divided by `m`, dimension: %d, m: %d", dim, m)
	}
	c := &pqCodec{l2: innerL2(spec.Metric), pq: quant.NewPQ(dim, m, nbits)}
	labels := l.positionLabels()
	c.pq.Train(pqSample(l, vecs, labels, c.pq.Ksub*pqTrainPerCode), ivfSeed, buildWorkers())
	cb := c.pq.CodeBytes()
	c.codes = make([]byte, n*cb)
	if c.l2 {
		c.rowTerm = make([]float32, n)
	}
	parallelRange(n, func(lo, hi int) {
		res, dec := make([]float32, dim), make([]float32, dim)
		for p := lo; p < hi; p++ {
			r := int(l.rows[p])
			l.residual(res, vecs[r*dim:(r+1)*dim], int(labels[p]))
			code := c.codes[p*cb : (p+1)*cb]
			c.pq.Encode(code, res)
			if c.l2 {
				c.pq.Decode(dec, code)
				c.rowTerm[p] = 2*distance.Dot(l.centroid(int(labels[p])), dec) + distance.Dot(dec, dec)
			}
		}
	})
	return c, nil
}

// pqSample returns the residuals of up to max positions drawn with the
// build seed.
func pqSample(l *ivfLists, vecs []float32, labels []int32, max int) []float32 {
	dim, n := l.dim, len(l.rows)
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i
	}
	if n > max {
		pos = rand.New(rand.NewPCG(ivfSeed, 0x7071)).Perm(n)[:max]
		slices.Sort(pos)
	}
	out := make([]float32, len(pos)*dim)
	for i, p := range pos {
		r := int(l.rows[p])
		l.residual(out[i*dim:(i+1)*dim], vecs[r*dim:(r+1)*dim], int(labels[p]))
	}
	return out
}

func (c *pqCodec) sections() []indexfile.Section {
	s := []indexfile.Section{indexfile.F32("codebook", c.pq.Codebooks), indexfile.U8("codes", c.codes)}
	if c.l2 {
		s = append(s, indexfile.F32("rowterm", c.rowTerm))
	}
	return s
}

func (c *pqCodec) tableLen() int { return c.pq.M * c.pq.Ksub }

func (c *pqCodec) query(q, table []float32) ivfQuery {
	t := table[:c.tableLen()]
	c.pq.DotTable(t, q)
	if c.l2 {
		for i := range t {
			t[i] *= -2
		}
	}
	return &pqQuery{c: c, table: t}
}

type pqQuery struct {
	c     *pqCodec
	table []float32
}

func (q *pqQuery) scan(_, lo int, coarse float32, out []float32) {
	p := q.c.pq
	cb := p.CodeBytes()
	codes := q.c.codes[lo*cb : (lo+len(out))*cb]
	switch {
	case p.Nbits == 8:
		distance.LookupSum256(q.table, codes, out)
	case p.Nbits < 8:
		adc8(q.table, codes, p.M, p.Ksub, out)
	default:
		for i := range out {
			var s float32
			code := codes[i*cb : (i+1)*cb]
			for sub := 0; sub < p.M; sub++ {
				s += q.table[sub*p.Ksub+p.At(code, sub)]
			}
			out[i] = s
		}
	}
	if q.c.l2 {
		terms := q.c.rowTerm[lo : lo+len(out)]
		for i := range out {
			out[i] += coarse + terms[i]
		}
		return
	}
	for i := range out {
		out[i] += coarse
	}
}

// adc8 sums, for each m-byte code, table[s·ksub + code[s]] over s.
func adc8(table []float32, codes []byte, m, ksub int, out []float32) {
	for i := range out {
		code := codes[i*m : (i+1)*m]
		var s0, s1 float32
		s := 0
		for ; s+1 < m; s += 2 {
			s0 += table[s*ksub+int(code[s])]
			s1 += table[(s+1)*ksub+int(code[s+1])]
		}
		if s < m {
			s0 += table[s*ksub+int(code[s])]
		}
		out[i] = s0 + s1
	}
}
