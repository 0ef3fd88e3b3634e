package expr

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index/scalar"
)

// indexedBatch is a mapBatch with scalar indexes on some fields and
// JSON-path indexes on some paths.
type indexedBatch struct {
	*mapBatch
	ix    map[int64]scalar.Index
	paths map[int64][]scalar.PathIndex
}

func (b *indexedBatch) PathIndexes(id int64) []scalar.PathIndex { return b.paths[id] }

func (b *indexedBatch) ScalarIndex(id int64) scalar.Index {
	if ix, ok := b.ix[id]; ok {
		return ix
	}
	return nil
}

// withIndexes indexes every indexable field of testSchema with a type
// drawn from those the field supports; dir, when set, makes the indexes
// go through a file and come back mapped. It returns the batch and what
// it chose, for failure messages.
func withIndexes(t testing.TB, rng *rand.Rand, b *mapBatch, dir string) (*indexedBatch, string) {
	t.Helper()
	ib := &indexedBatch{mapBatch: b, ix: map[int64]scalar.Index{}}
	var desc []string
	for _, f := range testSchema().Fields {
		sf := scalar.FieldOf(&f)
		var types []scalar.Type
		for _, typ := range []scalar.Type{scalar.Inverted, scalar.Sort, scalar.Bitmap, scalar.Trie} {
			if scalar.Supports(typ, sf) {
				types = append(types, typ)
			}
		}
		if len(types) == 0 || f.IsDynamic {
			continue
		}
		typ := types[rng.Intn(len(types))]
		ix, err := scalar.Build(typ, sf, b.cols[f.ID])
		if err != nil {
			t.Fatalf("build %s on %s: %v", typ, f.Name, err)
		}
		if dir != "" {
			path := filepath.Join(dir, fmt.Sprintf("%d-%d", f.ID, rng.Int63()))
			if err := scalar.WriteFile(path, ix); err != nil {
				t.Fatal(err)
			}
			if ix, err = scalar.Open(path); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ix.Close() })
		}
		ib.ix[f.ID] = ix
		desc = append(desc, f.Name+":"+typ.String())
	}
	desc = append(desc, withPathIndexes(t, rng, ib, dir)...)
	return ib, strings.Join(desc, " ")
}

// diffPaths are the JSON paths the random filters read, by field.
var diffPaths = map[int64][][]string{
	106: {{"a"}, {"b"}, {"c", "x"}, {"a", "0"}, {}},
	110: {{"k1"}, {"k2"}, {"k3", "x"}},
}

// withPathIndexes adds JSON-path indexes with random casts on random
// paths of the batch's JSON fields, sometimes two casts on one path.
func withPathIndexes(t testing.TB, rng *rand.Rand, ib *indexedBatch, dir string) []string {
	t.Helper()
	ib.paths = map[int64][]scalar.PathIndex{}
	var desc []string
	casts := []scalar.Cast{scalar.CastBool, scalar.CastDouble, scalar.CastVarchar,
		scalar.CastArrayBool, scalar.CastArrayDouble, scalar.CastArrayVarchar}
	for id, paths := range diffPaths {
		for _, path := range paths {
			for range rng.Intn(3) {
				c := casts[rng.Intn(len(casts))]
				ix := buildPathIndex(t, ib.cols[id], ib.n, path, c, dir, rng)
				ib.paths[id] = append(ib.paths[id], scalar.PathIndex{Path: path, Cast: c, Index: ix})
				desc = append(desc, fmt.Sprintf("%d%q:%s", id, path, c))
			}
		}
	}
	return desc
}

func buildPathIndex(t testing.TB, col *column.Column, n int, path []string, c scalar.Cast, dir string, rng *rand.Rand) scalar.Index {
	t.Helper()
	ix, err := scalar.BuildPath(c, n, col.Valid, PathEntriesOf(col, n, path, c))
	if err != nil {
		t.Fatalf("build %s index on %q: %v", c, path, err)
	}
	if dir == "" {
		return ix
	}
	file := filepath.Join(dir, fmt.Sprintf("path-%d", rng.Int63()))
	if err := scalar.WriteFile(file, ix); err != nil {
		t.Fatal(err)
	}
	if ix, err = scalar.Open(file); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestIndexAnswersWithoutColumns evaluates filters against a batch that
// has indexes but no columns for the indexed fields, so each must be
// answered from its index alone, and compares with the scan.
func TestIndexAnswersWithoutColumns(t *testing.T) {
	filters := []string{
		"id == 3", "id != 3", "id > 2.5", "age <= 30", "age != 30", "2 <= id < 5", "1 < price <= 9.5",
		"price == 3", "price < 100", "score in [0.5, 2.5, 9]", "score != 1.5", "id in [1, 2, 3.0, 7.5]",
		"id not in [1, 2]", `name == "apple"`, `name like "ap%"`, `name like "%"`, `name in ["banana", "x"]`,
		`name != "cherry"`, "flag", "not flag", "flag == false", `array_contains(tags, "a")`,
		"array_contains_all(nums, [1, 2])", "array_contains_any(fl, [1.5, 3])", "array_contains_all(nums, [])",
		`array_contains_any(tags, ["c", "d"])`, "array_contains(nums, 1.5)",
	}
	rangeOnly := []string{`name > "b"`, `"a" < name <= "c"`} // need a Ranger: not Trie
	for _, typ := range []scalar.Type{scalar.Inverted, scalar.Sort, scalar.Bitmap, scalar.Trie} {
		full := testBatch()
		ib := &indexedBatch{mapBatch: &mapBatch{n: full.n, cols: map[int64]*column.Column{}}, ix: map[int64]scalar.Index{}}
		for _, f := range testSchema().Fields {
			sf := scalar.FieldOf(&f)
			pick := typ
			if !scalar.Supports(pick, sf) {
				pick = scalar.Inverted
			}
			if f.IsDynamic || !scalar.Supports(pick, sf) {
				ib.cols[f.ID] = full.cols[f.ID]
				continue
			}
			ix, err := scalar.Build(pick, sf, full.cols[f.ID])
			if err != nil {
				t.Fatal(err)
			}
			ib.ix[f.ID] = ix
		}
		list := filters
		if typ != scalar.Trie {
			list = append(slices.Clone(filters), rangeOnly...)
		}
		for _, src := range list {
			e := mustCompile(t, src, nil)
			got, err := e.Eval(ib)
			if err != nil {
				t.Errorf("%s index: %s: %v", typ, src, err)
				continue
			}
			want, _ := e.Eval(full)
			if !sameRows(rows(got), rows(want)) {
				t.Errorf("%s index: %s: rows %v, scan %v", typ, src, rows(got), rows(want))
			}
		}
	}
}
