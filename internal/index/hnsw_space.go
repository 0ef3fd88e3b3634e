package index

import (
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// The graph orders rows by a distance where smaller is closer; similarity
// metrics (IP, COSINE) become their negation and turn back on the way out.

func toDist(metric string, score float32) float32 {
	if HigherIsBetter(metric) {
		return -score
	}
	return score
}

// pairSpace gives hnsw the distance between two stored rows while building.
// float16/bfloat16 columns are decoded to float32 once for the build (the
// build compares each row hundreds of times); cosine uses precomputed norms.
type pairSpace struct {
	metric string
	floats *floatRows // float32 rows (decoded for half types); nil otherwise
	bytes  *column.Column
	norms  []float32
}

func newPairSpace(metric string, data *column.Column, norms []float32) *pairSpace {
	s := &pairSpace{metric: metric, bytes: data, norms: norms}
	switch data.Type {
	case schema.FloatVector:
		s.floats = &floatRows{data: data.FloatVecs, dim: data.Dim, kind: floatKindOf(metric), norms: norms}
	case schema.Float16Vector, schema.BFloat16Vector:
		s.floats = &floatRows{data: decodeAll(data), dim: data.Dim, kind: floatKindOf(metric), norms: norms}
	}
	return s
}

func (s *pairSpace) Distance(a, b int) float32 {
	if f := s.floats; f != nil {
		return f.dist(f.row(a), f.norm(a), b)
	}
	ra, rb := s.bytes.VecRow(a), s.bytes.VecRow(b)
	switch {
	case s.bytes.Type == schema.BinaryVector:
		return binaryKernel(s.metric)(ra, rb)
	case s.metric == Cosine:
		return -distance.CosineFromDot(distance.Int8Dot(ra, rb), s.norms[a], s.norms[b])
	}
	return toDist(s.metric, int8Kernel(s.metric)(ra, rb))
}

// Distances scores rows against row a in one call (hnsw.BatchSpace).
func (s *pairSpace) Distances(a int, rows []uint32, out []float32) {
	if f := s.floats; f != nil {
		f.scores(f.row(a), f.norm(a), rows, out)
		return
	}
	for _, r := range rows {
		distance.PrefetchBytes(s.bytes.VecRow(int(r)))
	}
	for i, r := range rows {
		out[i] = s.Distance(a, int(r))
	}
}

func decodeAll(data *column.Column) []float32 {
	n := data.Len()
	out := make([]float32, n*data.Dim)
	dec := distance.DecodeF16
	if data.Type == schema.BFloat16Vector {
		dec = distance.DecodeBF16
	}
	for i := 0; i < n; i++ {
		dec(out[i*data.Dim:(i+1)*data.Dim], data.VecRow(i))
	}
	return out
}

// rowNorms returns each row's Euclidean length for COSINE on dense types,
// or nil when the metric does not need them.
func rowNorms(metric string, data *column.Column) []float32 {
	if metric != Cosine || data.Type == schema.BinaryVector {
		return nil
	}
	n := data.Len()
	norms := make([]float32, n)
	scratch := make([]float32, data.Dim)
	for i := range norms {
		switch data.Type {
		case schema.FloatVector:
			norms[i] = distance.Norm(data.FloatVec(i))
		case schema.Int8Vector:
			norms[i] = distance.Int8Norm(data.VecRow(i))
		default:
			decodeRow(data, i, scratch)
			norms[i] = distance.Norm(scratch)
		}
	}
	return norms
}

func decodeRow(data *column.Column, i int, dst []float32) {
	if data.Type == schema.BFloat16Vector {
		distance.DecodeBF16(dst, data.VecRow(i))
	} else {
		distance.DecodeF16(dst, data.VecRow(i))
	}
}
