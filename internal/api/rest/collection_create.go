package rest

import (
	"fmt"
	"strconv"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// createCollectionReq is collections/create: quick setup (dimension and
// friends) when schema.fields is empty, otherwise a full schema.
type createCollectionReq struct {
	DbName           string         `json:"dbName"`
	CollectionName   string         `json:"collectionName"`
	Dimension        int            `json:"dimension"`
	IDType           string         `json:"idType"`
	AutoID           bool           `json:"autoID"`
	MetricType       string         `json:"metricType"`
	PrimaryFieldName string         `json:"primaryFieldName"`
	VectorFieldName  string         `json:"vectorFieldName"`
	Schema           schemaReq      `json:"schema"`
	IndexParams      []indexParam   `json:"indexParams"`
	Params           map[string]any `json:"params"`
	Description      string         `json:"description"`
}

type schemaReq struct {
	Fields             []fieldReq `json:"fields"`
	Functions          []any      `json:"functions"`
	AutoID             bool       `json:"autoID"`
	EnableDynamicField bool       `json:"enableDynamicField"`
}

// Quick-setup defaults, as in Milvus.
const (
	defaultMetric      = "COSINE"
	defaultPrimaryName = "id"
	defaultVectorName  = "vector"
	// partitionKeyPartitions is what Milvus's REST layer asks for when a
	// schema has a partition key and params.partitionsNum is absent.
	partitionKeyPartitions = 64
)

func createCollection(h *Handler, c *call) (*envelope, error) {
	var req createCollectionReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	quick := len(req.Schema.Fields) == 0
	if !quick && len(req.Schema.Functions) > 0 {
		return nil, apierr.Unimplemented("collection functions (BM25, embeddings)", h.version)
	}
	cc, err := createRequest(db, &req, quick)
	if err != nil {
		return nil, err
	}
	if err := c.svc.CreateCollection(c.ctx, cc); err != nil {
		return nil, err
	}
	indexes := req.IndexParams
	if quick {
		metric := req.MetricType
		if metric == "" {
			metric = defaultMetric
		}
		indexes = []indexParam{{FieldName: req.VectorFieldName, IndexName: req.VectorFieldName, MetricType: metric}}
	}
	if len(indexes) == 0 {
		return empty(), nil
	}
	for _, ip := range indexes {
		if cc.Schema.FieldByName(ip.FieldName) == nil {
			return nil, &apierr.Error{Code: apierr.CodeMissingParam, Input: true,
				Reason: "missing required parameters, error: `" + ip.FieldName + "` hasn't defined in schema"}
		}
		if err := c.svc.CreateIndex(c.ctx, ip.request(db, req.CollectionName)); err != nil {
			return nil, err
		}
	}
	return empty(), c.svc.LoadCollection(c.ctx, service.LoadCollection{DB: db, Collection: req.CollectionName})
}

func createRequest(db string, req *createCollectionReq, quick bool) (service.CreateCollection, error) {
	cc := service.CreateCollection{DB: db, ShardsNum: 1, ConsistencyLevel: consistencyBounded, Properties: map[string]string{}}
	var err error
	if quick {
		cc.Schema, err = quickSchema(req)
	} else {
		cc.Schema, err = fullSchema(req)
	}
	if err != nil {
		return cc, err
	}
	cc.Schema.Name, cc.Schema.Description = req.CollectionName, req.Description
	p := req.Params
	if v, ok := p["shardsNum"]; ok {
		if n, err := strconv.ParseInt(fmt.Sprint(v), 10, 32); err == nil {
			cc.ShardsNum = int32(n)
		}
	}
	if v, ok := p["consistencyLevel"]; ok {
		if cc.ConsistencyLevel, err = consistencyLevel(fmt.Sprint(v)); err != nil {
			return cc, err
		}
	}
	if cc.Schema.PartitionKey() != nil {
		cc.NumPartitions = partitionKeyPartitions
		if n, err := strconv.ParseInt(fmt.Sprint(p["partitionsNum"]), 10, 64); err == nil {
			cc.NumPartitions = n
		}
	}
	if v, ok := p["ttlSeconds"]; ok {
		cc.Properties["collection.ttl.seconds"] = fmt.Sprint(v)
	}
	if v, ok := p["partitionKeyIsolation"]; ok {
		cc.Properties["partitionkey.isolation"] = fmt.Sprint(v)
	}
	if len(cc.Properties) == 0 {
		cc.Properties = nil
	}
	return cc, nil
}

// quickSchema is the quick-setup schema: a primary key, one float vector
// and (unless params.enableDynamicField says no) the dynamic field.
func quickSchema(req *createCollectionReq) (schema.Collection, error) {
	var sch schema.Collection
	if len(req.Schema.Functions) > 0 {
		return sch, apierr.InvalidExpected("schema", "functions", "functions are not supported for quickly create collection")
	}
	if req.Dimension == 0 {
		return sch, apierr.InvalidExpected("collectionName & dimension", "collectionName",
			"dimension is required for quickly create collection(default metric type: "+defaultMetric+")")
	}
	pk := schema.Field{Name: req.PrimaryFieldName, DataType: schema.Int64, IsPrimaryKey: true, AutoID: req.AutoID}
	switch req.IDType {
	case "", "Int64", "int64":
	case "VarChar", "Varchar":
		pk.DataType = schema.VarChar
		if v, ok := req.Params["max_length"]; ok {
			pk.TypeParams = map[string]string{"max_length": fmt.Sprint(v)}
		}
	default:
		return sch, apierr.InvalidExpected("Int64, Varchar", req.IDType, "idType can only be [Int64, VarChar], default: Int64")
	}
	if pk.Name == "" {
		pk.Name, req.PrimaryFieldName = defaultPrimaryName, defaultPrimaryName
	}
	if req.VectorFieldName == "" {
		req.VectorFieldName = defaultVectorName
	}
	vec := schema.Field{Name: req.VectorFieldName, DataType: schema.FloatVector, TypeParams: map[string]string{"dim": strconv.Itoa(req.Dimension)}}
	sch.Fields = []schema.Field{pk, vec}
	sch.EnableDynamicField = true
	if v, ok := req.Params["enableDynamicField"]; ok {
		b, err := strconv.ParseBool(fmt.Sprint(v))
		if err != nil {
			return sch, apierr.Invalid("parse enableDynamicField fail, err:%v", err)
		}
		sch.EnableDynamicField = b
	}
	return sch, nil
}

// Consistency levels as commonpb numbers them.
const consistencyBounded = 2

var consistencyLevels = map[string]int32{"Strong": 0, "Session": 1, "Bounded": 2, "Eventually": 3, "Customized": 4}

func consistencyLevel(name string) (int32, error) {
	if l, ok := consistencyLevels[name]; ok {
		return l, nil
	}
	return 0, apierr.InvalidExpected("Strong, Session, Bounded, Eventually, Customized", name,
		"consistencyLevel can only be [Strong, Session, Bounded, Eventually, Customized], default: Bounded")
}

func consistencyName(level int32) string {
	for name, l := range consistencyLevels {
		if l == level {
			return name
		}
	}
	return "Bounded"
}
