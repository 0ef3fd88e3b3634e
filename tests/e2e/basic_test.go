package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

func TestConnectVersionHealth(t *testing.T) {
	s := StartServer(t)
	c := s.Client() // milvusclient.New calls Connect and fails if it does
	ctx := ctxT(t, 10*time.Second)

	v, err := c.GetServerVersion(ctx, milvusclient.NewGetServerVersionOption())
	ok(t, err, "GetServerVersion")
	if !strings.HasPrefix(v, "v2.6") {
		t.Fatalf("version %q, want a v2.6.x Milvus API version", v)
	}

	raw := s.Raw()
	conn, err := raw.Connect(ctx, &milvuspb.ConnectRequest{})
	ok(t, merr.CheckRPCCall(conn, err), "raw Connect")
	if conn.GetIdentifier() == 0 || conn.GetServerInfo().GetBuildTags() == "" {
		t.Fatalf("Connect returned no identifier or server info: %v", conn)
	}
	h, err := raw.CheckHealth(ctx, &milvuspb.CheckHealthRequest{})
	ok(t, merr.CheckRPCCall(h, err), "CheckHealth")
	if !h.GetIsHealthy() {
		t.Fatalf("CheckHealth: not healthy: %v", h)
	}
	// Databases, JSON and dynamic fields stay on only if Connect worked:
	// prove it by using a database through the SDK.
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("after_connect")), "create database")
}

func TestDatabases(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 60*time.Second)

	dbs, err := c.ListDatabase(ctx, milvusclient.NewListDatabaseOption())
	ok(t, err, "list databases")
	if !slices.Contains(dbs, "default") {
		t.Fatalf("databases %v lack default", dbs)
	}
	ok(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("db1").WithProperty("database.max.collections", 10)), "create db1")
	wantErr(t, c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption("db1")), codeParameterInvalid, "database already exist")
	for _, bad := range []string{"", "1db", "db-1", "db one", strings.Repeat("d", 256)} {
		err := c.CreateDatabase(ctx, milvusclient.NewCreateDatabaseOption(bad))
		wantErr(t, err, codeDatabaseInvalidName, "invalid database name")
	}
	dbs, err = c.ListDatabase(ctx, milvusclient.NewListDatabaseOption())
	ok(t, err, "list databases")
	slices.Sort(dbs)
	if !slices.Equal(dbs, []string{"db1", "default"}) {
		t.Fatalf("databases %v, want [db1 default]", dbs)
	}

	d, err := c.DescribeDatabase(ctx, milvusclient.NewDescribeDatabaseOption("db1"))
	ok(t, err, "describe db1")
	if d.Name != "db1" || d.Properties["database.max.collections"] != "10" {
		t.Fatalf("describe db1: %+v", d)
	}
	ok(t, c.AlterDatabaseProperties(ctx, milvusclient.NewAlterDatabasePropertiesOption("db1").WithProperty("database.force.deny.writing", "false")), "alter db1")
	ok(t, c.DropDatabaseProperties(ctx, milvusclient.NewDropDatabasePropertiesOption("db1", "database.max.collections")), "drop db1 property")
	d, err = c.DescribeDatabase(ctx, milvusclient.NewDescribeDatabaseOption("db1"))
	ok(t, err, "describe db1")
	if _, has := d.Properties["database.max.collections"]; has || d.Properties["database.force.deny.writing"] != "false" {
		t.Fatalf("properties after alter: %v", d.Properties)
	}
	_, err = c.DescribeDatabase(ctx, milvusclient.NewDescribeDatabaseOption("nope"))
	wantErr(t, err, codeDatabaseNotFound, "database not found[database=nope]")

	// The same collection name in two databases holds different data.
	c1 := s.Client(withDB("db1"))
	for i, cl := range []*milvusclient.Client{c, c1} {
		createCollection(t, cl, floatSchema("books", 4))
		n := 3 + i*2
		insert(t, cl, milvusclient.NewColumnBasedInsertOption("books").
			WithInt64Column("id", seqIDs(0, n)).WithFloatVectorColumn("vec", 4, randVecs(newRand(1), n, 4)))
		indexAndLoad(t, cl, "books", "vec", index.NewFlatIndex("L2"))
	}
	if n0, n1 := count(t, c, "books", ""), count(t, c1, "books", ""); n0 != 3 || n1 != 5 {
		t.Fatalf("counts default=%d db1=%d, want 3 and 5", n0, n1)
	}
	createCollection(t, c1, floatSchema("only_db1", 4))
	names, err := c.ListCollections(ctx, milvusclient.NewListCollectionOption())
	ok(t, err, "list default")
	if slices.Contains(names, "only_db1") {
		t.Fatalf("default database lists db1's collection: %v", names)
	}
	names, err = c1.ListCollections(ctx, milvusclient.NewListCollectionOption())
	ok(t, err, "list db1")
	slices.Sort(names)
	if !slices.Equal(names, []string{"books", "only_db1"}) {
		t.Fatalf("db1 collections %v", names)
	}

	// UseDatabase switches an existing client.
	c2 := s.Client()
	ok(t, c2.UseDatabase(ctx, milvusclient.NewUseDatabaseOption("db1")), "use db1")
	has, err := c2.HasCollection(ctx, milvusclient.NewHasCollectionOption("only_db1"))
	ok(t, err, "has only_db1")
	if !has {
		t.Fatal("UseDatabase(db1) client does not see only_db1")
	}

	// Connecting to a missing database fails with "database not found", as in Milvus.
	_, err = s.NewClient(withDB("missing_db"))
	wantErr(t, err, codeDatabaseNotFound, "database not found")

	wantErr(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("db1")), codeParameterInvalid, "not empty")
	wantErr(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("default")), codeParameterInvalid, "can not drop default database")
	for _, name := range []string{"books", "only_db1"} {
		ok(t, c1.DropCollection(ctx, milvusclient.NewDropCollectionOption(name)), "drop %s", name)
	}
	ok(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("db1")), "drop db1")
	ok(t, c.DropDatabase(ctx, milvusclient.NewDropDatabaseOption("db1")), "drop db1 again (no-op)")
	dbs, err = c.ListDatabase(ctx, milvusclient.NewListDatabaseOption())
	ok(t, err, "list databases")
	if slices.Contains(dbs, "db1") {
		t.Fatalf("db1 still listed after drop: %v", dbs)
	}
	// The default database's collection is untouched.
	if n := count(t, c, "books", ""); n != 3 {
		t.Fatalf("default books count %d after dropping db1", n)
	}
}
