package rest

import (
	"encoding/json"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// indexParam is one index of indexes/create or collections/create.
type indexParam struct {
	FieldName  string         `json:"fieldName"`
	IndexName  string         `json:"indexName"`
	MetricType string         `json:"metricType"`
	IndexType  string         `json:"indexType"`
	Params     map[string]any `json:"params"`
}

// request flattens the index into the service's parameter map: index_type,
// metric_type and the build parameters side by side (as CreateIndex's
// extra_params "params" JSON is spread on the gRPC side).
func (ip indexParam) request(db, coll string) service.CreateIndex {
	params := make(map[string]string, len(ip.Params)+2)
	for k, v := range ip.Params {
		params[k] = paramString(v)
	}
	if ip.IndexType != "" {
		params["index_type"] = ip.IndexType
	}
	if ip.MetricType != "" {
		params["metric_type"] = ip.MetricType
	}
	return service.CreateIndex{DB: db, Collection: coll, Field: ip.FieldName, IndexName: ip.IndexName, Params: params,
		UserParams: ip.userParams()}
}

// userParams are the index's parameters as Milvus's REST layer hands them
// on: index_type, metric_type and the build parameters as one JSON object.
func (ip indexParam) userParams() map[string]string {
	user := map[string]string{}
	if ip.IndexType != "" {
		user["index_type"] = ip.IndexType
	} else if t, ok := ip.Params["index_type"]; ok {
		user["index_type"] = paramString(t)
	}
	if ip.MetricType != "" {
		user["metric_type"] = ip.MetricType
	}
	if len(ip.Params) > 0 {
		raw, _ := json.Marshal(ip.Params)
		user["params"] = string(raw)
	}
	return user
}

func createIndex(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string       `json:"dbName"`
		CollectionName string       `json:"collectionName"`
		IndexParams    []indexParam `json:"indexParams"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	if len(req.IndexParams) == 0 {
		return nil, errMissing("indexParams")
	}
	for _, ip := range req.IndexParams {
		if err := required("fieldName", ip.FieldName); err != nil {
			return nil, err
		}
		if err := c.svc.CreateIndex(c.ctx, ip.request(c.db(req.DbName), req.CollectionName)); err != nil {
			return nil, err
		}
	}
	return empty(), nil
}

type indexReq struct {
	DbName         string `json:"dbName"`
	CollectionName string `json:"collectionName"`
	IndexName      string `json:"indexName"`
}

func decodeIndex(c *call) (indexReq, error) {
	var req indexReq
	if err := c.decode(&req); err != nil {
		return req, err
	}
	return req, required("collectionName", req.CollectionName, "indexName", req.IndexName)
}

func listIndexes(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	infos, err := c.svc.DescribeIndex(c.ctx, service.DescribeIndex{DB: c.db(req.DbName), Collection: req.CollectionName})
	if apierr.Code(err) == apierr.CodeIndexNotFound {
		return ok([]string{}), nil
	}
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(infos))
	for _, in := range infos {
		names = append(names, in.Name)
	}
	return ok(names), nil
}

// indexStates are commonpb.IndexState's names.
var indexStates = map[int]string{0: "IndexStateNone", 1: "Unissued", 2: "InProgress", 3: "Finished", 4: "Failed", 5: "Retry"}

func describeIndex(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeIndex(c)
	if err != nil {
		return nil, err
	}
	infos, err := c.svc.DescribeIndex(c.ctx, service.DescribeIndex{DB: c.db(req.DbName), Collection: req.CollectionName, IndexName: req.IndexName})
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(infos))
	for _, in := range infos {
		params := in.Described()
		out = append(out, map[string]any{
			"indexName": in.Name, "fieldName": in.FieldName, "indexType": params["index_type"], "metricType": params["metric_type"],
			"totalRows": in.TotalRows, "pendingRows": in.PendingRows, "indexedRows": in.IndexedRows,
			"indexState": indexStates[in.State], "failReason": in.FailReason, "params": kvList(params),
		})
	}
	return ok(out), nil
}

func dropIndex(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeIndex(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.DropIndex(c.ctx, service.DropIndex{DB: c.db(req.DbName), Collection: req.CollectionName, IndexName: req.IndexName})
}

// alterIndexProperties is indexes/alter_properties.
func alterIndexProperties(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string         `json:"dbName"`
		CollectionName string         `json:"collectionName"`
		IndexName      string         `json:"indexName"`
		Properties     map[string]any `json:"properties"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName, "indexName", req.IndexName); err != nil {
		return nil, err
	}
	set := make(map[string]string, len(req.Properties))
	for k, v := range req.Properties {
		set[k] = paramString(v)
	}
	return empty(), c.svc.AlterIndex(c.ctx, service.AlterIndex{DB: c.db(req.DbName), Collection: req.CollectionName, IndexName: req.IndexName, Set: set})
}

// dropIndexProperties is indexes/drop_properties.
func dropIndexProperties(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string   `json:"dbName"`
		CollectionName string   `json:"collectionName"`
		IndexName      string   `json:"indexName"`
		PropertyKeys   []string `json:"propertyKeys"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName, "indexName", req.IndexName); err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterIndex(c.ctx, service.AlterIndex{DB: c.db(req.DbName), Collection: req.CollectionName, IndexName: req.IndexName, Remove: req.PropertyKeys})
}
