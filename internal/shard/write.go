package shard

import (
	"context"
	"errors"
	"fmt"

	"github.com/kite-db/kite/internal/column"
)

// ErrClosed is returned by writes to a closed shard.
var ErrClosed = errors.New("shard: closed")

// Insert logs and applies rows; cols holds every field by ID.
func (s *Shard) Insert(ctx context.Context, partitionID int64, cols map[int64]*column.Column) (uint64, error) {
	return s.write(ctx, &record{kind: kindInsert, partitionID: partitionID, cols: cols})
}

// RouteField is the pseudo field ID of a per-row partition-ID column
// (Int64). A write whose columns hold it goes row by row to those partitions
// in one WAL record, so a partition-key batch is atomic.
const RouteField int64 = -1

// DeleteKeysField is the pseudo field ID of an upsert column holding the
// keys to delete when they are not the rows' own (an auto-ID collection
// gives upserted rows new keys).
const DeleteKeysField int64 = -2

// Upsert replaces every row with the same primary keys, in any partition.
func (s *Shard) Upsert(ctx context.Context, partitionID int64, cols map[int64]*column.Column) (uint64, error) {
	return s.write(ctx, &record{kind: kindUpsert, partitionID: partitionID, cols: cols})
}

// Delete hides the rows with these primary keys (in one partition, or all
// with segment.AllPartitions) inserted before now.
func (s *Shard) Delete(ctx context.Context, partitionID int64, pks *column.Column) (uint64, error) {
	return s.write(ctx, &record{kind: kindDelete, partitionID: partitionID, pks: pks})
}

func (s *Shard) write(ctx context.Context, r *record) (uint64, error) {
	s.mu.Lock()
	if s.mu.closed {
		s.mu.Unlock()
		return 0, ErrClosed
	}
	s.mu.Unlock()
	if err := s.healLog(); err != nil {
		return 0, err
	}
	s.logMu.RLock()
	defer s.logMu.RUnlock()
	// Take the timestamp and register it in one critical section: a reader
	// whose timestamp is later then finds it in inflight and waits.
	s.mu.Lock()
	r.ts = s.oracle.Next()
	s.mu.inflight[r.ts] = struct{}{}
	s.mu.Unlock()
	// Never abandon an append half-way: its LSN must be applied or later writers wait forever.
	lsn, err := s.log.Append(context.WithoutCancel(ctx), r.encode())
	if err != nil {
		s.mu.Lock()
		delete(s.mu.inflight, r.ts)
		s.mu.applied.Broadcast()
		s.mu.Unlock()
		s.breakLog(err)
		return 0, fmt.Errorf("write-ahead log of collection %d: %w", s.collID, err)
	}
	s.mu.Lock()
	// Apply in LSN order so appliedLSN means "everything up to here".
	for s.mu.appliedLSN != lsn-1 {
		s.mu.applied.Wait()
	}
	s.applyLocked(r)
	s.mu.appliedLSN = lsn
	delete(s.mu.inflight, r.ts)
	s.mu.applied.Broadcast()
	needSeal := s.growingRowsLocked() >= s.cfg.SealRows && s.cfg.SealRows > 0
	s.mu.Unlock()
	if needSeal {
		s.flushAsync()
	}
	return r.ts, nil
}

func (s *Shard) growingRowsLocked() int {
	n := 0
	for _, g := range s.mu.growing {
		n += g.Len()
	}
	return n
}
