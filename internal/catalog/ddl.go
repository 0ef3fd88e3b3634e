package catalog

import (
	"sort"

	"github.com/kite-db/kite/internal/metastore"
)

// Databases lists databases, "default" first.
func (c *Catalog) Databases() []*Database {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return sortedDBs(c.mu.dbs)
}

// Database finds a database by name.
func (c *Catalog) Database(name string) (*Database, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, d := range c.mu.dbs {
		if d.Name == name {
			return d, true
		}
	}
	return nil, false
}

// PutDatabase creates or replaces a database.
func (c *Catalog) PutDatabase(d *Database) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.kv.Update(func(tx metastore.Tx) error { return putJSON(tx, idKey(keyDatabase, d.ID), d) })
	if err == nil {
		c.mu.dbs[d.ID] = d
	}
	return err
}

// DropDatabase removes an empty database.
func (c *Catalog) DropDatabase(id int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.kv.Update(func(tx metastore.Tx) error { return tx.Delete(idKey(keyDatabase, id)) })
	if err == nil {
		delete(c.mu.dbs, id)
	}
	return err
}

// Collections lists a database's collections by creation.
func (c *Catalog) Collections(dbID int64) []*Collection {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []*Collection
	for _, col := range c.mu.colls {
		if col.DBID == dbID {
			out = append(out, col)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// AllCollections lists every collection.
func (c *Catalog) AllCollections() []*Collection {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*Collection, 0, len(c.mu.colls))
	for _, col := range c.mu.colls {
		out = append(out, col)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Collection finds a collection by name or alias in a database.
func (c *Catalog) Collection(dbID int64, name string) (*Collection, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, col := range c.mu.colls {
		if col.DBID == dbID && col.Name == name {
			return col, true
		}
	}
	if a, ok := c.mu.aliases[aliasKey(dbID, name)]; ok {
		col, ok := c.mu.colls[a.CollectionID]
		return col, ok
	}
	return nil, false
}

// CollectionByID finds a collection by ID.
func (c *Catalog) CollectionByID(id int64) (*Collection, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	col, ok := c.mu.colls[id]
	return col, ok
}

// PutCollection creates or replaces a collection. Callers pass a fresh copy
// (Clone) and never modify it afterwards: readers hold the old one.
func (c *Catalog) PutCollection(col *Collection) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.kv.Update(func(tx metastore.Tx) error { return putJSON(tx, idKey(keyCollection, col.ID), col) })
	if err == nil {
		c.mu.colls[col.ID] = col
	}
	return err
}

// DropCollection removes a collection with its aliases, segments and checkpoint.
func (c *Catalog) DropCollection(id int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var dropAliases []string
	for k, a := range c.mu.aliases {
		if a.CollectionID == id {
			dropAliases = append(dropAliases, k)
		}
	}
	err := c.kv.Update(func(tx metastore.Tx) error {
		for _, k := range dropAliases {
			tx.Delete(keyAlias + k)
		}
		for sid := range c.mu.segments[id] {
			tx.Delete(segKey(id, sid))
		}
		tx.Delete(idKey(keyCheckpoint, id))
		tx.Delete(idKey(keyGarbage, id))
		return tx.Delete(idKey(keyCollection, id))
	})
	if err != nil {
		return err
	}
	for _, k := range dropAliases {
		delete(c.mu.aliases, k)
	}
	delete(c.mu.colls, id)
	delete(c.mu.segments, id)
	delete(c.mu.checkpoints, id)
	return nil
}

// Aliases lists a database's aliases (all databases when dbID < 0).
func (c *Catalog) Aliases(dbID int64) []Alias {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []Alias
	for _, a := range c.mu.aliases {
		if dbID < 0 || a.DBID == dbID {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Alias finds an alias.
func (c *Catalog) Alias(dbID int64, name string) (Alias, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a, ok := c.mu.aliases[aliasKey(dbID, name)]
	return a, ok
}

// PutAlias creates or repoints an alias.
func (c *Catalog) PutAlias(a Alias) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := aliasKey(a.DBID, a.Name)
	err := c.kv.Update(func(tx metastore.Tx) error { return putJSON(tx, keyAlias+k, a) })
	if err == nil {
		c.mu.aliases[k] = a
	}
	return err
}

// DropAlias removes an alias.
func (c *Catalog) DropAlias(dbID int64, name string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := aliasKey(dbID, name)
	err := c.kv.Update(func(tx metastore.Tx) error { return tx.Delete(keyAlias + k) })
	if err == nil {
		delete(c.mu.aliases, k)
	}
	return err
}

// ReplaceCollection swaps collection old for fresh (same name, a new ID,
// no segments) in one transaction, re-pointing old's aliases: a truncate.
// The caller deletes old's files afterwards.
func (c *Catalog) ReplaceCollection(old int64, fresh *Collection) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	moved := map[string]Alias{}
	for k, a := range c.mu.aliases {
		if a.CollectionID == old {
			a.CollectionID = fresh.ID
			moved[k] = a
		}
	}
	err := c.kv.Update(func(tx metastore.Tx) error {
		for k, a := range moved {
			if err := putJSON(tx, keyAlias+k, a); err != nil {
				return err
			}
		}
		for sid := range c.mu.segments[old] {
			tx.Delete(segKey(old, sid))
		}
		tx.Delete(idKey(keyCheckpoint, old))
		tx.Delete(idKey(keyGarbage, old))
		tx.Delete(idKey(keyCollection, old))
		return putJSON(tx, idKey(keyCollection, fresh.ID), fresh)
	})
	if err != nil {
		return err
	}
	for k, a := range moved {
		c.mu.aliases[k] = a
	}
	delete(c.mu.colls, old)
	delete(c.mu.segments, old)
	delete(c.mu.checkpoints, old)
	c.mu.colls[fresh.ID] = fresh
	return nil
}
