package index

import (
	"context"

	"github.com/kite-db/kite/internal/column"
)

// A nullable vector field's null rows hold a zero vector (column.Valid
// false). Builds leave them out of every structure they make: a zero row
// has no COSINE direction (its scores would be NaN and corrupt a graph
// or a k-means run) and must never be a hit. Searches rely on the caller's
// filter to exclude them from exact scans (internal/query does).

// vectorRows is how many rows of data hold a vector.
func vectorRows(data *column.Column) int {
	if data.Valid == nil {
		return data.Len()
	}
	n := 0
	for _, ok := range data.Valid {
		if ok {
			n++
		}
	}
	return n
}

// skipNull is a build's predicate for rows left out, nil when none are.
func skipNull(data *column.Column) func(row int) bool {
	if data.Valid == nil {
		return nil
	}
	return data.IsNull
}

// withoutNullRows returns the rows of a row-major slice (width values a
// row) that hold a vector, in order: a build's training input. It is
// rows itself when data has no null row.
func withoutNullRows[T any](rows []T, width int, data *column.Column) []T {
	if data.Valid == nil || vectorRows(data) == data.Len() {
		return rows
	}
	out := make([]T, 0, vectorRows(data)*width)
	for r, ok := range data.Valid {
		if ok {
			out = append(out, rows[r*width:(r+1)*width]...)
		}
	}
	return out
}

// dropNullLabels marks null rows unassigned (-1), so grouping by list
// leaves them out.
func dropNullLabels(labels []int32, data *column.Column) {
	for r := range labels {
		if data.IsNull(r) {
			labels[r] = -1
		}
	}
}

// noLabels is n rows in no list.
func noLabels(n int) []int32 {
	labels := make([]int32, n)
	for r := range labels {
		labels[r] = -1
	}
	return labels
}

// noVectors is the index of a column whose every row is null (a field
// added to a collection after a segment's rows were written): it finds
// nothing, and costs nothing to build.
type noVectors struct{ metric string }

func (x noVectors) Search(ctx context.Context, q *column.Column, p SearchParams) ([][]Hit, error) {
	if p.Metric != "" && p.Metric != x.metric {
		return nil, &MetricMismatchError{Expected: x.metric, Actual: p.Metric}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return make([][]Hit, q.Len()), nil
}
