package scalar

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kite-db/kite/internal/column"
)

// BitmapDenseLimit is the most distinct keys a BITMAP index keeps as one
// bitmap each. Above it the keys get sorted row lists instead, as Milvus
// switches its bitmaps to a compressed layout above the same bound
// (DEFAULT_BITMAP_INDEX_BUILD_MODE_BOUND); answers are the same.
const BitmapDenseLimit = 500

// Build indexes col, the rows of field f in a sealed segment, with an
// index of type t. The result lives on the heap; WriteFile saves it and
// Open maps it back.
func Build(t Type, f Field, col *column.Column) (Index, error) {
	data, err := encode(t, f, col)
	if err != nil {
		return nil, err
	}
	return decode(data, nil)
}

// encode builds the index and returns its file image (docs/format/scalar-index.md).
func encode(t Type, f Field, col *column.Column) ([]byte, error) {
	if !Supports(t, f) {
		return nil, fmt.Errorf("%w: %s on %s", ErrUnsupported, t, f.Type)
	}
	n := rowCount(f, col)
	if n > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d rows", ErrTooLarge, n)
	}
	if col.Valid != nil && len(col.Valid) < n {
		return nil, fmt.Errorf("scalar: column has %d validity flags for %d rows", len(col.Valid), n)
	}
	k, _ := f.kind()
	h := header{typ: t, kind: k, array: f.isArray(), rows: n}
	nulls := nullWords(col, n)
	switch k {
	case Int:
		return encodePairs(h, nulls, collect(func(fn func(int64, int)) { eachInt(f, col, fn) }))
	case Float:
		return encodePairs(h, nulls, collect(func(fn func(float64, int)) { eachFloat(f, col, fn) }))
	}
	return encodePairs(h, nulls, collect(func(fn func(string, int)) { eachString(f, col, fn) }))
}

// pair is one (key, row) entry.
type pair[K cmp.Ordered] struct {
	k K
	r uint32
}

// collect gathers the entries sorted by key then row, without duplicates
// (an array holding a value twice lists its row once).
func collect[K cmp.Ordered](each func(fn func(K, int))) []pair[K] {
	var ps []pair[K]
	each(func(k K, row int) { ps = append(ps, pair[K]{k, uint32(row)}) })
	slices.SortFunc(ps, func(a, b pair[K]) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.r, b.r)
	})
	return slices.CompactFunc(ps, func(a, b pair[K]) bool { return a.k == b.k && a.r == b.r })
}

// group splits sorted entries into distinct keys, each with a run of rows:
// key i has rows[offs[i]:offs[i+1]].
func group[K cmp.Ordered](ps []pair[K]) (keys []K, offs, rows []uint32, err error) {
	if len(ps) > math.MaxUint32 {
		return nil, nil, nil, fmt.Errorf("%w: %d entries", ErrTooLarge, len(ps))
	}
	rows = make([]uint32, len(ps))
	for i, p := range ps {
		rows[i] = p.r
		if i == 0 || p.k != ps[i-1].k {
			keys = append(keys, p.k)
			offs = append(offs, uint32(i))
		}
	}
	return keys, append(offs, uint32(len(ps))), rows, nil
}

func nullWords(col *column.Column, n int) []uint64 {
	if col.Valid == nil {
		return nil
	}
	var w []uint64
	for i, ok := range col.Valid[:n] {
		if !ok {
			if w == nil {
				w = make([]uint64, (n+63)/64)
			}
			w[i>>6] |= 1 << (i & 63)
		}
	}
	return w
}
