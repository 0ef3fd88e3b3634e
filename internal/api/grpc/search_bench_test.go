package grpc

import (
	"context"
	"encoding/binary"
	"math"
	"math/rand"
	"path/filepath"
	"testing"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"google.golang.org/protobuf/proto"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// BenchmarkSearchRequestPath is the server's fixed cost of one Search RPC
// outside the index: decode the request, run the service path over a
// 16-row sealed-or-growing segment (so the scan is negligible), encode the
// response. nq=10 queries of 784 dimensions, top 10, as the end-to-end
// benchmark sends them:
//
//	go test -run '^$' -bench SearchRequestPath -benchmem ./internal/api/grpc/
func BenchmarkSearchRequestPath(b *testing.B) {
	const dim, rows, nq = 784, 16, 10
	srv := benchServer(b, dim, rows)
	raw := benchSearchRequest(b, dim, nq)
	ctx := context.Background()
	for b.Loop() {
		var req milvuspb.SearchRequest
		if err := proto.Unmarshal(raw, &req); err != nil {
			b.Fatal(err)
		}
		resp, err := srv.Search(ctx, &req)
		if err != nil || resp.GetStatus().GetCode() != 0 || len(resp.GetResults().GetScores()) != nq*10 {
			b.Fatalf("search: %v %v", resp.GetStatus(), err)
		}
		if _, err := proto.Marshal(resp); err != nil {
			b.Fatal(err)
		}
	}
}

func benchServer(b *testing.B, dim, rows int) *Server {
	dir := b.TempDir()
	kv, err := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Open(kv)
	if err != nil {
		b.Fatal(err)
	}
	svc, err := service.Open(service.Config{DataDir: dir, SealRows: 1 << 20, NoSync: true}, cat)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Close(); kv.Close() })
	ctx := context.Background()
	sch := schema.Collection{Name: "bench", Fields: []schema.Field{
		{Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{Name: "vec", DataType: schema.FloatVector, TypeParams: map[string]string{"dim": itoa(dim)}},
	}}
	if err := svc.CreateCollection(ctx, service.CreateCollection{Schema: sch}); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	ids := &column.Column{Type: schema.Int64}
	vecs := &column.Column{Type: schema.FloatVector, Dim: dim}
	for i := 0; i < rows; i++ {
		ids.Ints = append(ids.Ints, int64(i))
		for j := 0; j < dim; j++ {
			vecs.FloatVecs = append(vecs.FloatVecs, r.Float32())
		}
	}
	if _, err := svc.Insert(ctx, service.Write{Collection: "bench", Columns: map[string]*column.Column{"id": ids, "vec": vecs}}); err != nil {
		b.Fatal(err)
	}
	if err := svc.CreateIndex(ctx, service.CreateIndex{Collection: "bench", Field: "vec", Params: map[string]string{"index_type": "FLAT", "metric_type": "L2"}}); err != nil {
		b.Fatal(err)
	}
	if err := svc.LoadCollection(ctx, service.LoadCollection{Collection: "bench"}); err != nil {
		b.Fatal(err)
	}
	s := New("bench", nil)
	s.SetService(svc)
	return s
}

func benchSearchRequest(b *testing.B, dim, nq int) []byte {
	r := rand.New(rand.NewSource(2))
	ph := &commonpb.PlaceholderValue{Tag: "$0", Type: commonpb.PlaceholderType_FloatVector}
	for i := 0; i < nq; i++ {
		v := make([]byte, 4*dim)
		for j := 0; j < dim; j++ {
			binary.LittleEndian.PutUint32(v[4*j:], math.Float32bits(r.Float32()))
		}
		ph.Values = append(ph.Values, v)
	}
	group, err := proto.Marshal(&commonpb.PlaceholderGroup{Placeholders: []*commonpb.PlaceholderValue{ph}})
	if err != nil {
		b.Fatal(err)
	}
	req := &milvuspb.SearchRequest{CollectionName: "bench", SearchInput: &milvuspb.SearchRequest_PlaceholderGroup{PlaceholderGroup: group}, DslType: commonpb.DslType_BoolExprV1,
		SearchParams: []*commonpb.KeyValuePair{{Key: "anns_field", Value: "vec"}, {Key: "topk", Value: "10"},
			{Key: "metric_type", Value: "L2"}, {Key: "params", Value: `{"ef": 64}`}, {Key: "round_decimal", Value: "-1"}},
		Nq: int64(nq), GuaranteeTimestamp: 1}
	raw, err := proto.Marshal(req)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}
