package grpc

import (
	"context"

	"github.com/kite-db/kite/internal/service"
	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

func (s *Server) CreateAlias(ctx context.Context, req *milvuspb.CreateAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.CreateAlias(ctx, service.CreateAlias{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Alias: req.GetAlias()})), nil
}

func (s *Server) DropAlias(ctx context.Context, req *milvuspb.DropAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.DropAlias(ctx, service.DropAlias{DB: dbName(ctx, req.GetDbName()), Alias: req.GetAlias()})), nil
}

func (s *Server) AlterAlias(ctx context.Context, req *milvuspb.AlterAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterAlias(ctx, service.AlterAlias{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Alias: req.GetAlias()})), nil
}

func (s *Server) DescribeAlias(ctx context.Context, req *milvuspb.DescribeAliasRequest) (*milvuspb.DescribeAliasResponse, error) {
	a, err := s.svc.DescribeAlias(ctx, service.DescribeAlias{DB: dbName(ctx, req.GetDbName()), Alias: req.GetAlias()})
	if err != nil {
		return &milvuspb.DescribeAliasResponse{Status: status(err), Alias: req.GetAlias()}, nil
	}
	return &milvuspb.DescribeAliasResponse{Status: status(nil), DbName: a.DB, Alias: a.Alias, Collection: a.Collection}, nil
}

func (s *Server) ListAliases(ctx context.Context, req *milvuspb.ListAliasesRequest) (*milvuspb.ListAliasesResponse, error) {
	db := dbName(ctx, req.GetDbName())
	names, err := s.svc.ListAliases(ctx, service.ListAliases{DB: db, Collection: req.GetCollectionName()})
	return &milvuspb.ListAliasesResponse{Status: status(err), DbName: db, CollectionName: req.GetCollectionName(), Aliases: names}, nil
}
