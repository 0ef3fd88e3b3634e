package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"

	"github.com/kite-db/kite/internal/service"
	"github.com/kite-db/kite/internal/tso"
)

func (s *Server) CreatePartition(ctx context.Context, req *milvuspb.CreatePartitionRequest) (*commonpb.Status, error) {
	return status(s.svc.CreatePartition(ctx, service.CreatePartition{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partition: req.GetPartitionName()})), nil
}

func (s *Server) DropPartition(ctx context.Context, req *milvuspb.DropPartitionRequest) (*commonpb.Status, error) {
	return status(s.svc.DropPartition(ctx, service.DropPartition{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partition: req.GetPartitionName()})), nil
}

func (s *Server) HasPartition(ctx context.Context, req *milvuspb.HasPartitionRequest) (*milvuspb.BoolResponse, error) {
	ok, err := s.svc.HasPartition(ctx, service.HasPartition{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partition: req.GetPartitionName()})
	return &milvuspb.BoolResponse{Status: status(err), Value: ok}, nil
}

func (s *Server) ShowPartitions(ctx context.Context, req *milvuspb.ShowPartitionsRequest) (*milvuspb.ShowPartitionsResponse, error) {
	parts, err := s.svc.ListPartitions(ctx, service.ListPartitions{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	if err != nil {
		return &milvuspb.ShowPartitionsResponse{Status: status(err)}, nil
	}
	want := map[string]bool{}
	for _, n := range req.GetPartitionNames() {
		want[n] = true
	}
	resp := &milvuspb.ShowPartitionsResponse{Status: status(nil)}
	for _, p := range parts {
		if len(want) > 0 && !want[p.Name] {
			continue
		}
		pct := int64(0)
		if p.Loaded {
			pct = 100
		}
		resp.PartitionNames = append(resp.PartitionNames, p.Name)
		resp.PartitionIDs = append(resp.PartitionIDs, p.ID)
		resp.CreatedTimestamps = append(resp.CreatedTimestamps, p.CreatedTs)
		resp.CreatedUtcTimestamps = append(resp.CreatedUtcTimestamps, uint64(tso.Physical(p.CreatedTs).UnixMilli()))
		resp.InMemoryPercentages = append(resp.InMemoryPercentages, pct)
	}
	return resp, nil
}

func (s *Server) GetPartitionStatistics(ctx context.Context, req *milvuspb.GetPartitionStatisticsRequest) (*milvuspb.GetPartitionStatisticsResponse, error) {
	n, err := s.svc.Statistics(ctx, service.Statistics{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: []string{req.GetPartitionName()}})
	if err != nil {
		return &milvuspb.GetPartitionStatisticsResponse{Status: status(err)}, nil
	}
	return &milvuspb.GetPartitionStatisticsResponse{Status: status(nil), Stats: rowCountStats(n)}, nil
}

func (s *Server) LoadPartitions(ctx context.Context, req *milvuspb.LoadPartitionsRequest) (*commonpb.Status, error) {
	return status(s.svc.LoadCollection(ctx, service.LoadCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames()})), nil
}

func (s *Server) ReleasePartitions(ctx context.Context, req *milvuspb.ReleasePartitionsRequest) (*commonpb.Status, error) {
	return status(s.svc.ReleaseCollection(ctx, service.ReleaseCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames()})), nil
}

func (s *Server) LoadCollection(ctx context.Context, req *milvuspb.LoadCollectionRequest) (*commonpb.Status, error) {
	return status(s.svc.LoadCollection(ctx, service.LoadCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})), nil
}

func (s *Server) ReleaseCollection(ctx context.Context, req *milvuspb.ReleaseCollectionRequest) (*commonpb.Status, error) {
	return status(s.svc.ReleaseCollection(ctx, service.ReleaseCollection{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})), nil
}

func (s *Server) GetLoadState(ctx context.Context, req *milvuspb.GetLoadStateRequest) (*milvuspb.GetLoadStateResponse, error) {
	st, err := s.svc.LoadState(ctx, service.LoadState{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames()})
	return &milvuspb.GetLoadStateResponse{Status: status(err), State: commonpb.LoadState(st)}, nil
}

func (s *Server) GetLoadingProgress(ctx context.Context, req *milvuspb.GetLoadingProgressRequest) (*milvuspb.GetLoadingProgressResponse, error) {
	st, err := s.svc.LoadState(ctx, service.LoadState{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames()})
	if err != nil {
		return &milvuspb.GetLoadingProgressResponse{Status: status(err)}, nil
	}
	p := int64(0)
	if st == 3 {
		p = 100
	}
	return &milvuspb.GetLoadingProgressResponse{Status: status(nil), Progress: p, RefreshProgress: p}, nil
}
