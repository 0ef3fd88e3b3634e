package query

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/segment"
)

// Filter returns the rows of a view that match; nil means every row.
type Filter func(v *segment.View) (*bitset.Bitset, error)

// candidates is the set of visible rows of v that pass f. Without a
// filter it is v.Visible itself: callers only read it.
func candidates(v *segment.View, f Filter) (*bitset.Bitset, error) {
	if f == nil {
		return v.Visible, nil
	}
	m, err := f(v)
	if err != nil {
		return nil, err
	}
	bs := v.Visible.Clone()
	bs.And(m)
	return bs, nil
}

// withoutNulls drops the rows of bs whose vector of field is null: a null
// vector is never a hit, neither in an exact scan nor through an index
// (whose build left such rows out). bs may be v.Visible, which it does not
// modify.
func withoutNulls(bs *bitset.Bitset, v *segment.View, field int64) *bitset.Bitset {
	valid := v.ValidRows(field)
	if valid == nil {
		return bs
	}
	if bs == v.Visible {
		bs = bs.Clone()
	}
	bs.And(valid)
	return bs
}
