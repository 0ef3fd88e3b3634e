package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc"
)

// apiServers serves the Milvus gRPC API and the REST API v2 on one
// listener through a connMux.
type apiServers struct {
	mux  *connMux
	grpc *grpc.Server
	http *http.Server
	errc chan error // the first failure of any of the three; never closed
	wg   sync.WaitGroup
}

// serveAPI starts serving ln; errc reports a server that stops on its own.
func serveAPI(ln net.Listener, gs *grpc.Server, rest http.Handler, log *slog.Logger) *apiServers {
	a := &apiServers{
		mux:  newConnMux(ln, sniffTimeout),
		grpc: gs,
		http: &http.Server{
			Handler:           rest,
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    1 << 20,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		errc: make(chan error, 3),
	}
	a.run(a.mux.Serve)
	a.run(func() error { return a.grpc.Serve(a.mux.grpc) })
	a.run(func() error {
		if err := a.http.Serve(a.mux.http); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	return a
}

func (a *apiServers) run(serve func() error) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if err := serve(); err != nil {
			a.errc <- err
		}
	}()
}

// stopGracefully stops accepting, lets in-flight RPCs and requests finish
// for up to timeout, then cuts the rest off.
func (a *apiServers) stopGracefully(timeout time.Duration) {
	a.mux.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		stopGracefully(a.grpc, timeout)
	}()
	if err := a.http.Shutdown(ctx); err != nil {
		a.http.Close()
	}
	<-done
	a.wg.Wait()
}

// stop cuts everything off at once.
func (a *apiServers) stop() {
	a.mux.Close()
	a.grpc.Stop()
	a.http.Close()
	a.wg.Wait()
}
