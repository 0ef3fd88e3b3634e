package grpc

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/milvus-io/milvus-proto/go-api/v2/milvuspb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

func (s *Server) Search(ctx context.Context, req *milvuspb.SearchRequest) (*milvuspb.SearchResults, error) {
	if len(req.GetSubReqs()) > 0 {
		return &milvuspb.SearchResults{Status: notSupported("hybrid search")}, nil
	}
	sr, err := searchRequest(ctx, req)
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	view, err := s.readView(ctx, sr.DB, sr.Collection, req.GetSearchParams())
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	sr.Zone = view.zone
	res, err := s.svc.Search(ctx, sr)
	if err != nil {
		return &milvuspb.SearchResults{Status: status(err)}, nil
	}
	data := searchResultData(res)
	data.SearchIteratorV2Results = iterV2Results(res)
	view.apply(data.FieldsData, res.Fields)
	return &milvuspb.SearchResults{Status: status(nil), CollectionName: req.GetCollectionName(), Results: data, SessionTs: res.ReadTs}, nil
}

func searchRequest(ctx context.Context, req *milvuspb.SearchRequest) (service.Search, error) {
	p := kvMap(req.GetSearchParams())
	sr := service.Search{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames(),
		AnnsField: p["anns_field"], Metric: p["metric_type"], Filter: req.GetDsl(), OutputFields: req.GetOutputFields(), RoundDecimal: -1}
	var err error
	if sr.Templates, err = templateValues(req.GetExprTemplateValues()); err != nil {
		return sr, err
	}
	if sr.Limit, err = intParam(p, "topk", 0); err != nil {
		return sr, err
	}
	if sr.Offset, err = intParam(p, "offset", 0); err != nil {
		return sr, err
	}
	if sr.RoundDecimal, err = intParam(p, "round_decimal", -1); err != nil {
		return sr, err
	}
	sr.GroupByField = p["group_by_field"]
	if sr.GroupSize, err = intParam(p, "group_size", 1); err != nil {
		return sr, err
	}
	sr.StrictGroupSize = strings.EqualFold(p["strict_group_size"], "true")
	sr.GroupScorer = p["rank_group_scorer"]
	sr.FunctionScore = functionScore(req.GetFunctionScore())
	if raw := p["params"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &sr.Params); err != nil {
			return sr, apierr.Invalid("search params %q is not a JSON object", raw)
		}
	}
	if sr.Params == nil {
		sr.Params = map[string]any{}
	}
	for _, k := range []string{"radius", "range_filter", "ef", "nprobe"} {
		if v, ok := p[k]; ok {
			sr.Params[k] = v
		}
	}
	if sr.Iterator = isIterator(p); sr.Iterator {
		sr.ReadTs = req.GetGuaranteeTimestamp()
	}
	if err := readParams(p, &sr); err != nil {
		return sr, err
	}
	sr.Queries, err = placeholders(req.GetPlaceholderGroup())
	return sr, err
}

func intParam(p map[string]string, key string, def int) (int, error) {
	raw, ok := p[key]
	if !ok || raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, apierr.Invalid("%s [%s] is invalid, it should be an integer", key, raw)
	}
	return n, nil
}

// placeholders decodes the query vectors of a search.
func placeholders(raw []byte) (*column.Column, error) {
	g, err := decodePlaceholderGroup(raw)
	if err != nil {
		return nil, apierr.Invalid("failed to unmarshal placeholder group: %v", err)
	}
	if len(g) != 1 {
		return nil, apierr.Invalid("the number of placeholders must be 1, got %d", len(g))
	}
	vals := g[0].values
	t := schema.DataType(g[0].typ)
	c := column.New(t, 0)
	switch t {
	case schema.FloatVector:
		total := 0
		for _, v := range vals {
			if len(v)%4 != 0 || len(v) == 0 {
				return nil, apierr.Invalid("invalid float vector placeholder of %d bytes", len(v))
			}
			c.Dim = len(v) / 4
			total += c.Dim
		}
		c.FloatVecs = make([]float32, 0, total) // one allocation, decoded in place
		for _, v := range vals {
			c.FloatVecs = appendFloats(c.FloatVecs, v)
		}
	case schema.BinaryVector, schema.Float16Vector, schema.BFloat16Vector, schema.Int8Vector:
		for _, v := range vals {
			c.Dim = len(v) * 8 / max(1, schema.VectorRowBytes(t, 8))
			c.VecBytes = append(c.VecBytes, v...)
		}
	case schema.SparseFloatVector:
		c.Bytes = vals
	default:
		return nil, apierr.Unimplemented("search by "+t.String()+" placeholders", kiteVersion)
	}
	if t.IsDenseVector() && c.Len() != len(vals) {
		return nil, apierr.Invalid("query vectors of a search must all have the same dimension")
	}
	return c, nil
}

func searchResultData(res *service.SearchResult) *schemapb.SearchResultData {
	d := &schemapb.SearchResultData{NumQueries: int64(res.NQ), Scores: res.Scores, Ids: idsFromColumn(res.IDs),
		Topks: res.TopKs, OutputFields: res.OutputNames, PrimaryFieldName: res.PKField.Name}
	if d.Scores == nil {
		d.Scores = []float32{}
	}
	for _, k := range res.TopKs {
		d.TopK = max(d.TopK, k)
	}
	for _, oc := range res.Fields {
		d.FieldsData = append(d.FieldsData, fieldDataFromColumn(oc.Field, oc.Col))
	}
	if g := res.GroupBy; g != nil {
		d.GroupByFieldValue = fieldDataFromColumn(g.Field, g.Col)
	}
	return d
}

func (s *Server) Query(ctx context.Context, req *milvuspb.QueryRequest) (*milvuspb.QueryResults, error) {
	p := kvMap(req.GetQueryParams())
	q := service.Query{DB: dbName(ctx, req.GetDbName()), Collection: req.GetCollectionName(), Partitions: req.GetPartitionNames(),
		Filter: req.GetExpr(), OutputFields: req.GetOutputFields()}
	var err error
	if q.Templates, err = templateValues(req.GetExprTemplateValues()); err == nil {
		if q.Limit, err = intParam(p, "limit", 0); err == nil {
			q.Offset, err = intParam(p, "offset", 0)
		}
	}
	if err != nil {
		return &milvuspb.QueryResults{Status: status(err)}, nil
	}
	if q.Iterator = isIterator(p); q.Iterator {
		q.ReadTs = req.GetGuaranteeTimestamp()
	}
	if q.IgnoreGrowing, err = ignoreGrowing(p); err != nil {
		return &milvuspb.QueryResults{Status: status(err)}, nil
	}
	view, err := s.readView(ctx, q.DB, q.Collection, req.GetQueryParams())
	if err != nil {
		return &milvuspb.QueryResults{Status: status(err)}, nil
	}
	q.Zone = view.zone
	res, err := s.svc.Query(ctx, q)
	if err != nil {
		return &milvuspb.QueryResults{Status: status(err)}, nil
	}
	out := &milvuspb.QueryResults{Status: status(nil), CollectionName: req.GetCollectionName(), OutputFields: res.OutputNames, SessionTs: res.ReadTs}
	if res.IsCount {
		out.FieldsData = []*schemapb.FieldData{{Type: schemapb.DataType_Int64, FieldName: "count(*)",
			Field: &schemapb.FieldData_Scalars{Scalars: &schemapb.ScalarField{Data: &schemapb.ScalarField_LongData{LongData: &schemapb.LongArray{Data: []int64{res.Count}}}}}}}
		out.OutputFields = []string{"count(*)"}
		return out, nil
	}
	for _, oc := range res.Fields {
		out.FieldsData = append(out.FieldsData, fieldDataFromColumn(oc.Field, oc.Col))
		if oc.Field.IsPrimaryKey {
			out.PrimaryFieldName = oc.Field.Name
		}
	}
	view.apply(out.FieldsData, res.Fields)
	return out, nil
}

// isIterator tells iterator pages, which pin guarantee_timestamp to the
// session_ts of their first page so that every page reads one snapshot.
func isIterator(p map[string]string) bool { return strings.EqualFold(p["iterator"], "true") }
