package shard

import (
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func TestRecordRows(t *testing.T) {
	ints := func(v ...int64) *column.Column { return &column.Column{Type: schema.Int64, Ints: v} }
	for _, tc := range []struct {
		name          string
		r             record
		rows, deletes int
	}{
		{"insert", record{kind: kindInsert, cols: map[int64]*column.Column{1: ints(1, 2, 3), 2: ints(4, 5, 6)}}, 3, 0},
		{"routed insert", record{kind: kindInsert, cols: map[int64]*column.Column{RouteField: ints(7, 8), 1: ints(1, 2)}}, 2, 0},
		{"auto-ID upsert", record{kind: kindUpsert, cols: map[int64]*column.Column{DeleteKeysField: ints(1, 2, 3), 1: ints(9, 10)}}, 2, 0},
		{"delete", record{kind: kindDelete, pks: ints(1, 2, 3, 4)}, 0, 4},
	} {
		rows, dels, err := RecordRows(tc.r.encode())
		if err != nil || rows != tc.rows || dels != tc.deletes {
			t.Errorf("%s: %d rows, %d deletes, %v; want %d, %d", tc.name, rows, dels, err, tc.rows, tc.deletes)
		}
	}
	if _, _, err := RecordRows([]byte{1, 2}); err == nil {
		t.Error("a 2-byte payload decoded")
	}
}
