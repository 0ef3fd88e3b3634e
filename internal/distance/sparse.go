package distance

import (
	"encoding/binary"
	"errors"
	"math"
)

// SparsePairBytes is the width of one (index, value) pair in a sparse row.
const SparsePairBytes = 8

// ErrSparseRow reports a sparse row that is not a whole number of pairs with
// strictly increasing indexes.
var ErrSparseRow = errors.New("distance: malformed sparse row")

// SparseDot returns the inner product of two sparse rows by merging their
// sorted indexes. Malformed rows are rejected at insert time (CheckSparse),
// so this only stops at the shorter whole pair count.
func SparseDot(a, b []byte) float32 {
	var s float32
	i, j := 0, 0
	for i+SparsePairBytes <= len(a) && j+SparsePairBytes <= len(b) {
		ia, ib := binary.LittleEndian.Uint32(a[i:]), binary.LittleEndian.Uint32(b[j:])
		switch {
		case ia < ib:
			i += SparsePairBytes
		case ia > ib:
			j += SparsePairBytes
		default:
			s += sparseValue(a, i) * sparseValue(b, j)
			i += SparsePairBytes
			j += SparsePairBytes
		}
	}
	return s
}

func sparseValue(row []byte, off int) float32 {
	return math.Float32frombits(binary.LittleEndian.Uint32(row[off+4:]))
}

// SparseLen is the number of non-zero entries in a sparse row.
func SparseLen(row []byte) int { return len(row) / SparsePairBytes }

// SparseAt returns entry k of a sparse row.
func SparseAt(row []byte, k int) (index uint32, value float32) {
	off := k * SparsePairBytes
	return binary.LittleEndian.Uint32(row[off:]), sparseValue(row, off)
}

// CheckSparse reports whether row is a well-formed sparse row: whole pairs,
// strictly increasing indexes, finite values.
func CheckSparse(row []byte) error {
	if len(row)%SparsePairBytes != 0 {
		return ErrSparseRow
	}
	for k := 0; k < SparseLen(row); k++ {
		idx, v := SparseAt(row, k)
		if k > 0 {
			if prev, _ := SparseAt(row, k-1); idx <= prev {
				return ErrSparseRow
			}
		}
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return ErrSparseRow
		}
	}
	return nil
}

// AppendSparse appends the pair (index, value) to row; building rows in
// tests and loaders without hand-written byte shuffling.
func AppendSparse(row []byte, index uint32, value float32) []byte {
	row = binary.LittleEndian.AppendUint32(row, index)
	return binary.LittleEndian.AppendUint32(row, math.Float32bits(value))
}
