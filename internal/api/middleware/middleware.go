// Package middleware holds the gRPC interceptors every Milvus RPC passes
// through: the start-up gate, panic recovery and Prometheus metrics.
package middleware

import (
	"context"
	"log/slog"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"

	"github.com/kite-db/kite/internal/apierr"
)

// Metrics are the per-RPC Prometheus series.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// The series per method, kept so a request skips the label lookups.
	okByMethod      sync.Map // method → prometheus.Counter of code "0"
	latencyByMethod sync.Map // method → prometheus.Observer
}

// NewMetrics registers the RPC metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kite_rpc_requests_total",
			Help: "Milvus RPCs served, by method and Milvus status code."}, []string{"method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kite_rpc_duration_seconds",
			Help: "Milvus RPC latency.", Buckets: prometheus.ExponentialBuckets(0.0001, 2.5, 14)}, []string{"method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// Unary returns the interceptor chain: gate, recover, measure.
func Unary(ready *atomic.Bool, m *Metrics, log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		method := info.FullMethod[strings.LastIndex(info.FullMethod, "/")+1:]
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				id := requestID()
				log.Error("panic in handler", "method", method, "panic", p, "stack", string(debug.Stack()), "request_id", id)
				resp, err = statusResponse(info, apierr.Internal(errPanic{method})), nil
				tagError(resp, method, id, log)
			} else if failed(resp) {
				tagError(resp, method, requestID(), log) // IDs only for errors: they cost a random read
			}
			m.observe(method, codeOf(resp), time.Since(start))
		}()
		if !ready.Load() {
			return statusResponse(info, apierr.NotReady("Kite is starting: replaying the write-ahead log")), nil
		}
		return handler(ctx, req)
	}
}

type errPanic struct{ method string }

func (e errPanic) Error() string { return "unexpected failure in " + e.method + ", see the server log" }

// statusResponse builds the RPC's response type carrying only a status.
func statusResponse(info *grpc.UnaryServerInfo, err error) any {
	st := apierr.Status(err)
	t, ok := responseTypes[info.FullMethod]
	if !ok || t == reflect.TypeOf(&commonpb.Status{}) {
		return st
	}
	v := reflect.New(t.Elem())
	if f := v.Elem().FieldByName("Status"); f.IsValid() {
		f.Set(reflect.ValueOf(st))
	}
	return v.Interface()
}

func codeOf(resp any) string {
	if st := statusOf(resp); st != nil {
		return itoa(st.GetCode())
	}
	return "0"
}
