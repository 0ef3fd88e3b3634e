package service

import (
	"context"
	"math"
	"sort"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/query"
)

// Rankers that fuse hybrid-search results, as Milvus names them.
const (
	RankRRF      = "rrf"
	RankWeighted = "weighted"
)

// HybridSearch runs several ANN searches and fuses their results.
type HybridSearch struct {
	DB, Collection string
	Partitions     []string
	Subs           []Search // each with its own field, vectors, limit, filter, params
	Strategy       string   // RankRRF or RankWeighted
	K              float64  // RRF smoothing, 60 by default
	Weights        []float64
	NormScore      bool
	Limit, Offset  int
	RoundDecimal   int
	OutputFields   []string
	ReadTs         uint64
}

// HybridSearch searches every sub-request at one snapshot and ranks the
// union of their hits with RRF or weighted scores. A done ctx stops it as
// it stops Search.
func (s *Service) HybridSearch(ctx context.Context, req HybridSearch) (*SearchResult, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	if err := checkHybrid(req); err != nil {
		return nil, err
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
	var lists [][][]query.Hit // sub → query → hits
	var metrics []string
	for _, sub := range req.Subs {
		f, metric, err := searchField(col, &sub)
		if err != nil {
			return nil, err
		}
		filter, err := compileFilterIn(col, sub.Filter, sub.Templates, sub.Zone)
		if err != nil {
			return nil, err
		}
		run := &query.Search{FieldID: f.ID, Metric: metric, Queries: sub.Queries, K: sub.Limit, Params: sub.Params, Filter: filter}
		hits, err := run.Run(ctx, searchedViews(snap.Views, sub.IgnoreGrowing))
		if err != nil {
			return nil, readError("hybrid search collection "+col.Name, err)
		}
		lists, metrics = append(lists, hits), append(metrics, metric)
	}
	fused := make([][]query.Hit, len(lists[0]))
	for q := range fused {
		fused[q] = fuse(req, lists, metrics, q)
	}
	search := Search{Limit: req.Limit, Offset: req.Offset, RoundDecimal: req.RoundDecimal}
	res := buildSearchResult(col, plan, fused, search)
	res.ReadTs = ts
	return res, nil
}

func checkHybrid(req HybridSearch) error {
	switch {
	case len(req.Subs) == 0:
		return apierr.Invalid("hybrid search needs at least one search request")
	case req.Limit <= 0 || req.Limit+req.Offset > MaxTopK || req.Offset < 0:
		return apierr.Invalid("topk [%d] is invalid, it should be in range [1, %d], but got %d", req.Limit, MaxTopK, req.Limit+req.Offset)
	case req.Strategy != RankRRF && req.Strategy != RankWeighted:
		return apierr.Invalid("unsupported rank type %s", req.Strategy)
	case req.Strategy == RankWeighted && len(req.Weights) != len(req.Subs):
		return apierr.Invalid("the length of weights param mismatch with ann search requests: invalid parameter[expected=%d][actual=%d]", len(req.Subs), len(req.Weights))
	case req.Strategy == RankRRF && (req.K <= 0 || req.K >= 16384):
		return apierr.Invalid("The rank params k should be in range (0, 16384)")
	}
	for _, w := range req.Weights {
		if req.Strategy == RankWeighted && !(w >= 0 && w <= 1) { // NaN too
			return apierr.Invalid("rank param weight should be in range [0, 1]")
		}
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

// fuse ranks query q's hits from every list; the same row found by several
// searches adds up its scores.
func fuse(req HybridSearch, lists [][][]query.Hit, metrics []string, q int) []query.Hit {
	type key struct {
		view any
		row  int
	}
	scores := map[key]float64{}
	var order []query.Hit // first appearance, so ties rank deterministically
	for i, hits := range lists {
		for rank, h := range hits[q] {
			k := key{h.View, h.Row}
			if _, ok := scores[k]; !ok {
				order = append(order, h)
			}
			if req.Strategy == RankRRF {
				scores[k] += 1 / (req.K + float64(rank+1))
				continue
			}
			v := float64(h.Score)
			if req.NormScore {
				v = normalize(metrics[i], v)
			}
			scores[k] += req.Weights[i] * v
		}
	}
	out := make([]query.Hit, 0, len(order))
	for _, h := range order {
		h.Score = float32(scores[key{h.View, h.Row}])
		out = append(out, h)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if n := req.Limit + req.Offset; len(out) > n {
		out = out[:n]
	}
	return out
}

// normalize maps a metric's score into [0, 1] with larger meaning closer, as
// Milvus's weighted ranker does before weighting.
func normalize(metric string, v float64) float64 {
	switch metric {
	case index.IP:
		return 0.5 + math.Atan(v)/math.Pi
	case index.Cosine:
		return (1 + v) / 2
	case index.BM25:
		return 2 * math.Atan(v) / math.Pi
	default: // distances: L2, HAMMING, JACCARD
		return 1 - 2*math.Atan(v)/math.Pi
	}
}
