package rest

import (
	"fmt"
	"sort"

	"github.com/kite-db/kite/internal/service"
)

// collectionReq is the body most collection and partition verbs take.
type collectionReq struct {
	DbName         string   `json:"dbName"`
	CollectionName string   `json:"collectionName"`
	PartitionNames []string `json:"partitionNames"`
}

func decodeCollection(c *call) (collectionReq, error) {
	var req collectionReq
	if err := c.decode(&req); err != nil {
		return req, err
	}
	return req, required("collectionName", req.CollectionName)
}

func listCollections(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName string `json:"dbName"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	cols, err := c.svc.ListCollections(c.ctx, service.ListCollections{DB: c.db(req.DbName)})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(cols))
	for _, col := range cols {
		names = append(names, col.Name)
	}
	sort.Strings(names)
	return ok(names), nil
}

func hasCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	has, err := c.svc.HasCollection(c.ctx, service.HasCollection{DB: c.db(req.DbName), Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"has": has}), nil
}

func dropCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.DropCollection(c.ctx, service.DropCollection{DB: c.db(req.DbName), Collection: req.CollectionName})
}

func renameCollection(_ *Handler, c *call) (*envelope, error) {
	var req struct {
		DbName            string `json:"dbName"`
		CollectionName    string `json:"collectionName"`
		NewCollectionName string `json:"newCollectionName"`
		NewDbName         string `json:"newDbName"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName, "newCollectionName", req.NewCollectionName); err != nil {
		return nil, err
	}
	db := c.db(req.DbName)
	return empty(), c.svc.RenameCollection(c.ctx, service.RenameCollection{DB: db, Collection: req.CollectionName, NewDB: req.NewDbName, NewName: req.NewCollectionName})
}

func collectionStats(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	n, err := c.svc.Statistics(c.ctx, service.Statistics{DB: c.db(req.DbName), Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"rowCount": n}), nil
}

func loadCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.LoadCollection(c.ctx, service.LoadCollection{DB: c.db(req.DbName), Collection: req.CollectionName})
}

// flushCollection seals the collection's growing data.
func flushCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	_, err = c.svc.Flush(c.ctx, service.Flush{DB: c.db(req.DbName), Collections: []string{req.CollectionName}})
	return empty(), err
}

func releaseCollection(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.ReleaseCollection(c.ctx, service.ReleaseCollection{DB: c.db(req.DbName), Collection: req.CollectionName})
}

// loadStateNames are commonpb.LoadState's names, which Milvus's REST
// answers carry.
var loadStateNames = map[int]string{
	service.LoadStateNotExist: "LoadStateNotExist",
	service.LoadStateNotLoad:  "LoadStateNotLoad",
	service.LoadStateLoading:  "LoadStateLoading",
	service.LoadStateLoaded:   "LoadStateLoaded",
}

func loadState(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	st, err := c.svc.LoadState(c.ctx, service.LoadState{DB: c.db(req.DbName), Collection: req.CollectionName, Partitions: req.PartitionNames})
	if err != nil {
		return nil, err
	}
	data := map[string]any{"loadState": loadStateNames[st]}
	if st == service.LoadStateLoaded {
		data["loadProgress"] = 100
	}
	return ok(data), nil
}

// propertiesReq alters collection or database properties.
type propertiesReq struct {
	DbName         string         `json:"dbName"`
	CollectionName string         `json:"collectionName"`
	Properties     map[string]any `json:"properties"`
	PropertyKeys   []string       `json:"propertyKeys"`
}

func alterCollection(_ *Handler, c *call) (*envelope, error) {
	var req propertiesReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterCollection(c.ctx, service.AlterCollection{DB: c.db(req.DbName), Collection: req.CollectionName, Set: stringProps(req.Properties)})
}

func dropCollectionProperties(_ *Handler, c *call) (*envelope, error) {
	var req propertiesReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := required("collectionName", req.CollectionName); err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterCollection(c.ctx, service.AlterCollection{DB: c.db(req.DbName), Collection: req.CollectionName, Remove: req.PropertyKeys})
}

// stringProps renders property values as Milvus does: fmt's %v.
func stringProps(props map[string]any) map[string]string {
	if len(props) == 0 {
		return nil
	}
	out := make(map[string]string, len(props))
	for k, v := range props {
		out[k] = fmt.Sprintf("%v", v)
	}
	return out
}

// kvList renders a property map as Milvus's [{"key", "value"}] list, sorted.
func kvList(m map[string]string) []map[string]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]map[string]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, map[string]string{"key": k, "value": m[k]})
	}
	return out
}
