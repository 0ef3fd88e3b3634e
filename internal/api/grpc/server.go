// Package grpc serves milvuspb.MilvusService over Kite's service layer.
// Handlers are thin: convert the request, call the service, convert the
// result, and turn any error into a Milvus status with apierr.
package grpc

import (
	"context"
	"log/slog"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"google.golang.org/grpc/metadata"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

//go:generate go run ./gen

// MilvusVersion is the Milvus release whose API Kite serves; SDKs gate
// features on it.
const MilvusVersion = "v2.6.6"

// Server implements milvuspb.MilvusServiceServer.
type Server struct {
	unsupported
	svc     *service.Service
	version string // Kite's own version
	log     *slog.Logger
}

// New returns a server; SetService must be called before the start-up
// gate lets requests through.
func New(kiteVersion string, log *slog.Logger) *Server {
	return &Server{version: kiteVersion, log: log}
}

// SetService installs the recovered service.
func (s *Server) SetService(svc *service.Service) { s.svc = svc }

// kiteVersion is read by notSupported through the package variable, since
// generated methods have no receiver state.
var kiteVersion = "dev"

// SetVersion records Kite's version for "not supported" statuses.
func SetVersion(v string) { kiteVersion = v }

func notSupported(rpc string) *commonpb.Status {
	return apierr.Status(apierr.Unimplemented(rpc, kiteVersion))
}

func status(err error) *commonpb.Status { return apierr.Status(err) }

// dbName is the request's database, else the "dbname" metadata the SDKs
// send, else "default".
func dbName(ctx context.Context, fromReq string) string {
	if fromReq != "" {
		return fromReq
	}
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if v := md.Get("dbname"); len(v) > 0 && v[0] != "" {
			return v[0]
		}
	}
	return "default"
}
