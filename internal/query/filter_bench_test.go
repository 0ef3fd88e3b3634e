package query

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// The filter benchmarks of README "Benchmarks / Filters": rows per second
// a filter evaluates over one 1M-row segment, scanning and through a
// scalar index, and search QPS under filters of 1%, 10% and 100%:
//
//	go test -run '^$' -bench 'Filter' -benchtime 20x ./internal/query/

const benchRows = 1_000_000

// Field IDs of benchSchema.
const (
	bID = 100 + iota
	bCat
	bPrice
	bName
	bMeta
	bTags
	bVec
)

func benchSchema() *schema.Collection {
	return &schema.Collection{Name: "bench", Fields: []schema.Field{
		{ID: bID, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: bCat, Name: "cat", DataType: schema.Int64},
		{ID: bPrice, Name: "price", DataType: schema.Double},
		{ID: bName, Name: "name", DataType: schema.VarChar, MaxLength: 16},
		{ID: bMeta, Name: "meta", DataType: schema.JSON},
		{ID: bTags, Name: "tags", DataType: schema.Array, ElementType: schema.VarChar, MaxCapacity: 4},
		{ID: bVec, Name: "vec", DataType: schema.FloatVector, Dim: benchDim},
	}}
}

// benchColumns draws n rows: id a permutation, cat uniform in [0, 100),
// price uniform in [0, 1000), name 8 letters of 16, meta {"a": 0..99,
// "b": "x"}, tags 0-4 of 1000 tags, vec uniform in [0, 1)^dim when dim > 0.
func benchColumns(n, dim int) map[int64]*column.Column {
	rng := rand.New(rand.NewSource(1))
	c := map[int64]*column.Column{
		bID: {Type: schema.Int64}, bCat: {Type: schema.Int64}, bPrice: {Type: schema.Double},
		bName: {Type: schema.VarChar}, bMeta: {Type: schema.JSON}, bTags: {Type: schema.Array},
		bVec: {Type: schema.FloatVector, Dim: dim},
	}
	for _, id := range rng.Perm(n) {
		c[bID].Ints = append(c[bID].Ints, int64(id))
		c[bCat].Ints = append(c[bCat].Ints, int64(rng.Intn(100)))
		c[bPrice].Floats = append(c[bPrice].Floats, rng.Float64()*1000)
		var name [8]byte
		for j := range name {
			name[j] = "abcdefghijklmnop"[rng.Intn(16)]
		}
		c[bName].Strings = append(c[bName].Strings, string(name[:]))
		c[bMeta].Bytes = append(c[bMeta].Bytes, []byte(`{"a": `+strconv.Itoa(rng.Intn(100))+`, "b": "x"}`))
		tags := &column.Column{Type: schema.VarChar}
		for k := rng.Intn(5); k > 0; k-- {
			tags.Strings = append(tags.Strings, "t"+strconv.Itoa(rng.Intn(1000)))
		}
		c[bTags].Arrays = append(c[bTags].Arrays, tags)
		for j := 0; j < dim; j++ {
			c[bVec].FloatVecs = append(c[bVec].FloatVecs, rng.Float32())
		}
	}
	return c
}

// benchView is a view of the columns as a sealed segment's would be,
// without the segment's primary-key map, whose size would make the
// benchmark measure the garbage collector.
func benchView(cols map[int64]*column.Column) *segment.View {
	n := cols[bID].Len()
	return &segment.View{N: n, Cols: cols, Visible: bitset.NewFull(n)}
}

// withScalar returns a copy of v with index typ on field id, built,
// saved and mapped back as a sealed segment's would be.
func withScalar(b *testing.B, v *segment.View, id int64, typ scalar.Type) *segment.View {
	b.Helper()
	f := benchSchema().FieldByID(id)
	ix, err := scalar.Build(typ, scalar.FieldOf(f), v.Cols[id])
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "ix")
	if err := scalar.WriteFile(path, ix); err != nil {
		b.Fatal(err)
	}
	if ix, err = scalar.Open(path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	w := *v
	w.Scalars = map[int64]scalar.Index{id: ix}
	return &w
}

var filterData struct {
	once sync.Once
	view *segment.View
}

// inList is "id in [...]" with 100 ids spread over the table.
func inList() string {
	var ids []string
	for i := 0; i < 100; i++ {
		ids = append(ids, strconv.Itoa(i*9973))
	}
	return "id in [" + strings.Join(ids, ", ") + "]"
}

var benchFilters = []struct {
	name, filter string
	field        int64
	indexes      []scalar.Type
}{
	{"equality", "cat == 7", bCat, []scalar.Type{scalar.Bitmap, scalar.Inverted, scalar.Sort}},
	{"equality, unique", "id == 123456", bID, []scalar.Type{scalar.Inverted, scalar.Sort}},
	{"range", "100 <= price < 200", bPrice, []scalar.Type{scalar.Sort, scalar.Inverted}},
	{"in 100 values", inList(), bID, []scalar.Type{scalar.Inverted, scalar.Sort}},
	{"like prefix", `name like "ab%"`, bName, []scalar.Type{scalar.Trie, scalar.Inverted, scalar.Sort}},
	{"JSON path", `meta["a"] == 7`, bMeta, nil},
	{"array_contains", `array_contains(tags, "t7")`, bTags, []scalar.Type{scalar.Inverted, scalar.Bitmap}},
}

func BenchmarkFilter(b *testing.B) {
	filterData.once.Do(func() { filterData.view = benchView(benchColumns(benchRows, 0)) })
	for _, f := range benchFilters {
		e, err := expr.Compile(f.filter, benchSchema(), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name+"/scan", func(b *testing.B) { benchEval(b, e, filterData.view) })
		for _, typ := range f.indexes {
			b.Run(fmt.Sprintf("%s/%s", f.name, typ), func(b *testing.B) {
				benchEval(b, e, withScalar(b, filterData.view, f.field, typ))
			})
		}
	}
}

func benchEval(b *testing.B, e *expr.Expr, v *segment.View) {
	runtime.GC()
	for b.Loop() {
		if _, err := e.Eval(v); err != nil {
			b.Fatal(err)
		}
	}
	matched := 0
	if bits, _ := e.Eval(v); bits != nil {
		matched = bits.Count()
	}
	b.ReportMetric(float64(v.N)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(matched), "matched")
}
