package grpc

import (
	"context"
	"runtime"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"

	"github.com/kite-db/kite/internal/service"
)

// Connect answers the first call every SDK makes. If it failed, the Go SDK
// would silently turn off databases, JSON and dynamic fields.
func (s *Server) Connect(ctx context.Context, req *milvuspb.ConnectRequest) (*milvuspb.ConnectResponse, error) {
	if ci := req.GetClientInfo(); ci != nil {
		s.log.Info("client connected", "sdk", ci.GetSdkType(), "sdk_version", ci.GetSdkVersion(), "user", ci.GetUser(), "host", ci.GetHost())
	}
	// A client connecting to (or switching to) a database that does not
	// exist is refused, as Milvus does, so UseDatabase fails early.
	if _, err := s.svc.DescribeDatabase(ctx, service.DescribeDatabase{DB: dbName(ctx, "")}); err != nil {
		return &milvuspb.ConnectResponse{Status: status(err)}, nil
	}
	return &milvuspb.ConnectResponse{
		Status: status(nil),
		ServerInfo: &commonpb.ServerInfo{
			BuildTags: MilvusVersion, GoVersion: runtime.Version(), DeployMode: "STANDALONE",
			Reserved: map[string]string{"kite_version": s.version},
		},
		Identifier: int64(s.svc.Oracle().Next()),
	}, nil
}

// GetVersion reports the Milvus API version Kite serves.
func (s *Server) GetVersion(ctx context.Context, _ *milvuspb.GetVersionRequest) (*milvuspb.GetVersionResponse, error) {
	return &milvuspb.GetVersionResponse{Status: status(nil), Version: MilvusVersion}, nil
}

// CheckHealth says the server serves; start-up is gated before handlers run.
func (s *Server) CheckHealth(ctx context.Context, _ *milvuspb.CheckHealthRequest) (*milvuspb.CheckHealthResponse, error) {
	return &milvuspb.CheckHealthResponse{Status: status(nil), IsHealthy: true}, nil
}

// GetComponentStates reports one healthy standalone component.
func (s *Server) GetComponentStates(ctx context.Context, _ *milvuspb.GetComponentStatesRequest) (*milvuspb.ComponentStates, error) {
	return &milvuspb.ComponentStates{
		State:  &milvuspb.ComponentInfo{Role: "kite", StateCode: commonpb.StateCode_Healthy},
		Status: status(nil),
	}, nil
}

// AllocTimestamp hands out a hybrid timestamp; pymilvus asks for one before
// waiting on an index build.
func (s *Server) AllocTimestamp(ctx context.Context, _ *milvuspb.AllocTimestampRequest) (*milvuspb.AllocTimestampResponse, error) {
	return &milvuspb.AllocTimestampResponse{Status: status(nil), Timestamp: s.svc.Oracle().Next()}, nil
}
