package e2e

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

func TestCollectionLifecycle(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)

	sch := entity.NewSchema().WithName("books").WithDescription("a shelf").
		WithField(entity.NewField().WithName("book_id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName("title").WithDataType(entity.FieldTypeVarChar).WithMaxLength(64)).
		WithField(entity.NewField().WithName("year").WithDataType(entity.FieldTypeInt32)).
		WithField(entity.NewField().WithName("emb").WithDataType(entity.FieldTypeFloatVector).WithDim(8))
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("books", sch).
		WithConsistencyLevel(entity.ClStrong).WithProperty("collection.ttl.seconds", 3600)), "create books")
	// Creating the same collection again is a no-op; a different schema is refused.
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("books", sch).WithConsistencyLevel(entity.ClStrong)), "create books again")
	other := floatSchema("books", 8)
	wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("books", other)), codeParameterInvalid, "create duplicate collection with different parameters")

	coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("books"))
	ok(t, err, "describe books")
	if coll.Name != "books" || coll.ID == 0 || coll.Schema.Description != "a shelf" || coll.ConsistencyLevel != entity.ClStrong {
		t.Fatalf("describe: %+v", coll)
	}
	if coll.Properties["collection.ttl.seconds"] != "3600" {
		t.Fatalf("properties %v", coll.Properties)
	}
	var got []string
	for _, f := range coll.Schema.Fields {
		got = append(got, f.Name+":"+f.DataType.Name())
	}
	want := []string{"book_id:Int64", "title:VarChar", "year:Int32", "emb:FloatVector"}
	if !slices.Equal(got, want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	if pk := coll.Schema.PKField(); pk == nil || pk.Name != "book_id" || pk.AutoID {
		t.Fatalf("primary key %+v", pk)
	}
	if coll.Schema.Fields[1].TypeParams["max_length"] != "64" || coll.Schema.Fields[3].TypeParams["dim"] != "8" {
		t.Fatalf("type params: %v %v", coll.Schema.Fields[1].TypeParams, coll.Schema.Fields[3].TypeParams)
	}

	has, err := c.HasCollection(ctx, milvusclient.NewHasCollectionOption("books"))
	ok(t, err, "has books")
	if !has {
		t.Fatal("HasCollection(books) = false")
	}
	has, err = c.HasCollection(ctx, milvusclient.NewHasCollectionOption("nope"))
	ok(t, err, "has nope")
	if has {
		t.Fatal("HasCollection(nope) = true")
	}
	createCollection(t, c, floatSchema("films", 4))
	names, err := c.ListCollections(ctx, milvusclient.NewListCollectionOption())
	ok(t, err, "list")
	slices.Sort(names)
	if !slices.Equal(names, []string{"books", "films"}) {
		t.Fatalf("list %v", names)
	}

	// Statistics count rows.
	n := 37
	vecs := randVecs(newRand(2), n, 8)
	titles := make([]string, n)
	years := make([]int32, n)
	for i := range titles {
		titles[i] = "t" + strconv.Itoa(i)
		years[i] = int32(1900 + i)
	}
	insert(t, c, milvusclient.NewColumnBasedInsertOption("books").WithInt64Column("book_id", seqIDs(0, n)).
		WithVarcharColumn("title", titles).WithInt32Column("year", years).WithFloatVectorColumn("emb", 8, vecs))
	flush(t, c, "books")
	stats, err := c.GetCollectionStats(ctx, milvusclient.NewGetCollectionStatsOption("books"))
	ok(t, err, "stats")
	if stats["row_count"] != strconv.Itoa(n) {
		t.Fatalf("row_count %q, want %d", stats["row_count"], n)
	}

	// Properties: alter and drop.
	ok(t, c.AlterCollectionProperties(ctx, milvusclient.NewAlterCollectionPropertiesOption("books").
		WithProperty("collection.ttl.seconds", 60).WithProperty("mmap.enabled", true)), "alter")
	ok(t, c.DropCollectionProperties(ctx, milvusclient.NewDropCollectionPropertiesOption("books", "mmap.enabled")), "drop property")
	coll, err = c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("books"))
	ok(t, err, "describe")
	if coll.Properties["collection.ttl.seconds"] != "60" || coll.Properties["mmap.enabled"] != "" {
		t.Fatalf("properties after alter %v", coll.Properties)
	}

	// Rename keeps the data.
	indexAndLoad(t, c, "books", "emb", index.NewFlatIndex(entity.L2))
	ok(t, c.RenameCollection(ctx, milvusclient.NewRenameCollectionOption("books", "novels")), "rename")
	wantErr(t, c.RenameCollection(ctx, milvusclient.NewRenameCollectionOption("novels", "films")), codeParameterInvalid, "duplicated new collection name")
	wantErr(t, c.RenameCollection(ctx, milvusclient.NewRenameCollectionOption("nope", "nope2")), codeCollectionNotFound, "collection not found")
	has, _ = c.HasCollection(ctx, milvusclient.NewHasCollectionOption("books"))
	if has {
		t.Fatal("books still exists after rename")
	}
	if got := count(t, c, "novels", ""); got != int64(n) {
		t.Fatalf("novels has %d rows, want %d", got, n)
	}
	rs := query(t, c, "novels", "book_id in [3, 5]", "title", "year")
	if titles := strCol(t, rs, "title"); !slices.Equal(titles, []string{"t3", "t5"}) {
		t.Fatalf("titles %v", titles)
	}
	if years := int64Col(t, rs, "year"); !slices.Equal(years, []int64{1903, 1905}) {
		t.Fatalf("years %v", years)
	}

	// Drop, twice; reads afterwards say "collection not found".
	ok(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("novels")), "drop")
	ok(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("novels")), "drop again")
	_, err = c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("novels"))
	wantErr(t, err, codeCollectionNotFound, "can't find collection[database=default][collection=novels]")
	names, _ = c.ListCollections(ctx, milvusclient.NewListCollectionOption())
	if !slices.Equal(names, []string{"films"}) {
		t.Fatalf("list after drop %v", names)
	}
	// A recreated collection starts empty.
	createCollection(t, c, floatSchema("novels", 8))
	indexAndLoad(t, c, "novels", "vec", index.NewFlatIndex(entity.L2))
	if got := count(t, c, "novels", ""); got != 0 {
		t.Fatalf("recreated collection has %d rows", got)
	}
}

func TestQuickSetupCollection(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)

	ok(t, c.CreateCollection(ctx, milvusclient.SimpleCreateCollectionOptions("quick", 8)), "quick setup")
	coll, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption("quick"))
	ok(t, err, "describe")
	if !coll.Schema.EnableDynamicField {
		t.Fatal("quick setup collection has no dynamic field")
	}
	pk := coll.Schema.PKField()
	if pk == nil || pk.Name != "id" || !pk.AutoID || pk.DataType != entity.FieldTypeInt64 {
		t.Fatalf("pk %+v", pk)
	}
	st, err := c.GetLoadState(ctx, milvusclient.NewGetLoadStateOption("quick"))
	ok(t, err, "load state")
	if st.State != entity.LoadStateLoaded {
		t.Fatalf("quick setup collection not loaded: %v", st.State)
	}
	idx, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("quick", "vector"))
	ok(t, err, "describe index")
	if idx.Params()["metric_type"] != "COSINE" {
		t.Fatalf("quick setup index params %v, want COSINE", idx.Params())
	}

	type row struct {
		ID     int64     `milvus:"name:id"`
		Vector []float32 `milvus:"name:vector;dim:8"`
		Color  string    `milvus:"name:color"`
	}
	vecs := randVecs(newRand(3), 20, 8)
	rows := make([]any, len(vecs))
	for i, v := range vecs {
		rows[i] = &row{Vector: v, Color: []string{"red", "blue"}[i%2]}
	}
	res := insert(t, c, milvusclient.NewRowBasedInsertOption("quick", rows...))
	if res.InsertCount != 20 || res.IDs.Len() != 20 {
		t.Fatalf("insert result %+v", res)
	}
	ids := res.IDs.(interface{ Data() []int64 }).Data()
	// Row structs get their auto IDs written back.
	for i, r := range rows {
		if r.(*row).ID != ids[i] {
			t.Fatalf("row %d id %d, want %d", i, r.(*row).ID, ids[i])
		}
	}
	rs := search(t, c, milvusclient.NewSearchOption("quick", 3, []entity.Vector{entity.FloatVector(vecs[4])}).
		WithOutputFields("color").WithConsistencyLevel(strong))
	if got := idsOf(rs[0]); got[0] != ids[4] {
		t.Fatalf("top hit %v, want %d", got, ids[4])
	}
	if colors := strCol(t, rs[0], "color"); colors[0] != "red" {
		t.Fatalf("color %v", colors)
	}
	if n := count(t, c, "quick", `color == "blue"`); n != 10 {
		t.Fatalf("%d blue rows, want 10", n)
	}
}

func TestPartitions(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("p", 4))
	for _, p := range []string{"p1", "p2"} {
		ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("p", p)), "create %s", p)
	}
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("p", "p1")), "create p1 again")
	wantErr(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("p", "bad name")), codeParameterInvalid, "Partition name can only contain numbers, letters and underscores")
	wantErr(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("nope", "p1")), codeCollectionNotFound, "collection not found")
	parts, err := c.ListPartitions(ctx, milvusclient.NewListPartitionOption("p"))
	ok(t, err, "list partitions")
	if !slices.Equal(parts, []string{"_default", "p1", "p2"}) {
		t.Fatalf("partitions %v", parts)
	}
	for name, want := range map[string]bool{"p1": true, "_default": true, "p3": false} {
		has, err := c.HasPartition(ctx, milvusclient.NewHasPartitionOption("p", name))
		ok(t, err, "has %s", name)
		if has != want {
			t.Fatalf("HasPartition(%s) = %v", name, has)
		}
	}

	r := newRand(4)
	vecs := randVecs(r, 30, 4)
	for i, p := range []string{"_default", "p1", "p2"} {
		insert(t, c, milvusclient.NewColumnBasedInsertOption("p").WithPartition(p).
			WithInt64Column("id", seqIDs(i*10, 10)).WithFloatVectorColumn("vec", 4, vecs[i*10:i*10+10]))
	}
	_, err = c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("p").WithPartition("p9").
		WithInt64Column("id", []int64{1}).WithFloatVectorColumn("vec", 4, vecs[:1]))
	wantErr(t, err, codePartitionNotFound, "partition not found[partition=p9]")
	flush(t, c, "p")
	st, err := c.GetPartitionStats(ctx, milvusclient.NewGetPartitionStatsOption("p", "p1"))
	ok(t, err, "partition stats")
	if st["row_count"] != "10" {
		t.Fatalf("p1 stats %v", st)
	}

	indexAndLoad(t, c, "p", "vec", index.NewFlatIndex(entity.L2))
	rs, err := c.Query(ctx, milvusclient.NewQueryOption("p").WithFilter("id >= 0").WithPartitions("p1", "p2").WithConsistencyLevel(strong))
	ok(t, err, "query p1,p2")
	equalInts(t, "ids in p1,p2", int64Col(t, rs, "id"), seqIDs(10, 20))
	// Search restricted to p2: every hit is from p2 and ranks exactly.
	q := vecs[3]
	all := map[int64]float64{}
	for i := 20; i < 30; i++ {
		all[int64(i)] = l2(q, vecs[i])
	}
	sr := search(t, c, milvusclient.NewSearchOption("p", 5, []entity.Vector{entity.FloatVector(q)}).WithPartitions("p2").WithConsistencyLevel(strong))
	checkTopK(t, "search p2", sr[0], all, false, 0, 5, 1e-4)

	// Partial load: release all, load p1 only.
	ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption("p")), "release")
	ls, err := c.GetLoadState(ctx, milvusclient.NewGetLoadStateOption("p"))
	ok(t, err, "load state")
	if ls.State != entity.LoadStateNotLoad {
		t.Fatalf("state after release %v", ls.State)
	}
	lt, err := c.LoadPartitions(ctx, milvusclient.NewLoadPartitionsOption("p", "p1"))
	ok(t, err, "load p1")
	ok(t, lt.Await(ctx), "await load p1")
	for name, want := range map[string]entity.LoadStateCode{"p1": entity.LoadStateLoaded, "p2": entity.LoadStateNotLoad} {
		ls, err := c.GetLoadState(ctx, milvusclient.NewGetLoadStateOption("p", name))
		ok(t, err, "load state %s", name)
		if ls.State != want {
			t.Fatalf("partition %s state %v, want %v", name, ls.State, want)
		}
	}
	rs, err = c.Query(ctx, milvusclient.NewQueryOption("p").WithFilter("id >= 0").WithConsistencyLevel(strong))
	ok(t, err, "query with only p1 loaded")
	equalInts(t, "ids with only p1 loaded", int64Col(t, rs, "id"), seqIDs(10, 10))
	_, err = c.Query(ctx, milvusclient.NewQueryOption("p").WithFilter("id >= 0").WithPartitions("p2").WithConsistencyLevel(strong))
	wantErr(t, err, 0, "partition not loaded")

	ok(t, c.ReleasePartitions(ctx, milvusclient.NewReleasePartitionsOptions("p", "p1")), "release p1")
	ls, err = c.GetLoadState(ctx, milvusclient.NewGetLoadStateOption("p", "p1"))
	ok(t, err, "state p1")
	if ls.State != entity.LoadStateNotLoad {
		t.Fatalf("p1 state after release %v", ls.State)
	}

	// Drop: loaded partitions and _default refuse; a dropped partition's rows are gone.
	load(t, c, "p")
	wantErr(t, c.DropPartition(ctx, milvusclient.NewDropPartitionOption("p", "p2")), codeParameterInvalid, "partition cannot be dropped, partition is loaded")
	ok(t, c.ReleasePartitions(ctx, milvusclient.NewReleasePartitionsOptions("p", "p2")), "release p2")
	ok(t, c.DropPartition(ctx, milvusclient.NewDropPartitionOption("p", "p2")), "drop p2")
	wantErr(t, c.DropPartition(ctx, milvusclient.NewDropPartitionOption("p", "_default")), codeParameterInvalid, "default partition cannot be deleted")
	parts, _ = c.ListPartitions(ctx, milvusclient.NewListPartitionOption("p"))
	if !slices.Equal(parts, []string{"_default", "p1"}) {
		t.Fatalf("partitions after drop %v", parts)
	}
	if n := count(t, c, "p", ""); n != 20 {
		t.Fatalf("count after dropping p2: %d, want 20", n)
	}
	// A new partition with the old name starts empty.
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("p", "p2")), "recreate p2")
	rs, err = c.Query(ctx, milvusclient.NewQueryOption("p").WithFilter("id >= 0").WithPartitions("p2").WithConsistencyLevel(strong))
	ok(t, err, "query new p2")
	if rs.ResultCount != 0 {
		t.Fatalf("recreated partition has %d rows", rs.ResultCount)
	}
}

func TestAliases(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)
	for i, name := range []string{"c1", "c2"} {
		createCollection(t, c, floatSchema(name, 4))
		insert(t, c, milvusclient.NewColumnBasedInsertOption(name).WithInt64Column("id", seqIDs(0, 3+i)).
			WithFloatVectorColumn("vec", 4, randVecs(newRand(5), 3+i, 4)))
		indexAndLoad(t, c, name, "vec", index.NewFlatIndex(entity.IP))
	}
	ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("c1", "live")), "create alias")
	ok(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("c1", "live")), "create same alias again")
	wantErr(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("c2", "live")), 1602, "alias already exist")
	wantErr(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("c1", "c2")), 1601, "alias and collection name conflict")
	wantErr(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("nope", "a")), codeCollectionNotFound, "collection not found")
	wantErr(t, c.CreateAlias(ctx, milvusclient.NewCreateAliasOption("c1", "bad alias")), codeParameterInvalid, "Invalid alias name")

	a, err := c.DescribeAlias(ctx, milvusclient.NewDescribeAliasOption("live"))
	ok(t, err, "describe alias")
	if a.Alias != "live" || a.CollectionName != "c1" {
		t.Fatalf("alias %+v", a)
	}
	list, err := c.ListAliases(ctx, milvusclient.NewListAliasesOption("c1"))
	ok(t, err, "list aliases")
	if !slices.Equal(list, []string{"live"}) {
		t.Fatalf("aliases %v", list)
	}
	dc, err := s.Raw().DescribeCollection(ctx, &milvuspb.DescribeCollectionRequest{CollectionName: "c1"})
	ok(t, merr.CheckRPCCall(dc, err), "describe c1")
	if !slices.Equal(dc.GetAliases(), []string{"live"}) {
		t.Fatalf("c1 aliases %v", dc.GetAliases())
	}
	if n := count(t, c, "live", ""); n != 3 {
		t.Fatalf("count via alias %d, want 3", n)
	}
	// Writes through an alias land in its collection.
	insert(t, c, milvusclient.NewColumnBasedInsertOption("live").WithInt64Column("id", []int64{100}).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(6), 1, 4)))
	if n := count(t, c, "c1", ""); n != 4 {
		t.Fatalf("c1 count %d after insert via alias", n)
	}
	wantErr(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("c1")), codeParameterInvalid, "associated aliases")

	ok(t, c.AlterAlias(ctx, milvusclient.NewAlterAliasOption("live", "c2")), "alter alias")
	a, err = c.DescribeAlias(ctx, milvusclient.NewDescribeAliasOption("live"))
	ok(t, err, "describe alias")
	if a.CollectionName != "c2" {
		t.Fatalf("alias after alter %+v", a)
	}
	// The SDK caches schemas by name; a fresh client sees the new target.
	fresh := s.Client()
	if n := count(t, fresh, "live", ""); n != 4 {
		t.Fatalf("count via altered alias %d, want 4 (c2)", n)
	}
	wantErr(t, c.AlterAlias(ctx, milvusclient.NewAlterAliasOption("ghost", "c2")), codeAliasNotFound, "alias not found")

	ok(t, c.DropAlias(ctx, milvusclient.NewDropAliasOption("live")), "drop alias")
	ok(t, c.DropAlias(ctx, milvusclient.NewDropAliasOption("live")), "drop alias again")
	_, err = c.DescribeAlias(ctx, milvusclient.NewDescribeAliasOption("live"))
	wantErr(t, err, codeAliasNotFound, "alias not found")
	list, err = c.ListAliases(ctx, milvusclient.NewListAliasesOption(""))
	ok(t, err, "list all aliases")
	if len(list) != 0 {
		t.Fatalf("aliases after drop %v", list)
	}
	ok(t, c.DropCollection(ctx, milvusclient.NewDropCollectionOption("c1")), "drop c1 after alias is gone")
}
