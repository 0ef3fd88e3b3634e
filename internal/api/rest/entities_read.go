package rest

import (
	"encoding/json"
	"strings"

	"github.com/kite-db/kite/internal/service"
)

// Defaults Milvus's REST layer fills in for reads.
const defaultLimit = 100

// allFields is a fresh ["*"]: decoding a body appends into the slice it
// finds, so defaults must not share one.
func allFields() []string { return []string{"*"} }

type queryReq struct {
	DbName           string         `json:"dbName"`
	CollectionName   string         `json:"collectionName"`
	PartitionNames   []string       `json:"partitionNames"`
	OutputFields     []string       `json:"outputFields"`
	Filter           string         `json:"filter"`
	Limit            int            `json:"limit"`
	Offset           int            `json:"offset"`
	ExprParams       map[string]any `json:"exprParams"`
	ConsistencyLevel string         `json:"consistencyLevel"`
}

func queryEntities(_ *Handler, c *call) (*envelope, error) {
	req := queryReq{Limit: defaultLimit, OutputFields: allFields()}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := checkRead(req.CollectionName, req.ConsistencyLevel); err != nil {
		return nil, err
	}
	q := service.Query{DB: c.db(req.DbName), Collection: req.CollectionName, Partitions: req.PartitionNames,
		Filter: req.Filter, Templates: templates(req.ExprParams), OutputFields: req.OutputFields, Offset: req.Offset}
	if !isCount(req.OutputFields) {
		q.Limit = req.Limit
	}
	return runQuery(c, q)
}

// getEntities reads rows by primary key.
func getEntities(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName           string          `json:"dbName"`
		CollectionName   string          `json:"collectionName"`
		PartitionNames   []string        `json:"partitionNames"`
		OutputFields     []string        `json:"outputFields"`
		ID               json.RawMessage `json:"id"`
		ConsistencyLevel string          `json:"consistencyLevel"`
	}
	req.OutputFields = allFields()
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := checkRead(req.CollectionName, req.ConsistencyLevel); err != nil {
		return nil, err
	}
	if len(req.ID) == 0 {
		return nil, errMissing("id")
	}
	db := c.db(req.DbName)
	sch, err := collectionSchema(c, db, req.CollectionName)
	if err != nil {
		return nil, err
	}
	q := service.Query{DB: db, Collection: req.CollectionName, Partitions: req.PartitionNames, OutputFields: req.OutputFields}
	if q.Filter, q.Templates, err = idFilter(sch, req.ID); err != nil {
		return nil, err
	}
	return runQuery(c, q)
}

func runQuery(c *call, q service.Query) (*envelope, error) {
	res, err := c.svc.Query(c.ctx, q)
	if err != nil {
		return nil, err
	}
	if res.IsCount {
		return okCost([]map[string]any{{"count(*)": res.Count}}), nil
	}
	n := 0
	if len(res.Fields) > 0 {
		n = res.Fields[0].Col.Len()
	}
	rows := outputRows(res.Fields, n, c.intNums)
	if err := isoTimestamps(c, q.DB, q.Collection, rows, res.Fields); err != nil {
		return nil, err
	}
	return okCost(rows), nil
}

// checkRead validates what every read needs.
func checkRead(collection, consistency string) error {
	if err := required("collectionName", collection); err != nil {
		return err
	}
	if consistency != "" {
		_, err := consistencyLevel(consistency) // Kite serves every level at Strong
		return err
	}
	return nil
}

func isCount(fields []string) bool {
	return len(fields) == 1 && strings.ToLower(strings.TrimSpace(fields[0])) == "count(*)"
}
