package shard

import (
	"fmt"
	"os"
	"path/filepath"
)

// removeGarbage deletes the directories an interrupted compaction left:
// its unfinished output (listed before it was written, never committed) or
// the segments it replaced (listed in the commit). A listed directory that
// a segment entry names is kept, so whatever the catalog holds stays.
func (s *Shard) removeGarbage() error {
	dirs, err := s.cat.Garbage(s.collID)
	if err != nil || len(dirs) == 0 {
		return err
	}
	live := map[string]bool{}
	for _, seg := range s.cat.Segments(s.collID) {
		live[seg.Dir] = true
	}
	for _, rel := range dirs {
		if live[rel] {
			continue
		}
		if err := os.RemoveAll(filepath.Join(s.cfg.ObjectRoot, rel)); err != nil {
			return fmt.Errorf("remove compacted segment files %s: %w", rel, err)
		}
		syncDir(filepath.Dir(filepath.Join(s.cfg.ObjectRoot, rel)))
	}
	return s.cat.RemoveGarbage(s.collID, dirs...)
}
