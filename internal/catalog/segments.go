package catalog

import (
	"sort"
	"strconv"

	"github.com/kite-db/kite/internal/metastore"
)

func segKey(collID, segID int64) string {
	return keySegment + strconv.FormatInt(collID, 10) + "/" + strconv.FormatInt(segID, 10)
}

// Segments lists a collection's sealed segments by ID.
func (c *Catalog) Segments(collID int64) []Segment {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Segment, 0, len(c.mu.segments[collID]))
	for _, s := range c.mu.segments[collID] {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Checkpoint returns how far a collection's WAL is covered by sealed data.
func (c *Catalog) Checkpoint(collID int64) Checkpoint {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.mu.checkpoints[collID]
}

// CommitFlush records new sealed segments, removes replaced ones and moves the
// checkpoint, atomically: after a crash either all of it happened or none.
func (c *Catalog) CommitFlush(collID int64, add []Segment, remove []int64, cp Checkpoint) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.kv.Update(func(tx metastore.Tx) error {
		for _, s := range add {
			if err := putJSON(tx, segKey(collID, s.ID), s); err != nil {
				return err
			}
		}
		for _, id := range remove {
			tx.Delete(segKey(collID, id))
		}
		return putJSON(tx, idKey(keyCheckpoint, collID), cp)
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
	c.mu.checkpoints[collID] = cp
	return nil
}

// PutSegment updates one segment entry (for example after an index build).
func (c *Catalog) PutSegment(s Segment) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.kv.Update(func(tx metastore.Tx) error { return putJSON(tx, segKey(s.CollectionID, s.ID), s) })
	if err == nil {
		c.segmentsLocked(s.CollectionID)[s.ID] = s
	}
	return err
}
