package expr

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
)

// tszBatch: id 0..5 with tsz = 2025-01-01T00:00:00Z + id days; row 5 null.
func tszBatch() (*schema.Collection, *mapBatch) {
	sch := &schema.Collection{Name: "tz", Fields: []schema.Field{
		{ID: 1, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: 2, Name: "tsz", DataType: schema.Timestamptz, Nullable: true},
		{ID: 3, Name: "n", DataType: schema.Int64},
	}}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := []int64{0, 1, 2, 3, 4, 5}
	ts := make([]int64, 6)
	for i := range ts {
		ts[i] = base.AddDate(0, 0, i).UnixMicro()
	}
	ts[4] = time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC).UnixMicro()
	return sch, &mapBatch{n: 6, cols: map[int64]*column.Column{
		1: {Type: schema.Int64, Ints: ids},
		2: {Type: schema.Timestamptz, Ints: ts, Valid: []bool{true, true, true, true, true, false}},
		3: {Type: schema.Int64, Ints: ids},
	}}
}

var tszCases = []struct{ src, rows string }{
	{"tsz > ISO '2025-01-02T00:00:00Z'", "[2 3 4]"},
	{"tsz >= ISO '2025-01-02T08:00:00+08:00'", "[1 2 3 4]"},
	{"tsz == iso '2025-01-03T00:00:00'", "[2]"},
	{"tsz != ISO '2025-01-03 00:00:00Z'", "[0 1 3 4]"},
	{"ISO '2025-01-02T00:00:00Z' < tsz", "[2 3 4]"},
	{"tsz + INTERVAL 'P1D' > ISO '2025-01-03T00:00:00Z'", "[2 3 4]"},
	{"tsz - interval 'PT36H' <= ISO '2025-01-01T00:00:00Z'", "[0 1]"},
	{"tsz + INTERVAL 'P1M' == ISO '2025-02-02T00:00:00Z'", "[1]"},
	{"tsz + INTERVAL 'P1M' == ISO '2025-02-28T00:00:00Z'", "[4]"}, // Jan 31 + 1 month: the day is clamped
	{"tsz + INTERVAL 'P1Y2M' < ISO '2026-03-03T00:00:00Z'", "[0 1]"},
	{"tsz - INTERVAL 'P1W' < ISO '2024-12-27T00:00:00Z'", "[0 1]"},
	{"tsz + INTERVAL 'PT0.5S' > ISO '2025-01-04T00:00:00Z'", "[3 4]"},
	{"tsz > ISO '2025-01-02T00:00:00Z' and n < 4", "[2 3]"},
	{"tsz is null", "[5]"},
	{"tsz in [1735689600000000, 1735776000000000]", "[0 1]"},
	{"1735689600000000 < tsz <= 1735862400000000", "[1 2]"},
}

var tszErrors = []struct{ src, want string }{
	{"n > ISO '2025-01-01T00:00:00Z'", "field 'n' is not a timestamptz datatype"},
	{"nope > ISO '2025-01-01T00:00:00Z'", "field 'nope' is not a timestamptz datatype"},
	{"tsz > ISO 'yesterday'", `invalid ISO 8601 timestamp: "yesterday"`},
	{"tsz + INTERVAL '1 day' > ISO '2025-01-01T00:00:00Z'", `invalid ISO 8601 duration: "1 day"`},
	{"tsz + INTERVAL 'P' > ISO '2025-01-01T00:00:00Z'", "invalid ISO 8601 duration"},
	{"tsz + INTERVAL 'PT' > ISO '2025-01-01T00:00:00Z'", "invalid ISO 8601 duration"},
	{"tsz + 1 > ISO '2025-01-01T00:00:00Z'", "only INTERVAL 'duration' can be added"},
	{"tsz > INTERVAL 'P1D'", "ISO and INTERVAL literals are only supported as"},
	{"ISO '2025-01-01'", "ISO and INTERVAL literals are only supported as"},
	{"tsz > ISO 5", `a quoted string after ISO`},
	{"tsz + INTERVAL 'P99999999Y' > ISO '2025-01-01T00:00:00Z'", "out of range"},
}

func TestTimestamptz(t *testing.T) {
	sch, b := tszBatch()
	ix, err := scalar.Build(scalar.Sort, scalar.FieldOf(&sch.Fields[1]), b.cols[2])
	if err != nil {
		t.Fatal(err)
	}
	inv, err := scalar.Build(scalar.Inverted, scalar.FieldOf(&sch.Fields[1]), b.cols[2])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tszCases {
		e, err := Compile(tc.src, sch, nil)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		for name, batch := range map[string]Batch{
			"scan":     b,
			"STL_SORT": &indexedBatch{mapBatch: b, ix: map[int64]scalar.Index{2: ix}},
			"INVERTED": &indexedBatch{mapBatch: b, ix: map[int64]scalar.Index{2: inv}},
		} {
			got, err := e.Eval(batch)
			if err != nil {
				t.Fatalf("%s: Eval(%q): %v", name, tc.src, err)
			}
			if s := fmt.Sprint(rows(got)); s != tc.rows {
				t.Errorf("%s: %s (%s) = %s, want %s", name, tc.src, e, s, tc.rows)
			}
		}
	}
	for _, tc := range tszErrors {
		_, err := Compile(tc.src, sch, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compile(%q) error = %v, want %q", tc.src, err, tc.want)
		}
	}
}
