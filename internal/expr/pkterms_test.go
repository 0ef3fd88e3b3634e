package expr

import (
	"slices"
	"testing"
)

func TestPKTerms(t *testing.T) {
	sch := testSchema()
	for _, tc := range []struct {
		src  string
		want []any
		ok   bool
	}{
		{"id in [3, 1, 3]", []any{int64(3), int64(1), int64(3)}, true},
		{"id == 7", []any{int64(7)}, true},
		{"id in []", nil, true},
		{"id > 7", nil, false},
		{"id in [1] and age > 3", nil, false},
		{"age in [1, 2]", nil, false},
		{"id not in [1]", nil, false},
	} {
		e, err := Compile(tc.src, sch, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		got, ok := e.PKTerms(100)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("%s: PKTerms = %v, %v; want %v, %v", tc.src, got, ok, tc.want, tc.ok)
		}
	}
}
