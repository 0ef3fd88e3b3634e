package grpc

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"

	"github.com/kite-db/kite/internal/service"
)

func (s *Server) HybridSearch(ctx context.Context, req *milvuspb.HybridSearchRequest) (*milvuspb.SearchResults, error) {
	hs, err := hybridRequest(ctx, req)
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	params := [][]*commonpb.KeyValuePair{req.GetRankParams()}
	for _, sub := range req.GetRequests() {
		params = append(params, sub.GetSearchParams())
	}
	view, err := s.readView(ctx, hs.DB, hs.Collection, params...)
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	for i := range hs.Subs {
		hs.Subs[i].Zone = view.zone
	}
	res, err := s.svc.HybridSearch(ctx, hs)
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	data := searchResultData(res)
	view.apply(data.FieldsData, res.Fields)
	return &milvuspb.SearchResults{Status: status(nil), CollectionName: req.GetCollectionName(), Results: data, SessionTs: res.ReadTs}, nil
}

func hybridRequest(ctx context.Context, req *milvuspb.HybridSearchRequest) (service.HybridSearch, error) {
	p := unquoted(kvMap(req.GetRankParams()))
	hs := service.HybridSearch{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames(),
		OutputFields: req.GetOutputFields(), FunctionScore: functionScore(req.GetFunctionScore()),
		Strategy: strings.ToLower(p["strategy"]), RankParams: p["params"],
		GroupByField: p["group_by_field"], GroupScorer: p["rank_group_scorer"], StrictGroupSize: strings.EqualFold(p["strict_group_size"], "true")}
	var err error
	if hs.Limit, err = intParam(p, "limit", 0); err != nil {
		return hs, err
	}
	if hs.Offset, err = intParam(p, "offset", 0); err != nil {
		return hs, err
	}
	if hs.RoundDecimal, err = intParam(p, "round_decimal", -1); err != nil {
		return hs, err
	}
	if hs.GroupSize, err = intParam(p, "group_size", 1); err != nil {
		return hs, err
	}
	for _, sub := range req.GetRequests() {
		sub.DbName, sub.CollectionName = hs.DB, req.GetCollectionName()
		sr, err := searchRequest(ctx, sub)
		if err != nil {
			return hs, err
		}
		hs.Subs = append(hs.Subs, sr)
	}
	return hs, nil
}

// unquoted decodes values pymilvus sends JSON-encoded ("\"rrf\"", "10");
// the Go SDK sends them bare.
func unquoted(m map[string]string) map[string]string {
	for k, v := range m {
		var s string
		if strings.HasPrefix(v, `"`) && json.Unmarshal([]byte(v), &s) == nil {
			m[k] = s
		}
	}
	return m
}
