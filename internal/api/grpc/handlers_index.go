package grpc

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// indexParams flattens CreateIndex's extra_params: the "params" JSON object
// is spread into the map beside index_type and metric_type.
func indexParams(kvs []*commonpb.KeyValuePair) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		if kv.GetKey() != "params" {
			out[kv.GetKey()] = kv.GetValue()
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(kv.GetValue()), &obj); err != nil {
			return nil, apierr.Invalid("index params %q is not a JSON object", kv.GetValue())
		}
		for k, v := range obj {
			out[k] = paramString(v)
		}
	}
	return out, nil
}

func paramString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *Server) CreateIndex(ctx context.Context, req *milvuspb.CreateIndexRequest) (*commonpb.Status, error) {
	params, err := indexParams(req.GetExtraParams())
	if err != nil {
		return status(err), nil
	}
	user := make(map[string]string, len(req.GetExtraParams()))
	for _, kv := range req.GetExtraParams() {
		user[kv.GetKey()] = kv.GetValue()
	}
	return status(s.svc.CreateIndex(ctx, service.CreateIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(),
		Field: req.GetFieldName(), IndexName: req.GetIndexName(), Params: params, UserParams: user})), nil
}

func (s *Server) DescribeIndex(ctx context.Context, req *milvuspb.DescribeIndexRequest) (*milvuspb.DescribeIndexResponse, error) {
	infos, err := s.svc.DescribeIndex(ctx, service.DescribeIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Field: req.GetFieldName(), IndexName: req.GetIndexName()})
	if err != nil {
		return &milvuspb.DescribeIndexResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.DescribeIndexResponse{Status: status(nil)}
	for _, in := range infos {
		resp.IndexDescriptions = append(resp.IndexDescriptions, indexDescription(in))
	}
	return resp, nil
}

func indexDescription(in service.IndexInfo) *milvuspb.IndexDescription {
	return &milvuspb.IndexDescription{IndexName: in.Name, IndexID: in.ID, Params: describedParams(in), FieldName: in.FieldName,
		IndexedRows: in.IndexedRows, TotalRows: in.TotalRows, PendingIndexRows: in.PendingRows, State: commonpb.IndexState(in.State),
		IndexStateFailReason: in.FailReason}
}

// describedParams lists an index's parameters as the client sent them,
// index_type and metric_type first.
func describedParams(in service.IndexInfo) []*commonpb.KeyValuePair {
	params := in.Described()
	keys := slices.Sorted(maps.Keys(params))
	slices.SortStableFunc(keys, func(a, b string) int { return paramRank(a) - paramRank(b) })
	out := make([]*commonpb.KeyValuePair, 0, len(keys))
	for _, k := range keys {
		out = append(out, &commonpb.KeyValuePair{Key: k, Value: params[k]})
	}
	return out
}

func paramRank(key string) int {
	switch key {
	case "index_type":
		return 0
	case "metric_type":
		return 1
	}
	return 2
}

func (s *Server) DropIndex(ctx context.Context, req *milvuspb.DropIndexRequest) (*commonpb.Status, error) {
	return status(s.svc.DropIndex(ctx, service.DropIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Field: req.GetFieldName(), IndexName: req.GetIndexName()})), nil
}

func (s *Server) GetIndexState(ctx context.Context, req *milvuspb.GetIndexStateRequest) (*milvuspb.GetIndexStateResponse, error) {
	infos, err := s.svc.DescribeIndex(ctx, service.DescribeIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Field: req.GetFieldName(), IndexName: req.GetIndexName()})
	if err != nil {
		return &milvuspb.GetIndexStateResponse{Status: status(err)}, nil
	}
	st := commonpb.IndexState_Finished
	for _, in := range infos {
		if in.State != service.IndexStateFinished {
			st = commonpb.IndexState(in.State)
		}
	}
	return &milvuspb.GetIndexStateResponse{Status: status(nil), State: st}, nil
}

func (s *Server) GetIndexBuildProgress(ctx context.Context, req *milvuspb.GetIndexBuildProgressRequest) (*milvuspb.GetIndexBuildProgressResponse, error) {
	infos, err := s.svc.DescribeIndex(ctx, service.DescribeIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Field: req.GetFieldName(), IndexName: req.GetIndexName()})
	if err != nil {
		return &milvuspb.GetIndexBuildProgressResponse{Status: status(err)}, nil
	}
	resp := &milvuspb.GetIndexBuildProgressResponse{Status: status(nil)}
	for _, in := range infos {
		resp.IndexedRows += in.IndexedRows
		resp.TotalRows += in.TotalRows
	}
	return resp, nil
}

func (s *Server) AlterIndex(ctx context.Context, req *milvuspb.AlterIndexRequest) (*commonpb.Status, error) {
	return status(s.svc.AlterIndex(ctx, service.AlterIndex{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(),
		IndexName: req.GetIndexName(), Set: kvMap(req.GetExtraParams()), Remove: req.GetDeleteKeys()})), nil
}
