package grpc

import (
	"context"

	"github.com/kite-db/kite/internal/service"
	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
)

func (s *Server) GetPersistentSegmentInfo(ctx context.Context, req *milvuspb.GetPersistentSegmentInfoRequest) (*milvuspb.GetPersistentSegmentInfoResponse, error) {
	segs, err := s.svc.ListSegments(ctx, service.ListSegments{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	if err != nil {
		return &milvuspb.GetPersistentSegmentInfoResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.GetPersistentSegmentInfoResponse{Status: status(nil)}
	for _, sg := range segs {
		st := commonpb.SegmentState_Growing
		if sg.Sealed {
			st = commonpb.SegmentState_Flushed
		}
		resp.Infos = append(resp.Infos, &milvuspb.PersistentSegmentInfo{SegmentID: sg.ID, CollectionID: sg.CollectionID,
			PartitionID: sg.PartitionID, NumRows: int64(sg.Rows), State: st, Level: commonpb.SegmentLevel_L1})
	}
	return resp, nil
}

func (s *Server) GetQuerySegmentInfo(ctx context.Context, req *milvuspb.GetQuerySegmentInfoRequest) (*milvuspb.GetQuerySegmentInfoResponse, error) {
	segs, err := s.svc.ListSegments(ctx, service.ListSegments{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName()})
	if err != nil {
		return &milvuspb.GetQuerySegmentInfoResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.GetQuerySegmentInfoResponse{Status: status(nil)}
	for _, sg := range segs {
		st := commonpb.SegmentState_Growing
		if sg.Sealed {
			st = commonpb.SegmentState_Sealed
		}
		resp.Infos = append(resp.Infos, &milvuspb.QuerySegmentInfo{SegmentID: sg.ID, CollectionID: sg.CollectionID,
			PartitionID: sg.PartitionID, NumRows: int64(sg.Rows), MemSize: sg.MemSize, IndexName: sg.IndexName,
			State: st, NodeID: 1, NodeIds: []int64{1}, Level: commonpb.SegmentLevel_L1})
	}
	return resp, nil
}
