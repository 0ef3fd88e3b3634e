package service

import (
	"fmt"
	"reflect"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/schema"
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
func (s *Service) CreateCollection(req CreateCollection) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	sch := req.Schema
	if err := validName("collection", sch.Name, false); err != nil {
		return err
	}
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
	if len(s.cat.AllCollections()) >= MaxCollections {
		return apierr.CollectionLimit(MaxCollections)
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

// DropCollection drops a collection and deletes its data. Dropping one
// that is not there succeeds, as in Milvus.
func (s *Service) DropCollection(dbName, name string) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, col, err := s.collection(dbName, name)
	if apierr.Code(err) == apierr.CodeCollectionNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if _, isAlias := s.cat.Alias(d.ID, name); isAlias {
		return apierr.Invalid("cannot drop the collection via alias = %s", name)
	}
	var names []string
	for _, a := range s.cat.Aliases(d.ID) {
		if a.CollectionID == col.ID {
			names = append(names, a.Name)
		}
	}
	if len(names) > 0 {
		return apierr.Invalid("unable to drop the collection [%s] because it has associated aliases %v, please remove all aliases before dropping the collection", name, names)
	}
	if err := s.cat.DropCollection(col.ID); err != nil {
		return err
	}
	s.mu.Lock()
	sh := s.mu.shards[col.ID]
	delete(s.mu.shards, col.ID)
	s.mu.Unlock()
	if sh != nil {
		return sh.Drop()
	}
	return nil
}

// HasCollection reports whether a collection (or alias) exists.
func (s *Service) HasCollection(dbName, name string) (bool, error) {
	_, _, err := s.collection(dbName, name)
	if apierr.Code(err) == apierr.CodeCollectionNotFound {
		return false, nil
	}
	return err == nil, err
}

// DescribeCollection returns a collection and its aliases.
func (s *Service) DescribeCollection(dbName, name string) (*catalog.Database, *catalog.Collection, []string, error) {
	d, col, err := s.collection(dbName, name)
	if apierr.Code(err) == apierr.CodeCollectionNotFound { // Milvus words this one differently
		err = apierr.CantFindCollection(dbOrDefault(dbName), name)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	var aliases []string
	for _, a := range s.cat.Aliases(d.ID) {
		if a.CollectionID == col.ID {
			aliases = append(aliases, a.Name)
		}
	}
	return d, col, aliases, nil
}

// ListCollections lists a database's collections.
func (s *Service) ListCollections(dbName string) ([]*catalog.Collection, error) {
	d, err := s.db(dbName)
	if err != nil {
		return nil, err
	}
	return s.cat.Collections(d.ID), nil
}

// RenameCollection renames a collection, possibly into another database.
func (s *Service) RenameCollection(dbName, oldName, newDB, newName string) error {
	if err := validName("collection", newName, false); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(dbName, oldName)
	if err != nil {
		return err
	}
	if newDB == "" {
		newDB = dbName
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

// AlterCollection sets and removes collection properties.
func (s *Service) AlterCollection(dbName, name string, set map[string]string, remove []string) error {
	if err := checkZoneProperties(set); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(dbName, name)
	if err != nil {
		return err
	}
	n := col.Clone()
	n.Properties = mergeProps(col.Properties, set, remove)
	n.UpdatedTs = s.oracle.Next()
	return s.cat.PutCollection(n)
}
