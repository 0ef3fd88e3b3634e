package grpc

import (
	"context"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// ManualCompaction queues a compaction of the collection (by name, or by
// ID as older clients send it). Kite has no clustering or L0 compaction;
// asking for those compacts segments the same way.
func (s *Server) ManualCompaction(ctx context.Context, req *milvuspb.ManualCompactionRequest) (*milvuspb.ManualCompactionResponse, error) {
	if req.GetCollectionName() == "" && req.GetCollectionID() == 0 {
		return &milvuspb.ManualCompactionResponse{Status: status(apierr.Invalid("collection name should not be empty"))}, nil
	}
	id, err := s.svc.ManualCompaction(ctx, service.ManualCompaction{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), CollectionID: req.GetCollectionID()})
	if err != nil {
		return &milvuspb.ManualCompactionResponse{Status: status(err)}, nil
	}
	return &milvuspb.ManualCompactionResponse{Status: status(nil), CompactionID: id}, nil
}

func (s *Server) GetCompactionState(ctx context.Context, req *milvuspb.GetCompactionStateRequest) (*milvuspb.GetCompactionStateResponse, error) {
	job, err := s.svc.GetCompactionState(ctx, service.GetCompactionState{ID: req.GetCompactionID()})
	if err != nil {
		return &milvuspb.GetCompactionStateResponse{Status: status(err)}, nil
	}
	executing, completed, failed := job.Counts()
	return &milvuspb.GetCompactionStateResponse{Status: status(nil), State: compactionState(job.State),
		ExecutingPlanNo: int64(executing), CompletedPlanNo: int64(completed), FailedPlanNo: int64(failed)}, nil
}

func (s *Server) GetCompactionStateWithPlans(ctx context.Context, req *milvuspb.GetCompactionPlansRequest) (*milvuspb.GetCompactionPlansResponse, error) {
	job, err := s.svc.GetCompactionState(ctx, service.GetCompactionState{ID: req.GetCompactionID()})
	if err != nil {
		return &milvuspb.GetCompactionPlansResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.GetCompactionPlansResponse{Status: status(nil), State: compactionState(job.State)}
	for _, p := range job.Plans {
		resp.MergeInfos = append(resp.MergeInfos, &milvuspb.CompactionMergeInfo{Sources: p.Sources, Target: p.Target})
	}
	return resp, nil
}

func compactionState(st service.CompactionState) commonpb.CompactionState {
	switch st {
	case service.CompactionExecuting:
		return commonpb.CompactionState_Executing
	case service.CompactionCompleted:
		return commonpb.CompactionState_Completed
	}
	return commonpb.CompactionState_UndefiedState
}
