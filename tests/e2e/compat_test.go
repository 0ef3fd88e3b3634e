package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	grpcstatus "google.golang.org/grpc/status"
)

// A newer SDK calling an RPC that Kite's milvus-proto does not know yet
// (pymilvus 3.x has some) gets an error naming the RPC and Kite's version,
// and the server stays healthy.
func TestNewerRPCNamesItself(t *testing.T) {
	s := StartServer(t)
	conn, err := grpc.NewClient(s.Addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := ctxT(t, 10*time.Second)
	err = conn.Invoke(ctx, "/milvus.proto.milvus.MilvusService/CreateSnapshotFromTheFuture",
		&milvuspb.GetVersionRequest{}, &milvuspb.GetVersionResponse{})
	st := grpcstatus.Convert(err)
	if st.Code() != codes.Unimplemented || !strings.Contains(st.Message(), "CreateSnapshotFromTheFuture") ||
		!strings.Contains(st.Message(), "not supported by Kite") {
		t.Fatalf("got %v", err)
	}
	v, err := milvuspb.NewMilvusServiceClient(conn).GetVersion(ctx, &milvuspb.GetVersionRequest{})
	if err != nil || v.GetVersion() == "" {
		t.Fatalf("server unhealthy after an unknown RPC: %v %v", v, err)
	}
}
