package index

import (
	"math"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// scorer scores one query against rows of the indexed vectors.
type scorer interface {
	// one returns the score of row r.
	one(r int) float32
	// block writes the scores of rows lo, lo+1, ... into out. Dense float
	// scorers use batch kernels here; others loop over one.
	block(lo int, out []float32)
}

// newScorer prepares query row qi of q against data under metric. The
// caller has checked that q and data have the same type and dimension.
// norms, when not nil, holds the lengths of FloatVector rows for COSINE.
func newScorer(metric string, data, q *column.Column, qi int, norms []float32) scorer {
	switch data.Type {
	case schema.FloatVector:
		s := newFloatScorer(metric, data.FloatVecs, data.Dim, q.FloatVec(qi))
		s.norms = norms
		return s
	case schema.Float16Vector, schema.BFloat16Vector:
		return newHalfScorer(metric, data, q.VecRow(qi))
	case schema.Int8Vector:
		return &bytesScorer{rows: data, q: q.VecRow(qi), fn: int8Kernel(metric)}
	case schema.BinaryVector:
		return &bytesScorer{rows: data, q: q.VecRow(qi), fn: binaryKernel(metric)}
	case schema.SparseFloatVector:
		return &sparseScorer{rows: data.Bytes, q: q.Bytes[qi]}
	}
	panic("BUG: scorer for non-vector type " + data.Type.String())
}

// floatScorer scores float32 rows. Cosine divides a dot product by the
// row's norm: cached in norms when the index keeps them, else computed.
type floatScorer struct {
	metric string
	data   []float32
	dim    int
	q      []float32
	qNorm  float32
	norms  []float32
}

func (s *floatScorer) rowNorm(r int) float32 {
	if r < len(s.norms) {
		return s.norms[r]
	}
	return distance.Norm(s.row(r))
}

func newFloatScorer(metric string, data []float32, dim int, q []float32) *floatScorer {
	return &floatScorer{metric: metric, data: data, dim: dim, q: q, qNorm: distance.Norm(q)}
}

func (s *floatScorer) row(r int) []float32 { return s.data[r*s.dim : (r+1)*s.dim] }

func (s *floatScorer) one(r int) float32 {
	switch s.metric {
	case L2:
		return distance.L2Sq(s.q, s.row(r))
	case IP:
		return distance.Dot(s.q, s.row(r))
	}
	row := s.row(r)
	return distance.CosineFromDot(distance.Dot(s.q, row), s.qNorm, s.rowNorm(r))
}

func (s *floatScorer) block(lo int, out []float32) {
	rows := s.data[lo*s.dim : (lo+len(out))*s.dim]
	if s.metric == L2 {
		distance.L2SqBatch(s.q, rows, out)
		return
	}
	distance.DotBatch(s.q, rows, out)
	if s.metric == Cosine {
		for i := range out {
			out[i] = distance.CosineFromDot(out[i], s.qNorm, s.rowNorm(lo+i))
		}
	}
}

// halfScorer decodes each float16/bfloat16 row into a scratch buffer and
// reuses the float32 kernels, which beats converting inside every kernel.
type halfScorer struct {
	f       floatScorer
	rows    *column.Column
	decode  func([]float32, []byte)
	scratch []float32
}

func newHalfScorer(metric string, data *column.Column, qRow []byte) *halfScorer {
	dec := distance.DecodeF16
	if data.Type == schema.BFloat16Vector {
		dec = distance.DecodeBF16
	}
	q := make([]float32, data.Dim)
	dec(q, qRow)
	s := &halfScorer{rows: data, decode: dec, scratch: make([]float32, data.Dim)}
	s.f = *newFloatScorer(metric, s.scratch, data.Dim, q)
	return s
}

func (s *halfScorer) one(r int) float32 {
	s.decode(s.scratch, s.rows.VecRow(r))
	return s.f.one(0)
}

func (s *halfScorer) block(lo int, out []float32) { loopBlock(s, lo, out) }

// bytesScorer applies a byte-row kernel (int8, binary).
type bytesScorer struct {
	rows *column.Column
	q    []byte
	fn   func(a, b []byte) float32
}

func (s *bytesScorer) one(r int) float32 { return s.fn(s.q, s.rows.VecRow(r)) }

func (s *bytesScorer) block(lo int, out []float32) { loopBlock(s, lo, out) }

type sparseScorer struct {
	rows [][]byte
	q    []byte
}

// one scores row r. A row that shares no index with the query scores NaN,
// which topK drops: it is in none of the posting lists a sparse index
// searches, so exact and indexed searches agree (an empty query finds
// nothing, as in Milvus).
func (s *sparseScorer) one(r int) float32 {
	d, shared := distance.SparseDotShared(s.q, s.rows[r])
	if !shared {
		return float32(math.NaN())
	}
	return d
}

func (s *sparseScorer) block(lo int, out []float32) { loopBlock(s, lo, out) }

func loopBlock(s scorer, lo int, out []float32) {
	for i := range out {
		out[i] = s.one(lo + i)
	}
}

func int8Kernel(metric string) func(a, b []byte) float32 {
	switch metric {
	case L2:
		return distance.Int8L2Sq
	case IP:
		return distance.Int8Dot
	}
	return distance.Int8Cosine
}

func binaryKernel(metric string) func(a, b []byte) float32 {
	if metric == Jaccard {
		return distance.Jaccard
	}
	return distance.Hamming
}
