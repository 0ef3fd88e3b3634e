package grpc

import (
	"context"

	"github.com/kite-db/kite/internal/service"
	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

func (s *Server) CreateDatabase(ctx context.Context, req *milvuspb.CreateDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.CreateDatabase(ctx, service.CreateDatabase{DB: req.GetDbName(), Properties: kvMap(req.GetProperties())})), nil
}

func (s *Server) DropDatabase(ctx context.Context, req *milvuspb.DropDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.DropDatabase(ctx, service.DropDatabase{DB: req.GetDbName()})), nil
}

func (s *Server) ListDatabases(ctx context.Context, _ *milvuspb.ListDatabasesRequest) (*milvuspb.ListDatabasesResponse, error) {
	dbs, err := s.svc.ListDatabases(ctx, service.ListDatabases{})
	if err != nil {
		return &milvuspb.ListDatabasesResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.ListDatabasesResponse{Status: status(nil)}
	for _, d := range dbs {
		resp.DbNames = append(resp.DbNames, d.Name)
		resp.DbIds = append(resp.DbIds, d.ID)
		resp.CreatedTimestamp = append(resp.CreatedTimestamp, d.CreatedTs)
	}
	return resp, nil
}

func (s *Server) DescribeDatabase(ctx context.Context, req *milvuspb.DescribeDatabaseRequest) (*milvuspb.DescribeDatabaseResponse, error) {
	d, err := s.svc.DescribeDatabase(ctx, service.DescribeDatabase{DB: req.GetDbName()})
	if err != nil {
		return &milvuspb.DescribeDatabaseResponse{Status: status(err)}, nil
	}
	return &milvuspb.DescribeDatabaseResponse{Status: status(nil), DbName: d.Name, DbID: d.ID,
		CreatedTimestamp: d.CreatedTs, Properties: kvList(d.Properties)}, nil
}

func (s *Server) AlterDatabase(ctx context.Context, req *milvuspb.AlterDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterDatabase(ctx, service.AlterDatabase{DB: req.GetDbName(), Set: kvMap(req.GetProperties()), Remove: req.GetDeleteKeys()})), nil
}
