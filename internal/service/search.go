package service

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/rerank"
	"github.com/kite-db/kite/internal/schema"
)

// Search is a vector search request.
type Search struct {
	DB, Collection string
	Partitions     []string
	AnnsField      string
	Queries        *column.Column
	Limit, Offset  int
	Metric         string
	Params         map[string]any
	Filter         string
	Templates      map[string]any
	OutputFields   []string
	RoundDecimal   int    // -1: no rounding
	ReadTs         uint64 // as in Query
	Iterator       bool   // as in Query
	// GroupByField returns at most GroupSize hits per distinct value of a
	// scalar field, for Limit groups (Offset skips groups).
	GroupByField    string
	GroupSize       int
	StrictGroupSize bool
	// GroupScorer ranks reranked groups by their hits' "max" (default),
	// "sum" or "avg" score.
	GroupScorer string
	Zone        *time.Location // as in Query
	// FunctionScore reranks the hits (the window Offset and Limit select)
	// with a reranker function; nil: none.
	FunctionScore *rerank.FunctionScore
}

// SearchResult holds every query's hits back to back: query i has TopKs[i]
// hits, in IDs, Scores and each output column.
type SearchResult struct {
	NQ      int
	TopKs   []int64
	IDs     *column.Column
	Scores  []float32
	Fields  []OutputColumn
	PKField *schema.Field
	// OutputNames are the output fields with "*" expanded; clients use
	// them to tell dynamic keys from fields.
	OutputNames []string
	ReadTs      uint64        // the snapshot the search read
	GroupBy     *OutputColumn // each hit's group value, with GroupByField
}

// Search runs a vector search. Once ctx is done it stops, wherever it is
// (waiting for writes, between segments, inside an index), and returns
// ctx.Err() wrapped, never a partial result.
func (s *Service) Search(ctx context.Context, req Search) (*SearchResult, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	parts, err := loadedPartitions(col, req.Partitions)
	if err != nil {
		return nil, err
	}
	f, metric, err := searchField(col, &req)
	if err != nil {
		return nil, err
	}
	filter, err := compileFilterIn(col, req.Filter, req.Templates, req.Zone)
	if err != nil {
		return nil, err
	}
	rescore, err := s.boostRescore(col, req.FunctionScore, &req)
	if err != nil {
		return nil, err
	}
	ranker, err := s.searchRanker(col, req.FunctionScore)
	if err != nil {
		return nil, err
	}
	plan, err := planOutput(col, req.OutputFields, false)
	if err != nil {
		return nil, err
	}
	group, err := groupField(col, &req)
	if err != nil {
		return nil, err
	}
	w := rerank.Window{Limit: req.Limit, GroupScorer: req.GroupScorer}
	if group != nil {
		w.GroupSize = req.GroupSize
	}
	if ranker != nil {
		if err := ranker.Check(1, req.Queries.Len(), w); err != nil {
			return nil, s.rerankError(err)
		}
	}
	snap, ts, err := s.snapshot(ctx, col, parts, req.ReadTs, req.Iterator)
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	run := &query.Search{FieldID: f.ID, Metric: metric, Queries: req.Queries, K: req.Offset + req.Limit, Params: req.Params, Filter: filter, Rescore: rescore}
	if group != nil {
		run.K = groupCandidates(req.Offset+req.Limit, req.GroupSize)
	}
	hits, err := run.Run(ctx, snap.Views)
	if err != nil {
		return nil, readError("search collection "+col.Name, err)
	}
	if group != nil {
		hits = groupAll(hits, group, req)
	} else {
		hits = dropOffset(hits, req.Offset)
	}
	if ranker != nil {
		// Milvus reranks the page the search returned.
		if hits, err = s.rerankHits(ctx, ranker, col, [][][]query.Hit{hits}, []string{metric}, w, group); err != nil {
			return nil, err
		}
	}
	page := req
	page.Offset = 0
	res := buildSearchResult(col, plan, hits, page)
	if group != nil {
		res.GroupBy = groupColumn(hits, group)
	}
	res.ReadTs = ts
	return res, nil
}

// dropOffset removes each query's first offset hits.
func dropOffset(hits [][]query.Hit, offset int) [][]query.Hit {
	if offset == 0 {
		return hits
	}
	for q, qh := range hits {
		hits[q] = qh[min(offset, len(qh)):]
	}
	return hits
}

// readError is what a read's failure becomes for the client. A read its
// context stopped keeps that cause, named by what stopped (apierr answers
// it with Milvus's timeout or canceled code); others go through
// searchError.
func readError(what string, err error) error {
	if apierr.Stopped(err) {
		return fmt.Errorf("%s: %w", what, err)
	}
	return searchError(err)
}

func searchError(err error) error {
	var ae *apierr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, index.ErrInvalidParameter) || errors.Is(err, index.ErrUnsupported) {
		return indexError(err)
	}
	return apierr.Internal(err)
}

// searchField resolves anns_field and the metric, and checks the request.
func searchField(col *catalog.Collection, req *Search) (*schema.Field, string, error) {
	if req.Limit <= 0 || req.Limit+req.Offset > MaxTopK || req.Offset < 0 {
		return nil, "", apierr.Invalid("topk [%d] is invalid, it should be in range [1, %d], but got %d", req.Limit, MaxTopK, req.Limit+req.Offset)
	}
	var f *schema.Field
	if req.AnnsField == "" {
		vf := col.Schema.VectorFields()
		if len(vf) != 1 {
			return nil, "", apierr.Invalid("multiple anns_fields exist, please specify a anns_field in search_params")
		}
		f = vf[0]
	} else if f = col.Schema.FieldByName(req.AnnsField); f == nil || !f.DataType.IsVector() {
		return nil, "", apierr.Invalid("failed to get field schema by name: fieldName(%s) not found", req.AnnsField)
	}
	q := req.Queries
	if q != nil && q.Type == schema.FloatVector && (f.DataType == schema.Float16Vector || f.DataType == schema.BFloat16Vector) {
		// Milvus 2.6 converts fp32 query vectors for half-precision fields.
		b, err := HalfVectorBytes(f.DataType, q.FloatVecs)
		if err != nil {
			return nil, "", err
		}
		q = &column.Column{Type: f.DataType, Dim: q.Dim, VecBytes: b}
		req.Queries = q
	}
	switch {
	case q == nil || q.Len() == 0:
		return nil, "", apierr.Invalid("nq [0] is invalid, nq (number of search vector per search request) should be in range [1, %d]", MaxNQ)
	case q.Len() > MaxNQ:
		return nil, "", apierr.Invalid("nq [%d] is invalid, nq (number of search vector per search request) should be in range [1, %d]", q.Len(), MaxNQ)
	case q.Type != f.DataType:
		return nil, "", apierr.Invalid("vector type must be the same, field %s - type %s, search info type %s", f.Name, f.DataType, q.Type)
	case f.DataType.IsDenseVector() && q.Dim != f.Dim:
		return nil, "", apierr.Invalid("vector dimension mismatch, expected vector size(byte) %d, actual %d.",
			schema.VectorRowBytes(f.DataType, f.Dim), schema.VectorRowBytes(f.DataType, q.Dim))
	}
	ix := col.IndexByField(f.ID)
	metric := req.Metric
	if ix != nil && metric != "" && metric != ix.Metric {
		return nil, "", apierr.InvalidExpected(ix.Metric, metric, "metric type not match")
	}
	if metric == "" && ix != nil {
		metric = ix.Metric
	}
	if metric == "" {
		metric = index.DefaultMetric(f.DataType)
	}
	return f, metric, nil
}

func buildSearchResult(col *catalog.Collection, plan *outputPlan, hits [][]query.Hit, req Search) *SearchResult {
	pk := col.Schema.PrimaryKey()
	res := &SearchResult{NQ: len(hits), PKField: pk, OutputNames: plan.names, TopKs: make([]int64, 0, len(hits))}
	total := 0
	for _, qh := range hits {
		total += max(0, len(qh)-req.Offset)
	}
	refs := make([]query.Ref, 0, total)
	res.Scores = make([]float32, 0, total)
	for _, qh := range hits {
		if len(qh) > req.Offset {
			qh = qh[req.Offset:]
		} else {
			qh = nil
		}
		res.TopKs = append(res.TopKs, int64(len(qh)))
		for _, h := range qh {
			refs = append(refs, query.Ref{View: h.View, Row: h.Row})
			res.Scores = append(res.Scores, round(h.Score, req.RoundDecimal))
		}
	}
	res.IDs = query.Gather(refs, pk.ID, column.New(pk.DataType, 0))
	res.Fields = plan.gather(refs)
	return res
}

func round(v float32, decimals int) float32 {
	if decimals < 0 {
		return v
	}
	p := math.Pow(10, float64(decimals))
	return float32(math.Round(float64(v)*p) / p)
}

// HalfVectorBytes converts fp32 vector values to the little-endian bytes of a
// Float16Vector or BFloat16Vector, refusing values float16 cannot hold.
func HalfVectorBytes(t schema.DataType, vals []float32) ([]byte, error) {
	out := make([]byte, 2*len(vals))
	for i, v := range vals {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, apierr.Invalid("the %dth value (%v) of a %s is not a finite number", i, v, t)
		}
		var h uint16
		if t == schema.Float16Vector {
			if v > 65504 || v < -65504 {
				return nil, apierr.Invalid("the %dth value (%v) is out of the float16 range [-65504, 65504]", i, v)
			}
			h = distance.F32ToF16(v)
		} else {
			h = distance.F32ToBF16(v)
		}
		out[2*i], out[2*i+1] = byte(h), byte(h>>8)
	}
	return out, nil
}
