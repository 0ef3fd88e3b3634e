package service

import (
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

// CreateDatabase creates an empty database.
func (s *Service) CreateDatabase(name string, props map[string]string) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	if err := validDatabaseName(name); err != nil {
		return err
	}
	if err := checkZoneProperties(props); err != nil {
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
	return s.cat.PutDatabase(&catalog.Database{ID: int64(s.oracle.Next()), Name: name, Properties: props, CreatedTs: s.oracle.Next()})
}

// DropDatabase drops an empty database other than "default".
func (s *Service) DropDatabase(name string) error {
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

// ListDatabases lists every database.
func (s *Service) ListDatabases() []*catalog.Database { return s.cat.Databases() }

// DescribeDatabase returns one database.
func (s *Service) DescribeDatabase(name string) (*catalog.Database, error) { return s.db(name) }

// AlterDatabase sets and removes properties.
func (s *Service) AlterDatabase(name string, set map[string]string, remove []string) error {
	if err := checkZoneProperties(set); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	d, err := s.db(name)
	if err != nil {
		return err
	}
	n := *d
	n.Properties = mergeProps(d.Properties, set, remove)
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
