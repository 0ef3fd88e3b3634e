package service

import (
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/schema"
)

// groupOversample is how many candidates per wanted hit a grouped search
// fetches, so that groups fill up even when the nearest rows share values.
const groupOversample = 4

// groupField resolves and checks group_by_field; nil without one.
func groupField(col *catalog.Collection, req *Search) (*schema.Field, error) {
	if req.GroupByField == "" {
		return nil, nil
	}
	f := col.Schema.FieldByName(req.GroupByField)
	if f == nil {
		return nil, apierr.Invalid("groupBy field(%s) not found in schema", req.GroupByField)
	}
	switch {
	case f.DataType.IsVector() || f.DataType == schema.JSON || f.DataType == schema.Array || f.DataType.IsFloat():
		return nil, apierr.Invalid("unsupported data type %s for group by operator", f.DataType)
	case req.GroupSize < 0 || req.GroupSize > 1024:
		return nil, apierr.Invalid("input group size:%d exceeds configured max group size:1024", req.GroupSize)
	case req.GroupSize == 0:
		req.GroupSize = 1
	}
	if req.Limit*req.GroupSize > MaxTopK {
		return nil, apierr.Invalid("the value of topK*groupSize (%d) exceeds the limit %d", req.Limit*req.GroupSize, MaxTopK)
	}
	return f, nil
}

// groupCandidates is how many hits a grouped search of limit groups
// fetches.
func groupCandidates(limit, groupSize int) int {
	return min(MaxTopK, limit*groupSize*groupOversample)
}

// groupAll keeps, per query, the best GroupSize hits of each of the first
// Offset+Limit groups (groups ordered by their best hit), drops the first
// Offset groups, and lists each group's hits together.
func groupAll(hits [][]query.Hit, f *schema.Field, req Search) [][]query.Hit {
	grouped := make([][]query.Hit, len(hits))
	for q, qh := range hits {
		grouped[q] = groupHits(qh, f.ID, req)
	}
	return grouped
}

// groupColumn is each hit's value of the group-by field, in result order.
func groupColumn(hits [][]query.Hit, f *schema.Field) *OutputColumn {
	var refs []query.Ref
	for _, qh := range hits {
		for _, h := range qh {
			refs = append(refs, query.Ref{View: h.View, Row: h.Row})
		}
	}
	return &OutputColumn{Field: f, Col: query.Gather(refs, f.ID, column.New(f.DataType, 0))}
}

func groupHits(hits []query.Hit, fieldID int64, req Search) []query.Hit {
	var order []any
	members := map[any][]query.Hit{}
	for _, h := range hits {
		k := h.View.Cols[fieldID].Value(h.Row)
		g, seen := members[k]
		if !seen {
			if len(order) == req.Offset+req.Limit {
				continue // enough groups: only fill the ones we have
			}
			order = append(order, k)
		}
		if len(g) < req.GroupSize {
			members[k] = append(g, h)
		}
	}
	var out []query.Hit
	for i, k := range order {
		if i < req.Offset {
			continue
		}
		out = append(out, members[k]...)
	}
	return out
}
