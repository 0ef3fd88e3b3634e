package catalog

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/kite-db/kite/internal/metastore"
)

// keyGarbage holds, per collection, the segment directories a compaction
// has made obsolete or has not committed yet (docs/format/catalog.md). A
// directory listed there and named by no segment entry is deleted at boot,
// so a crash at any point of a compaction leaves exactly one set of rows.
const keyGarbage = Root + "garbage/"

type garbageRecord struct {
	Dirs []string `json:"dirs"`
}

// Garbage lists a collection's directories awaiting deletion.
func (c *Catalog) Garbage(collID int64) ([]string, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.garbageLocked(collID)
}

func (c *Catalog) garbageLocked(collID int64) ([]string, error) {
	raw, err := c.kv.Get(idKey(keyGarbage, collID))
	if errors.Is(err, metastore.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var g garbageRecord
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, err
	}
	return g.Dirs, nil
}

func putGarbage(tx metastore.Tx, collID int64, dirs []string) error {
	if len(dirs) == 0 {
		return tx.Delete(idKey(keyGarbage, collID))
	}
	return putJSON(tx, idKey(keyGarbage, collID), garbageRecord{Dirs: dirs})
}

// AddGarbage records directories to delete at boot unless a segment entry
// names them: a compaction lists its output before writing it.
func (c *Catalog) AddGarbage(collID int64, dirs ...string) error {
	return c.updateGarbage(collID, func(g []string) []string { return append(g, dirs...) })
}

// RemoveGarbage forgets directories that are deleted.
func (c *Catalog) RemoveGarbage(collID int64, dirs ...string) error {
	return c.updateGarbage(collID, func(g []string) []string {
		return slices.DeleteFunc(g, func(d string) bool { return slices.Contains(dirs, d) })
	})
}

func (c *Catalog) updateGarbage(collID int64, edit func([]string) []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.mu.colls[collID]; !ok {
		return ErrNotFound
	}
	g, err := c.garbageLocked(collID)
	if err != nil {
		return err
	}
	g = edit(g)
	return c.kv.Update(func(tx metastore.Tx) error { return putGarbage(tx, collID, g) })
}

// CommitCompaction replaces segments in one transaction: it adds the new
// entries (their directories stop being garbage), removes the replaced ones
// and lists their directories as garbage. The checkpoint is untouched: a
// compaction moves sealed rows, never WAL coverage.
func (c *Catalog) CommitCompaction(collID int64, add []Segment, remove []int64, obsolete []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.mu.colls[collID]; !ok {
		return ErrNotFound // dropped meanwhile: adding entries would leave keys of no collection
	}
	g, err := c.garbageLocked(collID)
	if err != nil {
		return err
	}
	g = slices.DeleteFunc(g, func(d string) bool {
		return slices.ContainsFunc(add, func(s Segment) bool { return s.Dir == d })
	})
	g = append(g, obsolete...)
	err = c.kv.Update(func(tx metastore.Tx) error {
		for _, s := range add {
			if err := putJSON(tx, segKey(collID, s.ID), s); err != nil {
				return err
			}
		}
		for _, id := range remove {
			tx.Delete(segKey(collID, id))
		}
		return putGarbage(tx, collID, g)
	})
	if err != nil {
		return err
	}
	m := c.segmentsLocked(collID)
	for _, s := range add {
		m[s.ID] = s
	}
	for _, id := range remove {
		delete(m, id)
	}
	return nil
}
