package distance

import (
	"errors"
	"math"
	"testing"
)

// FuzzCheckSparse holds CheckSparse to its contract on arbitrary bytes:
// it never panics, it accepts exactly the rows that are whole pairs with
// strictly increasing indexes below 2^32-1 and finite non-negative
// values, and it names one of its sentinel reasons otherwise.
func FuzzCheckSparse(f *testing.F) {
	for _, seed := range [][]byte{
		nil, {1, 2, 3},
		AppendSparse(AppendSparse(nil, 1, 0.5), 9, 2),
		AppendSparse(AppendSparse(nil, 2, 1), 1, 2),
		AppendSparse(AppendSparse(nil, 1, 1), 1, 2),
		AppendSparse(nil, math.MaxUint32, 1),
		AppendSparse(nil, 1, float32(math.NaN())),
		AppendSparse(nil, 1, float32(math.Inf(-1))),
		AppendSparse(nil, 1, -1),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, row []byte) {
		err := CheckSparse(row)
		if want := sparseOK(row); (err == nil) != want {
			t.Fatalf("CheckSparse(%x) = %v, want ok=%v", row, err, want)
		}
		if err == nil {
			if d := SparseDot(row, row); !finite(d) && !math.IsInf(float64(d), 1) {
				t.Fatalf("self dot of an accepted row is %v", d)
			}
			return
		}
		for _, reason := range []error{ErrSparseRow, ErrSparseIndex, ErrSparseOrder, ErrNotFinite, ErrSparseNegative} {
			if errors.Is(err, reason) {
				return
			}
		}
		t.Fatalf("CheckSparse(%x) = %v, not one of its reasons", row, err)
	})
}

// sparseOK is CheckSparse's rule written out plainly, as the model.
func sparseOK(row []byte) bool {
	if len(row)%SparsePairBytes != 0 {
		return false
	}
	for k := 0; k < SparseLen(row); k++ {
		idx, v := SparseAt(row, k)
		if idx == math.MaxUint32 || math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) || v < 0 {
			return false
		}
		if k > 0 {
			if prev, _ := SparseAt(row, k-1); idx <= prev {
				return false
			}
		}
	}
	return true
}
