package rest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// hybridReq is entities/hybrid_search: several ANN searches ("search")
// fused by a reranker ("rerank").
type hybridReq struct {
	DbName           string         `json:"dbName"`
	CollectionName   string         `json:"collectionName"`
	PartitionNames   []string       `json:"partitionNames"`
	Search           []subSearchReq `json:"search"`
	Rerank           *rerankReq     `json:"rerank"`
	Limit            int            `json:"limit"`
	Offset           int            `json:"offset"`
	GroupingField    string         `json:"groupingField"`
	OutputFields     []string       `json:"outputFields"`
	ConsistencyLevel string         `json:"consistencyLevel"`
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
	if req.Rerank == nil || req.Rerank.Strategy == "" {
		return nil, errMissing("rerank")
	}
	if req.GroupingField != "" {
		return nil, apierr.Unimplemented("hybrid search with groupingField", h.version)
	}
	db := c.db(req.DbName)
	sch, err := collectionSchema(c, db, req.CollectionName)
	if err != nil {
		return nil, err
	}
	hs := service.HybridSearch{DB: db, Collection: req.CollectionName, Partitions: req.PartitionNames,
		Limit: req.Limit, Offset: req.Offset, OutputFields: req.OutputFields, RoundDecimal: -1}
	if err := rerank(&hs, req.Rerank); err != nil {
		return nil, err
	}
	for i, sub := range req.Search {
		if sub.GroupingField != "" {
			return nil, apierr.Unimplemented("hybrid search with groupingField", h.version)
		}
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

// rerank reads {"strategy": "rrf", "params": {"k": 60}} or
// {"strategy": "weighted", "params": {"weights": [...], "norm_score": true}}.
func rerank(hs *service.HybridSearch, r *rerankReq) error {
	hs.Strategy, hs.K, hs.NormScore = strings.ToLower(r.Strategy), 60, true
	for k, v := range r.Params {
		switch k {
		case "k":
			n, ok := plain(v).(int64)
			f, okf := plain(v).(float64)
			switch {
			case ok:
				hs.K = float64(n)
			case okf:
				hs.K = f
			default:
				return errBadFormat(fmt.Sprintf("error: rerank param k must be a number, got %v", v))
			}
		case "weights":
			ws, ok := v.([]any)
			if !ok {
				return errBadFormat(fmt.Sprintf("error: rerank param weights must be an array of numbers, got %v", v))
			}
			for _, w := range ws {
				switch x := plain(w).(type) {
				case int64:
					hs.Weights = append(hs.Weights, float64(x))
				case float64:
					hs.Weights = append(hs.Weights, x)
				default:
					return errBadFormat(fmt.Sprintf("error: rerank param weights must be an array of numbers, got %v", v))
				}
			}
		case "norm_score":
			b, ok := v.(bool)
			if !ok {
				return errBadFormat(fmt.Sprintf("error: rerank param norm_score must be a boolean, got %v", v))
			}
			hs.NormScore = b
		}
	}
	return nil
}
