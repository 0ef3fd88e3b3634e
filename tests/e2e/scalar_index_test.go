package e2e

import (
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// scalarFilters cover every predicate the evaluator answers from a scalar
// index, on nullable and plain fields, with sealed and growing rows.
var scalarFilters = []string{
	"cat == 3", "cat != 3", "cat in [1, 2, 9]", "cat not in [1, 2]", "2 < cat <= 5", "cat > 7.5", "cat is null",
	"price < 10.5", "1.5 <= price < 30", "price == 2.5", "price != 2.5",
	`name == "n3"`, `name like "n1%"`, `name in ["n2", "x"]`, `name > "n5"`, `"n2" <= name < "n4"`, "name is not null",
	"flag", "not flag", "flag == false",
	`array_contains(tags, "t1")`, `array_contains_any(tags, ["t2", "t3"])`, `array_contains_all(tags, ["t0", "t1"])`,
	"array_contains(nums, 3)", "array_contains_all(nums, [1, 2])", "array_contains_any(nums, [0, 4])",
	`cat == 3 and name like "n%"`, "flag or price > 20", `not (cat in [4, 5] or array_contains(nums, 1))`,
}

// scalarIndexPlan lists, per Milvus index type, the fields it is created on.
var scalarIndexPlan = []struct {
	idx    index.Index
	fields []string
}{
	{index.NewInvertedIndex(), []string{"cat", "price", "name", "flag", "tags", "nums"}},
	{index.NewSortedIndex(), []string{"cat", "price", "name"}},
	{index.NewBitmapIndex(), []string{"cat", "name", "flag", "tags", "nums"}},
	{index.NewTrieIndex(), []string{"name"}},
	{index.NewGenericIndex("", map[string]string{"index_type": "AUTOINDEX"}), []string{"cat", "price", "name", "flag", "tags", "nums"}},
}

// TestScalarIndexes creates each scalar index type under its Milvus name,
// lets it build on flushed data, and checks that every filter returns
// the rows it returned without indexes — also after a restart, which
// must map the saved index files rather than rebuild them.
func TestScalarIndexes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 300*time.Second)
	createCollection(t, c, floatSchema("sx", 4,
		entity.NewField().WithName("cat").WithDataType(entity.FieldTypeInt64).WithNullable(true),
		entity.NewField().WithName("price").WithDataType(entity.FieldTypeDouble),
		entity.NewField().WithName("name").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16).WithNullable(true),
		entity.NewField().WithName("flag").WithDataType(entity.FieldTypeBool),
		entity.NewField().WithName("tags").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeVarChar).WithMaxCapacity(4).WithMaxLength(8),
		entity.NewField().WithName("nums").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeInt64).WithMaxCapacity(4)))
	insertScalarRows(t, c, 0, 300)
	insertScalarRows(t, c, 300, 300)
	flush(t, c, "sx")
	insertScalarRows(t, c, 600, 50) // growing: scanned whatever the indexes
	indexAndLoad(t, c, "sx", "vec", index.NewFlatIndex(entity.L2))
	want := filterIDs(t, c)

	for _, plan := range scalarIndexPlan {
		name := string(plan.idx.IndexType())
		if name == "" {
			name = "AUTOINDEX"
		}
		for _, f := range plan.fields {
			task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("sx", f, plan.idx).WithIndexName(f+"_ix"))
			ok(t, err, "create %s on %s", name, f)
			ok(t, task.Await(ctx), "await %s on %s", name, f)
			waitIndexed(t, c, "sx", f+"_ix", 650)
		}
		compareFilters(t, c, name, want)
		if name == "BITMAP" {
			before := indexFiles(t, s.DataDir)
			if len(before) < len(plan.fields) {
				t.Fatalf("%d scalar index files after BITMAP on %d fields", len(before), len(plan.fields))
			}
			s.Restart()
			c = s.Client()
			for _, f := range plan.fields {
				waitIndexed(t, c, "sx", f+"_ix", 650)
			}
			compareFilters(t, c, name+" after restart", want)
			if after := indexFiles(t, s.DataDir); !maps.Equal(after, before) {
				t.Fatalf("index files changed across a restart (rebuilt instead of opened):\n%v\n%v", before, after)
			}
		}
		ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption("sx")), "release")
		for _, f := range plan.fields {
			ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption("sx", f+"_ix")), "drop %s on %s", name, f)
		}
		load(t, c, "sx")
	}

	// Milvus's refusals: BITMAP on the primary key or a float, Trie on a number.
	for _, bad := range []struct {
		field string
		idx   index.Index
		msg   string
	}{
		{"id", index.NewBitmapIndex(), "create bitmap index on primary key not supported"},
		{"price", index.NewBitmapIndex(), "bitmap index are only supported on bool, int, string and array field"},
		{"cat", index.NewTrieIndex(), "TRIE are only supported on varchar field"},
	} {
		_, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("sx", bad.field, bad.idx))
		wantErr(t, err, codeParameterInvalid, bad.msg)
	}
}

// insertScalarRows writes rows [lo, lo+n): cat null every 11th row, name
// null every 13th.
func insertScalarRows(t *testing.T, c *milvusclient.Client, lo, n int) {
	t.Helper()
	var cats []int64
	var catValid, nameValid, flags []bool
	var prices []float64
	var names []string
	var tags [][]string
	var nums [][]int64
	for i := lo; i < lo+n; i++ { // nullable columns hold values for valid rows only
		if catValid = append(catValid, i%11 != 0); i%11 != 0 {
			cats = append(cats, int64(i%10))
		}
		if nameValid = append(nameValid, i%13 != 0); i%13 != 0 {
			names = append(names, fmt.Sprintf("n%d", i%9))
		}
		prices = append(prices, float64(i%80)/2)
		flags = append(flags, i%3 == 0)
		var tg []string
		var nm []int64
		for k := 0; k < i%4; k++ {
			tg = append(tg, fmt.Sprintf("t%d", (i+k)%5))
			nm = append(nm, int64((i*k)%6))
		}
		tags, nums = append(tags, tg), append(nums, nm)
	}
	cat, err := column.NewNullableColumnInt64("cat", cats, catValid)
	ok(t, err, "cat column")
	name, err := column.NewNullableColumnVarChar("name", names, nameValid)
	ok(t, err, "name column")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("sx", column.NewColumnInt64("id", seqIDs(lo, n)),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(uint64(lo)+1), n, 4)), cat, name,
		column.NewColumnDouble("price", prices), column.NewColumnBool("flag", flags),
		column.NewColumnVarCharArray("tags", tags), column.NewColumnInt64Array("nums", nums)))
}

// filterIDs returns, per filter, the sorted ids it selects.
func filterIDs(t *testing.T, c *milvusclient.Client) [][]int64 {
	t.Helper()
	var out [][]int64
	for _, f := range scalarFilters {
		out = append(out, sortedInts(int64Col(t, query(t, c, "sx", f, "id"), "id")))
	}
	return out
}

func compareFilters(t *testing.T, c *milvusclient.Client, label string, want [][]int64) {
	t.Helper()
	for i, got := range filterIDs(t, c) {
		if !slices.Equal(got, want[i]) {
			t.Fatalf("%s: %s: %d rows %s, unindexed %d rows %s", label, scalarFilters[i], len(got), trunc(got), len(want[i]), trunc(want[i]))
		}
		if len(want[i]) == 0 || len(want[i]) == 650 {
			t.Fatalf("%s selects %d of 650 rows: the filter does not discriminate", scalarFilters[i], len(want[i]))
		}
	}
}

// indexFiles maps the scalar index files under the data directory to
// their modification times.
func indexFiles(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), "scalar_") && strings.HasSuffix(d.Name(), ".ksidx") {
			info, err := d.Info()
			if err != nil {
				return err
			}
			out[path] = info.ModTime()
		}
		return err
	})
	ok(t, err, "walk %s", dir)
	return out
}
