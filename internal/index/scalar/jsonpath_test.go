package scalar

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
)

func bits(b *bitset.Bitset) []int {
	var out []int
	b.ForEach(func(i int) bool { out = append(out, i); return true })
	return out
}

func TestParseCast(t *testing.T) {
	for s, want := range map[string]Cast{"double": CastDouble, "VARCHAR": CastVarchar, "Bool": CastBool,
		"array_double": CastArrayDouble, "ARRAY_VARCHAR": CastArrayVarchar, "array_bool": CastArrayBool, "json": CastJSON} {
		if c, ok := ParseCast(s); !ok || c != want {
			t.Errorf("%s: got %v %v", s, c, ok)
		}
	}
	for _, s := range []string{"", "INT64", "float", "ARRAY", "12-s"} {
		if _, ok := ParseCast(s); ok {
			t.Errorf("%s: accepted", s)
		}
	}
}

// TestBuildPath checks the answers of a path index, through a file: rows
// without entries match nothing but are not null, null rows are.
func TestBuildPath(t *testing.T) {
	e := PathEntries{Rows: []uint32{0, 2, 2, 3}, Floats: []float64{1, 5, 1, 2.5}}
	ix, err := BuildPath(CastArrayDouble, 5, []bool{true, true, true, true, false}, e)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.ksidx")
	if err := WriteFile(path, ix); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := fmt.Sprint(bits(ix.Terms([]Key{{Float: 1}}))); got != "[0 2]" {
		t.Errorf("Terms(1) = %s", got)
	}
	r := ix.(Ranger).Range(Range{Lo: Key{Float: 2}, HasLo: true})
	if got := fmt.Sprint(bits(r)); got != "[2 3]" {
		t.Errorf("Range(>=2) = %s", got)
	}
	if got := fmt.Sprint(bits(ix.Nulls())); got != "[4]" {
		t.Errorf("Nulls = %s", got)
	}
	for _, bad := range []PathEntries{{Rows: []uint32{5}, Floats: []float64{1}}, {Rows: []uint32{1}}} {
		if _, err := BuildPath(CastDouble, 5, nil, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if _, err := BuildPath(CastJSON, 5, nil, PathEntries{}); err == nil {
		t.Error("JSON cast built")
	}
}
