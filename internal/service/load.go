package service

import (
	"context"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
)

// Load states as milvus-proto numbers them.
const (
	LoadStateNotExist = 0
	LoadStateNotLoad  = 1
	LoadStateLoading  = 2
	LoadStateLoaded   = 3
)

// LoadCollection names a collection to load, or some of its partitions
// (all when Partitions is empty).
type LoadCollection struct {
	DB, Collection string
	Partitions     []string
}

// ReleaseCollection names a collection, or some partitions, to release.
type ReleaseCollection struct {
	DB, Collection string
	Partitions     []string
}

// LoadState asks for the load state of a collection or some partitions.
type LoadState struct {
	DB, Collection string
	Partitions     []string
}

// LoadCollection marks a collection (or some partitions) loaded. Kite's
// sealed data is mmap'd and growing data is in memory, so loading is
// immediate; the state exists because clients rely on it.
func (s *Service) LoadCollection(_ context.Context, req LoadCollection) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	partitions := req.Partitions
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	for _, f := range col.Schema.VectorFields() {
		if col.IndexByField(f.ID) == nil {
			return apierr.IndexMissing(f.Name, col.Name)
		}
	}
	ids, err := partitionIDs(col, partitions)
	if err != nil {
		return err
	}
	n := col.Clone()
	// Loading some partitions makes the collection readable (on those
	// partitions), as ReleaseCollection's anyLoaded assumes.
	n.Loaded = true
	for i := range n.Partitions {
		if contains(ids, n.Partitions[i].ID) {
			n.Partitions[i].Loaded = true
		}
	}
	return s.cat.PutCollection(n)
}

// ReleaseCollection releases a collection (or some partitions).
func (s *Service) ReleaseCollection(_ context.Context, req ReleaseCollection) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	ids, err := partitionIDs(col, req.Partitions)
	if err != nil {
		return err
	}
	n := col.Clone()
	for i := range n.Partitions {
		if contains(ids, n.Partitions[i].ID) {
			n.Partitions[i].Loaded = false
		}
	}
	n.Loaded = anyLoaded(n)
	return s.cat.PutCollection(n)
}

func anyLoaded(c *catalog.Collection) bool {
	for _, p := range c.Partitions {
		if p.Loaded {
			return true
		}
	}
	return false
}

// LoadState reports a collection's (or partitions') load state, one of
// the LoadState constants.
func (s *Service) LoadState(_ context.Context, req LoadState) (int, error) {
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return LoadStateNotExist, err
	}
	ids, err := partitionIDs(col, req.Partitions)
	if err != nil {
		return LoadStateNotExist, err
	}
	for _, p := range col.Partitions {
		if contains(ids, p.ID) && !p.Loaded {
			return LoadStateNotLoad, nil
		}
	}
	return LoadStateLoaded, nil
}

// loadedPartitions checks a read may run and returns its partitions.
func loadedPartitions(col *catalog.Collection, names []string) ([]int64, error) {
	ids, err := readPartitionIDs(col, names)
	if err != nil {
		return nil, err
	}
	if !col.Loaded {
		return nil, apierr.CollectionNotLoaded(col.Name)
	}
	var out []int64
	for _, id := range ids {
		p := col.PartitionByID(id)
		switch {
		case p.Loaded:
			out = append(out, id)
		case len(names) > 0:
			return nil, apierr.PartitionNotLoaded(p.Name)
		}
	}
	return out, nil
}

// readPartitionIDs resolves the partitions a read names as Milvus's proxy
// does, before it asks whether they are loaded: names checked loosely,
// then looked up ("partition name p not found").
func readPartitionIDs(col *catalog.Collection, names []string) ([]int64, error) {
	for _, n := range names {
		if n = strings.TrimSpace(n); n == "" || len(n) > MaxNameLength {
			return nil, validPartitionName(n)
		}
	}
	for _, n := range names {
		if col.PartitionByName(n) == nil {
			return nil, apierr.PartitionNameNotFound(n)
		}
	}
	return partitionIDs(col, names)
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
