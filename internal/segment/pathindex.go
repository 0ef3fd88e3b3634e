package segment

import (
	"maps"
	"slices"

	"github.com/kite-db/kite/internal/index/scalar"
)

// SetPathIndex installs a built JSON-path index on a JSON field, replacing
// one with the same index ID. The map is replaced, not modified, so views
// taken earlier keep theirs.
func (s *Segment) SetPathIndex(fieldID int64, p scalar.PathIndex) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropPathLocked(p.ID)
	s.mu.paths = maps.Clone(s.mu.paths)
	if s.mu.paths == nil {
		s.mu.paths = map[int64][]scalar.PathIndex{}
	}
	s.mu.paths[fieldID] = append(slices.Clone(s.mu.paths[fieldID]), p)
}

// HasPathIndex reports whether the JSON-path index indexID is built.
func (s *Segment) HasPathIndex(indexID int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, ps := range s.mu.paths {
		for _, p := range ps {
			if p.ID == indexID {
				return true
			}
		}
	}
	return false
}

// PathIndexIDs lists the built JSON-path indexes.
func (s *Segment) PathIndexIDs() []int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []int64
	for _, ps := range s.mu.paths {
		for _, p := range ps {
			out = append(out, p.ID)
		}
	}
	return out
}

// DropPathIndex retires a JSON-path index; reads may still hold it.
func (s *Segment) DropPathIndex(indexID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropPathLocked(indexID)
}

func (s *Segment) dropPathLocked(indexID int64) {
	for f, ps := range s.mu.paths {
		i := slices.IndexFunc(ps, func(p scalar.PathIndex) bool { return p.ID == indexID })
		if i < 0 {
			continue
		}
		s.mu.retired = append(s.mu.retired, ps[i].Index)
		s.mu.paths = maps.Clone(s.mu.paths)
		s.mu.paths[f] = slices.Delete(slices.Clone(ps), i, i+1)
	}
}

func (s *Segment) closePathsLocked() {
	for _, ps := range s.mu.paths {
		for _, p := range ps {
			p.Close()
		}
	}
	s.mu.paths = nil
}

// PathIndexes implements expr.PathIndexedBatch.
func (v *View) PathIndexes(fieldID int64) []scalar.PathIndex { return v.Paths[fieldID] }
