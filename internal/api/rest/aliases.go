package rest

import "github.com/kite-db/kite/internal/service"

type aliasReq struct {
	DbName         string `json:"dbName"`
	CollectionName string `json:"collectionName"`
	AliasName      string `json:"aliasName"`
}

func decodeAlias(c *call, withCollection bool) (aliasReq, error) {
	var req aliasReq
	if err := c.decode(&req); err != nil {
		return req, err
	}
	if withCollection {
		if err := required("collectionName", req.CollectionName); err != nil {
			return req, err
		}
	}
	return req, required("aliasName", req.AliasName)
}

func createAlias(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeAlias(c, true)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.CreateAlias(c.ctx, service.CreateAlias{DB: c.db(req.DbName), Collection: req.CollectionName, Alias: req.AliasName})
}

func alterAlias(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeAlias(c, true)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.AlterAlias(c.ctx, service.AlterAlias{DB: c.db(req.DbName), Collection: req.CollectionName, Alias: req.AliasName})
}

func dropAlias(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeAlias(c, false)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.DropAlias(c.ctx, service.DropAlias{DB: c.db(req.DbName), Alias: req.AliasName})
}

func describeAlias(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeAlias(c, false)
	if err != nil {
		return nil, err
	}
	a, err := c.svc.DescribeAlias(c.ctx, service.DescribeAlias{DB: c.db(req.DbName), Alias: req.AliasName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"dbName": a.DB, "collectionName": a.Collection, "aliasName": a.Alias}), nil
}

// listAliases lists a database's aliases, or one collection's.
func listAliases(_ *Handler, c *call) (*envelope, error) {
	var req aliasReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	names, err := c.svc.ListAliases(c.ctx, service.ListAliases{DB: c.db(req.DbName), Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	if names == nil {
		names = []string{}
	}
	return ok(names), nil
}
