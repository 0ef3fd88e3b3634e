package expr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
)

// pathDocs are meta (106) values with every kind at meta["a"], and $meta
// (110) values for the dynamic key k1.
func pathDocs() *mapBatch {
	meta := []string{`{"a": 1}`, `{"a": 2.5}`, `{"a": "x"}`, `{"a": [1, 2]}`, `{"a": null}`, `{}`,
		`{"a": true}`, `{"a": {"b": "y"}}`, `{"a": 9007199254740993}`, `null`, `{"a": "xy"}`,
		`{"a": ["x", "y", 1]}`, `{"a": [true]}`, `{"a": -0.0}`, `{"a": 1e400}`, `{"a": "\u0078"}`, `[1]`}
	dyn := []string{`{"k1": 3}`, `{"k1": "3"}`, `{}`, `{"k1": 3.0}`, `{"k1": [3]}`, `{"k1": 4}`, `{"k1": 2}`,
		`{"k1": 3}`, `{"k1": 3}`, `{"k1": 3}`, `{"k1": -1}`, `{}`, `{}`, `{}`, `{}`, `{}`, `{}`}
	b := &mapBatch{n: len(meta), cols: map[int64]*column.Column{
		106: {Type: schema.JSON, Valid: make([]bool, len(meta))}, 110: {Type: schema.JSON}}}
	for i := range meta {
		b.cols[106].Bytes = append(b.cols[106].Bytes, []byte(meta[i]))
		b.cols[106].Valid[i] = i != 9
		b.cols[110].Bytes = append(b.cols[110].Bytes, []byte(dyn[i]))
	}
	return b
}

// TestPathIndexAnswersWithoutColumns evaluates filters on JSON paths
// against a batch that has the paths' indexes but not the JSON columns,
// so each must be answered from an index alone, and compares with the scan.
func TestPathIndexAnswersWithoutColumns(t *testing.T) {
	cases := []struct {
		path  []string
		field int64
		cast  scalar.Cast
		srcs  []string
	}{
		{[]string{"a"}, 106, scalar.CastDouble, []string{`meta["a"] == 1`, `meta["a"] != 1`, `meta["a"] > 1.5`,
			`meta["a"] <= 2.5`, `1 <= meta["a"] < 3`, `meta["a"] in [1, 2.5]`, `meta["a"] not in [1, 2.5]`,
			`meta["a"] < 0`, `meta["a"] >= 0`, `meta["a"] == 0`, `meta["a"] > 9007199254740000`, `not (meta["a"] > 1)`}},
		{[]string{"a"}, 106, scalar.CastVarchar, []string{`meta["a"] == "x"`, `meta["a"] like "x%"`, `meta["a"] > "a"`,
			`meta["a"] in ["x", "xy"]`, `meta["a"] != "x"`, `meta["a"] like "xy"`, `"a" < meta["a"] <= "x"`}},
		{[]string{"a"}, 106, scalar.CastBool, []string{`meta["a"] == true`, `meta["a"] != false`, `meta["a"] in [false]`}},
		{[]string{"a"}, 106, scalar.CastArrayDouble, []string{`json_contains(meta["a"], 1)`,
			`json_contains_all(meta["a"], [1, 2])`, `json_contains_any(meta["a"], [2, 5])`, `not json_contains(meta["a"], 2)`}},
		{[]string{"a"}, 106, scalar.CastArrayVarchar, []string{`json_contains(meta["a"], "x")`, `json_contains_any(meta["a"], ["y"])`}},
		{[]string{"a"}, 106, scalar.CastArrayBool, []string{`json_contains(meta["a"], true)`}},
		{[]string{"k1"}, 110, scalar.CastDouble, []string{`k1 == 3`, `k1 != 3`, `k1 in [2, 4]`, `$meta["k1"] > 2`, `k1 < 3.5`}},
	}
	full := pathDocs()
	for _, tc := range cases {
		ib := &indexedBatch{mapBatch: &mapBatch{n: full.n, cols: map[int64]*column.Column{}},
			paths: map[int64][]scalar.PathIndex{}}
		col := full.cols[tc.field]
		ix, err := scalar.BuildPath(tc.cast, full.n, col.Valid, PathEntriesOf(col, full.n, tc.path, tc.cast))
		if err != nil {
			t.Fatal(err)
		}
		ib.paths[tc.field] = []scalar.PathIndex{{Path: tc.path, Cast: tc.cast, Index: ix}}
		for _, src := range tc.srcs {
			e := mustCompile(t, src, nil)
			got, err := e.Eval(ib)
			if err != nil {
				t.Errorf("%s index: %s: not answered from the index: %v", tc.cast, src, err)
				continue
			}
			want, _ := e.Eval(full)
			if !sameRows(rows(got), rows(want)) {
				t.Errorf("%s index: %s: rows %v, scan %v", tc.cast, src, rows(got), rows(want))
			}
		}
	}
}

// TestPathIndexScansWhenTheTypeDiffers checks that predicates an index
// cannot answer exactly (another cast, another path, a constant of
// another type, an integer beyond 2^53) go to the scan, which here has
// no column and fails.
func TestPathIndexScansWhenTheTypeDiffers(t *testing.T) {
	full := pathDocs()
	col := full.cols[106]
	ib := &indexedBatch{mapBatch: &mapBatch{n: full.n, cols: map[int64]*column.Column{}}, paths: map[int64][]scalar.PathIndex{}}
	for _, c := range []scalar.Cast{scalar.CastDouble, scalar.CastArrayVarchar} {
		ix, err := scalar.BuildPath(c, full.n, col.Valid, PathEntriesOf(col, full.n, []string{"a"}, c))
		if err != nil {
			t.Fatal(err)
		}
		ib.paths[106] = append(ib.paths[106], scalar.PathIndex{Path: []string{"a"}, Cast: c, Index: ix})
	}
	for _, src := range []string{`meta["a"] == "x"`, `meta["b"] == 1`, `meta["a"] in [1, "x"]`,
		`meta["a"] == 9007199254740993`, `meta["a"] == true`, `json_contains(meta["a"], 1)`,
		`json_contains_all(meta["a"], [])`, `meta["a"]["b"] == 1`, `exists meta["a"]`, `meta["a"] like "%x"`} {
		if _, err := mustCompile(t, src, nil).Eval(ib); err == nil {
			t.Errorf("%s: answered without the column; want a scan", src)
		}
	}
}

func TestParseJSONPath(t *testing.T) {
	sch := testSchema()
	for src, want := range map[string]string{
		`meta["a"]["b"]`: `106:a/b`, `meta['a']`: `106:a`, `meta`: `106:`, `meta["a"][0]`: `106:a/0`,
		`k1`: `110:k1`, `k1["x"]`: `110:k1/x`, `$meta["k1"]`: `110:k1`,
	} {
		p, err := ParseJSONPath(src, sch)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		got := fmt.Sprintf("%d:%s", p.Field.ID, strings.Join(p.Path, "/"))
		if got != want {
			t.Errorf("%s: got %s, want %s", src, got, want)
		}
	}
	for _, src := range []string{`age`, `meta["a"] + 1`, `meta[`, ``, `tags[0]`, `age["a"]`, `meta == 1`} {
		if _, err := ParseJSONPath(src, sch); err == nil {
			t.Errorf("%s: no error", src)
		}
	}
}
