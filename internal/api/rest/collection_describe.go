package rest

import (
	"strconv"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/service"
)

// describeCollection answers with Milvus's collection details: schema,
// aliases, indexes, load state and settings.
func describeCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	info, err := c.svc.DescribeCollection(c.ctx, service.DescribeCollection{DB: db, Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	col, aliases := info.Collection, info.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	load := "LoadStateNotExist"
	if st, err := c.svc.LoadState(c.ctx, service.LoadState{DB: db, Collection: req.CollectionName}); err == nil {
		load = loadStateNames[st]
	}
	autoID := false
	if pk := col.Schema.PrimaryKey(); pk != nil {
		autoID = pk.AutoID
	}
	return ok(map[string]any{
		"collectionName":     col.Name,
		"collectionID":       col.ID,
		"description":        col.Schema.Description,
		"autoId":             autoID,
		"fields":             describeFields(&col.Schema),
		"functions":          []any{},
		"aliases":            aliases,
		"indexes":            describeIndexes(col),
		"load":               load,
		"shardsNum":          col.ShardsNum,
		"partitionsNum":      len(col.Partitions),
		"consistencyLevel":   consistencyName(col.ConsistencyLevel),
		"enableDynamicField": col.Schema.EnableDynamicField,
		"properties":         kvList(col.Properties),
	}), nil
}

func describeFields(sch *schema.Collection) []map[string]any {
	out := make([]map[string]any, 0, len(sch.Fields))
	for i := range sch.Fields {
		f := &sch.Fields[i]
		if f.IsDynamic {
			continue // Milvus keeps $meta out of described schemas
		}
		d := map[string]any{
			"name": f.Name, "id": f.ID, "type": f.DataType.String(), "description": f.Description,
			"primaryKey": f.IsPrimaryKey, "partitionKey": f.IsPartitionKey, "clusteringKey": f.IsClusteringKey,
			"autoId": f.AutoID, "nullable": f.Nullable, "params": kvList(typeParams(f)),
		}
		if f.DataType == schema.Array {
			d["elementType"] = f.ElementType.String()
		}
		if f.Default != nil {
			d["defaultValue"] = defaultJSON(f)
		}
		out = append(out, d)
	}
	return out
}

// typeParams are a field's type parameters with the checked ones (dim,
// max_length, max_capacity) in their canonical form.
func typeParams(f *schema.Field) map[string]string {
	out := map[string]string{}
	for k, v := range f.TypeParams {
		out[k] = v
	}
	if f.Dim > 0 {
		out["dim"] = strconv.Itoa(f.Dim)
	}
	if f.MaxLength > 0 {
		out["max_length"] = strconv.Itoa(f.MaxLength)
	}
	if f.MaxCapacity > 0 {
		out["max_capacity"] = strconv.Itoa(f.MaxCapacity)
	}
	return out
}

func describeIndexes(col *catalog.Collection) []map[string]any {
	out := make([]map[string]any, 0, len(col.Indexes))
	for _, ix := range col.Indexes {
		name := ""
		if f := col.Schema.FieldByID(ix.FieldID); f != nil {
			name = f.Name
		}
		out = append(out, map[string]any{"indexName": ix.Name, "fieldName": name, "metricType": ix.Metric})
	}
	return out
}
