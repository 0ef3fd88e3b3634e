package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

func TestQuery(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	const dim = 4
	createCollection(t, c, modelSchema("q", dim))
	m := newModel()
	// Keys out of order across two batches (one sealed): results are ordered by key.
	first := []int64{9, 3, 7, 1, 5}
	second := []int64{8, 2, 6, 0, 4, 100, 50}
	m.set(1, dim, first, 1)
	m.set(2, dim, second, 1)
	insert(t, c, m.rowsOpt("q", dim, first))
	flush(t, c, "q")
	insert(t, c, m.rowsOpt("q", dim, second))
	indexAndLoad(t, c, "q", "vec", index.NewFlatIndex(entity.L2))

	all := m.ids()
	rs := query(t, c, "q", "id >= 0", "age", "tag")
	equalInts(t, "all", int64Col(t, rs, "id"), all)
	if names := colNames(rs); !slices.Contains(names, "age") || !slices.Contains(names, "tag") || slices.Contains(names, "vec") {
		t.Fatalf("output columns %v", names)
	}
	for _, w := range []struct {
		limit, offset int
	}{{3, 0}, {3, 2}, {100, 5}, {2, 11}, {5, 20}} {
		rs, err := c.Query(ctx, milvusclient.NewQueryOption("q").WithFilter("id >= 0").WithLimit(w.limit).WithOffset(w.offset).WithConsistencyLevel(strong))
		ok(t, err, "query limit %d offset %d", w.limit, w.offset)
		lo, hi := min(w.offset, len(all)), min(w.offset+w.limit, len(all))
		got := []int64{}
		if rs.ResultCount > 0 {
			got = int64Col(t, rs, "id")
		}
		equalInts(t, "window", got, append([]int64{}, all[lo:hi]...))
	}
	// An empty filter needs a limit; with one it pages through everything.
	_, err := c.Query(ctx, milvusclient.NewQueryOption("q").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "empty expression should be used with limit")
	rs, err = c.Query(ctx, milvusclient.NewQueryOption("q").WithLimit(4).WithConsistencyLevel(strong))
	ok(t, err, "empty filter with limit")
	equalInts(t, "empty filter limit 4", int64Col(t, rs, "id"), all[:4])

	// count(*), alone or with a filter.
	if n := count(t, c, "q", ""); n != int64(len(all)) {
		t.Fatalf("count(*) %d", n)
	}
	if n := count(t, c, "q", "id > 5 and id != 50"); n != 5 {
		t.Fatalf("count(*) filtered %d, want 5 (6, 7, 8, 9, 100)", n)
	}
	_, err = c.Query(ctx, milvusclient.NewQueryOption("q").WithOutputFields("count(*)", "age").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid)

	// Get by primary keys.
	rs, err = c.Get(ctx, milvusclient.NewQueryOption("q").WithIDs(column.NewColumnInt64("id", []int64{100, 3, 42})).
		WithOutputFields("tag").WithConsistencyLevel(strong))
	ok(t, err, "get")
	equalInts(t, "get ids", int64Col(t, rs, "id"), []int64{3, 100})
	if tags := strCol(t, rs, "tag"); tags[0] != m.rows[3].tag || tags[1] != m.rows[100].tag {
		t.Fatalf("get tags %v", tags)
	}
	// Vectors as output, and "*".
	rs = query(t, c, "q", "id in [2]", "*")
	v, _ := rs.GetColumn("vec").Get(0)
	if !slices.Equal([]float32(v.(entity.FloatVector)), m.rows[2].vec) {
		t.Fatalf("vector of id 2: %v", v)
	}
	// Unknown output field.
	_, err = c.Query(ctx, milvusclient.NewQueryOption("q").WithFilter("id > 0").WithOutputFields("nope").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "nope")
}

func TestIndexes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("ix", 8, entity.NewField().WithName("age").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("name").WithDataType(entity.FieldTypeVarChar).WithMaxLength(8)))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("ix").WithInt64Column("id", seqIDs(0, 100)).
		WithFloatVectorColumn("vec", 8, randVecs(newRand(50), 100, 8)).WithInt64Column("age", seqIDs(0, 100)).
		WithVarcharColumn("name", make([]string, 100)))
	flush(t, c, "ix")

	// Loading needs a vector index.
	_, err := c.LoadCollection(ctx, milvusclient.NewLoadCollectionOption("ix"))
	wantErr(t, err, codeIndexNotFound, "there is no vector index on field: [vec]")
	_, err = c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("ix", "vec"))
	wantErr(t, err, codeIndexNotFound, "index not found")

	for _, ix := range []struct {
		idx    index.Index
		params map[string]string
	}{
		{index.NewFlatIndex(entity.IP), map[string]string{"index_type": "FLAT", "metric_type": "IP"}},
		{index.NewAutoIndex(entity.L2), map[string]string{"index_type": "AUTOINDEX", "metric_type": "L2"}},
		{index.NewHNSWIndex(entity.COSINE, 8, 64), map[string]string{"index_type": "HNSW", "metric_type": "COSINE"}},
	} {
		task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", "vec", ix.idx))
		ok(t, err, "create %v", ix.params)
		ok(t, task.Await(ctx), "await %v", ix.params)
		waitIndexed(t, c, "ix", "vec", 100)
		d, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("ix", "vec"))
		ok(t, err, "describe")
		for k, v := range ix.params {
			if d.Params()[k] != v {
				t.Fatalf("index %v: describe params %v", ix.params, d.Params())
			}
		}
		if d.Name() != "vec" || d.TotalRows != 100 || d.IndexedRows != 100 || d.State != 3 {
			t.Fatalf("describe %+v", d)
		}
		// The same index again is fine; a different one on the field is not.
		task, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", "vec", ix.idx))
		ok(t, err, "create same index again")
		_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", "vec", index.NewIvfFlatIndex(entity.L2, 8)))
		wantErr(t, err, 702, "CreateIndex failed: at most one distinct index is allowed per field")

		load(t, c, "ix")
		sr := search(t, c, milvusclient.NewSearchOption("ix", 5, []entity.Vector{entity.FloatVector(randVecs(newRand(51), 1, 8)[0])}).WithConsistencyLevel(strong))
		if sr[0].ResultCount != 5 {
			t.Fatalf("search with %v: %d hits", ix.params, sr[0].ResultCount)
		}
		wantErr(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption("ix", "vec")), codeParameterInvalid, "release it first")
		ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption("ix")), "release")
		ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption("ix", "vec")), "drop index")
		_, err = c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("ix", "vec"))
		wantErr(t, err, codeIndexNotFound, "index not found")
	}

	// Scalar indexes next to the vector one; ListIndexes names them all.
	for _, ix := range []struct {
		field string
		idx   index.Index
	}{{"age", index.NewSortedIndex()}, {"name", index.NewInvertedIndex()}, {"vec", index.NewFlatIndex(entity.L2)}} {
		task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", ix.field, ix.idx).WithIndexName(ix.field+"_idx"))
		ok(t, err, "index %s", ix.field)
		ok(t, task.Await(ctx), "await %s", ix.field)
	}
	names, err := c.ListIndexes(ctx, milvusclient.NewListIndexOption("ix"))
	ok(t, err, "list indexes")
	slices.Sort(names)
	if !slices.Equal(names, []string{"age_idx", "name_idx", "vec_idx"}) {
		t.Fatalf("indexes %v", names)
	}
	// Bad index requests.
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", "nope", index.NewFlatIndex(entity.L2)))
	wantErr(t, err, codeFieldNotFound, "field not found")
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix", "age", index.NewFlatIndex(entity.L2)))
	wantErr(t, err, codeParameterInvalid)
	createCollection(t, c, floatSchema("ix2", 8))
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix2", "vec", index.NewFlatIndex(entity.HAMMING)))
	wantErr(t, err, codeParameterInvalid, "float vector index does not support metric type: HAMMING")
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix2", "vec", index.NewHNSWIndex(entity.L2, 0, 10)))
	wantErr(t, err, codeParameterInvalid)
	_, err = c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("ix2", "vec", index.NewGenericIndex("x", map[string]string{"index_type": "NOPE", "metric_type": "L2"})))
	wantErr(t, err, 0, "invalid index type: NOPE")
	load(t, c, "ix")
	_, err = c.Search(ctx, milvusclient.NewSearchOption("ix", 5, []entity.Vector{entity.FloatVector(make([]float32, 8))}).
		WithSearchParam("metric_type", "IP"))
	wantErr(t, err, codeParameterInvalid, "metric type not match")
}
