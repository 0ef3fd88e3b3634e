package service

import (
	"context"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
)

// CreateAlias points a new alias at a collection.
type CreateAlias struct{ DB, Collection, Alias string }

// CreateAlias points a new alias at a collection.
func (s *Service) CreateAlias(_ context.Context, req CreateAlias) error {
	if err := validName("alias", req.Alias, false); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	if _, isAlias := s.cat.Alias(d.ID, req.Collection); isAlias {
		return apierr.Invalid("cannot create alias %s on alias %s", req.Alias, req.Collection)
	}
	if a, ok := s.cat.Alias(d.ID, req.Alias); ok {
		if a.CollectionID == col.ID {
			return nil
		}
		other, _ := s.cat.CollectionByID(a.CollectionID)
		return apierr.AliasExists(req.Alias, other.Name)
	}
	if _, ok := s.cat.Collection(d.ID, req.Alias); ok {
		return apierr.AliasConflict(req.Alias)
	}
	return s.cat.PutAlias(catalog.Alias{Name: req.Alias, DBID: d.ID, CollectionID: col.ID})
}

// DropAlias names the alias to drop.
type DropAlias struct{ DB, Alias string }

// DropAlias removes an alias; a missing one is not an error.
func (s *Service) DropAlias(_ context.Context, req DropAlias) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, err := s.db(req.DB)
	if err != nil {
		return err
	}
	if _, ok := s.cat.Alias(d.ID, req.Alias); !ok {
		return nil
	}
	return s.cat.DropAlias(d.ID, req.Alias)
}

// AlterAlias points an existing alias at another collection.
type AlterAlias struct{ DB, Collection, Alias string }

// AlterAlias repoints an existing alias.
func (s *Service) AlterAlias(_ context.Context, req AlterAlias) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	if _, ok := s.cat.Alias(d.ID, req.Alias); !ok {
		return apierr.AliasNotFound(d.Name, req.Alias)
	}
	if _, isAlias := s.cat.Alias(d.ID, req.Collection); isAlias {
		return apierr.Invalid("cannot alter alias %s to alias %s", req.Alias, req.Collection)
	}
	return s.cat.PutAlias(catalog.Alias{Name: req.Alias, DBID: d.ID, CollectionID: col.ID})
}

// DescribeAlias names the alias to describe.
type DescribeAlias struct{ DB, Alias string }

// AliasInfo is an alias and the collection it points at, by name.
type AliasInfo struct{ DB, Collection, Alias string }

// DescribeAlias returns the collection an alias points at.
func (s *Service) DescribeAlias(_ context.Context, req DescribeAlias) (*AliasInfo, error) {
	d, err := s.db(req.DB)
	if err != nil {
		return nil, err
	}
	a, ok := s.cat.Alias(d.ID, req.Alias)
	if !ok {
		return nil, apierr.AliasNotFound(d.Name, req.Alias)
	}
	col, _ := s.cat.CollectionByID(a.CollectionID)
	return &AliasInfo{DB: d.Name, Collection: col.Name, Alias: req.Alias}, nil
}

// ListAliases lists a database's aliases, or one collection's when
// Collection is set.
type ListAliases struct{ DB, Collection string }

// ListAliases lists alias names.
func (s *Service) ListAliases(_ context.Context, req ListAliases) ([]string, error) {
	d, err := s.db(req.DB)
	if err != nil {
		return nil, err
	}
	var collID int64 = -1
	if req.Collection != "" {
		_, col, err := s.collection(req.DB, req.Collection)
		if err != nil {
			return nil, err
		}
		collID = col.ID
	}
	var out []string
	for _, a := range s.cat.Aliases(d.ID) {
		if collID < 0 || a.CollectionID == collID {
			out = append(out, a.Name)
		}
	}
	return out, nil
}
