package shard

import (
	"sync"
	"time"

	"github.com/kite-db/kite/internal/segment"
)

// compactState is what compaction keeps beside the shard's own state.
type compactState struct {
	run sync.Mutex // one compaction of this shard at a time

	// Tests only: clock replaces time.Now for the horizon; failpoint, when
	// it returns an error at a step, stops a compaction there as a crash would.
	clock     func() time.Time
	failpoint func(step string) error

	mu struct {
		sync.Mutex
		unpinned sync.Cond                // signalled when a pin is released
		pins     map[*segment.Segment]int // background builds reading a segment outside any snapshot
		retired  map[*segment.Segment]bool
		leases   map[uint64]time.Time // pinned read timestamps (iterators) → when the pin lapses
		idle     idleKey              // the state in which the last automatic check found nothing to do
	}
}

// idleKey identifies a shard state in which an automatic check found
// nothing to do: until deletes or the sealed set change it finds nothing again.
type idleKey struct {
	deletes int
	sealed  int64 // sum of sealed segment IDs
	valid   bool
}

func (c *compactState) init() {
	c.clock = time.Now
	c.failpoint = func(string) error { return nil }
	c.mu.unpinned.L = &c.mu.Mutex
	c.mu.pins = map[*segment.Segment]int{}
	c.mu.retired = map[*segment.Segment]bool{}
	c.mu.leases = map[uint64]time.Time{}
}

// pinSegment keeps seg open while a background index build reads it
// without a snapshot; false when a compaction has retired it.
func (s *Shard) pinSegment(seg *segment.Segment) bool {
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	if s.cmp.mu.retired[seg] {
		return false
	}
	s.cmp.mu.pins[seg]++
	return true
}

func (s *Shard) unpinSegment(seg *segment.Segment) {
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	if s.cmp.mu.pins[seg]--; s.cmp.mu.pins[seg] <= 0 {
		delete(s.cmp.mu.pins, seg)
	}
	s.cmp.mu.unpinned.Broadcast()
}

// retireSegments closes segments a compaction replaced, once no build and
// no snapshot uses them. They are already out of the sealed list, so no new
// snapshot can reach them.
func (s *Shard) retireSegments(segs []*segment.Segment) {
	s.cmp.mu.Lock()
	for _, seg := range segs {
		s.cmp.mu.retired[seg] = true
	}
	for s.pinnedLocked(segs) {
		s.cmp.mu.unpinned.Wait()
	}
	s.cmp.mu.Unlock()
	// Snapshots hold readers shared until Release: taking it exclusively
	// waits for every read that may hold a view of segs.
	s.readers.Lock()
	for _, seg := range segs {
		seg.Close()
	}
	s.readers.Unlock()
	s.cmp.mu.Lock()
	for _, seg := range segs {
		delete(s.cmp.mu.retired, seg)
	}
	s.cmp.mu.Unlock()
}

func (s *Shard) pinnedLocked(segs []*segment.Segment) bool {
	for _, seg := range segs {
		if s.cmp.mu.pins[seg] > 0 {
			return true
		}
	}
	return false
}
