package service

import (
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
)

// CreateAlias points a new alias at a collection.
func (s *Service) CreateAlias(dbName, coll, alias string) error {
	if err := validName("alias", alias, false); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, col, err := s.collection(dbName, coll)
	if err != nil {
		return err
	}
	if _, isAlias := s.cat.Alias(d.ID, coll); isAlias {
		return apierr.Invalid("cannot create alias %s on alias %s", alias, coll)
	}
	if a, ok := s.cat.Alias(d.ID, alias); ok {
		if a.CollectionID == col.ID {
			return nil
		}
		other, _ := s.cat.CollectionByID(a.CollectionID)
		return apierr.AliasExists(alias, other.Name)
	}
	if _, ok := s.cat.Collection(d.ID, alias); ok {
		return apierr.AliasConflict(alias)
	}
	return s.cat.PutAlias(catalog.Alias{Name: alias, DBID: d.ID, CollectionID: col.ID})
}

// DropAlias removes an alias; a missing one is not an error.
func (s *Service) DropAlias(dbName, alias string) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, err := s.db(dbName)
	if err != nil {
		return err
	}
	if _, ok := s.cat.Alias(d.ID, alias); !ok {
		return nil
	}
	return s.cat.DropAlias(d.ID, alias)
}

// AlterAlias repoints an existing alias.
func (s *Service) AlterAlias(dbName, coll, alias string) error {
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, col, err := s.collection(dbName, coll)
	if err != nil {
		return err
	}
	if _, ok := s.cat.Alias(d.ID, alias); !ok {
		return apierr.AliasNotFound(d.Name, alias)
	}
	if _, isAlias := s.cat.Alias(d.ID, coll); isAlias {
		return apierr.Invalid("cannot alter alias %s to alias %s", alias, coll)
	}
	return s.cat.PutAlias(catalog.Alias{Name: alias, DBID: d.ID, CollectionID: col.ID})
}

// DescribeAlias returns the collection an alias points at.
func (s *Service) DescribeAlias(dbName, alias string) (string, string, error) {
	d, err := s.db(dbName)
	if err != nil {
		return "", "", err
	}
	a, ok := s.cat.Alias(d.ID, alias)
	if !ok {
		return "", "", apierr.AliasNotFound(d.Name, alias)
	}
	col, _ := s.cat.CollectionByID(a.CollectionID)
	return d.Name, col.Name, nil
}

// ListAliases lists a database's aliases, or one collection's.
func (s *Service) ListAliases(dbName, coll string) ([]string, error) {
	d, err := s.db(dbName)
	if err != nil {
		return nil, err
	}
	var collID int64 = -1
	if coll != "" {
		_, col, err := s.collection(dbName, coll)
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
