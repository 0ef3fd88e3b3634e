package service

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kite-db/kite/internal/shard"
)

// closeShard runs close (Close or Drop) on a shard no longer in the shard
// map, listing it as closing meanwhile so Busy can name what it waits for.
func (s *Service) closeShard(collID int64, sh *shard.Shard, close func(*shard.Shard) error) error {
	s.mu.Lock()
	s.mu.closing[collID] = sh
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.mu.closing, collID)
		s.mu.Unlock()
	}()
	return close(sh)
}

// Busy names the background work running now, one entry per collection
// ("collection 12 (docs): index build"), closing ones included; a
// stopping server logs it while it waits.
func (s *Service) Busy() []string {
	s.mu.RLock()
	shards := maps.Clone(s.mu.shards)
	maps.Copy(shards, s.mu.closing)
	s.mu.RUnlock()
	var out []string
	for _, id := range slices.Sorted(maps.Keys(shards)) {
		if work := shards[id].Busy(); len(work) > 0 {
			out = append(out, fmt.Sprintf("%s: %s", s.collectionLabel(id), strings.Join(work, ", ")))
		}
	}
	if s.cmp != nil && s.compactorRunning() {
		out = append(out, "compaction scheduler")
	}
	return out
}

// collectionLabel names a collection for logs: its ID, and its name while
// the catalog still has it (a dropped one is gone).
func (s *Service) collectionLabel(id int64) string {
	if col, ok := s.cat.CollectionByID(id); ok {
		return fmt.Sprintf("collection %d (%s)", id, col.Name)
	}
	return fmt.Sprintf("collection %d (dropped)", id)
}

// compactorRunning is true while a stopping compactor has not returned.
func (s *Service) compactorRunning() bool {
	select {
	case <-s.cmp.stop:
	default:
		return false // not stopping: idle or working, its shard reports the work
	}
	select {
	case <-s.cmp.done:
		return false
	default:
		return true
	}
}
