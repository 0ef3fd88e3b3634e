package distance

import (
	"encoding/binary"
	"errors"
	"math"
)

// SparsePairBytes is the width of one (index, value) pair in a sparse row.
const SparsePairBytes = 8

// MaxSparseIndex bounds sparse indexes: Milvus keeps 2^32-1 out of rows.
const MaxSparseIndex = math.MaxUint32 - 1

// Why CheckSparse refuses a row; the service words them as Milvus does.
var (
	// ErrSparseRow: the row is not a whole number of pairs.
	ErrSparseRow = errors.New("distance: malformed sparse row")
	// ErrSparseIndex: an index is 2^32-1.
	ErrSparseIndex = errors.New("distance: sparse index out of range")
	// ErrSparseOrder: indexes are not strictly increasing (unsorted or repeated).
	ErrSparseOrder = errors.New("distance: sparse indexes not strictly increasing")
	// ErrSparseNegative: a value is below zero.
	ErrSparseNegative = errors.New("distance: negative sparse value")
)

// SparseDot returns the inner product of two sparse rows by merging their
// sorted indexes. Malformed rows are rejected at insert time (CheckSparse),
// so this only stops at the shorter whole pair count.
func SparseDot(a, b []byte) float32 {
	s, _ := SparseDotShared(a, b)
	return s
}

// SparseDotShared is SparseDot that also reports whether the rows share
// an index: a row sharing none with a query is in none of the query's
// posting lists, so sparse searches do not count it as a hit.
func SparseDotShared(a, b []byte) (dot float32, shared bool) {
	i, j := 0, 0
	for i+SparsePairBytes <= len(a) && j+SparsePairBytes <= len(b) {
		ia, ib := binary.LittleEndian.Uint32(a[i:]), binary.LittleEndian.Uint32(b[j:])
		switch {
		case ia < ib:
			i += SparsePairBytes
		case ia > ib:
			j += SparsePairBytes
		default:
			dot += sparseValue(a, i) * sparseValue(b, j)
			shared = true
			i += SparsePairBytes
			j += SparsePairBytes
		}
	}
	return dot, shared
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

// CheckSparse reports whether row is a well-formed sparse row, the rule
// Milvus applies to stored rows and Kite to query rows too: whole pairs,
// strictly increasing indexes below 2^32-1, finite non-negative values.
// A non-finite value is a *NotFiniteError.
func CheckSparse(row []byte) error {
	if len(row)%SparsePairBytes != 0 {
		return ErrSparseRow
	}
	var prev uint32
	for k := 0; k < SparseLen(row); k++ {
		idx, v := SparseAt(row, k)
		switch {
		case idx > MaxSparseIndex:
			return ErrSparseIndex
		case k > 0 && idx <= prev:
			return ErrSparseOrder
		case !finite(v):
			return &NotFiniteError{Value: v}
		case v < 0:
			return ErrSparseNegative
		}
		prev = idx
	}
	return nil
}

// AppendSparse appends the pair (index, value) to row; building rows in
// tests and loaders without hand-written byte shuffling.
func AppendSparse(row []byte, index uint32, value float32) []byte {
	row = binary.LittleEndian.AppendUint32(row, index)
	return binary.LittleEndian.AppendUint32(row, math.Float32bits(value))
}
