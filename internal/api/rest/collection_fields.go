package rest

import "github.com/kite-db/kite/internal/service"

// addCollectionField is collections/fields/add: one field, described as in
// collections/create, added to an existing collection.
func addCollectionField(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string    `json:"dbName"`
		CollectionName string    `json:"collectionName"`
		Schema         *fieldReq `json:"schema"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	if req.Schema == nil {
		return nil, errMissing("schema")
	}
	f, err := req.Schema.field()
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.AddCollectionField(c.ctx, service.AddField{DB: c.db(req.DbName), Collection: req.CollectionName, Field: f})
}

// alterCollectionField is collections/fields/alter_properties.
func alterCollectionField(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName         string         `json:"dbName"`
		CollectionName string         `json:"collectionName"`
		FieldName      string         `json:"fieldName"`
		FieldParams    map[string]any `json:"fieldParams"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName, "fieldName", req.FieldName); err != nil {
		return nil, err
	}
	set := make(map[string]string, len(req.FieldParams))
	for k, v := range req.FieldParams {
		set[k] = paramString(v)
	}
	return empty(), c.svc.AlterCollectionField(c.ctx, service.AlterField{DB: c.db(req.DbName), Collection: req.CollectionName, Field: req.FieldName, Set: set})
}
