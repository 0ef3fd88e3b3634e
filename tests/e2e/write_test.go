package e2e

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// model is what a collection with id, vec, age (Int64) and tag (VarChar)
// should hold.
type model struct {
	rows map[int64]modelRow
}

type modelRow struct {
	vec []float32
	age int64
	tag string
}

func newModel() *model { return &model{rows: map[int64]modelRow{}} }

func (m *model) ids() []int64 { return slices.Sorted(maps.Keys(m.rows)) }

// modelSchema: id Int64 PK, vec FloatVector(dim), age Int64, tag VarChar(32).
func modelSchema(name string, dim int) *entity.Schema {
	return floatSchema(name, dim,
		entity.NewField().WithName("age").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("tag").WithDataType(entity.FieldTypeVarChar).WithMaxLength(32))
}

// writeOpt is a column-based write usable for Insert and Upsert.
type writeOpt interface {
	milvusclient.InsertOption
	milvusclient.UpsertOption
}

// rowsOpt builds a column-based write of the model rows with ids.
func (m *model) rowsOpt(coll string, dim int, ids []int64) writeOpt {
	return m.rowsOptIn(coll, "", dim, ids)
}

// rowsOptIn is rowsOpt into a partition ("" for the default).
func (m *model) rowsOptIn(coll, part string, dim int, ids []int64) writeOpt {
	vecs := make([][]float32, len(ids))
	ages := make([]int64, len(ids))
	tags := make([]string, len(ids))
	for i, id := range ids {
		r := m.rows[id]
		vecs[i], ages[i], tags[i] = r.vec, r.age, r.tag
	}
	return milvusclient.NewColumnBasedInsertOption(coll).WithInt64Column("id", ids).
		WithFloatVectorColumn("vec", dim, vecs).WithInt64Column("age", ages).WithVarcharColumn("tag", tags).WithPartition(part)
}

// set puts fresh random rows for ids into the model.
func (m *model) set(seed uint64, dim int, ids []int64, version int) {
	r := newRand(seed)
	vecs := randVecs(r, len(ids), dim)
	for i, id := range ids {
		m.rows[id] = modelRow{vec: vecs[i], age: id*10 + int64(version), tag: fmt.Sprintf("v%d-%d", version, id)}
	}
}

// verify queries every row and compares ids, ages, tags and vectors.
func (m *model) verify(t testing.TB, c *milvusclient.Client, coll string) {
	t.Helper()
	if n := count(t, c, coll, ""); n != int64(len(m.rows)) {
		t.Fatalf("%s: count(*) = %d, model has %d rows", coll, n, len(m.rows))
	}
	rs := query(t, c, coll, "id >= -9223372036854775807", "age", "tag", "vec")
	ids := int64Col(t, rs, "id")
	equalInts(t, coll+" ids", ids, m.ids())
	ages := int64Col(t, rs, "age")
	tags := strCol(t, rs, "tag")
	vc := rs.GetColumn("vec")
	for i, id := range ids {
		want := m.rows[id]
		if ages[i] != want.age || tags[i] != want.tag {
			t.Fatalf("%s: row %d has age %d tag %q, want %d %q", coll, id, ages[i], tags[i], want.age, want.tag)
		}
		v, err := vc.Get(i)
		ok(t, err, "vec %d", i)
		if !slices.Equal([]float32(v.(entity.FloatVector)), want.vec) {
			t.Fatalf("%s: row %d vector differs", coll, id)
		}
	}
}

func TestInsertUpsertDelete(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	const dim = 8
	createCollection(t, c, modelSchema("w", dim))
	indexAndLoad(t, c, "w", "vec", index.NewFlatIndex(entity.L2))
	m := newModel()

	// Column-based insert of 200 rows.
	ids := seqIDs(0, 200)
	m.set(1, dim, ids, 1)
	res := insert(t, c, m.rowsOpt("w", dim, ids))
	if res.InsertCount != 200 {
		t.Fatalf("insert count %d", res.InsertCount)
	}
	equalInts(t, "insert result ids", res.IDs.(interface{ Data() []int64 }).Data(), ids)

	// Row-based insert of 20 more.
	type row struct {
		ID  int64     `milvus:"name:id"`
		Vec []float32 `milvus:"name:vec;dim:8"`
		Age int64     `milvus:"name:age"`
		Tag string    `milvus:"name:tag"`
	}
	rowIDs := seqIDs(200, 20)
	m.set(2, dim, rowIDs, 1)
	var rows []any
	for _, id := range rowIDs {
		r := m.rows[id]
		rows = append(rows, row{ID: id, Vec: r.vec, Age: r.age, Tag: r.tag})
	}
	res = insert(t, c, milvusclient.NewRowBasedInsertOption("w", rows...))
	if res.InsertCount != 20 {
		t.Fatalf("row insert count %d", res.InsertCount)
	}
	m.verify(t, c, "w")

	// Upsert: 50 existing rows change, 20 are new.
	up := append(seqIDs(100, 50), seqIDs(1000, 20)...)
	m.set(3, dim, up, 2)
	ures, err := c.Upsert(ctx, m.rowsOpt("w", dim, up))
	ok(t, err, "upsert")
	if ures.UpsertCount != 70 {
		t.Fatalf("upsert count %d", ures.UpsertCount)
	}
	m.verify(t, c, "w")
	// Upsert refuses duplicate keys in one batch.
	_, err = c.Upsert(ctx, m.rowsOpt("w", dim, []int64{5, 5}))
	wantErr(t, err, codeParameterInvalid, "duplicate primary keys")

	// Delete by ids.
	del := []int64{0, 1, 2, 3, 150, 1005, 99999}
	dres, err := c.Delete(ctx, milvusclient.NewDeleteOption("w").WithInt64IDs("id", del))
	ok(t, err, "delete ids")
	if dres.DeleteCount != int64(len(del)) { // Milvus counts the keys given, found or not
		t.Fatalf("delete count %d, want %d", dres.DeleteCount, len(del))
	}
	for _, id := range del {
		delete(m.rows, id)
	}
	m.verify(t, c, "w")

	// Delete by filters: pk in [...], comparisons, and a scalar field.
	for _, f := range []struct {
		expr string
		keep func(id int64, r modelRow) bool
	}{
		{"id in [10, 11, 12]", func(id int64, _ modelRow) bool { return id < 10 || id > 12 }},
		{"id >= 20 and id < 30", func(id int64, _ modelRow) bool { return id < 20 || id >= 30 }},
		{"age > 2100 and age <= 2190", func(_ int64, r modelRow) bool { return r.age <= 2100 || r.age > 2190 }},
		{`tag like "v2-11%"`, func(_ int64, r modelRow) bool { return len(r.tag) < 5 || r.tag[:5] != "v2-11" }},
	} {
		want := 0
		for id, r := range m.rows {
			if !f.keep(id, r) {
				want++
				delete(m.rows, id)
			}
		}
		dres, err := c.Delete(ctx, milvusclient.NewDeleteOption("w").WithExpr(f.expr))
		ok(t, err, "delete %s", f.expr)
		if dres.DeleteCount != int64(want) {
			t.Fatalf("delete %s: count %d, want %d", f.expr, dres.DeleteCount, want)
		}
		m.verify(t, c, "w")
	}
	wantErr(t, func() error { _, err := c.Delete(ctx, milvusclient.NewDeleteOption("w")); return err }(), codeParameterInvalid)

	// Flush, then more writes on top of sealed data: inserts, upserts and
	// deletes that hit sealed rows.
	flush(t, c, "w")
	m.verify(t, c, "w")
	more := seqIDs(2000, 100)
	m.set(4, dim, more, 3)
	insert(t, c, m.rowsOpt("w", dim, more))
	up = []int64{40, 41, 42, 2000, 2001}
	m.set(5, dim, up, 4)
	_, err = c.Upsert(ctx, m.rowsOpt("w", dim, up))
	ok(t, err, "upsert over sealed")
	_, err = c.Delete(ctx, milvusclient.NewDeleteOption("w").WithExpr("id in [50, 51, 2002]"))
	ok(t, err, "delete over sealed")
	for _, id := range []int64{50, 51, 2002} {
		delete(m.rows, id)
	}
	m.verify(t, c, "w")
	flush(t, c, "w")
	m.verify(t, c, "w")

	// Duplicate primary keys coexist after Insert (Milvus does not check);
	// a delete removes every copy.
	m.set(6, dim, []int64{7000}, 5)
	insert(t, c, m.rowsOpt("w", dim, []int64{7000}))
	insert(t, c, m.rowsOpt("w", dim, []int64{7000}))
	if n := count(t, c, "w", "id == 7000"); n != 2 {
		t.Fatalf("duplicate inserts: %d rows with id 7000, want 2", n)
	}
	_, err = c.Delete(ctx, milvusclient.NewDeleteOption("w").WithExpr("id == 7000"))
	ok(t, err, "delete duplicates")
	delete(m.rows, 7000)
	m.verify(t, c, "w")

	// Search sees the final state exactly.
	q := randVecs(newRand(7), 2, dim)
	sr := search(t, c, milvusclient.NewSearchOption("w", 10, []entity.Vector{entity.FloatVector(q[0]), entity.FloatVector(q[1])}).
		WithConsistencyLevel(strong))
	for qi := range q {
		all := map[int64]float64{}
		for id, r := range m.rows {
			all[id] = l2(q[qi], r.vec)
		}
		checkTopK(t, fmt.Sprintf("query %d", qi), sr[qi], all, false, 0, 10, 1e-4)
	}
}
