package e2e

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// Nullable vector fields (Milvus 2.6) through the Go SDK: rows whose
// vector is null are stored, counted and queried, and never found by a
// search — growing, sealed under HNSW and IVF_FLAT, filtered, range,
// group-by and hybrid — and stay null across a clean restart and kill -9.
// The field is COSINE, where a null row's zero vector would score NaN.
//
// The SDK this module pins (v2.6.2) sends nullable vectors compact, as
// newer SDKs do, but reads a nullable vector column back without its
// valid_data; the vector output is therefore checked on the raw reply.
func TestNullableVectors(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 4*time.Minute)
	const coll, dim = "nv", 8
	sch := entity.NewSchema().WithName(coll).
		WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName("tag").WithDataType(entity.FieldTypeInt64)).
		WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(dim).WithNullable(true))
	createCollection(t, c, sch)
	indexAndLoad(t, c, coll, "vec", index.NewHNSWIndex(entity.COSINE, 8, 64))

	m := nullVecModel{rows: map[int64][]float32{}, dim: dim}
	m.insert(t, c, coll, seqIDs(0, 300), 1)
	m.check(t, c, raw, coll, "growing")

	flushAndWaitField(t, c, coll, "vec")
	m.check(t, c, raw, coll, "sealed HNSW")

	ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption(coll)), "release")
	ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption(coll, "vec")), "drop index")
	indexAndLoad(t, c, coll, "vec", index.NewIvfFlatIndex(entity.COSINE, 8))
	m.insert(t, c, coll, seqIDs(1000, 200), 2)
	flushAndWaitField(t, c, coll, "vec")
	m.check(t, c, raw, coll, "sealed IVF_FLAT")

	// Restarts listen on new ports: reconnect both clients.
	m.insert(t, c, coll, seqIDs(2000, 60), 3)
	s.Restart()
	c, raw = s.Client(), s.Raw()
	m.check(t, c, raw, coll, "after restart")

	m.insert(t, c, coll, seqIDs(3000, 60), 4)
	s.KillRestart()
	c, raw = s.Client(), s.Raw()
	m.check(t, c, raw, coll, "after kill -9")
	flushAndWaitField(t, c, coll, "vec")
	m.check(t, c, raw, coll, "after kill -9 and flush")
}

// nullVecModel is what the collection holds: each id's vector, nil when null.
type nullVecModel struct {
	rows map[int64][]float32
	dim  int
}

// insert writes ids; every third id (ids%3 == 0) is null. The SDK column
// carries the valid rows' vectors first and the nulls last, so the pk
// column lists ids in that order too.
func (m *nullVecModel) insert(t *testing.T, c *milvusclient.Client, coll string, ids []int64, seed uint64) {
	t.Helper()
	r := newRand(seed)
	var order []int64
	var vecs []entity.FloatVector
	var valid []bool
	for _, id := range ids {
		if id%3 != 0 {
			v := randVecs(r, 1, m.dim)[0]
			m.rows[id] = v
			order, vecs, valid = append(order, id), append(vecs, v), append(valid, true)
		}
	}
	for _, id := range ids {
		if id%3 == 0 {
			m.rows[id] = nil
			order, valid = append(order, id), append(valid, false)
		}
	}
	vecCol, err := newNullableFloatVector("vec", m.dim, vecs, valid)
	ok(t, err, "nullable column")
	tags := make([]int64, len(order))
	for i, id := range order {
		tags[i] = id % 10
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption(coll).WithColumns(
		column.NewColumnInt64("id", order), column.NewColumnInt64("tag", tags), vecCol))
}

// newNullableFloatVector is a nullable FloatVector column of the SDK:
// compact values (the valid rows only) and valid_data.
func newNullableFloatVector(name string, dim int, values []entity.FloatVector, valid []bool) (*column.ColumnFloatVector, error) {
	return column.NewNullableColumnCreator(func(name string, v []entity.FloatVector) *column.ColumnFloatVector {
		rows := make([][]float32, len(v))
		for i, x := range v {
			rows[i] = x
		}
		return column.NewColumnFloatVector(name, dim, rows)
	}).New(name, values, valid)
}

func (m *nullVecModel) validIDs() []int64 {
	var out []int64
	for id, v := range m.rows {
		if v != nil {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (m *nullVecModel) check(t *testing.T, c *milvusclient.Client, raw milvuspb.MilvusServiceClient, coll, label string) {
	t.Helper()
	if n := count(t, c, coll, ""); n != int64(len(m.rows)) {
		t.Fatalf("%s: count(*) = %d, want %d", label, n, len(m.rows))
	}
	m.checkSearches(t, c, coll, label)
	m.checkOutputField(t, raw, coll, "vec", label)
}

// checkSearches: every kind of search finds only rows holding a vector,
// and a stored vector's nearest row is itself.
func (m *nullVecModel) checkSearches(t *testing.T, c *milvusclient.Client, coll, label string) {
	t.Helper()
	ctx := ctxT(t, time.Minute)
	valid := m.validIDs()
	q := valid[len(valid)/2]
	vec := entity.FloatVector(m.rows[q])
	vs := []entity.Vector{vec}
	searches := map[string]milvusclient.SearchOption{
		"top-k":    milvusclient.NewSearchOption(coll, 50, vs).WithANNSField("vec").WithSearchParam("nprobe", "8").WithConsistencyLevel(strong),
		"filtered": milvusclient.NewSearchOption(coll, 50, vs).WithANNSField("vec").WithFilter("tag < 5").WithConsistencyLevel(strong),
		"range": milvusclient.NewSearchOption(coll, 500, vs).WithANNSField("vec").WithConsistencyLevel(strong).
			WithSearchParam("radius", "-1.01").WithSearchParam("range_filter", "1.01").WithSearchParam("nprobe", "8"),
		"group-by": milvusclient.NewSearchOption(coll, 5, vs).WithANNSField("vec").WithGroupByField("tag").WithConsistencyLevel(strong),
	}
	for name, opt := range searches {
		rs, err := c.Search(ctx, opt)
		ok(t, err, "%s: %s search", label, name)
		ids := idsOf(rs[0])
		if len(ids) == 0 {
			t.Fatalf("%s: %s search found nothing", label, name)
		}
		m.noNulls(t, label+": "+name, ids)
		if name == "top-k" && ids[0] != q {
			t.Fatalf("%s: nearest to %d is %d", label, q, ids[0])
		}
		if name == "range" && len(ids) != len(valid) {
			t.Fatalf("%s: a range over all of COSINE found %d rows, want the %d with a vector", label, len(ids), len(valid))
		}
		for _, sc := range rs[0].Scores {
			if math.IsNaN(float64(sc)) {
				t.Fatalf("%s: %s search scored NaN", label, name)
			}
		}
	}
	hs, err := c.HybridSearch(ctx, milvusclient.NewHybridSearchOption(coll, 30,
		milvusclient.NewAnnRequest("vec", 30, vec), milvusclient.NewAnnRequest("vec", 30, vec).WithFilter("tag >= 5")).
		WithReranker(milvusclient.NewRRFReranker()).WithConsistencyLevel(strong))
	ok(t, err, "%s: hybrid search", label)
	m.noNulls(t, label+": hybrid", idsOf(hs[0]))
}

func (m *nullVecModel) noNulls(t *testing.T, label string, ids []int64) {
	t.Helper()
	for _, id := range ids {
		if v, stored := m.rows[id]; !stored || v == nil {
			t.Fatalf("%s: found id %d, whose vector is null (stored %v)", label, id, stored)
		}
	}
}

// checkOutputField queries every row's vector on the raw reply: valid_data
// marks the nulls, and the vectors of the valid rows come compact, in row
// order, as Milvus answers them.
func (m *nullVecModel) checkOutputField(t *testing.T, raw milvuspb.MilvusServiceClient, coll, field, label string) {
	t.Helper()
	res, err := raw.Query(ctxT(t, time.Minute), &milvuspb.QueryRequest{CollectionName: coll, Expr: "id >= 0",
		OutputFields: []string{field}, ConsistencyLevel: commonpb.ConsistencyLevel_Strong,
		QueryParams: []*commonpb.KeyValuePair{{Key: "limit", Value: "16384"}}})
	ok(t, merr.CheckRPCCall(res, err), "%s: query", label)
	var ids []int64
	var valid []bool
	var data []float32
	for _, fd := range res.GetFieldsData() {
		switch fd.GetFieldName() {
		case "id":
			ids = fd.GetScalars().GetLongData().GetData()
		case field:
			valid, data = fd.GetValidData(), fd.GetVectors().GetFloatVector().GetData()
		}
	}
	if len(ids) != len(m.rows) || len(valid) != len(ids) {
		t.Fatalf("%s: %d ids, %d valid flags, want %d rows", label, len(ids), len(valid), len(m.rows))
	}
	next := 0
	for i, id := range ids {
		want := m.rows[id]
		if valid[i] != (want != nil) {
			t.Fatalf("%s: id %d valid=%v, want %v", label, id, valid[i], want != nil)
		}
		if !valid[i] {
			continue
		}
		if next+m.dim > len(data) || !slices.Equal(data[next:next+m.dim], want) {
			t.Fatalf("%s: id %d vector %v, want %v", label, id, data[next:min(next+m.dim, len(data))], want)
		}
		next += m.dim
	}
	if next != len(data) {
		t.Fatalf("%s: %d floats answered for %d valid rows", label, len(data), next/m.dim)
	}
}

// flushAndWaitField flushes and waits until field's index covers every row.
func flushAndWaitField(t *testing.T, c *milvusclient.Client, coll, field string) {
	t.Helper()
	ctx := ctxT(t, time.Minute)
	flush(t, c, coll)
	for i := 0; i < 300; i++ {
		d, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption(coll, field))
		ok(t, err, "describe index %s", coll)
		if d.PendingIndexRows == 0 && d.IndexedRows > 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal(fmt.Sprintf("index of %s.%s not built", coll, field))
}

// A nullable vector field added to a collection with sealed and growing
// rows: those rows read as null and are never found by a search on it,
// also after a clean restart and kill -9 (the shard fills the missing
// column in memory again at every start).
func TestAddNullableVectorField(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 3*time.Minute)
	const coll, dim = "addvec", 8
	createCollection(t, c, floatSchema(coll, 4))
	indexAndLoad(t, c, coll, "vec", index.NewFlatIndex(entity.L2))
	old := seqIDs(0, 200)
	insert(t, c, milvusclient.NewColumnBasedInsertOption(coll).WithColumns(
		column.NewColumnInt64("id", old[:150]), column.NewColumnFloatVector("vec", 4, randVecs(newRand(1), 150, 4))))
	flush(t, c, coll)
	insert(t, c, milvusclient.NewColumnBasedInsertOption(coll).WithColumns(
		column.NewColumnInt64("id", old[150:]), column.NewColumnFloatVector("vec", 4, randVecs(newRand(2), 50, 4))))

	ok(t, c.AddCollectionField(ctx, milvusclient.NewAddCollectionFieldOption(coll,
		entity.NewField().WithName("v2").WithDataType(entity.FieldTypeFloatVector).WithDim(dim).WithNullable(true))), "add field")
	c = s.Client() // this SDK caches the schema: a new client sees the field
	m := nullVecModel{rows: map[int64][]float32{}, dim: dim}
	for _, id := range old {
		m.rows[id] = nil
	}
	// New rows: every third null, as in TestNullableVectors.
	ids := seqIDs(1000, 120)
	r := newRand(3)
	var order []int64
	var vecs []entity.FloatVector
	var valid []bool
	for pass := 0; pass < 2; pass++ {
		for _, id := range ids {
			if (id%3 != 0) == (pass == 0) {
				order, valid = append(order, id), append(valid, pass == 0)
				if pass == 0 {
					v := randVecs(r, 1, dim)[0]
					m.rows[id], vecs = v, append(vecs, v)
				} else {
					m.rows[id] = nil
				}
			}
		}
	}
	v2, err := newNullableFloatVector("v2", dim, vecs, valid)
	ok(t, err, "nullable column")
	insert(t, c, milvusclient.NewColumnBasedInsertOption(coll).WithColumns(column.NewColumnInt64("id", order),
		column.NewColumnFloatVector("vec", 4, randVecs(newRand(4), len(order), 4)), v2))
	ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption(coll)), "release")
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption(coll, "v2", index.NewHNSWIndex(entity.COSINE, 8, 64)))
	ok(t, err, "index v2")
	ok(t, task.Await(ctx), "await index v2")
	load(t, c, coll)

	check := func(label string) {
		t.Helper()
		raw := s.Raw()
		if n := count(t, c, coll, ""); n != int64(len(m.rows)) {
			t.Fatalf("%s: count(*) = %d, want %d", label, n, len(m.rows))
		}
		q := m.validIDs()[0]
		rs, err := c.Search(ctx, milvusclient.NewSearchOption(coll, 100, []entity.Vector{entity.FloatVector(m.rows[q])}).
			WithANNSField("v2").WithConsistencyLevel(strong))
		ok(t, err, "%s: search v2", label)
		if ids := idsOf(rs[0]); len(ids) != 80 || ids[0] != q {
			t.Fatalf("%s: search on v2 found %d rows (first %v), want the 80 with a vector, %d first", label, len(ids), ids, q)
		}
		m.noNulls(t, label, idsOf(rs[0]))
		m.checkOutputField(t, raw, coll, "v2", label)
	}
	check("added")
	flushAndWaitField(t, c, coll, "v2")
	check("sealed")
	s.Restart()
	c = s.Client()
	check("after restart")
	s.KillRestart()
	c = s.Client()
	check("after kill -9")
}
