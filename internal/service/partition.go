package service

import (
	"context"
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/shard"
)

// CreatePartition adds a partition.
func (s *Service) CreatePartition(dbName, coll, name string) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	if err := validName("partition", name, false); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(dbName, coll)
	if err != nil {
		return err
	}
	if col.Schema.PartitionKey() != nil {
		return apierr.Invalid("disable create partition if partition key mode is used")
	}
	if col.PartitionByName(name) != nil {
		return nil // Milvus answers success for an existing partition
	}
	if len(col.Partitions) >= MaxPartitions {
		return apierr.Invalid("partition number (%d) exceeds max configuration (%d), collection: %s", len(col.Partitions)+1, MaxPartitions, col.Name)
	}
	n := col.Clone()
	n.Partitions = append(n.Partitions, catalog.Partition{ID: int64(s.oracle.Next()), Name: name, CreatedTs: s.oracle.Next(), Loaded: col.Loaded})
	return s.cat.PutCollection(n)
}

// DropPartition drops a released partition and hides its rows.
func (s *Service) DropPartition(dbName, coll, name string) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(dbName, coll)
	if err != nil {
		return err
	}
	if col.Schema.PartitionKey() != nil {
		return apierr.Invalid("disable drop partition if partition key mode is used")
	}
	if name == DefaultPartition {
		return apierr.Invalid("default partition cannot be deleted")
	}
	p := col.PartitionByName(name)
	if p == nil {
		return nil
	}
	if p.Loaded {
		return apierr.Invalid("partition cannot be dropped, partition is loaded, please release it first")
	}
	n := col.Clone()
	n.Partitions = n.Partitions[:0]
	for _, q := range col.Partitions {
		if q.ID != p.ID {
			n.Partitions = append(n.Partitions, q)
		}
	}
	return s.cat.PutCollection(n)
}

// HasPartition reports whether a partition exists.
func (s *Service) HasPartition(dbName, coll, name string) (bool, error) {
	_, col, err := s.collection(dbName, coll)
	if err != nil {
		return false, err
	}
	return col.PartitionByName(name) != nil, nil
}

// ListPartitions lists a collection's partitions.
func (s *Service) ListPartitions(dbName, coll string) ([]catalog.Partition, error) {
	_, col, err := s.collection(dbName, coll)
	if err != nil {
		return nil, err
	}
	return col.Partitions, nil
}

// partitionIDs resolves partition names (all partitions when names is empty).
func partitionIDs(col *catalog.Collection, names []string) ([]int64, error) {
	var ids []int64
	if len(names) == 0 {
		for _, p := range col.Partitions {
			ids = append(ids, p.ID)
		}
		return ids, nil
	}
	for _, n := range names {
		p := col.PartitionByName(n)
		if p == nil {
			return nil, apierr.PartitionNotFound(n)
		}
		ids = append(ids, p.ID)
	}
	return ids, nil
}

// Statistics returns the live row count of a collection or of some partitions.
func (s *Service) Statistics(dbName, coll string, partitions []string) (int, error) {
	_, col, err := s.collection(dbName, coll)
	if err != nil {
		return 0, err
	}
	ids, err := partitionIDs(col, partitions)
	if err != nil {
		return 0, err
	}
	return s.countRows(col, ids)
}

func (s *Service) countRows(col *catalog.Collection, partIDs []int64) (int, error) {
	sh, err := s.liveShard(col)
	if err != nil {
		return 0, err
	}
	snap, err := sh.Snapshot(context.TODO(), s.oracle.Next(), partIDs)
	if err != nil {
		return 0, err
	}
	defer snap.Release()
	n := 0
	for _, v := range snap.Views {
		n += v.Visible.Count()
	}
	return n, nil
}

func (s *Service) liveShard(col *catalog.Collection) (*shard.Shard, error) {
	sh := s.shard(col.ID)
	if sh == nil {
		return nil, apierr.CollectionNotFound(col.Name)
	}
	return sh, nil
}
