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
	"github.com/kite-db/kite/internal/segment"
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
	RoundDecimal   int     // -1: no rounding
	ReadTs         uint64  // as in Query
	Iterator       bool    // as in Query
	IterV2         *IterV2 // a search iterator v2 page (search_iter.go); needs Iterator
	IgnoreGrowing  bool    // search sealed segments only
	// CollectionID, when not 0, is the collection's ID as the client last
	// saw it (the SDKs' iterators send it); a request that now names
	// another collection (an alias moved) fails.
	CollectionID int64
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
	Iter        *IterV2Result // with IterV2
}

// Search runs a vector search. Once ctx is done it stops, wherever it is
// (waiting for writes, between segments, inside an index), and returns
// ctx.Err() wrapped, never a partial result.
func (s *Service) Search(ctx context.Context, req Search) (*SearchResult, error) {
	p, err := s.planSearch(&req)
	if err != nil {
		return nil, err
	}
	if req.IterV2 != nil {
		return s.iterPage(ctx, p, req)
	}
	snap, ts, err := s.snapshot(ctx, p.col, p.parts, req.ReadTs, req.Iterator)
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	hits, err := p.run.Run(ctx, searchedViews(snap.Views, req.IgnoreGrowing))
	if err != nil {
		return nil, readError("search collection "+p.col.Name, err)
	}
	if hits, err = s.searchPage(ctx, p, hits); err != nil {
		return nil, err
	}
	page := p.req
	page.Offset = 0
	res := buildSearchResult(p.col, p.out, hits, page)
	if p.group != nil {
		res.GroupBy = groupColumn(hits, p.group)
	}
	res.ReadTs = ts
	return res, nil
}

// searchPlan is a checked search, ready to run on a snapshot.
type searchPlan struct {
	req    Search
	col    *catalog.Collection
	parts  []int64
	run    *query.Search
	out    *outputPlan
	group  *schema.Field  // nil without group-by
	ranker *rerank.Ranker // nil without a reranker
	window rerank.Window  // what the ranker returns
	metric string
}

// planSearch checks a request in Milvus's order (filling defaults into
// req): partitions, iterator and vector field, the filter, the boost
// functions, the reranker, output and group-by, and only then whether the
// collection is loaded.
func (s *Service) planSearch(req *Search) (*searchPlan, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	p := &searchPlan{col: col}
	if _, err := readPartitionIDs(col, req.Partitions); err != nil { // Milvus resolves them before the vectors
		return nil, err
	}
	if err := checkIterator(col, req); err != nil {
		return nil, err
	}
	if req.CollectionID != 0 && req.CollectionID != col.ID {
		return nil, apierr.Invalid("collection id:%d in the request is not consistent to that in the search context,"+
			"alias or database may have been changed: %d", req.CollectionID, col.ID)
	}
	f, metric, err := searchField(col, req)
	if err != nil {
		return nil, err
	}
	p.metric = metric
	p.run = &query.Search{FieldID: f.ID, Metric: metric, Queries: req.Queries, K: req.Offset + req.Limit, Params: req.Params}
	if p.run.Filter, err = compileFilterIn(col, req.Filter, req.Templates, req.Zone); err != nil {
		return nil, err
	}
	if p.run.Rescore, err = s.boostRescore(col, req.FunctionScore, req); err != nil {
		return nil, err
	}
	if p.ranker, err = s.searchRanker(col, req.FunctionScore); err != nil {
		return nil, err
	}
	if p.out, err = planOutput(col, req.OutputFields, false); err != nil {
		return nil, err
	}
	if p.group, err = groupField(col, req); err != nil {
		return nil, err
	}
	if p.parts, err = loadedPartitions(col, req.Partitions); err != nil { // after the request's own checks, as in Milvus
		return nil, err
	}
	p.req = *req
	return p, s.planPage(p)
}

// searchedViews are the views a read looks at: with ignoreGrowing only
// the sealed segments' (Milvus's ignore_growing).
func searchedViews(views []*segment.View, ignoreGrowing bool) []*segment.View {
	if !ignoreGrowing {
		return views
	}
	sealed := make([]*segment.View, 0, len(views))
	for _, v := range views {
		if v.Seg != nil && v.Seg.Sealed {
			sealed = append(sealed, v)
		}
	}
	return sealed
}

// planPage sizes the search for group-by and checks the reranker can rank
// its page.
func (s *Service) planPage(p *searchPlan) error {
	p.window = rerank.Window{Limit: p.req.Limit, GroupScorer: p.req.GroupScorer}
	if p.group != nil {
		p.window.GroupSize = p.req.GroupSize
		p.run.K = groupCandidates(p.req.Offset+p.req.Limit, p.req.GroupSize)
	}
	if p.ranker == nil {
		return nil
	}
	return s.rerankError(p.ranker.Check(1, p.req.Queries.Len(), p.window))
}

// searchPage cuts the requested page (of groups, with group-by) from the
// hits and reranks it, as Milvus reranks the page its search returned.
func (s *Service) searchPage(ctx context.Context, p *searchPlan, hits [][]query.Hit) ([][]query.Hit, error) {
	if p.group != nil {
		hits = groupAll(hits, p.group, p.req)
	} else {
		hits = dropOffset(hits, p.req.Offset)
	}
	if p.ranker == nil {
		return hits, nil
	}
	return s.rerankHits(ctx, p.ranker, p.col, [][][]query.Hit{hits}, []string{p.metric}, p.window, p.group)
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
	if err := checkTopK(req.Limit, req.Offset); err != nil {
		return nil, "", err
	}
	var f *schema.Field
	if req.AnnsField == "" {
		vf := col.Schema.VectorFields()
		if len(vf) != 1 {
			return nil, "", apierr.Invalid("multiple anns_fields exist, please specify a anns_field in search_params")
		}
		f = vf[0]
	} else if f = col.Schema.FieldByName(req.AnnsField); f == nil || f.DataType == schema.JSON {
		return nil, "", apierr.Invalid("failed to get field schema by name: fieldName(%s) not found", req.AnnsField)
	} else if !f.DataType.IsVector() {
		return nil, "", apierr.Invalid("failed to create query plan: field (%s) to search is not of vector data type", req.AnnsField)
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
	if err := checkVectorValues(q); err != nil {
		return nil, "", err
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
	if err := index.CheckRange(metric, req.Params); err != nil {
		return nil, "", indexError(err)
	}
	return f, metric, nil
}

// checkTopK checks limit, offset and their sum against Milvus's top-k
// range, in Milvus's order and words.
func checkTopK(limit, offset int) error {
	const msg = "%s [%d] is invalid, it should be in range [1, %d], but got %d"
	switch {
	case limit <= 0 || limit > MaxTopK:
		return apierr.Invalid(msg, "topk", limit, MaxTopK, limit)
	case offset != 0 && (offset < 0 || offset > MaxTopK):
		return apierr.Invalid(msg, "offset", offset, MaxTopK, offset)
	case limit+offset > MaxTopK:
		return apierr.Invalid(msg, "offset+topk", limit+offset, MaxTopK, limit+offset)
	}
	return nil
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
// Float16Vector or BFloat16Vector, refusing what Milvus's conversion of
// fp32 query vectors refuses: magnitudes float16 cannot hold, infinities
// and NaN for bfloat16. (A NaN for float16 converts and is refused by
// checkVectorValues, as Milvus refuses it on insert.)
func HalfVectorBytes(t schema.DataType, vals []float32) ([]byte, error) {
	out := make([]byte, 2*len(vals))
	for i, v := range vals {
		var h uint16
		if t == schema.Float16Vector {
			if math.Abs(float64(v)) > 65504 {
				return nil, apierr.Invalid("value at dimension %d (%v) exceeds float16 range [-65504, 65504]", i, v)
			}
			h = distance.F32ToF16(v)
		} else {
			switch {
			case math.IsInf(float64(v), 0):
				return nil, apierr.Invalid("value at dimension %d is infinity, cannot convert to bfloat16", i)
			case math.IsNaN(float64(v)):
				return nil, apierr.Invalid("value at dimension %d is NaN, cannot convert to bfloat16", i)
			}
			h = distance.F32ToBF16(v)
		}
		out[2*i], out[2*i+1] = byte(h), byte(h>>8)
	}
	return out, nil
}
