package rest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kite-db/kite/internal/service"
)

// hybridReq is entities/hybrid_search: several ANN searches ("search")
// fused by a reranker ("rerank").
type hybridReq struct {
	DbName           string            `json:"dbName"`
	CollectionName   string            `json:"collectionName"`
	PartitionNames   []string          `json:"partitionNames"`
	Search           []subSearchReq    `json:"search"`
	Rerank           *rerankReq        `json:"rerank"`
	FunctionScore    *functionScoreReq `json:"functionScore"`
	Limit            int               `json:"limit"`
	Offset           int               `json:"offset"`
	GroupingField    string            `json:"groupingField"`
	GroupSize        int               `json:"groupSize"`
	StrictGroupSize  bool              `json:"strictGroupSize"`
	OutputFields     []string          `json:"outputFields"`
	ConsistencyLevel string            `json:"consistencyLevel"`
}

type subSearchReq struct {
	Data          json.RawMessage `json:"data"`
	AnnsField     string          `json:"annsField"`
	Filter        string          `json:"filter"`
	GroupingField string          `json:"groupingField"`
	MetricType    string          `json:"metricType"`
	Limit         int             `json:"limit"`
	Offset        int             `json:"offset"`
	IgnoreGrowing bool            `json:"ignoreGrowing"`
	Params        map[string]any  `json:"params"`
	ExprParams    map[string]any  `json:"exprParams"`
}

type rerankReq struct {
	Strategy string         `json:"strategy"`
	Params   map[string]any `json:"params"`
}

// hybridSearch answers like entities/search: every query's fused hits back
// to back with "topks".
func hybridSearch(h *Handler, c *call) (*envelope, error) {
	req := hybridReq{Limit: defaultLimit}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := checkRead(req.CollectionName, req.ConsistencyLevel); err != nil {
		return nil, err
	}
	if len(req.Search) == 0 {
		return nil, errMissing("search")
	}
	fs, err := functionScore(req.FunctionScore)
	if err != nil {
		return nil, err
	}
	if fs == nil && (req.Rerank == nil || req.Rerank.Strategy == "") {
		return nil, errMissing("rerank")
	}
	db := c.db(req.DbName)
	sch, err := collectionSchema(c, db, req.CollectionName)
	if err != nil {
		return nil, err
	}
	hs := service.HybridSearch{DB: db, Collection: req.CollectionName, Partitions: req.PartitionNames,
		Limit: req.Limit, Offset: req.Offset, OutputFields: req.OutputFields, RoundDecimal: -1, FunctionScore: fs,
		GroupByField: req.GroupingField, GroupSize: max(req.GroupSize, 1), StrictGroupSize: req.StrictGroupSize}
	if fs == nil {
		params, _ := json.Marshal(req.Rerank.Params) // leave the checks to the reranker, as Milvus does
		hs.Strategy, hs.RankParams = strings.ToLower(req.Rerank.Strategy), string(params)
	}
	for i, sub := range req.Search {
		s, err := annSearch(sch, sub.AnnsField, sub.Data)
		if err != nil {
			return nil, err
		}
		if s.Queries.Len() == 0 {
			return nil, errBadFormat(fmt.Sprintf("error: search[%d] has no vectors", i))
		}
		s.Limit, s.Offset, s.Filter, s.Templates = sub.Limit, sub.Offset, sub.Filter, templates(sub.ExprParams)
		if s.Limit == 0 {
			s.Limit = req.Limit
		}
		s.Metric, s.Params = searchParams(sub.Params)
		if sub.MetricType != "" {
			s.Metric = strings.ToUpper(sub.MetricType)
		}
		hs.Subs = append(hs.Subs, s)
	}
	res, err := c.svc.HybridSearch(c.ctx, hs)
	if err != nil {
		return nil, err
	}
	return searchReply(c, db, req.CollectionName, res)
}
