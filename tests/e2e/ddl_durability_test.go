package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestDDLDurability checks that DDL survives kill -9 together with the data
// it affects: renames (also into another database), drops, re-creations,
// dropped partitions and aliases.
func TestDDLDurability(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim = 4
	fill := func(cl *milvusclient.Client, coll, part string, ids []int64) {
		t.Helper()
		opt := milvusclient.NewColumnBasedInsertOption(coll).WithInt64Column("id", ids).
			WithFloatVectorColumn("vec", dim, randVecs(newRand(uint64(ids[0])), len(ids), dim))
		if part != "" {
			opt.WithPartition(part)
		}
		insert(t, cl, opt)
	}
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("archive")), "create archive")
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("doomed")), "create doomed")
	for _, name := range []string{"renamed_src", "moved_src", "dropped", "recreated", "parts"} {
		createCollection(t, c, floatSchema(name, dim))
		fill(c, name, "", seqIDs(0, 20))
	}
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("parts", "gone")), "create gone")
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("parts", "kept")), "create kept")
	fill(c, "parts", "gone", seqIDs(100, 10))
	fill(c, "parts", "kept", seqIDs(200, 10))
	flush(t, c, "parts")
	fill(c, "parts", "gone", seqIDs(110, 5)) // growing rows in the doomed partition too
	flush(t, c, "dropped")

	ok(t, c.RenameCollection(ctx, milvusclient.NewRenameCollectionOption("renamed_src", "renamed")), "rename")
	ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("renamed", "renamed_alias")), "alias")
	ok(t, c.RenameCollection(ctx, renameToDB{"moved_src", "archive", "moved"}), "move to archive")
	ok(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("dropped")), "drop")
	ok(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("recreated")), "drop recreated")
	createCollection(t, c, floatSchema("recreated", dim))
	fill(c, "recreated", "", seqIDs(1000, 3))
	ok(t, c.DropPartition(ctx, milvusclient.NewDropPartitionOption("parts", "gone")), "drop partition gone")
	ok(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("doomed")), "drop db")

	check := func(label string) {
		t.Helper()
		c := s.Client()
		arch := s.Client(withDB("archive"))
		names, err := c.ListCollections(ctx, milvusclient.NewListCollectionOption())
		ok(t, err, "%s: list", label)
		slices.Sort(names)
		if want := []string{"parts", "recreated", "renamed"}; !slices.Equal(names, want) {
			t.Fatalf("%s: collections %v, want %v", label, names, want)
		}
		dbs, err := c.ListDatabase(ctx, milvusclient.NewListDatabaseOption())
		ok(t, err, "%s: databases", label)
		slices.Sort(dbs)
		if want := []string{"archive", "default"}; !slices.Equal(dbs, want) {
			t.Fatalf("%s: databases %v", label, dbs)
		}
		a, err := c.DescribeAlias(ctx, milvusclient.NewDescribeAliasOption("renamed_alias"))
		ok(t, err, "%s: alias", label)
		if a.CollectionName != "renamed" {
			t.Fatalf("%s: alias -> %s", label, a.CollectionName)
		}
		parts, err := c.ListPartitions(ctx, milvusclient.NewListPartitionOption("parts"))
		ok(t, err, "%s: partitions", label)
		if !slices.Equal(parts, []string{"_default", "kept"}) {
			t.Fatalf("%s: partitions %v", label, parts)
		}
		for _, cc := range []struct {
			cl   *milvusclient.Client
			coll string
			ids  []int64
		}{
			{c, "renamed_alias", seqIDs(0, 20)},
			{arch, "moved", seqIDs(0, 20)},
			{c, "recreated", seqIDs(1000, 3)},
			{c, "parts", append(seqIDs(0, 20), seqIDs(200, 10)...)},
		} {
			st, err := cc.cl.GetLoadState(ctx, milvusclient.NewGetLoadStateOption(cc.coll))
			ok(t, err, "%s: load state of %s", label, cc.coll)
			if st.State != entity.LoadStateLoaded {
				indexAndLoad(t, cc.cl, cc.coll, "vec", index.NewFlatIndex(entity.L2))
			}
			equalInts(t, label+": rows of "+cc.coll, int64Col(t, query(t, cc.cl, cc.coll, "id >= 0"), "id"), cc.ids)
		}
		stats, err := c.GetCollectionStats(ctx, milvusclient.NewGetCollectionStatsOption("parts"))
		ok(t, err, "%s: stats", label)
		if stats["row_count"] != "30" {
			t.Fatalf("%s: parts row_count %s, want 30 (the dropped partition's rows are gone)", label, stats["row_count"])
		}
	}
	check("before restart")
	s.KillRestart()
	check("after kill -9")
	// A partition created again under the dropped name starts empty, also after a restart.
	c = s.Client()
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("parts", "gone")), "recreate gone")
	s.KillRestart()
	c = s.Client()
	rs, err := c.Query(ctx, milvusclient.NewQueryOption("parts").WithFilter("id >= 0").WithPartitions("gone").WithConsistencyLevel(strong))
	ok(t, err, "query gone")
	if rs.ResultCount != 0 {
		t.Fatalf("recreated partition shows %d old rows", rs.ResultCount)
	}
}

// renameToDB renames a collection into another database (the SDK's option
// has no field for it).
type renameToDB struct{ old, db, name string }

func (o renameToDB) Request() *milvuspb.RenameCollectionRequest {
	return &milvuspb.RenameCollectionRequest{OldName: o.old, NewDBName: o.db, NewName: o.name}
}

// TestDeleteInPartition deletes only inside the named partition.
func TestDeleteInPartition(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("dp", 4))
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("dp", "p1")), "p1")
	// The same keys in two partitions.
	for _, p := range []string{"_default", "p1"} {
		insert(t, c, milvusclient.NewColumnBasedInsertOption("dp").WithPartition(p).WithInt64Column("id", seqIDs(0, 10)).
			WithFloatVectorColumn("vec", 4, randVecs(newRand(90), 10, 4)))
	}
	indexAndLoad(t, c, "dp", "vec", index.NewFlatIndex(entity.L2))
	res, err := c.Delete(ctx, milvusclient.NewDeleteOption("dp").WithPartition("p1").WithExpr("id < 5"))
	ok(t, err, "delete in p1")
	if res.DeleteCount != 5 {
		t.Fatalf("delete count %d, want 5", res.DeleteCount)
	}
	for part, want := range map[string][]int64{"_default": seqIDs(0, 10), "p1": seqIDs(5, 5)} {
		rs, err := c.Query(ctx, milvusclient.NewQueryOption("dp").WithFilter("id >= 0").WithPartitions(part).WithConsistencyLevel(strong))
		ok(t, err, "query %s", part)
		equalInts(t, "rows of "+part, int64Col(t, rs, "id"), want)
	}
	flush(t, c, "dp")
	s.KillRestart()
	c = s.Client()
	for part, want := range map[string][]int64{"_default": seqIDs(0, 10), "p1": seqIDs(5, 5)} {
		rs, err := c.Query(ctx, milvusclient.NewQueryOption("dp").WithFilter("id >= 0").WithPartitions(part).WithConsistencyLevel(strong))
		ok(t, err, "query %s after restart", part)
		equalInts(t, "rows of "+part+" after restart", int64Col(t, rs, "id"), want)
	}
	// A delete without a partition removes the key everywhere.
	_, err = c.Delete(ctx, milvusclient.NewDeleteOption("dp").WithExpr("id in [7]"))
	ok(t, err, "delete 7")
	if n := count(t, c, "dp", "id == 7"); n != 0 {
		t.Fatalf("id 7 still has %d rows", n)
	}
}

// TestDeleteOnlyFlushes flushes when only deletes (or only upserts of sealed
// rows) are new, then restarts: the deletes must come back from the delta
// files alone, with the WAL already truncated.
func TestDeleteOnlyFlushes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	const dim = 4
	createCollection(t, c, modelSchema("delta", dim))
	indexAndLoad(t, c, "delta", "vec", index.NewFlatIndex(entity.L2))
	m := newModel()
	m.set(1, dim, seqIDs(0, 100), 1)
	insert(t, c, m.rowsOpt("delta", dim, seqIDs(0, 100)))
	flush(t, c, "delta")
	del := func(expr string, keep func(id int64) bool) {
		t.Helper()
		_, err := c.Delete(ctx, milvusclient.NewDeleteOption("delta").WithExpr(expr))
		ok(t, err, "delete %s", expr)
		for id := range m.rows {
			if !keep(id) {
				delete(m.rows, id)
			}
		}
	}
	del("id < 10", func(id int64) bool { return id >= 10 })
	flush(t, c, "delta")
	s.KillRestart()
	c = s.Client()
	m.verify(t, c, "delta")

	del("id >= 90", func(id int64) bool { return id < 90 })
	m.set(2, dim, seqIDs(20, 5), 2)
	_, err := c.Upsert(ctx, m.rowsOpt("delta", dim, seqIDs(20, 5)))
	ok(t, err, "upsert")
	flush(t, c, "delta")
	flush(t, c, "delta") // nothing new
	s.Restart()
	c = s.Client()
	m.verify(t, c, "delta")
	s.KillRestart()
	c = s.Client()
	m.verify(t, c, "delta")
}
