package rest

import (
	"sort"

	"github.com/kite-db/kite/internal/service"
)

// Database verbs name the database they act on in dbName, which is
// required (except for list).
func decodeDatabase(c *call) (propertiesReq, error) {
	var req propertiesReq
	if err := c.decode(&req); err != nil {
		return req, err
	}
	return req, required("dbName", req.DbName)
}

func createDatabase(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeDatabase(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.CreateDatabase(c.ctx, service.CreateDatabase{DB: req.DbName, Properties: stringProps(req.Properties)})
}

func dropDatabase(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeDatabase(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.DropDatabase(c.ctx, service.DropDatabase{DB: req.DbName})
}

func alterDatabase(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeDatabase(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterDatabase(c.ctx, service.AlterDatabase{DB: req.DbName, Set: stringProps(req.Properties)})
}

func dropDatabaseProperties(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeDatabase(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterDatabase(c.ctx, service.AlterDatabase{DB: req.DbName, Remove: req.PropertyKeys})
}

func describeDatabase(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeDatabase(c)
	if err != nil {
		return nil, err
	}
	d, err := c.svc.DescribeDatabase(c.ctx, service.DescribeDatabase{DB: req.DbName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"dbName": d.Name, "dbID": d.ID, "properties": kvList(d.Properties)}), nil
}

// listDatabases takes an empty body; Milvus also accepts none at all.
func listDatabases(_ *Handler, c *call) (*envelope, error) {
	dbs, err := c.svc.ListDatabases(c.ctx, service.ListDatabases{})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(dbs))
	for _, d := range dbs {
		names = append(names, d.Name)
	}
	sort.Strings(names)
	return ok(names), nil
}
