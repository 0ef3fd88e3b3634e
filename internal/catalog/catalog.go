package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/kite-db/kite/internal/metastore"
)

// Root is the key prefix of all metadata, as in Milvus.
const Root = "by-dev/meta/"

// FormatVersion is the on-disk catalog format this build reads and writes.
const FormatVersion = 1

// DefaultDBID is the ID of the "default" database, which always exists.
const DefaultDBID = 1

// Errors callers translate into Milvus statuses.
var (
	ErrNotFound      = errors.New("catalog: not found")
	ErrUnknownFormat = errors.New("catalog: unknown metadata format version")
)

const (
	keyFormat     = Root + "format"
	keyDatabase   = Root + "database/"
	keyCollection = Root + "collection/"
	keyAlias      = Root + "alias/"
	keySegment    = Root + "segment/"
	keyCheckpoint = Root + "checkpoint/"
)

// Catalog is the in-memory image of the metadata, written through to kv.
type Catalog struct {
	kv metastore.KV

	mu struct {
		sync.RWMutex
		dbs         map[int64]*Database
		colls       map[int64]*Collection
		aliases     map[string]Alias // dbID/name
		segments    map[int64]map[int64]Segment
		checkpoints map[int64]Checkpoint
	}
}

// Open loads the catalog. A store with no format key is new and gets one.
func Open(kv metastore.KV) (*Catalog, error) {
	c := &Catalog{kv: kv}
	c.mu.dbs = map[int64]*Database{}
	c.mu.colls = map[int64]*Collection{}
	c.mu.aliases = map[string]Alias{}
	c.mu.segments = map[int64]map[int64]Segment{}
	c.mu.checkpoints = map[int64]Checkpoint{}
	if err := c.checkFormat(); err != nil {
		return nil, err
	}
	if err := c.load(); err != nil {
		return nil, err
	}
	if _, ok := c.mu.dbs[DefaultDBID]; !ok {
		c.mu.dbs[DefaultDBID] = &Database{ID: DefaultDBID, Name: "default"}
	}
	return c, nil
}

type formatRecord struct {
	Version int `json:"version"`
}

func (c *Catalog) checkFormat() error {
	raw, err := c.kv.Get(keyFormat)
	if errors.Is(err, metastore.ErrNotFound) {
		return c.kv.Update(func(tx metastore.Tx) error {
			return putJSON(tx, keyFormat, formatRecord{Version: FormatVersion})
		})
	}
	if err != nil {
		return err
	}
	var f formatRecord
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnknownFormat, keyFormat, err)
	}
	if f.Version != FormatVersion {
		return fmt.Errorf("%w: found %d, this build reads %d", ErrUnknownFormat, f.Version, FormatVersion)
	}
	return nil
}

// IsEmpty reports whether the catalog holds no collections and no user databases.
func (c *Catalog) IsEmpty() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.mu.colls) == 0 && len(c.mu.dbs) <= 1
}

func (c *Catalog) load() error {
	loaders := []struct {
		prefix string
		fn     func(key string, raw []byte) error
	}{
		{keyDatabase, func(_ string, raw []byte) error {
			var d Database
			return decode(raw, &d, func() { c.mu.dbs[d.ID] = &d })
		}},
		{keyCollection, func(_ string, raw []byte) error {
			var col Collection
			return decode(raw, &col, func() { c.mu.colls[col.ID] = &col })
		}},
		{keyAlias, func(_ string, raw []byte) error {
			var a Alias
			return decode(raw, &a, func() { c.mu.aliases[aliasKey(a.DBID, a.Name)] = a })
		}},
		{keySegment, func(_ string, raw []byte) error {
			var s Segment
			return decode(raw, &s, func() { c.segmentsLocked(s.CollectionID)[s.ID] = s })
		}},
		{keyCheckpoint, func(key string, raw []byte) error {
			id, err := strconv.ParseInt(key[len(keyCheckpoint):], 10, 64)
			if err != nil {
				return fmt.Errorf("bad key %q", key)
			}
			var cp Checkpoint
			return decode(raw, &cp, func() { c.mu.checkpoints[id] = cp })
		}},
	}
	for _, l := range loaders {
		entries, err := c.kv.List(l.prefix)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := l.fn(e.Key, e.Value); err != nil {
				return fmt.Errorf("catalog: key %s: %w", e.Key, err)
			}
		}
	}
	return nil
}

func decode(raw []byte, v any, keep func()) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return err
	}
	keep()
	return nil
}

func putJSON(tx metastore.Tx, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Put(key, raw)
}

func idKey(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

func aliasKey(dbID int64, name string) string { return strconv.FormatInt(dbID, 10) + "/" + name }

func (c *Catalog) segmentsLocked(collID int64) map[int64]Segment {
	m := c.mu.segments[collID]
	if m == nil {
		m = map[int64]Segment{}
		c.mu.segments[collID] = m
	}
	return m
}

func sortedDBs(m map[int64]*Database) []*Database {
	out := make([]*Database, 0, len(m))
	for _, d := range m {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
