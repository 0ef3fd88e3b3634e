package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

func (s *Server) CreateDatabase(ctx context.Context, req *milvuspb.CreateDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.CreateDatabase(req.GetDbName(), kvMap(req.GetProperties()))), nil
}

func (s *Server) DropDatabase(ctx context.Context, req *milvuspb.DropDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.DropDatabase(req.GetDbName())), nil
}

func (s *Server) ListDatabases(ctx context.Context, _ *milvuspb.ListDatabasesRequest) (*milvuspb.ListDatabasesResponse, error) {
	resp := &milvuspb.ListDatabasesResponse{Status: status(nil)}
	for _, d := range s.svc.ListDatabases() {
		resp.DbNames = append(resp.DbNames, d.Name)
		resp.DbIds = append(resp.DbIds, d.ID)
		resp.CreatedTimestamp = append(resp.CreatedTimestamp, d.CreatedTs)
	}
	return resp, nil
}

func (s *Server) DescribeDatabase(ctx context.Context, req *milvuspb.DescribeDatabaseRequest) (*milvuspb.DescribeDatabaseResponse, error) {
	d, err := s.svc.DescribeDatabase(req.GetDbName())
	if err != nil {
		return &milvuspb.DescribeDatabaseResponse{Status: status(err)}, nil
	}
	return &milvuspb.DescribeDatabaseResponse{Status: status(nil), DbName: d.Name, DbID: d.ID,
		CreatedTimestamp: d.CreatedTs, Properties: kvList(d.Properties)}, nil
}

func (s *Server) AlterDatabase(ctx context.Context, req *milvuspb.AlterDatabaseRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterDatabase(req.GetDbName(), kvMap(req.GetProperties()), req.GetDeleteKeys())), nil
}
