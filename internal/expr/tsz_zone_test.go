package expr

import (
	"fmt"
	"testing"
	"time"
)

// ISO literals without an offset are wall-clock time in the compile zone;
// literals with one ignore it.
func TestTimestamptzZone(t *testing.T) {
	sch, b := tszBatch() // tsz = 2025-01-01T00:00:00Z + id days
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		src  string
		zone *time.Location
		rows string
	}{
		{"tsz == ISO '2025-01-02T08:00:00'", sh, "[1]"},
		{"tsz == ISO '2025-01-02T08:00:00'", nil, "[]"},
		{"tsz == ISO '2025-01-02T00:00:00'", nil, "[1]"},
		{"tsz < ISO '2025-01-02'", sh, "[0]"}, // midnight in Shanghai is 16:00 UTC the day before
		{"tsz < ISO '2025-01-02'", nil, "[0]"},
		{"tsz <= ISO '2025-01-02'", nil, "[0 1]"},
		{"tsz <= ISO '2025-01-02'", sh, "[0]"},
		{"tsz == ISO '2025-01-02T00:00:00Z'", sh, "[1]"},
		{"tsz + INTERVAL 'P1D' == ISO '2025-01-03T08:00:00'", sh, "[1]"},
	}
	for _, tc := range cases {
		e, err := CompileIn(tc.src, sch, nil, tc.zone)
		if err != nil {
			t.Fatalf("CompileIn(%q): %v", tc.src, err)
		}
		got, err := e.Eval(b)
		if err != nil {
			t.Fatal(err)
		}
		if s := fmt.Sprint(rows(got)); s != tc.rows {
			t.Errorf("%s in %v = %s, want %s", tc.src, tc.zone, s, tc.rows)
		}
	}
}
