package rest

import "github.com/kite-db/kite/internal/service"

type partitionReq struct {
	DbName         string `json:"dbName"`
	CollectionName string `json:"collectionName"`
	PartitionName  string `json:"partitionName"`
}

func decodePartition(c *call) (partitionReq, error) {
	var req partitionReq
	if err := c.decode(&req); err != nil {
		return req, err
	}
	return req, required("collectionName", req.CollectionName, "partitionName", req.PartitionName)
}

// decodePartitions reads partitions/load and partitions/release, which
// name their partitions in a required list.
func decodePartitions(c *call) (collectionReq, error) {
	req, err := decodeCollection(c)
	if err == nil && len(req.PartitionNames) == 0 {
		err = errMissing("partitionNames")
	}
	return req, err
}

func createPartition(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartition(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.CreatePartition(c.ctx, service.CreatePartition{DB: c.db(req.DbName), Collection: req.CollectionName, Partition: req.PartitionName})
}

func dropPartition(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartition(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.DropPartition(c.ctx, service.DropPartition{DB: c.db(req.DbName), Collection: req.CollectionName, Partition: req.PartitionName})
}

func hasPartition(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartition(c)
	if err != nil {
		return nil, err
	}
	has, err := c.svc.HasPartition(c.ctx, service.HasPartition{DB: c.db(req.DbName), Collection: req.CollectionName, Partition: req.PartitionName})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"has": has}), nil
}

func listPartitions(_ *Handler, c *call) (*envelope, error) {
	req, err := decodeCollection(c)
	if err != nil {
		return nil, err
	}
	parts, err := c.svc.ListPartitions(c.ctx, service.ListPartitions{DB: c.db(req.DbName), Collection: req.CollectionName})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(parts))
	for _, p := range parts {
		names = append(names, p.Name)
	}
	return ok(names), nil
}

func partitionStats(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartition(c)
	if err != nil {
		return nil, err
	}
	n, err := c.svc.Statistics(c.ctx, service.Statistics{DB: c.db(req.DbName), Collection: req.CollectionName, Partitions: []string{req.PartitionName}})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"rowCount": n}), nil
}

func loadPartitions(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartitions(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.LoadCollection(c.ctx, service.LoadCollection{DB: c.db(req.DbName), Collection: req.CollectionName, Partitions: req.PartitionNames})
}

func releasePartitions(_ *Handler, c *call) (*envelope, error) {
	req, err := decodePartitions(c)
	if err != nil {
		return nil, err
	}
	return empty(), c.svc.ReleaseCollection(c.ctx, service.ReleaseCollection{DB: c.db(req.DbName), Collection: req.CollectionName, Partitions: req.PartitionNames})
}
