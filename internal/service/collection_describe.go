package service

import (
	"context"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
)

// HasCollection names the collection (or alias) to look for.
type HasCollection struct{ DB, Collection string }

// HasCollection reports whether a collection (or alias) exists.
func (s *Service) HasCollection(_ context.Context, req HasCollection) (bool, error) {
	_, _, err := s.collection(req.DB, req.Collection)
	if apierr.Code(err) == apierr.CodeCollectionNotFound {
		return false, nil
	}
	return err == nil, err
}

// DescribeCollection names the collection (or alias) to describe.
type DescribeCollection struct{ DB, Collection string }

// CollectionInfo is what DescribeCollection answers: the collection, its
// database and the aliases pointing at it.
type CollectionInfo struct {
	DB         *catalog.Database
	Collection *catalog.Collection
	Aliases    []string
}

// DescribeCollection returns a collection and its aliases.
func (s *Service) DescribeCollection(_ context.Context, req DescribeCollection) (*CollectionInfo, error) {
	d, col, err := s.collection(req.DB, req.Collection)
	if apierr.Code(err) == apierr.CodeCollectionNotFound { // Milvus words this one differently
		err = apierr.CantFindCollection(dbOrDefault(req.DB), req.Collection)
	}
	if err != nil {
		return nil, err
	}
	info := &CollectionInfo{DB: d, Collection: col}
	for _, a := range s.cat.Aliases(d.ID) {
		if a.CollectionID == col.ID {
			info.Aliases = append(info.Aliases, a.Name)
		}
	}
	return info, nil
}

// ListCollections names the database to list.
type ListCollections struct{ DB string }

// ListCollections lists a database's collections.
func (s *Service) ListCollections(_ context.Context, req ListCollections) ([]*catalog.Collection, error) {
	d, err := s.db(req.DB)
	if err != nil {
		return nil, err
	}
	return s.cat.Collections(d.ID), nil
}
