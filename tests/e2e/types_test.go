package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// allTypes is one row of the every-scalar-type collection.
type allTypes struct {
	b   bool
	i8  int8
	i16 int16
	i32 int32
	i64 int64
	f   float32
	d   float64
	s   string
	j   map[string]any
	ai  []int64
	as  []string
}

func makeAllTypes(n int) []allTypes {
	r := newRand(21)
	out := make([]allTypes, n)
	for i := range out {
		tags := []string{"x", "y", "z"}[:i%4%3]
		out[i] = allTypes{
			b: i%3 == 0, i8: int8(i%256 - 128), i16: int16(i * 7 % 300), i32: int32(i*1000 - 20000), i64: int64(i) * 1e12,
			f: r.Float32(), d: r.Float64()*2 - 1, s: []string{"ab", "abc", "b", "zz"}[i%4] + fmt.Sprint(i),
			j:  map[string]any{"k": i % 5, "name": fmt.Sprint("n", i), "tags": tags},
			ai: seqIDs(i%20, i%4), as: []string{"p", "q", "r"}[:i%3+1],
		}
		if i%6 == 0 {
			out[i].j["opt"] = true
		}
		if i%2 == 0 {
			out[i].f = -out[i].f
		}
	}
	return out
}

// TestAllScalarTypes writes every scalar type, reads every value back and
// filters on each type.
func TestAllScalarTypes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	const n = 120
	sch := floatSchema("types", 4,
		entity.NewField().WithName("b").WithDataType(entity.FieldTypeBool),
		entity.NewField().WithName("i8").WithDataType(entity.FieldTypeInt8),
		entity.NewField().WithName("i16").WithDataType(entity.FieldTypeInt16),
		entity.NewField().WithName("i32").WithDataType(entity.FieldTypeInt32),
		entity.NewField().WithName("i64").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("f").WithDataType(entity.FieldTypeFloat),
		entity.NewField().WithName("d").WithDataType(entity.FieldTypeDouble),
		entity.NewField().WithName("s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16),
		entity.NewField().WithName("j").WithDataType(entity.FieldTypeJSON),
		entity.NewField().WithName("ai").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeInt64).WithMaxCapacity(4),
		entity.NewField().WithName("as").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeVarChar).WithMaxCapacity(4).WithMaxLength(8),
	)
	createCollection(t, c, sch)
	rows := makeAllTypes(n)
	write := func(lo, hi int) {
		var (
			bs   []bool
			i8s  []int8
			i16s []int16
			i32s []int32
			i64s []int64
			fs   []float32
			ds   []float64
			ss   []string
			js   [][]byte
			ais  [][]int64
			ass  [][]string
		)
		for _, r := range rows[lo:hi] {
			raw, _ := json.Marshal(r.j)
			bs, i8s, i16s, i32s, i64s = append(bs, r.b), append(i8s, r.i8), append(i16s, r.i16), append(i32s, r.i32), append(i64s, r.i64)
			fs, ds, ss, js = append(fs, r.f), append(ds, r.d), append(ss, r.s), append(js, raw)
			ais, ass = append(ais, r.ai), append(ass, r.as)
		}
		insert(t, c, milvusclient.NewColumnBasedInsertOption("types",
			column.NewColumnInt64("id", seqIDs(lo, hi-lo)),
			column.NewColumnFloatVector("vec", 4, randVecs(newRand(uint64(lo)), hi-lo, 4)),
			column.NewColumnBool("b", bs), column.NewColumnInt8("i8", i8s), column.NewColumnInt16("i16", i16s),
			column.NewColumnInt32("i32", i32s), column.NewColumnInt64("i64", i64s), column.NewColumnFloat("f", fs),
			column.NewColumnDouble("d", ds), column.NewColumnVarChar("s", ss), column.NewColumnJSONBytes("j", js),
			column.NewColumnInt64Array("ai", ais), column.NewColumnVarCharArray("as", ass)))
	}
	write(0, n/2)
	flush(t, c, "types")
	write(n/2, n)
	indexAndLoad(t, c, "types", "vec", index.NewAutoIndex(entity.L2))

	rs := query(t, c, "types", "id >= 0", "*")
	ids := int64Col(t, rs, "id")
	equalInts(t, "ids", ids, seqIDs(0, n))
	get := func(name string, i int) any {
		v, err := rs.GetColumn(name).Get(i)
		ok(t, err, "%s[%d]", name, i)
		return v
	}
	for i, id := range ids {
		w := rows[id]
		var j map[string]any
		ok(t, json.Unmarshal(get("j", i).([]byte), &j), "json of row %d", id)
		wantJ, _ := json.Marshal(w.j)
		gotJ, _ := json.Marshal(j)
		checks := []struct {
			name      string
			got, want any
		}{
			{"b", get("b", i), w.b}, {"i8", get("i8", i), w.i8}, {"i16", get("i16", i), w.i16},
			{"i32", get("i32", i), w.i32}, {"i64", get("i64", i), w.i64}, {"f", get("f", i), w.f},
			{"d", get("d", i), w.d}, {"s", get("s", i), w.s}, {"j", string(gotJ), string(wantJ)},
			{"ai", fmt.Sprint(get("ai", i)), fmt.Sprint(w.ai)}, {"as", fmt.Sprint(get("as", i)), fmt.Sprint(w.as)},
		}
		for _, ch := range checks {
			if ch.got != ch.want {
				t.Fatalf("row %d field %s: got %v (%T), want %v (%T)", id, ch.name, ch.got, ch.got, ch.want, ch.want)
			}
		}
	}

	filters := []struct {
		expr string
		keep func(r allTypes) bool
	}{
		{"b == true", func(r allTypes) bool { return r.b }},
		{"not b", func(r allTypes) bool { return !r.b }},
		{"i8 < -100", func(r allTypes) bool { return r.i8 < -100 }},
		{"i16 >= 100 and i16 < 200", func(r allTypes) bool { return r.i16 >= 100 && r.i16 < 200 }},
		{"i32 % 3 == 0", func(r allTypes) bool { return r.i32%3 == 0 }},
		{"i64 in [0, 5000000000000, 7000000000000]", func(r allTypes) bool { return r.i64 == 0 || r.i64 == 5e12 || r.i64 == 7e12 }},
		{"f > 0.5", func(r allTypes) bool { return r.f > 0.5 }},
		{"d <= -0.25 or d > 0.9", func(r allTypes) bool { return r.d <= -0.25 || r.d > 0.9 }},
		{`s like "ab%"`, func(r allTypes) bool { return strings.HasPrefix(r.s, "ab") }},
		{`s == "zz7"`, func(r allTypes) bool { return r.s == "zz7" }},
		{`j["k"] == 3`, func(r allTypes) bool { return r.j["k"] == 3 }},
		{`j["name"] in ["n1", "n2", "n99"]`, func(r allTypes) bool { return slices.Contains([]any{"n1", "n2", "n99"}, r.j["name"]) }},
		{`json_contains(j["tags"], "y")`, func(r allTypes) bool { return slices.Contains(r.j["tags"].([]string), "y") }},
		{`exists j["opt"]`, func(r allTypes) bool { _, has := r.j["opt"]; return has }},
		{"array_contains(ai, 5)", func(r allTypes) bool { return slices.Contains(r.ai, 5) }},
		{"array_contains_any(ai, [1, 17])", func(r allTypes) bool { return slices.Contains(r.ai, 1) || slices.Contains(r.ai, 17) }},
		{"array_length(as) == 2", func(r allTypes) bool { return len(r.as) == 2 }},
		{"ai[0] > 15", func(r allTypes) bool { return len(r.ai) > 0 && r.ai[0] > 15 }},
		{`array_contains(as, "r")`, func(r allTypes) bool { return slices.Contains(r.as, "r") }},
	}
	for _, f := range filters {
		var want []int64
		for i, r := range rows {
			if f.keep(r) {
				want = append(want, int64(i))
			}
		}
		rs := query(t, c, "types", f.expr)
		equalInts(t, "filter "+f.expr, int64Col(t, rs, "id"), want)
		if n := count(t, c, "types", f.expr); n != int64(len(want)) {
			t.Fatalf("count(*) where %s = %d, want %d", f.expr, n, len(want))
		}
	}
}

// TestAllVectorTypes stores all six vector types (four per collection, the
// default limit) and reads every vector back.
func TestAllVectorTypes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	const n = 40
	r := newRand(22)
	fv, f16, bf16 := randVecs(r, n, 8), randVecs(r, n, 8), randVecs(r, n, 8)
	bin, i8, sp := randBinary(r, n, 64), randInt8(r, n, 8), randSparse(r, n, 100)
	pk := entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)
	vf := func(name string, typ entity.FieldType, dim int) *entity.Field {
		f := entity.NewField().WithName(name).WithDataType(typ)
		if dim > 0 {
			f.WithDim(int64(dim))
		}
		return f
	}
	createCollection(t, c, entity.NewSchema().WithName("v1").WithField(pk).
		WithField(vf("fv", entity.FieldTypeFloatVector, 8)).WithField(vf("f16", entity.FieldTypeFloat16Vector, 8)).
		WithField(vf("bf16", entity.FieldTypeBFloat16Vector, 8)).WithField(vf("bin", entity.FieldTypeBinaryVector, 64)))
	createCollection(t, c, entity.NewSchema().WithName("v2").WithField(pk).
		WithField(vf("i8", entity.FieldTypeInt8Vector, 8)).WithField(vf("sp", entity.FieldTypeSparseVector, 0)))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("v1", column.NewColumnInt64("id", seqIDs(0, n)),
		column.NewColumnFloatVector("fv", 8, fv), column.NewColumnFloat16VectorFromFp32Vector("f16", 8, f16),
		column.NewColumnBFloat16VectorFromFp32Vector("bf16", 8, bf16), column.NewColumnBinaryVector("bin", 64, bin)))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("v2", column.NewColumnInt64("id", seqIDs(0, n)),
		column.NewColumnInt8Vector("i8", 8, i8), column.NewColumnSparseVectors("sp", sp)))
	ctx := ctxT(t, 60*time.Second)
	for _, ix := range []struct {
		coll, field string
		idx         index.Index
	}{
		{"v1", "fv", index.NewFlatIndex(entity.L2)}, {"v1", "f16", index.NewFlatIndex(entity.IP)},
		{"v1", "bf16", index.NewFlatIndex(entity.COSINE)}, {"v1", "bin", index.NewBinFlatIndex(entity.HAMMING)},
		{"v2", "i8", index.NewFlatIndex(entity.L2)}, {"v2", "sp", index.NewSparseInvertedIndex(entity.IP, 0)},
	} {
		task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption(ix.coll, ix.field, ix.idx))
		ok(t, err, "index %s", ix.field)
		ok(t, task.Await(ctx), "await index %s", ix.field)
	}
	flush(t, c, "v1")
	load(t, c, "v1")
	load(t, c, "v2")

	rs := query(t, c, "v1", "id >= 0", "fv", "f16", "bf16", "bin")
	equalInts(t, "v1 ids", int64Col(t, rs, "id"), seqIDs(0, n))
	for i := 0; i < n; i++ {
		v, _ := rs.GetColumn("fv").Get(i)
		h, _ := rs.GetColumn("f16").Get(i)
		bh, _ := rs.GetColumn("bf16").Get(i)
		b, _ := rs.GetColumn("bin").Get(i)
		if !slices.Equal([]float32(v.(entity.FloatVector)), fv[i]) {
			t.Fatalf("row %d float vector %v, want %v", i, v, fv[i])
		}
		if got := h.(entity.Float16Vector).ToFloat32Vector(); !slices.Equal([]float32(got), roundF16(f16[i])) {
			t.Fatalf("row %d float16 %v, want %v", i, got, roundF16(f16[i]))
		}
		if got := bh.(entity.BFloat16Vector).ToFloat32Vector(); !slices.Equal([]float32(got), roundBF16(bf16[i])) {
			t.Fatalf("row %d bfloat16 %v, want %v", i, got, roundBF16(bf16[i]))
		}
		if !slices.Equal([]byte(b.(entity.BinaryVector)), bin[i]) {
			t.Fatalf("row %d binary %v, want %v", i, b, bin[i])
		}
	}
	rs = query(t, c, "v2", "id >= 0", "i8", "sp")
	for i := 0; i < n; i++ {
		v, _ := rs.GetColumn("i8").Get(i)
		if !slices.Equal([]int8(v.(entity.Int8Vector)), i8[i]) {
			t.Fatalf("row %d int8 %v, want %v", i, v, i8[i])
		}
		e, _ := rs.GetColumn("sp").Get(i)
		if got, want := sparseString(e.(entity.SparseEmbedding)), sparseString(sp[i]); got != want {
			t.Fatalf("row %d sparse %s, want %s", i, got, want)
		}
	}
	// Each vector field is searchable by name (anns_field).
	for _, f := range []struct {
		field string
		q     entity.Vector
	}{
		{"fv", entity.FloatVector(fv[5])}, {"f16", entity.FloatVector(f16[5]).ToFloat16Vector()},
		{"bf16", entity.FloatVector(bf16[5]).ToBFloat16Vector()}, {"bin", entity.BinaryVector(bin[5])},
	} {
		sr := search(t, c, milvusclient.NewSearchOption("v1", 3, []entity.Vector{f.q}).WithANNSField(f.field).WithConsistencyLevel(strong))
		if sr[0].ResultCount != 3 {
			t.Fatalf("search %s: %d hits", f.field, sr[0].ResultCount)
		}
		if f.field != "f16" && idsOf(sr[0])[0] != 5 { // IP's best is not necessarily itself
			t.Fatalf("search %s: top id %v, want 5", f.field, idsOf(sr[0]))
		}
	}
	_, err := c.Search(ctx, milvusclient.NewSearchOption("v1", 3, []entity.Vector{entity.FloatVector(fv[0])}).WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "multiple anns_fields exist")
}

func sparseString(e entity.SparseEmbedding) string {
	var sb strings.Builder
	for i := 0; i < e.Len(); i++ {
		p, v, _ := e.Get(i)
		fmt.Fprintf(&sb, "%d:%g ", p, v)
	}
	return sb.String()
}

// TestNullableAndDefaults writes nulls explicitly and by leaving columns out,
// and checks defaults replace nulls.
func TestNullableAndDefaults(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	sch := floatSchema("nulls", 4,
		entity.NewField().WithName("n_i64").WithDataType(entity.FieldTypeInt64).WithNullable(true),
		entity.NewField().WithName("n_s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16).WithNullable(true),
		entity.NewField().WithName("n_j").WithDataType(entity.FieldTypeJSON).WithNullable(true),
		entity.NewField().WithName("n_arr").WithDataType(entity.FieldTypeArray).WithElementType(entity.FieldTypeInt64).WithMaxCapacity(3).WithNullable(true),
		entity.NewField().WithName("d_i32").WithDataType(entity.FieldTypeInt32).WithDefaultValueInt(7),
		entity.NewField().WithName("d_s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16).WithDefaultValueString("dflt"),
		entity.NewField().WithName("nd_f").WithDataType(entity.FieldTypeFloat).WithNullable(true).WithDefaultValueFloat(1.5),
	)
	createCollection(t, c, sch)
	coll, err := c.DescribeCollection(ctxT(t, 10*time.Second), milvusclient.NewDescribeCollectionOption("nulls"))
	ok(t, err, "describe")
	for _, f := range coll.Schema.Fields {
		switch f.Name {
		case "n_i64", "n_s", "n_j", "n_arr", "nd_f":
			if !f.Nullable {
				t.Fatalf("field %s lost nullable", f.Name)
			}
		}
		if f.Name == "d_i32" && (f.DefaultValue == nil || f.DefaultValue.GetIntData() != 7) {
			t.Fatalf("d_i32 default %v", f.DefaultValue)
		}
	}

	// Rows 0..5: every other value null (compact column layout, as the SDK sends).
	valid := []bool{true, false, true, false, true, false}
	ni, err := column.NewNullableColumnInt64("n_i64", []int64{10, 12, 14}, valid)
	ok(t, err, "nullable column")
	ns, _ := column.NewNullableColumnVarChar("n_s", []string{"a", "c", "e"}, valid)
	nj, _ := column.NewNullableColumnJSONBytes("n_j", [][]byte{[]byte(`{"a":1}`), []byte(`{"a":3}`), []byte(`{"a":5}`)}, valid)
	na, _ := column.NewNullableColumnInt64Array("n_arr", [][]int64{{1}, {3, 3}, {5}}, valid)
	di, _ := column.NewNullableColumnInt32("d_i32", []int32{100, 102, 104}, valid)
	ds, _ := column.NewNullableColumnVarChar("d_s", []string{"x0", "x2", "x4"}, valid)
	nf, _ := column.NewNullableColumnFloat("nd_f", []float32{0.25, 2.25, 4.25}, valid)
	insert(t, c, milvusclient.NewColumnBasedInsertOption("nulls", column.NewColumnInt64("id", seqIDs(0, 6)),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(23), 6, 4)), ni, ns, nj, na, di, ds, nf))
	// Rows 6..8 leave every optional column out.
	insert(t, c, milvusclient.NewColumnBasedInsertOption("nulls", column.NewColumnInt64("id", seqIDs(6, 3)),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(24), 3, 4))))
	flush(t, c, "nulls")
	indexAndLoad(t, c, "nulls", "vec", index.NewFlatIndex(entity.L2))

	rs := query(t, c, "nulls", "id >= 0", "*")
	equalInts(t, "ids", int64Col(t, rs, "id"), seqIDs(0, 9))
	isNull := func(name string, i int) bool {
		null, err := rs.GetColumn(name).IsNull(i)
		ok(t, err, "IsNull %s %d", name, i)
		return null
	}
	for i := 0; i < 9; i++ {
		set := i < 6 && i%2 == 0
		for _, f := range []string{"n_i64", "n_s", "n_j", "n_arr"} {
			if isNull(f, i) == set {
				t.Fatalf("row %d field %s: null=%v, want %v", i, f, !set, !set)
			}
		}
		for _, f := range []string{"d_i32", "d_s", "nd_f"} {
			if isNull(f, i) {
				t.Fatalf("row %d field %s is null; the default should replace null", i, f)
			}
		}
		di, _ := rs.GetColumn("d_i32").GetAsInt64(i)
		ds, _ := rs.GetColumn("d_s").GetAsString(i)
		nf, _ := rs.GetColumn("nd_f").GetAsDouble(i)
		wantI, wantS, wantF := int64(7), "dflt", 1.5
		if set {
			wantI, wantS, wantF = int64(100+i), fmt.Sprint("x", i), 0.25+float64(i)
			v, _ := rs.GetColumn("n_i64").GetAsInt64(i)
			sv, _ := rs.GetColumn("n_s").GetAsString(i)
			if v != int64(10+i) || sv != string(rune('a'+i)) {
				t.Fatalf("row %d: n_i64 %d n_s %q", i, v, sv)
			}
		}
		if di != wantI || ds != wantS || nf != wantF {
			t.Fatalf("row %d: defaults d_i32 %d d_s %q nd_f %v, want %d %q %v", i, di, ds, nf, wantI, wantS, wantF)
		}
	}
	for _, f := range []struct {
		expr string
		want []int64
	}{
		{"n_i64 is null", []int64{1, 3, 5, 6, 7, 8}},
		{"n_i64 is not null", []int64{0, 2, 4}},
		{"n_i64 > 11", []int64{2, 4}},
		{"n_i64 != 10", []int64{2, 4}}, // null compares false, as in Milvus
		{`n_s == "c"`, []int64{2}},
		{"d_i32 == 7", []int64{1, 3, 5, 6, 7, 8}},
		{`d_s != "dflt"`, []int64{0, 2, 4}},
		{"nd_f == 1.5", []int64{1, 3, 5, 6, 7, 8}},
		{`n_j["a"] >= 3`, []int64{2, 4}},
		{"array_contains(n_arr, 3)", []int64{2}},
	} {
		equalInts(t, f.expr, int64Col(t, query(t, c, "nulls", f.expr), "id"), f.want)
	}
}

// TestDynamicFields stores extra keys in $meta and filters and outputs them by name.
func TestDynamicFields(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	sch := floatSchema("dyn", 4).WithDynamicFieldEnabled(true)
	createCollection(t, c, sch)
	const n = 30
	colors := make([]string, n)
	sizes := make([]int64, n)
	for i := range colors {
		colors[i] = []string{"red", "green", "blue"}[i%3]
		sizes[i] = int64(i % 7)
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption("dyn", column.NewColumnInt64("id", seqIDs(0, n)),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(25), n, 4)),
		column.NewColumnVarChar("color", colors), column.NewColumnInt64("size", sizes)))
	type row struct {
		ID    int64     `milvus:"name:id"`
		Vec   []float32 `milvus:"name:vec;dim:4"`
		Color string    `milvus:"name:color"`
		Extra float64   `milvus:"name:extra"`
	}
	insert(t, c, milvusclient.NewRowBasedInsertOption("dyn", row{ID: 100, Vec: []float32{1, 2, 3, 4}, Color: "red", Extra: 2.5}))
	indexAndLoad(t, c, "dyn", "vec", index.NewFlatIndex(entity.L2))

	var want []int64
	for i := range colors {
		if colors[i] == "red" && sizes[i] > 2 {
			want = append(want, int64(i))
		}
	}
	rs := query(t, c, "dyn", `color == "red" and size > 2`, "color", "size")
	equalInts(t, "dynamic filter", int64Col(t, rs, "id"), want)
	gotColors, gotSizes := strCol(t, rs, "color"), int64Col(t, rs, "size")
	for i, id := range want {
		if gotColors[i] != "red" || gotSizes[i] != sizes[id] {
			t.Fatalf("row %d: color %q size %d", id, gotColors[i], gotSizes[i])
		}
	}
	rs = query(t, c, "dyn", "extra > 2", "extra", "color")
	equalInts(t, "row-based dynamic key", int64Col(t, rs, "id"), []int64{100})
	if n := count(t, c, "dyn", `color == "red"`); n != 11 {
		t.Fatalf("red count %d, want 11", n)
	}
	rs = query(t, c, "dyn", "id == 100", "$meta")
	raw, err := rs.GetColumn("$meta").Get(0)
	ok(t, err, "$meta")
	var meta map[string]any
	ok(t, json.Unmarshal(raw.([]byte), &meta), "$meta json")
	if meta["color"] != "red" || meta["extra"] != 2.5 {
		t.Fatalf("$meta %v", meta)
	}
	sr := search(t, c, milvusclient.NewSearchOption("dyn", 5, []entity.Vector{entity.FloatVector{1, 2, 3, 4}}).
		WithFilter(`color in ["red", "blue"]`).WithOutputFields("color").WithConsistencyLevel(strong))
	if ids := idsOf(sr[0]); ids[0] != 100 {
		t.Fatalf("search top %v, want 100", ids)
	}
	for _, col := range strCol(t, sr[0], "color") {
		if col != "red" && col != "blue" {
			t.Fatalf("filtered search returned color %q", col)
		}
	}
}

// TestAutoIDAndVarCharPK covers generated Int64 keys and VarChar keys.
func TestAutoIDAndVarCharPK(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)

	auto := entity.NewSchema().WithName("auto").WithAutoID(true).
		WithField(entity.NewField().WithName("pk").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true).WithIsAutoID(true)).
		WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(4))
	createCollection(t, c, auto)
	indexAndLoad(t, c, "auto", "vec", index.NewFlatIndex(entity.L2))
	var all []int64
	for b := 0; b < 3; b++ {
		res := insert(t, c, milvusclient.NewColumnBasedInsertOption("auto").WithFloatVectorColumn("vec", 4, randVecs(newRand(uint64(30+b)), 50, 4)))
		all = append(all, res.IDs.(*column.ColumnInt64).Data()...)
	}
	seen := map[int64]bool{}
	for _, id := range all {
		if seen[id] {
			t.Fatalf("auto_id generated %d twice", id)
		}
		seen[id] = true
	}
	rs := query(t, c, "auto", "pk >= 0")
	equalInts(t, "auto ids", int64Col(t, rs, "pk"), sortedInts(all))
	_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("auto").WithInt64Column("pk", []int64{1}).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(1), 1, 4)))
	wantErr(t, err, codeParameterInvalid, "more fieldData has pass in")

	vs := entity.NewSchema().WithName("vpk").
		WithField(entity.NewField().WithName("key").WithDataType(entity.FieldTypeVarChar).WithMaxLength(32).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(4)).
		WithField(entity.NewField().WithName("n").WithDataType(entity.FieldTypeInt64))
	createCollection(t, c, vs)
	indexAndLoad(t, c, "vpk", "vec", index.NewFlatIndex(entity.L2))
	keys := []string{"apple", "banana", "cherry", "date", "elder", "fig", "grape", "ünïcode-ключ"}
	vecs := randVecs(newRand(33), len(keys), 4)
	nums := seqIDs(0, len(keys))
	res := insert(t, c, milvusclient.NewColumnBasedInsertOption("vpk").WithVarcharColumn("key", keys).
		WithFloatVectorColumn("vec", 4, vecs).WithInt64Column("n", nums))
	if got := res.IDs.(*column.ColumnVarChar).Data(); !slices.Equal(got, keys) {
		t.Fatalf("insert ids %v", got)
	}
	sr := search(t, c, milvusclient.NewSearchOption("vpk", 2, []entity.Vector{entity.FloatVector(vecs[7])}).WithConsistencyLevel(strong))
	if got := strIDsOf(sr[0]); got[0] != keys[7] {
		t.Fatalf("search ids %v, want %s first", got, keys[7])
	}
	rs = query(t, c, "vpk", `key in ["banana", "fig", "nope"]`, "n")
	if got := strCol(t, rs, "key"); !slices.Equal(got, []string{"banana", "fig"}) {
		t.Fatalf("query keys %v", got)
	}
	rs, err = c.Get(ctx, milvusclient.NewQueryOption("vpk").WithIDs(column.NewColumnVarChar("key", []string{"date"})).
		WithOutputFields("n").WithConsistencyLevel(strong))
	ok(t, err, "get by id")
	if got := int64Col(t, rs, "n"); !slices.Equal(got, []int64{3}) {
		t.Fatalf("get date: n = %v", got)
	}
	_, err = c.Upsert(ctx, milvusclient.NewColumnBasedInsertOption("vpk").WithVarcharColumn("key", []string{"apple", "kiwi"}).
		WithFloatVectorColumn("vec", 4, vecs[:2]).WithInt64Column("n", []int64{100, 101}))
	ok(t, err, "upsert varchar")
	dres, err := c.Delete(ctx, milvusclient.NewDeleteOption("vpk").WithStringIDs("key", []string{"banana", "cherry"}))
	ok(t, err, "delete varchar")
	if dres.DeleteCount != 2 {
		t.Fatalf("delete count %d", dres.DeleteCount)
	}
	rs = query(t, c, "vpk", `key != ""`, "n")
	wantKeys := []string{"apple", "date", "elder", "fig", "grape", "kiwi", "ünïcode-ключ"}
	if got := strCol(t, rs, "key"); !slices.Equal(got, wantKeys) {
		t.Fatalf("keys after upsert/delete %v, want %v", got, wantKeys)
	}
	if got := int64Col(t, rs, "n"); !slices.Equal(got, []int64{100, 3, 4, 5, 6, 101, 7}) {
		t.Fatalf("n after upsert %v", got)
	}
}

// TestPartitionKey routes rows by the partition key and prunes reads by it.
func TestPartitionKey(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	sch := floatSchema("pk", 8, entity.NewField().WithName("tenant").WithDataType(entity.FieldTypeInt64).WithIsPartitionKey(true))
	createCollection(t, c, sch)
	parts, err := c.ListPartitions(ctx, milvusclient.NewListPartitionOption("pk"))
	ok(t, err, "list partitions")
	if len(parts) != 16 {
		t.Fatalf("partition-key collection has %d partitions, want 16", len(parts))
	}
	const n = 400
	vecs := randVecs(newRand(40), n, 8)
	tenants := make([]int64, n)
	for i := range tenants {
		tenants[i] = int64(i % 10)
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption("pk").WithInt64Column("id", seqIDs(0, n)).
		WithFloatVectorColumn("vec", 8, vecs).WithInt64Column("tenant", tenants))
	indexAndLoad(t, c, "pk", "vec", index.NewFlatIndex(entity.IP))
	var want []int64
	for i, tn := range tenants {
		if tn == 3 {
			want = append(want, int64(i))
		}
	}
	equalInts(t, "tenant 3", int64Col(t, query(t, c, "pk", "tenant == 3"), "id"), want)
	q := randVecs(newRand(41), 1, 8)[0]
	scores := map[int64]float64{}
	for _, id := range want {
		scores[id] = dot(q, vecs[id])
	}
	sr := search(t, c, milvusclient.NewSearchOption("pk", 10, []entity.Vector{entity.FloatVector(q)}).WithFilter("tenant == 3").WithConsistencyLevel(strong))
	checkTopK(t, "tenant 3 search", sr[0], scores, true, 0, 10, 1e-4)

	wantErr(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("pk", "p1")), codeParameterInvalid, "partition key")
	_, err = c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("pk").WithPartition("_default_0").WithInt64Column("id", []int64{1}).
		WithFloatVectorColumn("vec", 8, vecs[:1]).WithInt64Column("tenant", []int64{1}))
	wantErr(t, err, codeParameterInvalid, "partition key")

	// VarChar partition key with a chosen partition count.
	vs := floatSchema("vk", 8, entity.NewField().WithName("region").WithDataType(entity.FieldTypeVarChar).WithMaxLength(8).WithIsPartitionKey(true))
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("vk", vs).WithNumPartitions(4)), "create vk")
	parts, _ = c.ListPartitions(ctx, milvusclient.NewListPartitionOption("vk"))
	if len(parts) != 4 {
		t.Fatalf("vk partitions %v", parts)
	}
	regions := make([]string, 100)
	for i := range regions {
		regions[i] = []string{"eu", "us", "ap"}[i%3]
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption("vk").WithInt64Column("id", seqIDs(0, 100)).
		WithFloatVectorColumn("vec", 8, vecs[:100]).WithVarcharColumn("region", regions))
	indexAndLoad(t, c, "vk", "vec", index.NewFlatIndex(entity.L2))
	if n := count(t, c, "vk", `region == "us"`); n != 33 {
		t.Fatalf("us rows %d, want 33", n)
	}
}
