package index

import (
	"fmt"
	"math"
	"slices"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index/indexfile"
	"github.com/kite-db/kite/internal/schema"
)

// sparseIndex is SPARSE_INVERTED_INDEX or SPARSE_WAND over sparse float
// vectors with IP: one posting list per dimension, holding the rows with a
// value in that dimension (ascending) and the values. drop_ratio_build
// leaves the smallest fraction of all values out of the lists.
//
// inverted_index_algo picks the search: TAAT_NAIVE scores term at a time
// into an accumulator per row; DAAT_MAXSCORE (the default) and DAAT_WAND
// (SPARSE_WAND's default) run MaxScore over windows of rows, which skips
// most postings of low-weight dimensions once K good rows are held. Both return the
// exact top K over the values kept (build) and the query values kept
// (drop_ratio_search); term at a time sums in dimension order as FLAT
// does, so without dropping it answers as FLAT does, and MaxScore agrees
// up to float rounding. Rows sharing no dimension with the query are never
// hits.
type sparseIndex struct {
	typ    string
	taat   bool // inverted_index_algo TAAT_NAIVE; else MaxScore
	data   *column.Column
	dims   []uint32  // dimensions with postings, ascending
	starts []uint32  // len(dims)+1: list i is postings starts[i]..starts[i+1]
	rows   []int32   // posting rows
	vals   []float32 // posting values
	maxAbs []float32 // per list: largest |value|, MaxScore's bound
	file   *indexfile.File
}

func newSparseIndex(spec Spec, data *column.Column) (*sparseIndex, error) {
	if data.Type != schema.SparseFloatVector {
		return nil, fmt.Errorf("index: %s over %s: %w", spec.Type, data.Type, ErrUnsupported)
	}
	if _, err := NewFlat(spec.Metric, data); err != nil {
		return nil, err // metric checks; BM25 is not supported yet
	}
	return &sparseIndex{typ: spec.Type, data: data, taat: spec.Params["inverted_index_algo"] == algoTAAT}, nil
}

func buildSparse(spec Spec, data *column.Column) (Index, error) {
	x, err := newSparseIndex(spec, data)
	if err != nil {
		return nil, err
	}
	ratio, _ := specFloat(spec.Params, "drop_ratio_build")
	cut := dropThreshold(allValues(data.Bytes), ratio)
	counts := map[uint32]int{}
	total := 0
	eachKept(data.Bytes, cut, func(_ int, dim uint32, _ float32) {
		counts[dim]++
		total++
	})
	if total > math.MaxUint32 {
		return nil, fmt.Errorf("index: %d sparse postings in one segment: %w", total, ErrUnsupported)
	}
	x.layout(counts, total)
	next := make(map[uint32]uint32, len(counts))
	for i, d := range x.dims {
		next[d] = x.starts[i]
	}
	eachKept(data.Bytes, cut, func(r int, dim uint32, v float32) {
		p := next[dim]
		x.rows[p], x.vals[p] = int32(r), v
		next[dim] = p + 1
	})
	for i := range x.dims {
		for _, v := range x.vals[x.starts[i]:x.starts[i+1]] {
			x.maxAbs[i] = max(x.maxAbs[i], float32(math.Abs(float64(v))))
		}
	}
	return x, nil
}

// layout sizes the posting arrays for counts per dimension.
func (x *sparseIndex) layout(counts map[uint32]int, total int) {
	x.dims = make([]uint32, 0, len(counts))
	for d := range counts {
		x.dims = append(x.dims, d)
	}
	slices.Sort(x.dims)
	x.starts = make([]uint32, len(x.dims)+1)
	for i, d := range x.dims {
		x.starts[i+1] = x.starts[i] + uint32(counts[d])
	}
	x.rows, x.vals = make([]int32, total), make([]float32, total)
	x.maxAbs = make([]float32, len(x.dims))
}

// eachKept calls fn for every non-zero value whose magnitude is at least cut.
func eachKept(rows [][]byte, cut float32, fn func(row int, dim uint32, v float32)) {
	for r, row := range rows {
		for k := 0; k < distance.SparseLen(row); k++ {
			d, v := distance.SparseAt(row, k)
			if v != 0 && float32(math.Abs(float64(v))) >= cut {
				fn(r, d, v)
			}
		}
	}
}

func allValues(rows [][]byte) []float32 {
	var out []float32
	for _, row := range rows {
		for k := 0; k < distance.SparseLen(row); k++ {
			_, v := distance.SparseAt(row, k)
			out = append(out, v)
		}
	}
	return out
}

// dropThreshold is the magnitude below which values are dropped so that
// the smallest ratio of vals go (knowhere's rule: the value at rank
// ratio·len among magnitudes; values equal to it stay). vals is reordered.
func dropThreshold(vals []float32, ratio float64) float32 {
	if ratio <= 0 || len(vals) == 0 {
		return 0
	}
	for i, v := range vals {
		vals[i] = float32(math.Abs(float64(v)))
	}
	slices.Sort(vals)
	return vals[min(len(vals)-1, int(ratio*float64(len(vals))))]
}

// specFloat reads a float build param ValidateSpec has checked.
func specFloat(p map[string]string, key string) (float64, bool) {
	v, ok := p[key]
	if !ok {
		return 0, false
	}
	f, err := parseFloatParam(v)
	return f, err == nil
}

// Metric is the metric the index scores with (IP).
func (x *sparseIndex) Metric() string { return IP }

// list returns posting list i.
func (x *sparseIndex) list(i int) ([]int32, []float32) {
	lo, hi := x.starts[i], x.starts[i+1]
	return x.rows[lo:hi], x.vals[lo:hi]
}

// Close releases the mapping of an index opened by Load.
func (x *sparseIndex) Close() error {
	if x.file == nil {
		return nil
	}
	return x.file.Close()
}
