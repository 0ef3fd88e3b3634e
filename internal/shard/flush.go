package shard

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/segment"
)

// Flush seals every growing segment, writes the deletes since the last
// checkpoint, commits both to the catalog and truncates the WAL.
func (s *Shard) Flush(ctx context.Context) error {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	if s.mu.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	defer s.work.begin(workFlush)()
	cpLSN := s.mu.appliedLSN
	var frozen []*segment.Segment
	for _, g := range s.mu.growing {
		if g.Len() > 0 {
			frozen = append(frozen, g)
		}
	}
	s.mu.sealing = frozen
	s.mu.growing = map[int64]*segment.Segment{}
	dels := s.mu.pendingDel
	s.mu.pendingDel = nil
	s.mu.Unlock()

	sealed, err := s.seal(frozen, dels, cpLSN)
	if err != nil {
		// Put the rows back where reads and the next flush find them; the WAL still has them.
		s.mu.Lock()
		s.mu.pendingDel = append(dels, s.mu.pendingDel...)
		s.restoreFrozenLocked(frozen)
		s.mu.Unlock()
		return fmt.Errorf("flush collection %d: %w", s.collID, err)
	}
	s.mu.Lock()
	s.mu.sealed = append(s.mu.sealed, sealed...)
	s.mu.sealing = nil
	s.mu.Unlock()
	s.buildIndexesAsync(sealed)
	s.logMu.RLock()
	defer s.logMu.RUnlock()
	return s.log.TruncateBefore(cpLSN + 1)
}

// restoreFrozenLocked makes frozen segments growing again after a failed seal.
func (s *Shard) restoreFrozenLocked(frozen []*segment.Segment) {
	s.mu.sealing = nil
	for _, g := range frozen {
		if cur := s.mu.growing[g.PartitionID]; cur != nil {
			// Newer rows went to a new segment meanwhile: keep both readable.
			s.mu.sealing = append(s.mu.sealing, g)
			continue
		}
		s.mu.growing[g.PartitionID] = g
	}
}

func (s *Shard) seal(frozen []*segment.Segment, dels []deltaEntry, cpLSN uint64) ([]*segment.Segment, error) {
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok {
		return nil, fmt.Errorf("collection %d is gone", s.collID)
	}
	var add []catalog.Segment
	var opened []*segment.Segment
	fail := func(err error) ([]*segment.Segment, error) {
		for _, o := range opened {
			o.Close()
		}
		return nil, err
	}
	for _, g := range frozen {
		rel := filepath.Join(strconv.FormatInt(s.collID, 10), strconv.FormatInt(g.PartitionID, 10), strconv.FormatInt(g.ID, 10))
		meta := segment.Meta{SegmentID: g.ID, CollectionID: s.collID, PartitionID: g.PartitionID,
			SchemaVersion: col.SchemaVersion, Schema: col.Schema, DBID: col.DBID, DBName: s.dbName(col.DBID)}
		if p := col.PartitionByID(g.PartitionID); p != nil {
			meta.PartitionName = p.Name
		}
		if err := segment.WriteSealed(filepath.Join(s.cfg.ObjectRoot, rel), g, meta); err != nil {
			return fail(err)
		}
		seg, _, err := segment.OpenSealed(filepath.Join(s.cfg.ObjectRoot, rel))
		if err != nil {
			return fail(err)
		}
		opened = append(opened, seg)
		add = append(add, catalog.Segment{ID: g.ID, CollectionID: s.collID, PartitionID: g.PartitionID,
			Rows: int64(seg.Len()), Dir: rel, MaxTs: seg.MaxTs()})
	}
	cp := s.cat.Checkpoint(s.collID)
	cp.LSN = cpLSN
	if len(dels) > 0 {
		rel := filepath.Join(strconv.FormatInt(s.collID, 10), "delta", strconv.FormatUint(cpLSN, 10)+".del")
		if err := writeDelta(filepath.Join(s.cfg.ObjectRoot, rel), dels); err != nil {
			return fail(err)
		}
		cp.Deltas = append(append([]string(nil), cp.Deltas...), rel)
	}
	if err := s.cat.CommitFlush(s.collID, add, nil, cp); err != nil {
		return fail(err)
	}
	return opened, nil
}

// flushAsync seals in the background once growing data passes the limit.
func (s *Shard) flushAsync() {
	if !s.flushMu.TryLock() {
		return // a flush is already running
	}
	s.flushMu.Unlock()
	s.mu.Lock()
	if s.mu.closed {
		s.mu.Unlock()
		return
	}
	s.bg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.bg.Done()
		if err := s.Flush(context.Background()); err != nil {
			s.mu.Lock()
			s.mu.flushErr = err // the rows stay growing and in the WAL; the next seal retries
			s.mu.Unlock()
		}
	}()
}

func (s *Shard) dbName(id int64) string {
	for _, d := range s.cat.Databases() {
		if d.ID == id {
			return d.Name
		}
	}
	return ""
}
