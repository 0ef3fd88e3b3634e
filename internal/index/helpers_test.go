package index

import (
	"math"
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
		if s != s { // a sparse row sharing no index with the query is no hit
			continue
		}
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
	if d, shared := distance.SparseDotShared(q.Bytes[qi], data.Bytes[r]); shared {
		return d
	}
	return float32(math.NaN())
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

// syntheticColumn is a Gaussian mixture shaped like DATA.md's generator:
// 64 clusters of skewed sizes, per-dimension scales decaying as
// (i+1)^-0.5, noise as wide as the centres' spread in most dimensions, so
// neighbours straddle cluster borders as in real data. The last nq rows
// are split off as queries. Results are cached per (seed, type, shape).
func syntheticColumn(seed uint64, t schema.DataType, n, nq, dim int) (data, q *column.Column) {
	key := [5]uint64{seed, uint64(t), uint64(n), uint64(nq), uint64(dim)}
	if c, ok := synthCache[key]; ok {
		return c[0], c[1]
	}
	r := rand.New(rand.NewPCG(seed, seed))
	const k = 64
	centres := make([][]float32, k)
	for c := range centres {
		centres[c] = make([]float32, dim)
		for j := range centres[c] {
			centres[c][j] = float32(2 * r.NormFloat64() / math.Sqrt(float64(j+1)))
		}
	}
	all := column.New(t, dim)
	row := make([]float32, dim)
	for i := 0; i < n+nq; i++ {
		c := centres[int(k*math.Pow(r.Float64(), 2))]
		for j := range row {
			row[j] = c[j] + float32(r.NormFloat64()/math.Sqrt(float64(j+1)))
		}
		appendFloats(all, row)
	}
	data, q = all.Head(n), tail(all, n)
	synthCache[key] = [2]*column.Column{data, q}
	return data, q
}

var synthCache = map[[5]uint64][2]*column.Column{}

func appendFloats(c *column.Column, v []float32) {
	for _, x := range v {
		switch c.Type {
		case schema.FloatVector:
			c.FloatVecs = append(c.FloatVecs, x)
		case schema.Float16Vector:
			h := distance.F32ToF16(x)
			c.VecBytes = append(c.VecBytes, byte(h), byte(h>>8))
		case schema.BFloat16Vector:
			h := distance.F32ToBF16(x)
			c.VecBytes = append(c.VecBytes, byte(h), byte(h>>8))
		}
	}
}

// tail returns rows [from, Len) of a dense vector column.
func tail(c *column.Column, from int) *column.Column {
	idx := make([]int, 0, c.Len()-from)
	for i := from; i < c.Len(); i++ {
		idx = append(idx, i)
	}
	return c.Take(idx)
}
