package service

import (
	"context"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
)

// db resolves a database name; empty means "default".
func (s *Service) db(name string) (*catalog.Database, error) {
	name = dbOrDefault(name)
	d, ok := s.cat.Database(name)
	if !ok {
		return nil, apierr.DatabaseNotFound(name)
	}
	return d, nil
}

func dbOrDefault(name string) string {
	if name == "" {
		return "default"
	}
	return name
}

// CreateDatabase is a CreateDatabase request.
type CreateDatabase struct {
	DB         string
	Properties map[string]string
}

// CreateDatabase creates an empty database.
func (s *Service) CreateDatabase(_ context.Context, req CreateDatabase) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	name := req.DB
	if err := validDatabaseName(name); err != nil {
		return err
	}
	if err := checkZoneProperties(req.Properties); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	if _, ok := s.cat.Database(name); ok {
		return apierr.Invalid("database already exist: %s", name)
	}
	if len(s.cat.Databases()) >= MaxDatabases {
		return apierr.DatabaseLimit(MaxDatabases)
	}
	return s.cat.PutDatabase(&catalog.Database{ID: int64(s.oracle.Next()), Name: name, Properties: req.Properties, CreatedTs: s.oracle.Next()})
}

// DropDatabase names the database to drop.
type DropDatabase struct{ DB string }

// DropDatabase drops an empty database other than "default".
func (s *Service) DropDatabase(_ context.Context, req DropDatabase) error {
	name := req.DB
	if err := validDatabaseName(name); err != nil {
		return err
	}
	if name == "default" {
		return apierr.Invalid("can not drop default database")
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, ok := s.cat.Database(name)
	if !ok {
		return nil // Milvus answers success for a database that is not there
	}
	if n := len(s.cat.Collections(d.ID)); n > 0 {
		return apierr.Invalid("database:%s not empty, must drop all collections before drop database", name)
	}
	return s.cat.DropDatabase(d.ID)
}

// ListDatabases is a ListDatabases request; it has no parameters yet.
type ListDatabases struct{}

// ListDatabases lists every database.
func (s *Service) ListDatabases(context.Context, ListDatabases) ([]*catalog.Database, error) {
	return s.cat.Databases(), nil
}

// DescribeDatabase names the database to describe ("" is "default").
type DescribeDatabase struct{ DB string }

// DescribeDatabase returns one database.
func (s *Service) DescribeDatabase(_ context.Context, req DescribeDatabase) (*catalog.Database, error) {
	return s.db(req.DB)
}

// AlterDatabase sets and removes a database's properties.
type AlterDatabase struct {
	DB     string
	Set    map[string]string
	Remove []string
}

// AlterDatabase sets and removes properties.
func (s *Service) AlterDatabase(_ context.Context, req AlterDatabase) error {
	if err := checkZoneProperties(req.Set); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, err := s.db(req.DB)
	if err != nil {
		return err
	}
	n := *d
	n.Properties = mergeProps(d.Properties, req.Set, req.Remove)
	return s.cat.PutDatabase(&n)
}

func mergeProps(old, set map[string]string, remove []string) map[string]string {
	out := map[string]string{}
	for k, v := range old {
		out[k] = v
	}
	for k, v := range set {
		out[k] = v
	}
	for _, k := range remove {
		delete(out, k)
	}
	return out
}
