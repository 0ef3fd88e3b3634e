package e2e

import (
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// checkHealthy fails the test unless the server answers CheckHealth.
func checkHealthy(t testing.TB, s *Server) {
	t.Helper()
	h, err := s.Raw().CheckHealth(ctxT(t, 10*time.Second), &milvuspb.CheckHealthRequest{})
	ok(t, merr.CheckRPCCall(h, err), "CheckHealth")
	if !h.GetIsHealthy() {
		t.Fatal("server reports unhealthy")
	}
	if strings.Contains(s.stderr.String(), "panic in handler") {
		t.Fatalf("server log mentions a panic:\n%s", tail(s.stderr.String(), 60))
	}
}

// statusErr runs a raw call and returns its status as an error; a gRPC
// transport error fails the test, since every bad request deserves a status.
func statusErr(t testing.TB, resp any, err error) error {
	t.Helper()
	if err != nil {
		t.Fatalf("gRPC error instead of a status: %v", err)
	}
	return merr.CheckRPCCall(resp, nil)
}

func TestMalformedRequests(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 60*time.Second)
	createCollection(t, c, floatSchema("m", 8, entity.NewField().WithName("name").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16)))
	vecs := randVecs(newRand(70), 4, 8)
	insertReq := func(t testing.TB, rows uint32, fields ...*schemapb.FieldData) error {
		r, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "m", NumRows: rows, FieldsData: fields})
		return statusErr(t, r, err)
	}
	good := func(n int) []*schemapb.FieldData {
		names := make([]string, n)
		return []*schemapb.FieldData{rawInt64("id", seqIDs(0, n)), rawFloatVec("vec", 8, vecs[:n]), rawString("name", names)}
	}

	cases := []struct {
		name string
		err  func(t testing.TB) error
		msg  string
	}{
		{"num_rows larger than columns", func(t testing.TB) error { return insertReq(t, 3, good(2)...) }, "num_rows"},
		{"num_rows smaller than columns", func(t testing.TB) error { return insertReq(t, 1, good(2)...) }, "num_rows"},
		{"columns of different lengths", func(t testing.TB) error {
			return insertReq(t, 0, rawInt64("id", seqIDs(0, 3)), rawFloatVec("vec", 8, vecs[:2]), rawString("name", []string{"a", "b"}))
		}, ""},
		{"vector data not a multiple of dim", func(t testing.TB) error {
			f := rawFloatVec("vec", 8, vecs[:2])
			f.GetVectors().GetFloatVector().Data = f.GetVectors().GetFloatVector().Data[:12]
			return insertReq(t, 2, rawInt64("id", []int64{1, 2}), f, rawString("name", []string{"a", "b"}))
		}, ""},
		{"zero dim", func(t testing.TB) error {
			f := rawFloatVec("vec", 8, vecs[:2])
			f.GetVectors().Dim = 0
			return insertReq(t, 2, rawInt64("id", []int64{1, 2}), f, rawString("name", []string{"a", "b"}))
		}, ""},
		{"no rows", func(t testing.TB) error { return insertReq(t, 0) }, ""},
		{"wrong type for a field", func(t testing.TB) error {
			return insertReq(t, 2, rawInt64("id", []int64{1, 2}), rawFloatVec("vec", 8, vecs[:2]), rawInt64("name", []int64{1, 2}))
		}, "name"},
		{"string primary key for an Int64 key", func(t testing.TB) error {
			return insertReq(t, 2, rawString("id", []string{"a", "b"}), rawFloatVec("vec", 8, vecs[:2]), rawString("name", []string{"a", "b"}))
		}, "id"},
		{"type says Int64, data is strings", func(t testing.TB) error {
			f := rawString("id", []string{"a", "b"})
			f.Type = schemapb.DataType_Int64
			return insertReq(t, 2, f, rawFloatVec("vec", 8, vecs[:2]), rawString("name", []string{"a", "b"}))
		}, ""},
		{"field data without values", func(t testing.TB) error {
			return insertReq(t, 2, &schemapb.FieldData{Type: schemapb.DataType_Int64, FieldName: "id"}, rawFloatVec("vec", 8, vecs[:2]), rawString("name", []string{"a", "b"}))
		}, ""},
		{"duplicated field", func(t testing.TB) error {
			return insertReq(t, 2, append(good(2), rawInt64("id", []int64{1, 2}))...)
		}, "duplicated"},
		{"valid_data longer than rows", func(t testing.TB) error {
			f := rawString("name", []string{"a", "b"})
			f.ValidData = []bool{true, true, true, false, false}
			return insertReq(t, 2, rawInt64("id", []int64{1, 2}), rawFloatVec("vec", 8, vecs[:2]), f)
		}, ""},
		{"unknown partition", func(t testing.TB) error {
			r, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "m", PartitionName: "nope", NumRows: 2, FieldsData: good(2)})
			return statusErr(t, r, err)
		}, "partition not found"},
		{"empty collection name", func(t testing.TB) error {
			r, err := raw.Insert(ctx, &milvuspb.InsertRequest{NumRows: 2, FieldsData: good(2)})
			return statusErr(t, r, err)
		}, ""},
		{"garbage schema bytes", func(t testing.TB) error {
			r, err := raw.CreateCollection(ctx, &milvuspb.CreateCollectionRequest{CollectionName: "g", Schema: []byte{0xff, 0x01, 0x02}})
			return statusErr(t, r, err)
		}, ""},
		{"schema name differs from request", func(t testing.TB) error {
			b, _ := proto.Marshal(floatSchema("other", 4).ProtoMessage())
			r, err := raw.CreateCollection(ctx, &milvuspb.CreateCollectionRequest{CollectionName: "g", Schema: b})
			return statusErr(t, r, err)
		}, "not matches schema name"},
		{"garbage placeholder group", func(t testing.TB) error {
			req := searchReq("m", vecs[:1], 3)
			req.SearchInput = &milvuspb.SearchRequest_PlaceholderGroup{PlaceholderGroup: []byte{0xff, 0xff}}
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, ""},
		{"two placeholders", func(t testing.TB) error {
			req := searchReq("m", vecs[:1], 3)
			ph := &commonpb.PlaceholderValue{Tag: "$0", Type: commonpb.PlaceholderType_FloatVector, Values: [][]byte{entity.FloatVector(vecs[0]).Serialize()}}
			pg, _ := proto.Marshal(&commonpb.PlaceholderGroup{Placeholders: []*commonpb.PlaceholderValue{ph, ph}})
			req.SearchInput = &milvuspb.SearchRequest_PlaceholderGroup{PlaceholderGroup: pg}
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, ""},
		{"query vectors of different dims", func(t testing.TB) error {
			req := searchReq("m", [][]float32{vecs[0], vecs[1][:4]}, 3)
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, ""},
		{"non-numeric topk", func(t testing.TB) error {
			req := searchReq("m", vecs[:1], 3)
			req.SearchParams = []*commonpb.KeyValuePair{{Key: "topk", Value: "ten"}}
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, "topk"},
		{"search params not JSON", func(t testing.TB) error {
			req := searchReq("m", vecs[:1], 3)
			req.SearchParams = append(req.SearchParams, &commonpb.KeyValuePair{Key: "params", Value: "{nope"})
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, ""},
		{"negative offset", func(t testing.TB) error {
			req := searchReq("m", vecs[:1], 3)
			req.SearchParams = append(req.SearchParams, &commonpb.KeyValuePair{Key: "offset", Value: "-1"})
			r, err := raw.Search(ctx, req)
			return statusErr(t, r, err)
		}, ""},
		{"query negative limit", func(t testing.TB) error {
			r, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "m", Expr: "id > 0", QueryParams: []*commonpb.KeyValuePair{{Key: "limit", Value: "-5"}}})
			return statusErr(t, r, err)
		}, ""},
		{"query window over 16384", func(t testing.TB) error {
			r, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "m", Expr: "id > 0", QueryParams: []*commonpb.KeyValuePair{{Key: "limit", Value: "16000"}, {Key: "offset", Value: "1000"}}})
			return statusErr(t, r, err)
		}, "16384"},
		{"filter syntax error", func(t testing.TB) error {
			r, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "m", Expr: "id in [1, 2"})
			return statusErr(t, r, err)
		}, ""},
		{"filter type error", func(t testing.TB) error {
			r, err := raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "m", Expr: `id == "x"`})
			return statusErr(t, r, err)
		}, ""},
		{"delete with empty filter", func(t testing.TB) error {
			r, err := raw.Delete(ctx, &milvuspb.DeleteRequest{CollectionName: "m"})
			return statusErr(t, r, err)
		}, ""},
		{"delete on unknown field", func(t testing.TB) error {
			r, err := raw.Delete(ctx, &milvuspb.DeleteRequest{CollectionName: "m", Expr: "nope in [1]"})
			return statusErr(t, r, err)
		}, "nope"},
		{"index on unknown field", func(t testing.TB) error {
			r, err := raw.CreateIndex(ctx, &milvuspb.CreateIndexRequest{CollectionName: "m", FieldName: "nope"})
			return statusErr(t, r, err)
		}, "nope"},
		{"index params not JSON", func(t testing.TB) error {
			r, err := raw.CreateIndex(ctx, &milvuspb.CreateIndexRequest{CollectionName: "m", FieldName: "vec",
				ExtraParams: []*commonpb.KeyValuePair{{Key: "params", Value: "{{"}}})
			return statusErr(t, r, err)
		}, ""},
		{"describe unknown alias", func(t testing.TB) error {
			r, err := raw.DescribeAlias(ctx, &milvuspb.DescribeAliasRequest{Alias: "nope"})
			return statusErr(t, r, err)
		}, "alias not found"},
		{"load unknown partition", func(t testing.TB) error {
			r, err := raw.LoadPartitions(ctx, &milvuspb.LoadPartitionsRequest{CollectionName: "m", PartitionNames: []string{"nope"}})
			return statusErr(t, r, err)
		}, "partition not found"},
	}
	indexAndLoad(t, c, "m", "vec", index.NewFlatIndex(entity.L2))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err(t)
			if err == nil {
				t.Fatal("accepted")
			}
			if merr.Code(err) == 0 || merr.Code(err) == 5 {
				t.Fatalf("code %d (want an input error code): %v", merr.Code(err), err)
			}
			if tc.msg != "" && !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
	// Nothing above wrote a row.
	if n := count(t, c, "m", ""); n != 0 {
		t.Fatalf("%d rows written by rejected requests", n)
	}
	checkHealthy(t, s)
}

// TestLimits checks values just inside and just outside Milvus's limits.
func TestLimits(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 120*time.Second)
	createCollection(t, c, floatSchema("l", 4, entity.NewField().WithName("arr").WithDataType(entity.FieldTypeArray).
		WithElementType(entity.FieldTypeInt64).WithMaxCapacity(3)))
	insert(t, c, milvusclient.NewColumnBasedInsertOption("l").WithInt64Column("id", seqIDs(0, 5)).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(71), 5, 4)).WithColumns(arrCol("arr", 5, 3)))
	_, err := c.Insert(ctx, milvusclient.NewColumnBasedInsertOption("l").WithInt64Column("id", []int64{9}).
		WithFloatVectorColumn("vec", 4, randVecs(newRand(71), 1, 4)).WithColumns(arrCol("arr", 1, 4)))
	wantErr(t, err, codeParameterInvalid, "max capacity")
	indexAndLoad(t, c, "l", "vec", index.NewFlatIndex(entity.L2))

	// nq 16384 is the most a search may carry.
	qs := randVecs(newRand(72), 16385, 4)
	resp, err := raw.Search(ctx, searchReq("l", qs[:16384], 1))
	ok(t, statusErr(t, resp, err), "nq 16384")
	if resp.GetResults().GetNumQueries() != 16384 || len(resp.GetResults().GetScores()) != 16384 {
		t.Fatalf("nq 16384: %d queries, %d scores", resp.GetResults().GetNumQueries(), len(resp.GetResults().GetScores()))
	}
	resp, err = raw.Search(ctx, searchReq("l", qs, 1))
	wantErr(t, statusErr(t, resp, err), codeParameterInvalid, "nq")

	// Fields: 64 is the most a schema may have.
	sch := floatSchema("f64", 4)
	for i := 0; i < 62; i++ {
		sch.WithField(entity.NewField().WithName(fmt.Sprintf("f%d", i)).WithDataType(entity.FieldTypeInt8))
	}
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("f64", sch)), "64 fields")
	sch = floatSchema("f65", 4)
	for i := 0; i < 63; i++ {
		sch.WithField(entity.NewField().WithName(fmt.Sprintf("f%d", i)).WithDataType(entity.FieldTypeInt8))
	}
	wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("f65", sch)), codeParameterInvalid, "64")

	// Vector fields: 10 by default (Milvus 2.6).
	sch = floatSchema("v11", 4)
	for i := 0; i < 10; i++ {
		sch.WithField(entity.NewField().WithName(fmt.Sprintf("v%d", i)).WithDataType(entity.FieldTypeFloatVector).WithDim(4))
	}
	wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption("v11", sch)), codeParameterInvalid, "vector")

	// Name length: 255 is fine, 256 is not.
	long := strings.Repeat("n", 255)
	ok(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(long, floatSchema(long, 4))), "255-char name")
	wantErr(t, c.CreateCollection(ctx, milvusclient.NewCreateCollectionOption(long+"n", floatSchema(long+"n", 4))), codeParameterInvalid)

	// Out-of-range integers for small integer fields.
	createCollection(t, c, floatSchema("ints", 4, entity.NewField().WithName("i8").WithDataType(entity.FieldTypeInt8)))
	i8 := &schemapb.FieldData{Type: schemapb.DataType_Int8, FieldName: "i8",
		Field: &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_IntData{IntData: &schemapb.IntArray{Data: []int32{127, 128}}}}}}
	r, err := raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "ints", NumRows: 2,
		FieldsData: []*schemapb.FieldData{rawInt64("id", []int64{1, 2}), rawFloatVec("vec", 4, randVecs(newRand(1), 2, 4)), i8}})
	wantErr(t, statusErr(t, r, err), codeParameterInvalid, "out of range")
	checkHealthy(t, s)
}

func arrCol(name string, rows, length int) *column.ColumnInt64Array {
	data := make([][]int64, rows)
	for i := range data {
		data[i] = seqIDs(i, length)
	}
	return column.NewColumnInt64Array(name, data)
}

// TestOversizedBatches sends a batch larger than a WAL segment (64 MiB),
// which must be accepted and survive a kill, and a message over the 256 MiB
// gRPC limit, which must be refused without harming the server.
func TestOversizedBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates ~600 MB; skipped in -short mode")
	}
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 180*time.Second)
	const dim, rows = 768, 24000 // 73.7 MB of float32
	createCollection(t, c, floatSchema("big", dim))
	vecs := randVecs(newRand(73), rows, dim)
	res := insert(t, c, milvusclient.NewColumnBasedInsertOption("big").WithInt64Column("id", seqIDs(0, rows)).
		WithFloatVectorColumn("vec", dim, vecs))
	if res.InsertCount != rows {
		t.Fatalf("insert count %d", res.InsertCount)
	}
	vecs = nil

	// Over the limit: a raw 257 MiB payload, refused by size before it is parsed.
	conn, err := grpc.NewClient(s.Addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	ok(t, err, "dial")
	defer conn.Close()
	payload := make([]byte, 257<<20)
	var reply []byte
	err = conn.Invoke(ctx, "/milvus.proto.milvus.MilvusService/Insert", &payload, &reply, grpc.ForceCodec(bytesCodec{}))
	if status.Code(err) != codes.ResourceExhausted {
		t.Fatalf("257 MiB message: got %v, want ResourceExhausted", err)
	}
	payload = nil
	checkHealthy(t, s)

	s.KillRestart()
	c = s.Client()
	indexAndLoad(t, c, "big", "vec", index.NewFlatIndex(entity.L2))
	if n := count(t, c, "big", ""); n != rows {
		t.Fatalf("after kill -9: %d rows, want %d", n, rows)
	}
	rs := query(t, c, "big", "id in [0, 23999]")
	equalInts(t, "ends of the big batch", int64Col(t, rs, "id"), []int64{0, 23999})
}

// bytesCodec sends pre-encoded bytes as they are.
type bytesCodec struct{}

func (bytesCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (bytesCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (bytesCodec) Name() string { return "proto" }

// TestConcurrentDDL runs conflicting DDL on one collection from many
// goroutines: every call must get a status (success or error), the server
// must stay up and must restart on the resulting catalog.
func TestConcurrentDDL(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	raw := s.Raw()
	ctx := ctxT(t, 20*time.Second)
	createCollection(t, c, floatSchema("ddl", 4))
	schema, _ := proto.Marshal(floatSchema("ddl", 4).ProtoMessage())
	vec := randVecs(newRand(74), 2, 4)
	ops := []func(g, i int) (any, error){
		func(g, i int) (any, error) {
			return raw.CreateCollection(ctx, &milvuspb.CreateCollectionRequest{CollectionName: "ddl", Schema: schema, ShardsNum: 1})
		},
		func(g, i int) (any, error) {
			return raw.DropCollection(ctx, &milvuspb.DropCollectionRequest{CollectionName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.CreatePartition(ctx, &milvuspb.CreatePartitionRequest{CollectionName: "ddl", PartitionName: fmt.Sprintf("p%d", i%4)})
		},
		func(g, i int) (any, error) {
			return raw.DropPartition(ctx, &milvuspb.DropPartitionRequest{CollectionName: "ddl", PartitionName: fmt.Sprintf("p%d", i%4)})
		},
		func(g, i int) (any, error) {
			return raw.CreateIndex(ctx, &milvuspb.CreateIndexRequest{CollectionName: "ddl", FieldName: "vec",
				ExtraParams: []*commonpb.KeyValuePair{{Key: "index_type", Value: "FLAT"}, {Key: "metric_type", Value: "L2"}}})
		},
		func(g, i int) (any, error) {
			return raw.DropIndex(ctx, &milvuspb.DropIndexRequest{CollectionName: "ddl", FieldName: "vec"})
		},
		func(g, i int) (any, error) {
			return raw.LoadCollection(ctx, &milvuspb.LoadCollectionRequest{CollectionName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.ReleaseCollection(ctx, &milvuspb.ReleaseCollectionRequest{CollectionName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.CreateAlias(ctx, &milvuspb.CreateAliasRequest{CollectionName: "ddl", Alias: "ddl_alias"})
		},
		func(g, i int) (any, error) {
			return raw.DropAlias(ctx, &milvuspb.DropAliasRequest{Alias: "ddl_alias"})
		},
		func(g, i int) (any, error) {
			return raw.RenameCollection(ctx, &milvuspb.RenameCollectionRequest{OldName: "ddl", NewName: "ddl_renamed"})
		},
		func(g, i int) (any, error) {
			return raw.RenameCollection(ctx, &milvuspb.RenameCollectionRequest{OldName: "ddl_renamed", NewName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.AlterCollection(ctx, &milvuspb.AlterCollectionRequest{CollectionName: "ddl",
				Properties: []*commonpb.KeyValuePair{{Key: "collection.ttl.seconds", Value: fmt.Sprint(i)}}})
		},
		func(g, i int) (any, error) {
			return raw.Insert(ctx, &milvuspb.InsertRequest{CollectionName: "ddl", NumRows: 2,
				FieldsData: []*schemapb.FieldData{rawInt64("id", []int64{int64(g), int64(i)}), rawFloatVec("vec", 4, vec)}})
		},
		func(g, i int) (any, error) {
			return raw.Delete(ctx, &milvuspb.DeleteRequest{CollectionName: "ddl", Expr: fmt.Sprintf("id in [%d]", i)})
		},
		func(g, i int) (any, error) {
			return raw.Flush(ctx, &milvuspb.FlushRequest{CollectionNames: []string{"ddl"}})
		},
		func(g, i int) (any, error) {
			return raw.Query(ctx, &milvuspb.QueryRequest{CollectionName: "ddl", Expr: "id >= 0"})
		},
		func(g, i int) (any, error) {
			return raw.Search(ctx, searchReq("ddl", vec[:1], 3))
		},
		func(g, i int) (any, error) {
			return raw.DescribeCollection(ctx, &milvuspb.DescribeCollectionRequest{CollectionName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.DescribeIndex(ctx, &milvuspb.DescribeIndexRequest{CollectionName: "ddl"})
		},
		func(g, i int) (any, error) {
			return raw.ShowPartitions(ctx, &milvuspb.ShowPartitionsRequest{CollectionName: "ddl"})
		},
	}
	const goroutines, iters = 12, 60
	var wg sync.WaitGroup
	var mu sync.Mutex
	var transport []error
	okCalls, errCalls := 0, 0
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := newRand(uint64(100 + g))
			for i := 0; i < iters; i++ {
				resp, err := ops[r.IntN(len(ops))](g, i)
				mu.Lock()
				switch {
				case err != nil:
					transport = append(transport, err)
				case merr.CheckRPCCall(resp, nil) != nil:
					errCalls++
				default:
					okCalls++
				}
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	if len(transport) > 0 {
		s.cmd.Process.Signal(syscall.SIGQUIT) // goroutine dump into the log
		<-s.waited
		t.Fatalf("%d calls failed without a status, first: %v", len(transport), transport[0])
	}
	t.Logf("concurrent DDL: %d ok, %d error statuses", okCalls, errCalls)
	checkHealthy(t, s)

	// The catalog is consistent enough to restart on, and describes what it lists.
	s.Restart()
	c = s.Client()
	names, err := c.ListCollections(ctx, milvusclient.NewListCollectionOption())
	ok(t, err, "list after restart")
	for _, n := range names {
		_, err := c.DescribeCollection(ctx, milvusclient.NewDescribeCollectionOption(n))
		ok(t, err, "describe %s after restart", n)
		_, err = c.ListPartitions(ctx, milvusclient.NewListPartitionOption(n))
		ok(t, err, "partitions of %s after restart", n)
	}
	checkHealthy(t, s)
}
