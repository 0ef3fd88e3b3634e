package middleware

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"

	"github.com/kite-db/kite/internal/apierr"
)

func TestInterceptor(t *testing.T) {
	var ready atomic.Bool
	var logs bytes.Buffer
	ic := Unary(&ready, NewMetrics(prometheus.NewRegistry()), slog.New(slog.NewTextHandler(&logs, nil)))
	info := &grpc.UnaryServerInfo{FullMethod: "/milvus.proto.milvus.MilvusService/HasCollection"}
	fail := func(context.Context, any) (any, error) {
		return &milvuspb.BoolResponse{Status: apierr.Status(apierr.CollectionNotFound("books"))}, nil
	}
	resp, _ := ic(context.Background(), nil, info, fail)
	if st := resp.(*milvuspb.BoolResponse).GetStatus(); st.GetCode() != apierr.CodeServiceNotReady {
		t.Fatalf("before ready: %v", st)
	}
	ready.Store(true)
	resp, _ = ic(context.Background(), nil, info, fail)
	st := resp.(*milvuspb.BoolResponse).GetStatus()
	id := st.GetExtraInfo()["request_id"]
	if st.GetCode() != apierr.CodeCollectionNotFound || id == "" || !strings.Contains(logs.String(), id) {
		t.Fatalf("error not tagged and logged: %v\nlog: %s", st, logs.String())
	}
	boom := func(context.Context, any) (any, error) { panic("boom") }
	resp, err := ic(context.Background(), nil, info, boom)
	if err != nil || resp.(*milvuspb.BoolResponse).GetStatus().GetCode() != apierr.CodeServiceInternal {
		t.Fatalf("panic not turned into a status: %v %v", resp, err)
	}
}
