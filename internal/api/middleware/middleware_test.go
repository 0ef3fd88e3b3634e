package middleware

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
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
		return &milvuspb.BoolResponse{Status: apierr.Status(apierr.CollectionNotFound("default", "books"))}, nil
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

func TestInterceptorCountsAndTimesRequests(t *testing.T) {
	var ready atomic.Bool
	ready.Store(true)
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	ic := Unary(&ready, m, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	info := &grpc.UnaryServerInfo{FullMethod: "/milvus.proto.milvus.MilvusService/HasCollection"}
	ok := func(context.Context, any) (any, error) {
		return &milvuspb.BoolResponse{Status: apierr.Status(nil), Value: true}, nil
	}
	fail := func(context.Context, any) (any, error) {
		return &milvuspb.BoolResponse{Status: apierr.Status(apierr.CollectionNotFound("default", "books"))}, nil
	}
	for i := 0; i < 3; i++ {
		resp, _ := ic(context.Background(), nil, info, ok)
		if st := resp.(*milvuspb.BoolResponse).GetStatus(); len(st.GetExtraInfo()) != 0 || st.GetDetail() != "" {
			t.Fatalf("a success was tagged: %v", st)
		}
	}
	ic(context.Background(), nil, info, fail)
	code := itoa(int32(apierr.CodeCollectionNotFound))
	got := map[string]float64{}
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		for _, mt := range f.GetMetric() {
			key := f.GetName()
			for _, l := range mt.GetLabel() {
				key += " " + l.GetName() + "=" + l.GetValue()
			}
			got[key] = mt.GetCounter().GetValue() + float64(mt.GetHistogram().GetSampleCount())
		}
	}
	want := map[string]float64{
		"kite_rpc_requests_total code=0 method=HasCollection":            3,
		"kite_rpc_requests_total code=" + code + " method=HasCollection": 1,
		"kite_rpc_duration_seconds method=HasCollection":                 4,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("series %v, want %v", got, want)
	}
}
