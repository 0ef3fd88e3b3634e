package shard

import (
	"context"
	"maps"

	"github.com/kite-db/kite/internal/segment"
)

// Snapshot is a consistent read of the shard at one timestamp. Its views
// point into segment memory: call Release when done.
type Snapshot struct {
	Views   []*segment.View
	release func()
}

// Release lets the shard unmap segments the snapshot used.
func (sn *Snapshot) Release() { sn.release() }

// Snapshot returns views of every segment of the given partitions (all when
// partitions is nil) with the rows visible at ts. If ctx is done while it
// waits for writes stamped at or before ts, it returns ctx.Err().
func (s *Shard) Snapshot(ctx context.Context, ts uint64, partitions []int64) (*Snapshot, error) {
	s.readers.RLock()
	s.mu.Lock()
	if err := s.waitAppliedLocked(ctx, ts); err != nil {
		s.mu.Unlock()
		s.readers.RUnlock()
		return nil, err
	}
	segs := make([]*segment.Segment, 0, len(s.mu.sealed)+len(s.mu.sealing)+len(s.mu.growing))
	segs = append(segs, s.mu.sealed...)
	segs = append(segs, s.mu.sealing...)
	for _, g := range s.mu.growing {
		segs = append(segs, g)
	}
	dl := s.mu.deletes
	s.mu.Unlock()
	s.completeColumns(segs)
	sn := &Snapshot{release: s.readers.RUnlock}
	for _, seg := range segs {
		if partitions != nil && !contains(partitions, seg.PartitionID) {
			continue
		}
		sn.Views = append(sn.Views, seg.Snapshot(ts, dl))
	}
	return sn, nil
}

// waitAppliedLocked waits until no write stamped at or before ts is between
// its timestamp and its apply (a delete applied without the insert of the
// same upsert, or rows missing that an acknowledged write holds); writes
// stamped later cannot change rows visible at ts. The wait is on a
// condition variable, so a done ctx wakes it through a broadcast.
func (s *Shard) waitAppliedLocked(ctx context.Context, ts uint64) error {
	if !s.writesPendingLocked(ts) {
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.mu.applied.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	for s.writesPendingLocked(ts) {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.mu.applied.Wait()
	}
	return nil
}

func (s *Shard) writesPendingLocked(ts uint64) bool {
	for t := range s.mu.inflight {
		if t <= ts {
			return true
		}
	}
	return false
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Stats are a shard's row counts.
type Stats struct {
	SealedSegments  int
	GrowingSegments int
	SealedRows      int
	GrowingRows     int
	Deletes         int
	WALBytes        int64
	IndexedRows     map[int64]int    // per field with a built index, vector or scalar
	PathIndexedRows map[int64]int    // per JSON-path index ID
	FlushErr        error            // the last background seal failure, if any
	IndexErrors     map[int64]string // index ID → why its last build failed
}

// Stats reports row and segment counts.
func (s *Shard) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logMu.RLock()
	walBytes := s.log.Size()
	s.logMu.RUnlock()
	st := Stats{Deletes: s.mu.deletes.Len(), WALBytes: walBytes, IndexedRows: map[int64]int{}, PathIndexedRows: map[int64]int{}, FlushErr: s.mu.flushErr,
		IndexErrors: maps.Clone(s.mu.buildErrs)}
	for _, seg := range s.mu.sealed {
		st.SealedSegments++
		st.SealedRows += seg.Len()
		for _, f := range seg.IndexedFields() {
			st.IndexedRows[f] += seg.Len()
		}
		for _, id := range seg.PathIndexIDs() {
			st.PathIndexedRows[id] += seg.Len()
		}
	}
	for _, seg := range append(s.mu.sealing, mapValues(s.mu.growing)...) {
		st.GrowingSegments++
		st.GrowingRows += seg.Len()
	}
	return st
}

func mapValues(m map[int64]*segment.Segment) []*segment.Segment {
	out := make([]*segment.Segment, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// Segments returns the sealed and growing segments, for segment-info RPCs.
func (s *Shard) Segments() (sealed, growing []*segment.Segment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*segment.Segment(nil), s.mu.sealed...), append(append([]*segment.Segment(nil), s.mu.sealing...), mapValues(s.mu.growing)...)
}
