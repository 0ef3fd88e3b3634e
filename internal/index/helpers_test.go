package index

import (
	"math/rand/v2"
	"slices"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// randColumn makes n random rows of vector type t. Values are small
// integers for dense types so equal scores (ties) actually occur.
func randColumn(r *rand.Rand, t schema.DataType, n, dim int) *column.Column {
	c := column.New(t, dim)
	for i := 0; i < n; i++ {
		switch t {
		case schema.FloatVector:
			for j := 0; j < dim; j++ {
				c.FloatVecs = append(c.FloatVecs, float32(r.IntN(7)-3))
			}
		case schema.Float16Vector, schema.BFloat16Vector:
			c.VecBytes = appendHalf(r, c.VecBytes, t, dim)
		case schema.Int8Vector:
			for j := 0; j < dim; j++ {
				c.VecBytes = append(c.VecBytes, byte(r.IntN(256)))
			}
		case schema.BinaryVector:
			for j := 0; j < dim/8; j++ {
				c.VecBytes = append(c.VecBytes, byte(r.IntN(256)))
			}
		case schema.SparseFloatVector:
			c.Bytes = append(c.Bytes, randSparseRow(r, dim))
		}
	}
	return c
}

func appendHalf(r *rand.Rand, b []byte, t schema.DataType, dim int) []byte {
	for j := 0; j < dim; j++ {
		f := float32(r.NormFloat64())
		h := distance.F32ToF16(f)
		if t == schema.BFloat16Vector {
			h = distance.F32ToBF16(f)
		}
		b = append(b, byte(h), byte(h>>8))
	}
	return b
}

func randSparseRow(r *rand.Rand, maxIdx int) []byte {
	var row []byte
	for idx := 0; idx < maxIdx; idx++ {
		if r.IntN(4) == 0 {
			row = distance.AppendSparse(row, uint32(idx), float32(r.IntN(5)))
		}
	}
	return row
}

// bruteForce scores every row with the straightforward kernels, sorts all
// of them and keeps the first k that pass filter and keep.
func bruteForce(metric string, data, q *column.Column, qi, k int, filter *bitset.Bitset, keep func(float32) bool) []Hit {
	var all []Hit
	for r := 0; r < data.Len(); r++ {
		if filter != nil && !filter.Test(r) {
			continue
		}
		s := refScore(metric, data, q, qi, r)
		if keep == nil || keep(s) {
			all = append(all, Hit{Row: int32(r), Score: s})
		}
	}
	higher := HigherIsBetter(metric)
	slices.SortStableFunc(all, func(a, b Hit) int {
		if better(higher, a, b) {
			return -1
		}
		return 1
	})
	return all[:min(k, len(all))]
}

func refScore(metric string, data, q *column.Column, qi, r int) float32 {
	switch data.Type {
	case schema.FloatVector:
		return float32Ref(metric, q.FloatVec(qi), data.FloatVec(r))
	case schema.Float16Vector, schema.BFloat16Vector:
		return float32Ref(metric, decodeTestRow(q, qi), decodeTestRow(data, r))
	case schema.Int8Vector:
		return int8Kernel(metric)(q.VecRow(qi), data.VecRow(r))
	case schema.BinaryVector:
		return binaryKernel(metric)(q.VecRow(qi), data.VecRow(r))
	}
	return distance.SparseDot(q.Bytes[qi], data.Bytes[r])
}

func float32Ref(metric string, a, b []float32) float32 {
	switch metric {
	case L2:
		return distance.L2SqGeneric(a, b)
	case IP:
		return distance.DotGeneric(a, b)
	}
	return distance.Cosine(a, b)
}

func decodeTestRow(c *column.Column, i int) []float32 {
	v := make([]float32, c.Dim)
	if c.Type == schema.BFloat16Vector {
		distance.DecodeBF16(v, c.VecRow(i))
	} else {
		distance.DecodeF16(v, c.VecRow(i))
	}
	return v
}
