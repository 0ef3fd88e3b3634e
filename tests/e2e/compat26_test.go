package e2e

import (
	"maps"
	"strconv"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestMilvus26Replies checks replies the Go SDK reads back the way Milvus
// 2.6 writes them: index params as sent, partitions counted, names checked
// before lookups, Milvus's not-found wording, hybrid search's default ranker.
func TestMilvus26Replies(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	const dim = 8
	sch := floatSchema("r26", dim, entity.NewField().WithName("v2").WithDataType(entity.FieldTypeFloatVector).WithDim(dim),
		entity.NewField().WithName("n").WithDataType(entity.FieldTypeInt64))
	createCollection(t, c, sch)

	t.Run("describe index returns the params as sent", func(t *testing.T) {
		for _, tc := range []struct {
			field string
			idx   index.Index
			want  map[string]string
		}{
			{"vec", index.NewHNSWIndex(entity.L2, 8, 96), map[string]string{"index_type": "HNSW", "metric_type": "L2", "M": "8", "efConstruction": "96"}},
			{"v2", index.NewAutoIndex(entity.IP), map[string]string{"index_type": "AUTOINDEX", "metric_type": "IP"}},
			{"n", index.NewSortedIndex(), map[string]string{"index_type": "STL_SORT"}},
		} {
			task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("r26", tc.field, tc.idx))
			ok(t, err, "index %s", tc.field)
			ok(t, task.Await(ctx), "await index %s", tc.field)
			got, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("r26", tc.field))
			ok(t, err, "describe index %s", tc.field)
			if p := got.Params(); !maps.Equal(p, tc.want) {
				t.Errorf("%s: params %v, want %v", tc.field, p, tc.want)
			}
		}
	})

	t.Run("describe collection", func(t *testing.T) {
		ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("r26", "p1")), "partition")
		coll, err := s.Raw().DescribeCollection(ctx, &milvuspb.DescribeCollectionRequest{CollectionName: "r26"})
		ok(t, err, "describe")
		if coll.GetNumPartitions() != 2 { // pymilvus reports it as num_partitions
			t.Errorf("num_partitions %d, want 2 (_default and p1)", coll.GetNumPartitions())
		}
		if coll.GetUpdateTimestamp() == 0 {
			t.Errorf("no update_timestamp")
		}
	})

	t.Run("names are checked before lookups", func(t *testing.T) {
		_, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("1bad"))
		wantErr(t, err, 1100, "Invalid collection name: 1bad")
		_, err = c.Query(ctx, milvusclient.NewQueryOption("no-such").WithFilter("n > 0"))
		wantErr(t, err, 1100, "Invalid collection name")
		_, err = c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("ghost"))
		wantErr(t, err, codeCollectionNotFound, "can't find collection[database=default][collection=ghost]")
		err = c.DropIndex(ctx, milvusclient.NewDropIndexOption("ghost", "vec"))
		wantErr(t, err, codeCollectionNotFound, "collection not found[database=default][collection=ghost]")
	})

	t.Run("hybrid search without a ranker fuses with RRF", func(t *testing.T) {
		r := newRand(5)
		ids := seqIDs(0, 50)
		insert(t, c, milvusclient.NewColumnBasedInsertOption("r26").WithColumns(column.NewColumnInt64("id", ids),
			column.NewColumnFloatVector("vec", dim, randVecs(r, 50, dim)), column.NewColumnFloatVector("v2", dim, randVecs(r, 50, dim)),
			column.NewColumnInt64("n", ids)))
		load(t, c, "r26")
		q := []entity.Vector{entity.FloatVector(randVecs(r, 1, dim)[0])}
		rs, err := c.HybridSearch(ctx, milvusclient.NewHybridSearchOption("r26", 5,
			milvusclient.NewAnnRequest("vec", 5, q...), milvusclient.NewAnnRequest("v2", 5, q...)).WithConsistencyLevel(strong))
		ok(t, err, "hybrid search with no ranker")
		if rs[0].ResultCount != 5 {
			t.Fatalf("%d hits, want 5", rs[0].ResultCount)
		}
		for i, sc := range rs[0].Scores { // RRF(k=60): at most 2/61 per row
			if sc <= 0 || sc > 2.0/61+1e-6 {
				t.Fatalf("hit %d score %v is not an RRF(60) score", i, sc)
			}
		}
	})
}

// TestDatabaseRules checks Milvus's database rules through the Go SDK.
func TestDatabaseRules(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)

	// Connecting to, or switching to, a database that does not exist fails.
	_, err := s.NewClient(withDB("nodb"))
	wantErr(t, err, 800, "database not found[database=nodb]")
	wantErr(t, c.UseDatabase(ctx, milvusclient.NewUseDatabaseOption("nodb")), 800, "database not found")
	ok(t, c.UseDatabase(ctx, milvusclient.NewUseDatabaseOption("default")), "back to default")

	// database.max.collections caps that database only.
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("capped").WithProperty("database.max.collections", 2)), "create capped")
	dc := s.Client(withDB("capped"))
	for i := range 2 {
		createCollection(t, dc, floatSchema("c"+strconv.Itoa(i), 8))
	}
	err = dc.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("c2", floatSchema("c2", 8)))
	wantErr(t, err, 102, "exceeded the limit number of collections[dbName=capped][limit=2]")
	createCollection(t, c, floatSchema("uncapped", 8))

	// Dropping a collection of a database that is gone succeeds, as in Milvus.
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("gone")), "create gone")
	gc := s.Client(withDB("gone"))
	ok(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("gone")), "drop gone")
	ok(t, gc.DropCollection(ctx, milvusclient.NewDropCollectionOption("whatever")), "drop in a dropped database")
}

// TestTruncateCollection empties a collection with sealed and growing rows,
// keeps its index, alias and load state, and stays empty after kill -9.
func TestTruncateCollection(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	r := newRand(2)
	createCollection(t, c, floatSchema("tr", 8))
	indexAndLoad(t, c, "tr", "vec", index.NewHNSWIndex(entity.L2, 8, 64))
	ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("tr", "tr_alias")), "alias")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("tr").WithInt64Column("id", seqIDs(0, 100)).WithFloatVectorColumn("vec", 8, randVecs(r, 100, 8)))
	flush(t, c, "tr")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("tr").WithInt64Column("id", seqIDs(100, 20)).WithFloatVectorColumn("vec", 8, randVecs(r, 20, 8)))
	resp, err := s.Raw().TruncateCollection(ctx, &milvuspb.TruncateCollectionRequest{CollectionName: "tr"})
	ok(t, err, "truncate")
	if resp.GetStatus().GetCode() != 0 {
		t.Fatalf("truncate: %v", resp.GetStatus().GetReason())
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption("tr").WithInt64Column("id", seqIDs(500, 3)).WithFloatVectorColumn("vec", 8, randVecs(r, 3, 8)))
	s.KillRestart()
	c = s.Client()
	load(t, c, "tr")
	if n := count(t, c, "tr_alias", "id >= 0"); n != 3 {
		t.Fatalf("%d rows after truncate and kill -9, want the 3 written after it", n)
	}
	idx, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("tr", "vec"))
	ok(t, err, "describe index")
	if idx.Params()["index_type"] != "HNSW" {
		t.Fatalf("index after truncate: %v", idx.Params())
	}
	ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption("tr")), "release")
	ok(t, c.AlterIndexProperties(ctx, milvusclient.NewAlterIndexPropertiesOption("tr", "vec").WithProperty("mmap.enabled", true)), "alter index")
	idx, err = c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("tr", "vec"))
	ok(t, err, "describe index")
	if idx.Params()["mmap.enabled"] != "true" {
		t.Fatalf("altered index params: %v", idx.Params())
	}
}

// TestAlterCollectionField raises a VarChar field's max_length through the
// Go SDK: a value refused before is accepted after, and describe says so.
func TestAlterCollectionField(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 30*time.Second)
	createCollection(t, c, floatSchema("af2", 4, entity.NewField().WithName("s").WithDataType(entity.FieldTypeVarChar).WithMaxLength(8)))
	long := func() error {
		_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("af2").WithInt64Column("id", []int64{1}).
			WithFloatVectorColumn("vec", 4, randVecs(newRand(1), 1, 4)).WithVarcharColumn("s", []string{"twelve chars"}))
		return err
	}
	wantErr(t, long(), codeParameterInvalid, "exceeds max length")
	ok(t, c.AlterCollectionFieldProperty(ctx, milvusclient.NewAlterCollectionFieldPropertiesOption("af2", "s").WithProperty("max_length", 16)), "alter field")
	ok(t, long(), "insert after raising max_length")
	coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("af2"))
	ok(t, err, "describe")
	if f := coll.Schema.Fields[2]; f.Name != "s" || f.TypeParams["max_length"] != "16" {
		t.Fatalf("field after alter: %+v", f)
	}
	err = c.AlterCollectionFieldProperty(ctx, milvusclient.NewAlterCollectionFieldPropertiesOption("af2", "id").WithProperty("max_length", 16))
	wantErr(t, err, codeParameterInvalid, "can not modify the maxlength for non-string types")
}
