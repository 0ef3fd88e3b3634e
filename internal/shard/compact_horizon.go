package shard

import (
	"slices"
	"time"

	"github.com/kite-db/kite/internal/tso"
)

// A compaction drops a deleted row only when no read can still see it: the
// delete must be at or before the horizon, and every read that can come
// reads at or after it. Fresh reads take a timestamp just before their
// snapshot, so ReadMargin covers the moment between; iterator pages read at
// the session_ts of their first page, so that timestamp is leased while the
// iterator is in use; Retention keeps deletes longer for whoever asks.
// Reads already holding a snapshot keep their views of the old segments
// until they release them (retireSegments), so they need nothing here.
const (
	// ReadMargin covers the moment between a read taking its timestamp and its snapshot.
	ReadMargin = time.Second
	// LeaseTTL is how long an iterator's session timestamp stays readable
	// after its last page.
	LeaseTTL  = 10 * time.Minute
	maxLeases = 4096
)

// LeaseRead keeps rows visible at ts from compaction until LeaseTTL from
// now; iterators call it with their session_ts on every page.
func (s *Shard) LeaseRead(ts uint64) {
	now := s.cmp.clock()
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	s.cmp.mu.leases[ts] = now.Add(LeaseTTL)
	if len(s.cmp.mu.leases) > maxLeases {
		s.dropLapsedLocked(now, true)
	}
}

// Horizon is the newest timestamp a compaction may purge deletes up to.
func (s *Shard) Horizon() uint64 {
	now := s.cmp.clock()
	h := tso.Compose(now.Add(-ReadMargin-s.cfg.Retention), 0)
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	s.dropLapsedLocked(now, false)
	for ts := range s.cmp.mu.leases {
		h = min(h, ts)
	}
	return h
}

// dropLapsedLocked forgets lapsed leases; with full set, also the oldest
// half, so a client opening iterators without end cannot grow the map.
func (s *Shard) dropLapsedLocked(now time.Time, full bool) {
	var oldest []uint64
	for ts, until := range s.cmp.mu.leases {
		if now.After(until) {
			delete(s.cmp.mu.leases, ts)
			continue
		}
		oldest = append(oldest, ts)
	}
	if !full || len(oldest) <= maxLeases/2 {
		return
	}
	slices.Sort(oldest)
	for _, ts := range oldest {
		if len(s.cmp.mu.leases) <= maxLeases/2 {
			return
		}
		delete(s.cmp.mu.leases, ts)
	}
}
