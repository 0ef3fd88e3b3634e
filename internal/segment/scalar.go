package segment

import (
	"maps"

	"github.com/kite-db/kite/internal/index/scalar"
)

// SetScalarIndex installs a built index for a scalar field. The map is
// replaced, not modified, so views taken earlier keep theirs.
func (s *Segment) SetScalarIndex(fieldID int64, ix scalar.Index) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.mu.scalars[fieldID]; ok {
		s.mu.retired = append(s.mu.retired, old)
	}
	s.mu.scalars = maps.Clone(s.mu.scalars)
	if s.mu.scalars == nil {
		s.mu.scalars = map[int64]scalar.Index{}
	}
	s.mu.scalars[fieldID] = ix
}

// HasScalarIndex reports whether a built scalar index exists for the field.
func (s *Segment) HasScalarIndex(fieldID int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.mu.scalars[fieldID]
	return ok
}

// dropScalarLocked retires a scalar index; reads may still hold it.
func (s *Segment) dropScalarLocked(fieldID int64) {
	if ix, ok := s.mu.scalars[fieldID]; ok {
		s.mu.retired = append(s.mu.retired, ix)
		s.mu.scalars = maps.Clone(s.mu.scalars)
		delete(s.mu.scalars, fieldID)
	}
}

// ScalarIndex implements expr.IndexedBatch: the filter evaluator answers
// predicates on the field from it.
func (v *View) ScalarIndex(fieldID int64) scalar.Index {
	if ix, ok := v.Scalars[fieldID]; ok {
		return ix
	}
	return nil
}
