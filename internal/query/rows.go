package query

import (
	"context"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/segment"
)

// Match is the set of matching rows of one view.
type Match struct {
	View *segment.View
	Rows []int
}

// Collect returns the visible rows of every view that pass f. It looks at
// ctx before each view and returns ctx.Err() once ctx is done.
func Collect(ctx context.Context, views []*segment.View, f Filter) ([]Match, error) {
	var out []Match
	for _, v := range views {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if v.N == 0 {
			continue
		}
		bs, err := candidates(v, f)
		if err != nil {
			return nil, err
		}
		var rows []int
		bs.ForEach(func(i int) bool { rows = append(rows, i); return true })
		if len(rows) > 0 {
			out = append(out, Match{View: v, Rows: rows})
		}
	}
	return out, nil
}

// Count returns the number of visible rows that pass f, looking at ctx
// before each view as Collect does.
func Count(ctx context.Context, views []*segment.View, f Filter) (int, error) {
	n := 0
	for _, v := range views {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if v.N == 0 {
			continue
		}
		bs, err := candidates(v, f)
		if err != nil {
			return 0, err
		}
		n += bs.Count()
	}
	return n, nil
}

// Ref points at one row of a view.
type Ref struct {
	View *segment.View
	Row  int
}

// Gather builds a column of field id from the referenced rows, in order.
// Consecutive refs into one view are appended in one call.
func Gather(refs []Ref, fieldID int64, typ *column.Column) *column.Column {
	out := column.New(typ.Type, typ.Dim)
	rows := make([]int, 0, len(refs))
	for i := 0; i < len(refs); {
		v, j := refs[i].View, i
		rows = rows[:0]
		for ; j < len(refs) && refs[j].View == v; j++ {
			rows = append(rows, refs[j].Row)
		}
		out.Append(v.Cols[fieldID], rows)
		i = j
	}
	return out
}
