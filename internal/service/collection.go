package service

import (
	"context"
	"fmt"
	"reflect"
	"strconv"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/shard"
	"github.com/kite-db/kite/internal/timestamptz"
)

// CreateCollection is a CreateCollection request.
type CreateCollection struct {
	DB               string
	Schema           schema.Collection
	ShardsNum        int32
	ConsistencyLevel int32
	NumPartitions    int64
	Properties       map[string]string
}

// collection resolves a collection (or alias) name in a database.
// The name is checked first, as Milvus's proxy does, so a malformed name is
// reported as such rather than as missing.
func (s *Service) collection(dbName, name string) (*catalog.Database, *catalog.Collection, error) {
	if err := validName("collection", name, false); err != nil {
		return nil, nil, err
	}
	d, err := s.db(dbName)
	if err != nil {
		return nil, nil, err
	}
	c, ok := s.cat.Collection(d.ID, name)
	if !ok {
		return nil, nil, apierr.CollectionNotFound(d.Name, name)
	}
	return d, c, nil
}

// CreateCollection validates the schema and creates the collection with its
// partitions; creating an identical collection again succeeds, as in Milvus.
func (s *Service) CreateCollection(_ context.Context, req CreateCollection) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	if err := checkCreate(&req); err != nil {
		return err
	}
	sch := req.Schema
	if err := checkSchema(&sch); err != nil {
		return err
	}
	if err := checkZoneProperties(req.Properties); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, err := s.db(req.DB)
	if err != nil {
		return err
	}
	if old, ok := s.cat.Collection(d.ID, sch.Name); ok {
		if _, isAlias := s.cat.Alias(d.ID, sch.Name); isAlias {
			return apierr.Invalid("collection name [%s] conflicts with an existing alias, please choose a unique name", sch.Name)
		}
		if reflect.DeepEqual(old.Schema, sch) {
			return nil
		}
		return apierr.Invalid("create duplicate collection with different parameters, collection: %s", sch.Name)
	}
	if err := s.checkCollectionLimit(d); err != nil {
		return err
	}
	req.Properties = timestamptz.Inherit(req.Properties, d.Properties)
	col, err := s.newCollection(d.ID, req, sch)
	if err != nil {
		return err
	}
	if err := s.cat.PutCollection(col); err != nil {
		return err
	}
	sh, err := s.openShard(col.ID)
	if err != nil {
		s.cat.DropCollection(col.ID)
		return err
	}
	s.mu.Lock()
	s.mu.shards[col.ID] = sh
	s.mu.Unlock()
	return nil
}

// checkCollectionLimit applies the database's database.max.collections
// property, or Milvus's default per-database limit.
func (s *Service) checkCollectionLimit(d *catalog.Database) error {
	limit := MaxCollections
	if raw, ok := d.Properties[PropMaxCollections]; ok {
		n, err := strconv.Atoi(raw)
		if err != nil {
			return apierr.Invalid("parse value of property fail, key:%s, value:%s", PropMaxCollections, raw)
		}
		limit = n
	}
	if len(s.cat.Collections(d.ID)) >= limit {
		return apierr.CollectionLimit(d.Name, limit)
	}
	return nil
}

func (s *Service) newCollection(dbID int64, req CreateCollection, sch schema.Collection) (*catalog.Collection, error) {
	ts := s.oracle.Next()
	col := &catalog.Collection{ID: int64(ts), DBID: dbID, Name: sch.Name, Schema: sch, Properties: req.Properties,
		ShardsNum: max(req.ShardsNum, 1), ConsistencyLevel: req.ConsistencyLevel, CreatedTs: ts}
	if sch.PartitionKey() == nil {
		col.Partitions = []catalog.Partition{{ID: int64(s.oracle.Next()), Name: DefaultPartition, CreatedTs: ts}}
		return col, nil
	}
	n := req.NumPartitions
	if n == 0 {
		n = DefaultPartitions
	}
	if n < 1 || n > MaxPartitions {
		return nil, apierr.Invalid("partition number (%d) exceeds max configuration (%d), collection: %s", n, MaxPartitions, sch.Name)
	}
	col.NumPartitions = n
	for i := int64(0); i < n; i++ {
		col.Partitions = append(col.Partitions, catalog.Partition{ID: int64(s.oracle.Next()), Name: fmt.Sprintf("%s_%d", DefaultPartition, i), CreatedTs: ts})
	}
	return col, nil
}

// DropCollection names the collection to drop.
type DropCollection struct{ DB, Collection string }

// DropCollection drops a collection and deletes its data. Dropping one
// that is not there succeeds, as in Milvus. The shard is closed and its
// files deleted after the DDL lock is released: its cancelled index builds
// and the deletion never hold up other collections' DDL.
func (s *Service) DropCollection(_ context.Context, req DropCollection) error {
	id, sh, err := s.dropCollectionEntry(req)
	if err != nil || sh == nil {
		return err
	}
	return s.closeShard(id, sh, (*shard.Shard).Drop)
}

// dropCollectionEntry removes the collection from the catalog and the
// shard map under the DDL lock and returns its shard (nil: nothing to drop).
func (s *Service) dropCollectionEntry(req DropCollection) (int64, *shard.Shard, error) {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	name := req.Collection
	d, col, err := s.collection(req.DB, name)
	switch apierr.Code(err) {
	case apierr.CodeCollectionNotFound, apierr.CodeDatabaseNotFound: // gone already: nothing to drop, as in Milvus
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if _, isAlias := s.cat.Alias(d.ID, name); isAlias {
		return 0, nil, apierr.Invalid("cannot drop the collection via alias = %s", name)
	}
	var names []string
	for _, a := range s.cat.Aliases(d.ID) {
		if a.CollectionID == col.ID {
			names = append(names, a.Name)
		}
	}
	if len(names) > 0 {
		return 0, nil, apierr.Invalid("unable to drop the collection [%s] because it has associated aliases %v, please remove all aliases before dropping the collection", name, names)
	}
	if err := s.cat.DropCollection(col.ID); err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	sh := s.mu.shards[col.ID]
	delete(s.mu.shards, col.ID)
	s.mu.Unlock()
	return col.ID, sh, nil
}

// RenameCollection renames Collection to NewName, moving it to NewDB
// when that is set.
type RenameCollection struct{ DB, Collection, NewDB, NewName string }

// RenameCollection renames a collection, possibly into another database.
func (s *Service) RenameCollection(_ context.Context, req RenameCollection) error {
	newDB, newName := req.NewDB, req.NewName
	if err := validName("collection", newName, false); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	if newDB == "" {
		newDB = req.DB
	}
	target, err := s.db(newDB)
	if err != nil {
		return err
	}
	if target.ID == col.DBID && newName == col.Name {
		return apierr.Invalid("collection name or database name should be different")
	}
	if _, exists := s.cat.Collection(target.ID, newName); exists {
		return apierr.Invalid("duplicated new collection name %s in database %s with other collection name or alias", newName, target.Name)
	}
	n := col.Clone()
	n.Name, n.DBID, n.Schema.Name = newName, target.ID, newName
	n.UpdatedTs = s.oracle.Next()
	return s.cat.PutCollection(n)
}

// AlterCollection sets and removes a collection's properties.
type AlterCollection struct {
	DB, Collection string
	Set            map[string]string
	Remove         []string
}

// AlterCollection sets and removes collection properties.
func (s *Service) AlterCollection(_ context.Context, req AlterCollection) error {
	if err := checkZoneProperties(req.Set); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	n := col.Clone()
	n.Properties = mergeProps(col.Properties, req.Set, req.Remove)
	n.UpdatedTs = s.oracle.Next()
	return s.cat.PutCollection(n)
}
