package service

import (
	"context"
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/shard"
)

// CreatePartition names a partition to add to a collection.
type CreatePartition struct{ DB, Collection, Partition string }

// CreatePartition adds a partition.
func (s *Service) CreatePartition(_ context.Context, req CreatePartition) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	name := req.Partition
	if err := validPartitionName(name); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
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

// DropPartition names the partition to drop.
type DropPartition struct{ DB, Collection, Partition string }

// DropPartition drops a released partition and hides its rows.
func (s *Service) DropPartition(_ context.Context, req DropPartition) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	name := req.Partition
	_, col, err := s.collection(req.DB, req.Collection)
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

// HasPartition names the partition to look for.
type HasPartition struct{ DB, Collection, Partition string }

// HasPartition reports whether a partition exists.
func (s *Service) HasPartition(_ context.Context, req HasPartition) (bool, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return false, err
	}
	return col.PartitionByName(req.Partition) != nil, nil
}

// ListPartitions names the collection whose partitions to list.
type ListPartitions struct{ DB, Collection string }

// ListPartitions lists a collection's partitions.
func (s *Service) ListPartitions(_ context.Context, req ListPartitions) ([]catalog.Partition, error) {
	_, col, err := s.collection(req.DB, req.Collection)
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

// Statistics asks for the live row count of a collection, or of some
// partitions (all when Partitions is empty).
type Statistics struct {
	DB, Collection string
	Partitions     []string
}

// Statistics returns the live row count.
func (s *Service) Statistics(ctx context.Context, req Statistics) (int, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return 0, err
	}
	ids, err := partitionIDs(col, req.Partitions)
	if err != nil {
		return 0, err
	}
	return s.countRows(ctx, col, ids)
}

func (s *Service) countRows(ctx context.Context, col *catalog.Collection, partIDs []int64) (int, error) {
	sh, err := s.liveShard(col)
	if err != nil {
		return 0, err
	}
	snap, err := sh.Snapshot(ctx, s.oracle.Next(), partIDs)
	if err != nil {
		return 0, readError("count rows of collection "+col.Name, err)
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
		return nil, apierr.CollectionNotFound(s.dbNameOf(col), col.Name)
	}
	return sh, nil
}

// dbNameOf names a collection's database for messages.
func (s *Service) dbNameOf(col *catalog.Collection) string {
	for _, d := range s.cat.Databases() {
		if d.ID == col.DBID {
			return d.Name
		}
	}
	return ""
}
