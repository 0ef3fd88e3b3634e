package service

import (
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/rerank"
	"github.com/kite-db/kite/internal/segment"
)

// rescoreFunc changes one view's hits for one query in place.
type rescoreFunc func(v *segment.View, hits []index.Hit) error

// boostRescore compiles a search's boost functions into the rescoring of
// each segment's hits; nil without boost functions. Like Milvus, boosts
// cannot be combined with grouping or iterators.
func (s *Service) boostRescore(col *catalog.Collection, fs *rerank.FunctionScore, req *Search) (rescoreFunc, error) {
	bs, err := rerank.NewBoosts(&col.Schema, fs)
	if err != nil || bs == nil {
		return nil, s.rerankError(err)
	}
	if req.GroupByField != "" || req.Iterator {
		return nil, apierr.Invalid("failed to create query plan: don't support use segment scorer with group_by or search_iterator")
	}
	filters := make([]*expr.Expr, len(bs.Functions))
	for i, b := range bs.Functions {
		if b.Filter == "" {
			continue
		}
		zone := req.Zone
		if zone == nil {
			zone = collectionZone(col)
		}
		if filters[i], err = compileBoostFilter(col, b.Filter, req.Templates, zone); err != nil {
			return nil, err
		}
	}
	return func(v *segment.View, hits []index.Hit) error {
		return boostHits(bs, filters, v, hits)
	}, nil
}

func compileBoostFilter(col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (*expr.Expr, error) {
	e, err := expr.CompileIn(src, &col.Schema, templates, zone)
	if err != nil {
		return nil, apierr.Invalid("failed to create query plan: parse expr failed with error: {%v}", err)
	}
	return e, nil
}

// boostHits re-scores hits of view v: each boost's filter is evaluated on
// the view once.
func boostHits(bs *rerank.Boosts, filters []*expr.Expr, v *segment.View, hits []index.Hit) error {
	sets := make([]*bitset.Bitset, len(filters))
	for i, e := range filters {
		if e == nil {
			continue
		}
		m, err := e.Eval(v)
		if err != nil {
			return err
		}
		sets[i] = m
	}
	matched := make([]bool, len(filters))
	for j := range hits {
		row := int(hits[j].Row)
		for i, m := range sets {
			matched[i] = m == nil || m.Test(row)
		}
		hits[j].Score = bs.Score(hits[j].Score, matched, func(i int) uint64 { return randomKey(v, row, bs.Functions[i]) })
	}
	return nil
}

// randomKey is what a random boost hashes for a row: its seed field's
// value, else its place (the segment's ID plus the row).
func randomKey(v *segment.View, row int, b rerank.Boost) uint64 {
	if f := b.SeedField; f != nil {
		if c := v.Cols[f.ID]; c != nil && !c.IsNull(row) {
			return uint64(c.Ints[row])
		}
	}
	var seg int64
	if v.Seg != nil {
		seg = v.Seg.ID
	}
	return uint64(seg) + uint64(row)
}
