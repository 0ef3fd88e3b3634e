package service

import (
	"context"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/rerank"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// HybridSearch runs several ANN searches and fuses their results.
type HybridSearch struct {
	DB, Collection string
	Partitions     []string
	Subs           []Search // each with its own field, vectors, limit, filter, params; their offsets are ignored
	// FunctionScore names the reranker; without one, the rank params
	// Strategy ("rrf", "weighted"; "" is RRF with k 60) and RankParams (its
	// JSON params, "" when absent) do.
	FunctionScore *rerank.FunctionScore
	Strategy      string
	RankParams    string
	Limit, Offset int
	RoundDecimal  int
	OutputFields  []string
	ReadTs        uint64
	// GroupByField groups the fused hits: GroupSize per value, Limit groups,
	// ranked by their hits' GroupScorer ("max", "sum" or "avg").
	GroupByField    string
	GroupSize       int
	StrictGroupSize bool
	GroupScorer     string
}

// HybridSearch searches every sub-request at one snapshot and ranks the
// union of their hits with the request's reranker. A done ctx stops it as
// it stops Search.
func (s *Service) HybridSearch(ctx context.Context, req HybridSearch) (*SearchResult, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	ranker, err := s.hybridRanker(col, req)
	if err != nil {
		return nil, err
	}
	if err := checkHybrid(req); err != nil {
		return nil, err
	}
	group, err := hybridGroup(col, &req)
	if err != nil {
		return nil, err
	}
	w := rerank.Window{Limit: req.Limit, Offset: req.Offset, GroupScorer: req.GroupScorer}
	if group != nil {
		w.GroupSize = req.GroupSize
	}
	if err := ranker.Check(len(req.Subs), req.Subs[0].Queries.Len(), w); err != nil {
		return nil, s.rerankError(err)
	}
	parts, err := loadedPartitions(col, req.Partitions)
	if err != nil {
		return nil, err
	}
	plan, err := planOutput(col, req.OutputFields, false)
	if err != nil {
		return nil, err
	}
	snap, ts, err := s.snapshot(ctx, col, parts, req.ReadTs, false)
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	lists, metrics, err := s.searchSubs(ctx, col, snap.Views, req, group)
	if err != nil {
		return nil, err
	}
	hits, err := s.rerankHits(ctx, ranker, col, lists, metrics, w, group)
	if err != nil {
		return nil, err
	}
	res := buildSearchResult(col, plan, hits, Search{Limit: req.Limit, RoundDecimal: req.RoundDecimal})
	if group != nil {
		res.GroupBy = groupColumn(hits, group)
	}
	res.ReadTs = ts
	return res, nil
}

// searchSubs runs each sub-search, boosted by the request's boost
// functions; with a group-by field each returns up to its limit groups of
// GroupSize hits. Lists are sub → query → hits.
func (s *Service) searchSubs(ctx context.Context, col *catalog.Collection, views []*segment.View, req HybridSearch, group *schema.Field) ([][][]query.Hit, []string, error) {
	var lists [][][]query.Hit
	var metrics []string
	for _, sub := range req.Subs {
		sub.Offset = 0 // Milvus pages the fused result only
		f, metric, err := searchField(col, &sub)
		if err != nil {
			return nil, nil, err
		}
		filter, err := compileFilterIn(col, sub.Filter, sub.Templates, sub.Zone)
		if err != nil {
			return nil, nil, err
		}
		sub.GroupByField = req.GroupByField
		rescore, err := s.boostRescore(col, req.FunctionScore, &sub)
		if err != nil {
			return nil, nil, err
		}
		run := &query.Search{FieldID: f.ID, Metric: metric, Queries: sub.Queries, K: sub.Limit, Params: sub.Params, Filter: filter, Rescore: rescore}
		if group != nil {
			run.K = groupCandidates(sub.Limit, req.GroupSize)
		}
		hits, err := run.Run(ctx, searchedViews(views, sub.IgnoreGrowing))
		if err != nil {
			return nil, nil, readError("hybrid search collection "+col.Name, err)
		}
		if group != nil {
			hits = groupAll(hits, group, Search{Limit: sub.Limit, GroupSize: req.GroupSize})
		}
		lists, metrics = append(lists, hits), append(metrics, metric)
	}
	return lists, metrics, nil
}

func checkHybrid(req HybridSearch) error {
	switch {
	case len(req.Subs) == 0:
		return apierr.Invalid("hybrid search needs at least one search request")
	case req.Offset < 0:
		return apierr.Invalid("invalid max query result window, offset [%d] is invalid, should be gte than 0", req.Offset)
	case req.Limit <= 0:
		return apierr.Invalid("invalid max query result window, limit [%d] is invalid, should be greater than 0", req.Limit)
	case req.Limit+req.Offset > MaxTopK:
		return apierr.Invalid("invalid max query result window, (offset+limit) should be in range [1, %d], but got %d", MaxTopK, req.Limit+req.Offset)
	}
	nq := -1
	for _, sub := range req.Subs {
		if sub.Queries == nil {
			return apierr.Invalid("a hybrid search request has no vectors")
		}
		if nq >= 0 && sub.Queries.Len() != nq {
			return apierr.Invalid("nq of every search request of a hybrid search must be the same")
		}
		nq = sub.Queries.Len()
	}
	return nil
}

// hybridGroup resolves the hybrid search's group-by field (nil without
// one), checked as a search's is.
func hybridGroup(col *catalog.Collection, req *HybridSearch) (*schema.Field, error) {
	s := Search{GroupByField: req.GroupByField, GroupSize: req.GroupSize, Limit: req.Limit}
	f, err := groupField(col, &s)
	req.GroupSize = s.GroupSize
	return f, err
}
