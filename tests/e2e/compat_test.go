package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
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
	// RPCs of newer milvus-proto releases whose response shape Kite knows get
	// a Milvus status: a bare common.Status (CreateSnapshot) or status = 1
	// (ListSnapshots). The requests are stand-ins: their real types are not
	// in this proto either, and Kite does not read them.
	var bare commonpb.Status
	if err := conn.Invoke(ctx, "/milvus.proto.milvus.MilvusService/CreateSnapshot", &milvuspb.GetVersionRequest{}, &bare); err != nil {
		t.Fatalf("CreateSnapshot: %v", err)
	}
	if bare.GetCode() != 10 || !strings.Contains(bare.GetReason(), "CreateSnapshot") || !strings.Contains(bare.GetReason(), "not supported by Kite") {
		t.Fatalf("CreateSnapshot status %v", &bare)
	}
	var wrapped milvuspb.BoolResponse
	if err := conn.Invoke(ctx, "/milvus.proto.milvus.MilvusService/ListSnapshots", &milvuspb.GetVersionRequest{}, &wrapped); err != nil {
		t.Fatalf("ListSnapshots: %v", err)
	}
	if wrapped.GetStatus().GetCode() != 10 || !strings.Contains(wrapped.GetStatus().GetReason(), "ListSnapshots") {
		t.Fatalf("ListSnapshots status %v", wrapped.GetStatus())
	}
	v, err := milvuspb.NewMilvusServiceClient(conn).GetVersion(ctx, &milvuspb.GetVersionRequest{})
	if err != nil || v.GetVersion() == "" {
		t.Fatalf("server unhealthy after an unknown RPC: %v %v", v, err)
	}
}
