package rest

import (
	"encoding/json"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

type dataReq struct {
	DbName         string          `json:"dbName"`
	CollectionName string          `json:"collectionName"`
	PartitionName  string          `json:"partitionName"`
	Data           json.RawMessage `json:"data"`
	PartialUpdate  bool            `json:"partialUpdate"`
	FieldOps       []struct {
		FieldName string `json:"fieldName"`
		Op        string `json:"op"`
	} `json:"fieldOps"`
}

func insertEntities(_ *Handler, c *call) (*envelope, error) {
	res, err := write(c, true)
	if err != nil {
		return nil, err
	}
	return okCost(map[string]any{"insertCount": res.Count, "insertIds": idList(res.IDs, c.intNums)}), nil
}

func upsertEntities(_ *Handler, c *call) (*envelope, error) {
	res, err := write(c, false)
	if err != nil {
		return nil, err
	}
	return okCost(map[string]any{"upsertCount": res.Count, "upsertIds": idList(res.IDs, c.intNums)}), nil
}

func write(c *call, insert bool) (*service.MutationResult, error) {
	var req dataReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	sch, err := collectionSchema(c, db, req.CollectionName)
	if err != nil {
		return nil, err
	}
	zone, err := c.svc.Zone(c.ctx, service.Zone{DB: db, Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	ops, err := fieldOps(req)
	if err != nil {
		return nil, err
	}
	partial := !insert && (req.PartialUpdate || len(ops) > 0)
	cols, n, err := rowsToColumnsIn(sch, zone, req.Data, insert, partial)
	if err != nil {
		return nil, errInsertData(err)
	}
	w := service.Write{DB: db, Collection: req.CollectionName, Partition: req.PartitionName, Columns: cols, NumRows: n,
		Partial: partial, Ops: ops}
	if insert {
		return c.svc.Insert(c.ctx, w)
	}
	return c.svc.Upsert(c.ctx, w)
}

// fieldOps reads Milvus's "fieldOps" of a partial upsert.
func fieldOps(req dataReq) (map[string]service.FieldOp, error) {
	if len(req.FieldOps) == 0 {
		return nil, nil
	}
	ops := make(map[string]service.FieldOp, len(req.FieldOps))
	for _, fo := range req.FieldOps {
		op, ok := map[string]service.FieldOp{"REPLACE": service.OpReplace, "ARRAY_APPEND": service.OpArrayAppend,
			"ARRAY_REMOVE": service.OpArrayRemove}[strings.ToUpper(strings.TrimSpace(fo.Op))]
		if !ok {
			return nil, apierr.Invalid("unsupported partial update op: %s", fo.Op)
		}
		if _, dup := ops[fo.FieldName]; dup {
			return nil, apierr.Invalid("duplicate partial-update op for field %q", fo.FieldName)
		}
		ops[fo.FieldName] = op
	}
	return ops, nil
}

func collectionSchema(c *call, db, name string) (*schema.Collection, error) {
	info, err := c.svc.DescribeCollection(c.ctx, service.DescribeCollection{DB: db, Collection: name})
	if err != nil {
		return nil, err
	}
	return &info.Collection.Schema, nil
}

// deleteEntities deletes by filter, or by primary keys in "id".
func deleteEntities(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string          `json:"dbName"`
		CollectionName string          `json:"collectionName"`
		PartitionName  string          `json:"partitionName"`
		Filter         string          `json:"filter"`
		ID             json.RawMessage `json:"id"`
		ExprParams     map[string]any  `json:"exprParams"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	d := service.Delete{DB: db, Collection: req.CollectionName, Partition: req.PartitionName, Filter: req.Filter,
		Templates: templates(req.ExprParams)}
	if d.Filter == "" {
		if len(req.ID) == 0 {
			return nil, errMissing("filter")
		}
		sch, err := collectionSchema(c, db, req.CollectionName)
		if err != nil {
			return nil, err
		}
		if d.Filter, d.Templates, err = idFilter(sch, req.ID); err != nil {
			return nil, err
		}
	}
	res, err := c.svc.Delete(c.ctx, d)
	if err != nil {
		return nil, err
	}
	return okCost(map[string]any{"deleteCount": res.Count}), nil
}
