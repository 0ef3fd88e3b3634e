package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

func (s *Server) CreateAlias(ctx context.Context, req *milvuspb.CreateAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.CreateAlias(dbName(ctx, req.GetDbName()), req.GetCollectionName(), req.GetAlias())), nil
}

func (s *Server) DropAlias(ctx context.Context, req *milvuspb.DropAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.DropAlias(dbName(ctx, req.GetDbName()), req.GetAlias())), nil
}

func (s *Server) AlterAlias(ctx context.Context, req *milvuspb.AlterAliasRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterAlias(dbName(ctx, req.GetDbName()), req.GetCollectionName(), req.GetAlias())), nil
}

func (s *Server) DescribeAlias(ctx context.Context, req *milvuspb.DescribeAliasRequest) (*milvuspb.DescribeAliasResponse, error) {
	db, coll, err := s.svc.DescribeAlias(dbName(ctx, req.GetDbName()), req.GetAlias())
	return &milvuspb.DescribeAliasResponse{Status: status(err), DbName: db, Alias: req.GetAlias(), Collection: coll}, nil
}

func (s *Server) ListAliases(ctx context.Context, req *milvuspb.ListAliasesRequest) (*milvuspb.ListAliasesResponse, error) {
	db := dbName(ctx, req.GetDbName())
	names, err := s.svc.ListAliases(db, req.GetCollectionName())
	return &milvuspb.ListAliasesResponse{Status: status(err), DbName: db, CollectionName: req.GetCollectionName(), Aliases: names}, nil
}
