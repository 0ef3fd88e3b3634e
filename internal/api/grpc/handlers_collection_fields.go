package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"google.golang.org/protobuf/proto"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

func (s *Server) AddCollectionField(ctx context.Context, req *milvuspb.AddCollectionFieldRequest) (*commonpb.Status, error) {
	var f schemapb.FieldSchema
	if err := proto.Unmarshal(req.GetSchema(), &f); err != nil {
		return status(apierr.Invalid("failed to unmarshal field schema: %v", err)), nil
	}
	return status(s.svc.AddCollectionField(ctx, service.AddField{DB: dbName(ctx, req.GetDbName()),
		Collection: req.GetCollectionName(), Field: fieldFromProto(&f)})), nil
}

func (s *Server) AlterCollectionField(ctx context.Context, req *milvuspb.AlterCollectionFieldRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterCollectionField(ctx, service.AlterField{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(),
		Field: req.GetFieldName(), Set: kvMap(req.GetProperties()), Remove: req.GetDeleteKeys()})), nil
}

func (s *Server) TruncateCollection(ctx context.Context, req *milvuspb.TruncateCollectionRequest) (*milvuspb.TruncateCollectionResponse, error) {
	err := s.svc.TruncateCollection(ctx, service.TruncateCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	return &milvuspb.TruncateCollectionResponse{Status: status(err)}, nil
}
