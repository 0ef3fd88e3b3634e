package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

type searchReq struct {
	DbName           string            `json:"dbName"`
	CollectionName   string            `json:"collectionName"`
	Data             json.RawMessage   `json:"data"`
	AnnsField        string            `json:"annsField"`
	PartitionNames   []string          `json:"partitionNames"`
	Filter           string            `json:"filter"`
	GroupingField    string            `json:"groupingField"`
	GroupSize        int               `json:"groupSize"`
	StrictGroupSize  bool              `json:"strictGroupSize"`
	Limit            int               `json:"limit"`
	Offset           int               `json:"offset"`
	OutputFields     []string          `json:"outputFields"`
	SearchParams     map[string]any    `json:"searchParams"`
	ExprParams       map[string]any    `json:"exprParams"`
	ConsistencyLevel string            `json:"consistencyLevel"`
	FunctionScore    *functionScoreReq `json:"functionScore"`
}

// searchEntities answers with every query's hits back to back, each row
// carrying the output fields, "id" (the primary key) and "distance";
// "topks" says how many hits belong to each query vector.
func searchEntities(h *Handler, c *call) (*envelope, error) {
	req := searchReq{Limit: defaultLimit}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := checkRead(req.CollectionName, req.ConsistencyLevel); err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	sch, err := collectionSchema(c, db, req.CollectionName)
	if err != nil {
		return nil, err
	}
	s, err := annSearch(sch, req.AnnsField, req.Data)
	if err != nil {
		return nil, err
	}
	s.DB, s.Collection, s.Partitions = db, req.CollectionName, req.PartitionNames
	s.Limit, s.Offset, s.Filter, s.Templates = req.Limit, req.Offset, req.Filter, templates(req.ExprParams)
	s.OutputFields, s.RoundDecimal = req.OutputFields, -1
	s.GroupByField, s.GroupSize, s.StrictGroupSize = req.GroupingField, max(req.GroupSize, 1), req.StrictGroupSize
	s.Metric, s.Params = searchParams(req.SearchParams)
	if s.IgnoreGrowing, err = ignoreGrowing(req.SearchParams); err != nil {
		return nil, err
	}
	if s.FunctionScore, err = functionScore(req.FunctionScore); err != nil {
		return nil, err
	}
	res, err := c.svc.Search(c.ctx, s)
	if err != nil {
		return nil, err
	}
	return searchReply(c, db, req.CollectionName, res)
}

// searchReply answers a search: every query's hits back to back, each row
// with its output fields, "id" and "distance", and "topks".
func searchReply(c *call, db, coll string, res *service.SearchResult) (*envelope, error) {
	rows := searchRows(res, c.intNums)
	if err := isoTimestamps(c, db, coll, rows, res.Fields); err != nil {
		return nil, err
	}
	env := okCost(rows)
	env.Topks = res.TopKs
	return env, nil
}

// annSearch starts a search of the named vector field (or the only one)
// with the "data" vectors.
func annSearch(sch *schema.Collection, field string, data json.RawMessage) (service.Search, error) {
	f, err := annsField(sch, field)
	if err != nil {
		return service.Search{}, err
	}
	queries, err := queryVectors(f, data)
	if err != nil {
		return service.Search{}, err
	}
	return service.Search{AnnsField: f.Name, Queries: queries}, nil
}

// annsField picks the vector field searched: the named one, else the only one.
func annsField(sch *schema.Collection, name string) (*schema.Field, error) {
	if name != "" {
		if f := sch.FieldByName(name); f != nil && f.DataType.IsVector() {
			return f, nil
		}
		return nil, errBadFormat("error: cannot find a vector field named: " + name)
	}
	vf := sch.VectorFields()
	if len(vf) != 1 {
		names := make([]string, len(vf))
		for i, f := range vf {
			names[i] = f.Name
		}
		return nil, errBadFormat("error: search without annsField, but already found multiple vector fields: [" + strings.Join(names, ", ") + "]")
	}
	return vf[0], nil
}

// queryVectors reads "data", an array of vectors in the field's JSON form.
func queryVectors(f *schema.Field, data json.RawMessage) (*column.Column, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil, errMissing("data")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, errBadFormat("error: data must be an array of vectors: " + err.Error())
	}
	q := column.New(f.DataType, f.Dim)
	for i, it := range items {
		if err := appendVector(q, f, it); err != nil {
			return nil, errBadFormat(fmt.Sprintf("error: vector %d: %v", i, err))
		}
	}
	return q, nil
}

// ignoreGrowing reads searchParams' ignoreGrowing (or ignore_growing),
// which Milvus passes on as the gRPC search param.
func ignoreGrowing(sp map[string]any) (bool, error) {
	for _, k := range []string{"ignoreGrowing", "ignore_growing"} {
		if v, ok := sp[k]; ok {
			b, err := strconv.ParseBool(fmt.Sprint(v))
			if err != nil {
				return false, apierr.Invalid("parse ignore growing field failed")
			}
			return b, nil
		}
	}
	return false, nil
}

// searchParams reads searchParams: the metric (metricType or metric_type)
// and the index parameters, given under "params" or beside it.
func searchParams(sp map[string]any) (string, map[string]any) {
	params := map[string]any{}
	metric := ""
	for k, v := range sp {
		switch k {
		case "metricType", "metric_type":
			metric = fmt.Sprint(v)
		case "ignoreGrowing", "ignore_growing", "hints":
		case "params":
			if m, ok := v.(map[string]any); ok {
				for pk, pv := range m {
					params[pk] = plain(pv)
				}
			}
		default:
			params[k] = plain(v)
		}
	}
	return strings.ToUpper(metric), params
}

func searchRows(res *service.SearchResult, intNums bool) []map[string]any {
	n := 0
	if res.IDs != nil {
		n = res.IDs.Len()
	}
	rows := outputRows(res.Fields, n, intNums)
	for i, row := range rows {
		row["id"] = cell(res.IDs, i, intNums)
		row["distance"] = finite(float64(res.Scores[i]), true)
	}
	return rows
}
