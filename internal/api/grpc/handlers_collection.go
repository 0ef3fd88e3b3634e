package grpc

import (
	"context"
	"strconv"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"
	"google.golang.org/protobuf/proto"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/tso"
)

func (s *Server) CreateCollection(ctx context.Context, req *milvuspb.CreateCollectionRequest) (*commonpb.Status, error) {
	var sch schemapb.CollectionSchema
	if err := proto.Unmarshal(req.GetSchema(), &sch); err != nil {
		return status(apierr.Invalid("failed to unmarshal collection schema: %v", err)), nil
	}
	if sch.GetName() == "" {
		sch.Name = req.GetCollectionName()
	}
	if sch.GetName() != req.GetCollectionName() {
		return status(apierr.Invalid("collection name [%s] not matches schema name [%s]", req.GetCollectionName(), sch.GetName())), nil
	}
	if len(sch.GetFunctions()) > 0 {
		return status(apierr.Unimplemented("collection functions (BM25, embeddings)", kiteVersion)), nil
	}
	if len(sch.GetStructArrayFields()) > 0 { // refused whole, never created without them
		return status(apierr.Unimplemented("struct array fields", kiteVersion)), nil
	}
	err := s.svc.CreateCollection(ctx, service.CreateCollection{
		DB: dbName(ctx, req.GetDbName()), Schema: schemaFromProto(&sch), ShardsNum: req.GetShardsNum(),
		ConsistencyLevel: int32(req.GetConsistencyLevel()), NumPartitions: req.GetNumPartitions(),
		Properties: kvMap(req.GetProperties()),
	})
	return status(err), nil
}

func (s *Server) DropCollection(ctx context.Context, req *milvuspb.DropCollectionRequest) (*commonpb.Status, error) {
	return status(s.svc.DropCollection(ctx, service.DropCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})), nil
}

func (s *Server) HasCollection(ctx context.Context, req *milvuspb.HasCollectionRequest) (*milvuspb.BoolResponse, error) {
	ok, err := s.svc.HasCollection(ctx, service.HasCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	return &milvuspb.BoolResponse{Status: status(err), Value: ok}, nil
}

func (s *Server) DescribeCollection(ctx context.Context, req *milvuspb.DescribeCollectionRequest) (*milvuspb.DescribeCollectionResponse, error) {
	info, err := s.svc.DescribeCollection(ctx, service.DescribeCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	if err != nil {
		return &milvuspb.DescribeCollectionResponse{Status: status(err)}, nil
	}
	d, col, aliases := info.DB, info.Collection, info.Aliases
	ch := "kite-dml_" + strconv.FormatInt(col.ID, 10)
	return &milvuspb.DescribeCollectionResponse{
		Status: status(nil), Schema: schemaToProto(&col.Schema, d.Name, col.SchemaVersion), CollectionID: col.ID,
		VirtualChannelNames: []string{ch + "v0"}, PhysicalChannelNames: []string{ch},
		CreatedTimestamp: col.CreatedTs, CreatedUtcTimestamp: uint64(tso.Physical(col.CreatedTs).UnixMilli()),
		ShardsNum: col.ShardsNum, Aliases: aliases, ConsistencyLevel: commonpb.ConsistencyLevel(col.ConsistencyLevel),
		CollectionName: col.Name, Properties: kvList(col.Properties), DbName: d.Name, NumPartitions: int64(len(col.Partitions)), DbId: d.ID,
		UpdateTimestamp: col.UpdateTs(), UpdateTimestampStr: strconv.FormatUint(col.UpdateTs(), 10),
	}, nil
}

func (s *Server) ShowCollections(ctx context.Context, req *milvuspb.ShowCollectionsRequest) (*milvuspb.ShowCollectionsResponse, error) {
	cols, err := s.svc.ListCollections(ctx, service.ListCollections{DB: dbName(ctx, req.GetDbName())})
	if err != nil {
		return &milvuspb.ShowCollectionsResponse{Status: status(err)}, nil
	}
	want := map[string]bool{}
	for _, n := range req.GetCollectionNames() {
		want[n] = true
	}
	resp := &milvuspb.ShowCollectionsResponse{Status: status(nil)}
	for _, c := range cols {
		if len(want) > 0 && !want[c.Name] {
			continue
		}
		resp.CollectionNames = append(resp.CollectionNames, c.Name)
		resp.CollectionIds = append(resp.CollectionIds, c.ID)
		resp.CreatedTimestamps = append(resp.CreatedTimestamps, c.CreatedTs)
		resp.CreatedUtcTimestamps = append(resp.CreatedUtcTimestamps, uint64(tso.Physical(c.CreatedTs).UnixMilli()))
		pct := int64(0)
		if c.Loaded {
			pct = 100
		}
		resp.InMemoryPercentages = append(resp.InMemoryPercentages, pct)
		resp.QueryServiceAvailable = append(resp.QueryServiceAvailable, c.Loaded)
		resp.ShardsNum = append(resp.ShardsNum, c.ShardsNum)
	}
	return resp, nil
}

func (s *Server) RenameCollection(ctx context.Context, req *milvuspb.RenameCollectionRequest) (*commonpb.Status, error) {
	return status(s.svc.RenameCollection(ctx, service.RenameCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetOldName(), NewDB: req.GetNewDBName(), NewName: req.GetNewName()})), nil
}

func (s *Server) AlterCollection(ctx context.Context, req *milvuspb.AlterCollectionRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterCollection(ctx, service.AlterCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Set: kvMap(req.GetProperties()), Remove: req.GetDeleteKeys()})), nil
}

func (s *Server) GetCollectionStatistics(ctx context.Context, req *milvuspb.GetCollectionStatisticsRequest) (*milvuspb.GetCollectionStatisticsResponse, error) {
	n, err := s.svc.Statistics(ctx, service.Statistics{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	if err != nil {
		return &milvuspb.GetCollectionStatisticsResponse{Status: status(err)}, nil
	}
	return &milvuspb.GetCollectionStatisticsResponse{Status: status(nil), Stats: rowCountStats(n)}, nil
}

func rowCountStats(n int) []*commonpb.KeyValuePair {
	return []*commonpb.KeyValuePair{{Key: "row_count", Value: strconv.Itoa(n)}}
}
