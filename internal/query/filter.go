package query

import (
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/segment"
)

// Filter returns the rows of a view that match; nil means every row.
type Filter func(v *segment.View) (*bitset.Bitset, error)

// candidates is the set of visible rows of v that pass f.
func candidates(v *segment.View, f Filter) (*bitset.Bitset, error) {
	bs := v.Visible.Clone()
	if f == nil {
		return bs, nil
	}
	m, err := f(v)
	if err != nil {
		return nil, err
	}
	bs.And(m)
	return bs, nil
}
