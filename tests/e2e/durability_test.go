package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestDurability writes, deletes and upserts around flushes, restarts the
// server (cleanly, then with SIGKILL) and compares everything with a model:
// data, partitions, aliases, indexes, load state, databases and properties.
func TestDurability(t *testing.T) {
	eachRestart(t, testDurability)
}

func testDurability(t *testing.T, s *Server, restart func()) {
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim = 8
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("other").WithProperty("p", "v")), "create db")
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("d", modelSchema("d", dim)).WithProperty("collection.ttl.seconds", 77)), "create d")
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("d", "p1")), "create p1")
	ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("d", "d_alias")), "alias")
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("d", "vec", index.NewHNSWIndex(entity.L2, 16, 100)))
	ok(t, err, "index")
	ok(t, task.Await(ctx), "await index")
	load(t, c, "d")
	createCollection(t, c, floatSchema("released", 4))

	m := newModel()
	write := func(ids []int64, seed uint64, version int, upsert bool) {
		t.Helper()
		m.set(seed, dim, ids, version)
		if upsert {
			_, err := c.Upsert(ctx, m.rowsOpt("d", dim, ids))
			ok(t, err, "upsert")
			return
		}
		insert(t, c, m.rowsOpt("d", dim, ids))
	}
	del := func(expr string, ids ...int64) {
		t.Helper()
		_, err := c.Delete(ctx, milvusclient.NewDeleteOption("d").WithExpr(expr))
		ok(t, err, "delete %s", expr)
		for _, id := range ids {
			delete(m.rows, id)
		}
	}
	// Sealed data with deletes and upserts on it, then growing data on top.
	for b := 0; b < 4; b++ {
		write(seqIDs(b*100, 100), uint64(b), 1, false)
	}
	del("id in [0, 1, 2]", 0, 1, 2)
	write(seqIDs(50, 20), 10, 2, true)
	flush(t, c, "d")
	write(seqIDs(400, 100), 11, 1, false)
	del("id >= 90 and id < 110", seqIDs(90, 20)...)
	write(append(seqIDs(300, 10), seqIDs(450, 10)...), 12, 3, true)
	// Rows in p1.
	p1 := seqIDs(10000, 30)
	m.set(13, dim, p1, 1)
	insert(t, c, m.rowsOptIn("d", "p1", dim, p1))
	verify := func(label string) {
		t.Helper()
		m.verify(t, c, "d")
		names, err := c.ListCollections(ctx, milvusclient.NewListCollectionOption())
		ok(t, err, "%s: list", label)
		slices.Sort(names)
		if !slices.Equal(names, []string{"d", "released"}) {
			t.Fatalf("%s: collections %v", label, names)
		}
		parts, err := c.ListPartitions(ctx, milvusclient.NewListPartitionOption("d"))
		ok(t, err, "%s: partitions", label)
		if !slices.Equal(parts, []string{"_default", "p1"}) {
			t.Fatalf("%s: partitions %v", label, parts)
		}
		rs, err := c.Query(ctx, milvusclient.NewQueryOption("d").WithFilter("id >= 0").WithPartitions("p1").WithConsistencyLevel(strong))
		ok(t, err, "%s: query p1", label)
		equalInts(t, label+": p1 rows", int64Col(t, rs, "id"), p1)
		a, err := c.DescribeAlias(ctx, milvusclient.NewDescribeAliasOption("d_alias"))
		ok(t, err, "%s: alias", label)
		if a.CollectionName != "d" {
			t.Fatalf("%s: alias points at %s", label, a.CollectionName)
		}
		idx, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("d", "vec"))
		ok(t, err, "%s: index", label)
		if idx.Params()["index_type"] != "HNSW" || idx.Params()["metric_type"] != "L2" {
			t.Fatalf("%s: index %v", label, idx.Params())
		}
		for coll, want := range map[string]entity.LoadStateCode{"d": entity.LoadStateLoaded, "released": entity.LoadStateNotLoad} {
			st, err := c.GetLoadState(ctx, milvusclient.NewGetLoadStateOption(coll))
			ok(t, err, "%s: load state", label)
			if st.State != want {
				t.Fatalf("%s: %s load state %v, want %v", label, coll, st.State, want)
			}
		}
		coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("d"))
		ok(t, err, "%s: describe", label)
		if coll.Properties["collection.ttl.seconds"] != "77" {
			t.Fatalf("%s: properties %v", label, coll.Properties)
		}
		db, err := c.DescribeDatabase(ctx, milvusclient.NewDescribeDatabaseOption("other"))
		ok(t, err, "%s: database", label)
		if db.Properties["p"] != "v" {
			t.Fatalf("%s: database properties %v", label, db.Properties)
		}
		// Search agrees with the model: the nearest row of a stored vector is itself.
		all := m.ids()
		for _, id := range []int64{all[0], all[len(all)/4], all[len(all)/2], all[len(all)*3/4], all[len(all)-1]} {
			sr := search(t, c, milvusclient.NewSearchOption("d", 1, []entity.Vector{entity.FloatVector(m.rows[id].vec)}).
				WithAnnParam(index.NewHNSWAnnParam(64)).WithConsistencyLevel(strong))
			if got := idsOf(sr[0]); len(got) != 1 || got[0] != id {
				t.Fatalf("%s: search for row %d found %v", label, id, got)
			}
		}
	}
	verify("before restart")
	restart()
	c = s.Client()
	verify("after first restart")

	// More writes after recovery, a flush in the middle, and restart again.
	write(seqIDs(500, 50), 14, 1, false)
	del("id in [3, 500, 301]", 3, 500, 301)
	flush(t, c, "d")
	write(seqIDs(4, 10), 15, 4, true)
	del("age > 5400 and age < 5420", func() []int64 {
		var out []int64
		for id, r := range m.rows {
			if r.age > 5400 && r.age < 5420 {
				out = append(out, id)
			}
		}
		return out
	}()...)
	restart()
	c = s.Client()
	verify("after second restart")

	// A restart with nothing new in the WAL.
	flush(t, c, "d")
	restart()
	c = s.Client()
	verify("after third restart")
}
