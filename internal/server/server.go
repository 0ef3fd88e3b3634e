package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/keepalive"
	grpcstatus "google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	kitegrpc "github.com/kite-db/kite/internal/api/grpc"
	"github.com/kite-db/kite/internal/api/middleware"
	"github.com/kite-db/kite/internal/api/rest"
	"github.com/kite-db/kite/internal/service"
)

// Version is Kite's version, set at build time.
var Version = "0.1.0-dev"

// maxMessage is the message size Milvus SDKs use.
const maxMessage = 256 << 20

// Server is one Kite process.
type Server struct {
	cfg   Config
	log   *slog.Logger
	ready atomic.Bool
	// created is the topmost directory this start created for the data
	// dir ("" if it existed); undoCreate removes it when the start fails.
	created string

	// Addr and MetricsAddr are the bound addresses, set once Run listens.
	Addr        atomic.Value
	MetricsAddr atomic.Value
	started     chan struct{}
}

// New returns a server for cfg.
func New(cfg Config, log *slog.Logger) *Server {
	return &Server{cfg: cfg, log: log, started: make(chan struct{})}
}

// Started is closed once the server accepts requests.
func (s *Server) Started() <-chan struct{} { return s.started }

// Run serves until ctx is cancelled, then stops gracefully.
func (s *Server) Run(ctx context.Context) (err error) {
	if err := s.cfg.Validate(); err != nil {
		return &BootError{Cause: "invalid configuration: " + err.Error(), Fix: "correct the flag or config file value", Err: err}
	}
	// Ports first: a start that cannot listen fails before it touches the disk.
	apiLn, metricsLn, err := s.listen()
	if err != nil {
		return err
	}
	defer s.undoCreate(&err)
	kv, cat, err := s.boot()
	if err != nil {
		apiLn.Close()
		metricsLn.Close()
		return err
	}
	defer kv.Close()
	s.Addr.Store(apiLn.Addr().String())
	s.MetricsAddr.Store(metricsLn.Addr().String())
	defer kv.announce(s.log, apiLn.Addr(), metricsLn.Addr())()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metricsSrv := s.metricsServer(reg, kv)
	go metricsSrv.Serve(metricsLn)
	defer metricsSrv.Close()

	// Serve before recovering, so clients hear "starting" rather than nothing.
	start := time.Now()
	api := kitegrpc.New(Version, s.log)
	metrics := middleware.NewMetrics(reg)
	gs := s.grpcServer(api, metrics)
	restAPI := rest.New(Version, s.log)
	restAPI.SetMetrics(metrics)
	apis := serveAPI(apiLn, gs, restAPI, s.log) // gRPC and REST share the port: see mux.go
	errc := apis.errc
	defer apis.stop()
	svc, err := service.Open(service.Config{DataDir: s.cfg.DataDir, SealRows: s.cfg.SealRows, NoSync: s.cfg.NoSync,
		MinFreeBytes: uint64(max(s.cfg.MinFreeMB, 0)) << 20, Logger: s.log, Version: Version,
		CompactionInterval: s.cfg.CompactionInterval, CompactionRetention: s.cfg.CompactionRetention}, cat)
	if err != nil {
		return &BootError{Cause: "cannot recover data: " + err.Error(), Fix: "run `kite doctor` on the data dir", Err: err}
	}
	stopped := false // a graceful stop closed svc (or gave up on it)
	defer func() {
		if !stopped {
			svc.Close()
		}
	}()
	api.SetService(svc)
	restAPI.SetService(svc)
	s.ready.Store(true)
	close(s.started)
	s.log.Info("kite is serving", "version", Version, "addr", apiLn.Addr().String(), "metrics", metricsLn.Addr().String(),
		"data_dir", s.cfg.DataDir, "recovered_in", time.Since(start).Round(time.Millisecond).String())
	select {
	case <-ctx.Done():
	case err := <-errc:
		return fmt.Errorf("API server stopped: %w", err)
	}
	deadline := time.Now().Add(s.cfg.StopTimeout)
	s.log.Info("shutting down", "stop_timeout", s.cfg.StopTimeout.String(), "cancelling", strings.Join(svc.Busy(), "; "))
	s.ready.Store(false)
	apis.stopGracefully(s.apiStopBudget())
	stopped = true
	return s.stopWithin(svc, deadline)
}

func (s *Server) grpcServer(api *kitegrpc.Server, metrics *middleware.Metrics) *grpc.Server {
	kitegrpc.SetVersion(Version)
	gs := grpc.NewServer(
		grpc.MaxRecvMsgSize(maxMessage), grpc.MaxSendMsgSize(maxMessage),
		// Long-lived workers run the handlers: a fresh goroutine per RPC
		// grew its stack through the search path on every request.
		grpc.NumStreamWorkers(uint32(max(4, 2*runtime.GOMAXPROCS(0)))),
		// SDKs ping every 5 s, also when idle; stricter defaults would drop them.
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 5 * time.Second, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: 60 * time.Second, Timeout: 20 * time.Second}),
		grpc.ChainUnaryInterceptor(middleware.Unary(&s.ready, metrics, s.log)),
		grpc.UnknownServiceHandler(unknownRPC),
	)
	milvuspb.RegisterMilvusServiceServer(gs, api)
	return gs
}

func (s *Server) metricsServer(reg *prometheus.Registry, meta *metaHandle) *http.Server {
	mux := http.NewServeMux()
	meta.routes(mux) // POST /admin/meta/backup
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if s.cfg.Pprof {
		routePprof(mux)
	}
	mux.HandleFunc("/livez", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("OK")) })
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if !s.ready.Load() {
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("OK"))
	})
	return &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
}

func stopGracefully(gs *grpc.Server, timeout time.Duration) {
	done := make(chan struct{})
	go func() { gs.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout):
		gs.Stop()
	}
}

// unknownRPC answers RPCs newer than the milvus-proto release Kite is built
// on (pymilvus 3.x has some): a Milvus status naming the RPC when its
// response shape is known (SDKs raise it like any Milvus error), else a
// gRPC Unimplemented error that at least names the RPC and Kite.
func unknownRPC(_ any, stream grpc.ServerStream) error {
	method, _ := grpc.MethodFromServerStream(stream)
	if resp, ok := kitegrpc.NewerRPCResponse(method); ok {
		if err := stream.RecvMsg(&emptypb.Empty{}); err != nil { // the request, unread: its type is unknown
			return err
		}
		return stream.SendMsg(resp)
	}
	return grpcstatus.Errorf(codes.Unimplemented, "%s is not supported by Kite %s (it serves the Milvus %s API)", method, Version, kitegrpc.MilvusVersion)
}
