package expr

import (
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// testSchema has one field of every kind the filter language reads.
func testSchema() *schema.Collection {
	return &schema.Collection{
		Name:               "t",
		EnableDynamicField: true,
		Fields: []schema.Field{
			{ID: 100, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
			{ID: 101, Name: "age", DataType: schema.Int32, Nullable: true},
			{ID: 102, Name: "price", DataType: schema.Float},
			{ID: 103, Name: "score", DataType: schema.Double, Nullable: true},
			{ID: 104, Name: "name", DataType: schema.VarChar, MaxLength: 64},
			{ID: 105, Name: "flag", DataType: schema.Bool, Nullable: true},
			{ID: 106, Name: "meta", DataType: schema.JSON, Nullable: true},
			{ID: 107, Name: "tags", DataType: schema.Array, ElementType: schema.VarChar, MaxCapacity: 8},
			{ID: 108, Name: "nums", DataType: schema.Array, ElementType: schema.Int64, MaxCapacity: 8},
			{ID: 109, Name: "vec", DataType: schema.FloatVector, Dim: 2},
			{ID: 110, Name: "$meta", DataType: schema.JSON, IsDynamic: true},
			{ID: 111, Name: "body", DataType: schema.Text},
			{ID: 112, Name: "fl", DataType: schema.Array, ElementType: schema.Double, MaxCapacity: 8},
		},
	}
}

// mapBatch is a Batch over columns held in a map.
type mapBatch struct {
	n    int
	cols map[int64]*column.Column
}

func (b *mapBatch) Len() int                       { return b.n }
func (b *mapBatch) Column(id int64) *column.Column { return b.cols[id] }

func strArr(xs ...string) *column.Column {
	return &column.Column{Type: schema.VarChar, Strings: xs}
}

func intArr(xs ...int64) *column.Column {
	return &column.Column{Type: schema.Int64, Ints: xs}
}

func floatArr(xs ...float64) *column.Column {
	return &column.Column{Type: schema.Double, Floats: xs}
}

// testBatch holds six rows; row 5 has nulls where fields allow them.
func testBatch() *mapBatch {
	return &mapBatch{n: 6, cols: map[int64]*column.Column{
		100: {Type: schema.Int64, Ints: []int64{1, 2, 3, 4, 5, 6}},
		101: {Type: schema.Int32, Ints: []int64{10, 20, 30, 40, 50, 0}, Valid: []bool{true, true, true, true, true, false}},
		102: {Type: schema.Float, Floats: []float64{1.5, float64(float32(0.1)), 3, 100, -2, 7}},
		103: {Type: schema.Double, Floats: []float64{0.5, 1.5, 2.5, 3.5, 4.5, 0}, Valid: []bool{true, true, true, true, true, false}},
		104: {Type: schema.VarChar, Strings: []string{"apple", "banana", "cherry", "apricot", "50%off", "ünïcode"}},
		105: {Type: schema.Bool, Bools: []bool{true, false, true, false, true, false}, Valid: []bool{true, true, true, true, true, false}},
		106: {Type: schema.JSON, Bytes: [][]byte{
			[]byte(`{"a": 1, "b": {"c": "x"}, "tags": ["red", "blue"], "n": 1.5}`),
			[]byte(`{"a": 2.0, "b": {"c": "y"}, "tags": ["green"], "n": "str"}`),
			[]byte(`{"a": "1", "tags": [1, 2, 3], "arr": [[1, 2], [3]]}`),
			[]byte(`{"a": null, "b": {"c": "x\u0021"}, "tags": []}`),
			[]byte(`not json`),
			nil,
		}, Valid: []bool{true, true, true, true, true, false}},
		107: {Type: schema.Array, Arrays: []*column.Column{
			strArr("a", "b"), strArr("c"), strArr(), strArr("a", "c", "d"), strArr("b"), nil,
		}},
		108: {Type: schema.Array, Arrays: []*column.Column{
			intArr(1, 2, 3), intArr(4), intArr(), intArr(1, 2), intArr(3, 1), intArr(7, 8, 9),
		}},
		110: {Type: schema.JSON, Bytes: [][]byte{
			[]byte(`{"color": "red", "size": 10}`),
			[]byte(`{"color": "blue", "size": 20.5}`),
			[]byte(`{"size": 3}`),
			[]byte(`{"color": "red", "extra": {"k": [1, 2]}}`),
			[]byte(`{}`),
			[]byte(`{"color": "green", "size": -1}`),
		}},
		112: {Type: schema.Array, Arrays: []*column.Column{
			floatArr(1.5), floatArr(), floatArr(2, 3), floatArr(0.1), floatArr(1), floatArr(-1),
		}},
	}}
}

// rows lists the set bits of b.
func rows(b *bitset.Bitset) []int {
	out := []int{}
	b.ForEach(func(i int) bool { out = append(out, i); return true })
	return out
}

func mustCompile(t testing.TB, src string, tmpl map[string]any) *Expr {
	t.Helper()
	e, err := Compile(src, testSchema(), tmpl)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return e
}

func evalRows(t testing.TB, src string, tmpl map[string]any) []int {
	t.Helper()
	got, err := mustCompile(t, src, tmpl).Eval(testBatch())
	if err != nil {
		t.Fatalf("Eval(%q): %v", src, err)
	}
	return rows(got)
}

func sameRows(a, b []int) bool { return slices.Equal(a, b) }
