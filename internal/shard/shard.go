package shard

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/segment"
	"github.com/kite-db/kite/internal/tso"
	"github.com/kite-db/kite/internal/wal"
)

// Config locates a shard's files and tunes it.
type Config struct {
	WALDir     string // this shard's WAL directory
	ObjectRoot string // root of sealed segment and delta files
	SealRows   int    // seal growing segments once they hold this many rows in all
	NoSync     bool   // tests only
	// Retention keeps rows deleted this recently through compaction, for
	// reads at older timestamps (compact_horizon.go).
	Retention time.Duration
}

// Shard is one collection's data.
type Shard struct {
	collID int64
	pkID   int64 // primary-key field ID, fixed for the collection's life
	cfg    Config
	cat    *catalog.Catalog
	oracle *tso.Oracle

	// logMu guards log and logErr. Writers hold it shared from append to
	// apply; reopening the log after a failure holds it exclusively, so it
	// sees every acknowledged record applied.
	logMu  sync.RWMutex
	log    *wal.Log
	logErr error // the append failure that broke log; nil while healthy

	// readers is held shared by every read that uses segment memory and
	// exclusively by whoever unmaps segments.
	readers sync.RWMutex
	flushMu sync.Mutex // one flush at a time

	mu struct {
		sync.Mutex
		applied    sync.Cond // signalled when appliedLSN moves or a write leaves inflight
		appliedLSN uint64
		// inflight holds the timestamps of writes not yet applied (or
		// failed): a read at ts waits for those at or before ts, so it sees
		// each write whole or, if later than ts, not at all.
		inflight   map[uint64]struct{}
		growing    map[int64]*segment.Segment // by partition
		sealing    []*segment.Segment         // frozen, being written
		sealed     []*segment.Segment
		deletes    *segment.DeleteLog
		pendingDel []deltaEntry     // deletes since the last checkpoint
		flushErr   error            // the last background flush failure, for Stats
		buildErrs  map[int64]string // index ID → last build failure
		closed     bool
	}
	bg   sync.WaitGroup // background flushes, index builds and compactions
	work activity       // what of it runs now, for Busy (activity.go)
	cmp  compactState   // compact_state.go

	// buildCtx is cancelled when Close starts, so an index build (which
	// can take minutes) stops instead of holding Close up.
	buildCtx    context.Context
	cancelBuild context.CancelFunc
}

type deltaEntry struct {
	key string
	del segment.Delete
}

// Open opens the collection's shard, recovering sealed data and replaying the WAL.
func Open(collID int64, cfg Config, cat *catalog.Catalog, oracle *tso.Oracle) (*Shard, error) {
	col, ok := cat.CollectionByID(collID)
	if !ok {
		return nil, fmt.Errorf("open shard: collection %d is not in the catalog", collID)
	}
	s := &Shard{collID: collID, pkID: col.Schema.PrimaryKey().ID, cfg: cfg, cat: cat, oracle: oracle}
	s.buildCtx, s.cancelBuild = context.WithCancel(context.Background())
	s.mu.applied.L = &s.mu.Mutex
	s.mu.growing = map[int64]*segment.Segment{}
	s.mu.inflight = map[uint64]struct{}{}
	s.mu.deletes = segment.NewDeleteLog()
	s.cmp.init()
	if err := s.removeGarbage(); err != nil {
		return nil, err
	}
	if err := s.openSealed(); err != nil {
		s.closeSegments()
		return nil, err
	}
	log, err := wal.Open(cfg.WALDir, wal.Options{NoSync: cfg.NoSync})
	if err != nil {
		s.closeSegments()
		return nil, fmt.Errorf("open wal of collection %d: %w", collID, err)
	}
	s.log = log
	if err := s.replay(); err != nil {
		log.Close()
		s.closeSegments()
		return nil, err
	}
	if last := log.LastLSN(); last < s.mu.appliedLSN {
		// Appends would get LSNs already covered by the checkpoint.
		log.Close()
		s.closeSegments()
		return nil, fmt.Errorf("wal of collection %d ends at %d, before its checkpoint %d: WAL files are missing", collID, last, s.mu.appliedLSN)
	}
	return s, nil
}

func (s *Shard) openSealed() error {
	for _, meta := range s.cat.Segments(s.collID) {
		seg, m, err := segment.OpenSealed(filepath.Join(s.cfg.ObjectRoot, meta.Dir))
		if err != nil {
			return fmt.Errorf("open segment %d of collection %d: %w", meta.ID, s.collID, err)
		}
		s.oracle.Observe(seg.MaxTs())
		_ = m
		s.mu.sealed = append(s.mu.sealed, seg)
	}
	s.completeColumns(s.mu.sealed)
	cp := s.cat.Checkpoint(s.collID)
	for _, d := range cp.Deltas {
		if err := readDelta(filepath.Join(s.cfg.ObjectRoot, d), s.mu.deletes); err != nil {
			return err
		}
	}
	s.mu.appliedLSN = cp.LSN
	return nil
}

func (s *Shard) replay() error {
	from := s.mu.appliedLSN + 1
	return s.log.Replay(from, func(lsn uint64, payload []byte) error {
		r, err := decodeRecord(payload)
		if err != nil {
			return fmt.Errorf("wal record %d of collection %d: %w", lsn, s.collID, err)
		}
		s.oracle.Observe(r.ts)
		s.mu.Lock()
		s.applyLocked(r)
		s.mu.appliedLSN = lsn
		s.mu.Unlock()
		return nil
	})
}

// Close stops background work and closes the WAL and segment files.
func (s *Shard) Close() error {
	s.mu.Lock()
	s.mu.closed = true
	s.mu.Unlock()
	s.cancelBuild()
	s.bg.Wait()
	// A Flush called through the API (not under bg) may have passed its
	// closed check already: wait for it before closing what it writes to.
	s.flushMu.Lock()
	s.flushMu.Unlock()
	s.logMu.Lock()
	err := s.log.Close()
	s.logMu.Unlock()
	s.closeSegments()
	return err
}

// Drop closes the shard and deletes its WAL and files.
func (s *Shard) Drop() error {
	s.Close()
	os.RemoveAll(s.cfg.WALDir)
	return os.RemoveAll(s.collDir())
}

func (s *Shard) collDir() string {
	return filepath.Join(s.cfg.ObjectRoot, strconv.FormatInt(s.collID, 10))
}

func (s *Shard) closeSegments() {
	s.readers.Lock()
	defer s.readers.Unlock()
	for _, seg := range s.mu.sealed {
		seg.Close()
	}
}

// growingLocked returns the partition's growing segment, creating it.
func (s *Shard) growingLocked(partitionID, pkField int64) *segment.Segment {
	g := s.mu.growing[partitionID]
	if g == nil {
		g = segment.NewGrowing(int64(s.oracle.NextN(1)), partitionID, pkField)
		s.mu.growing[partitionID] = g
	}
	return g
}

// pkField returns the collection's primary-key field ID. It is cached at
// Open: a write racing with DropCollection is applied after the catalog
// entry is gone, and looking the key up then would panic with s.mu held.
func (s *Shard) pkField() int64 { return s.pkID }

func (s *Shard) applyLocked(r *record) {
	switch r.kind {
	case kindDelete:
		s.deleteLocked(r.pks, r.partitionID, r.ts)
	case kindUpsert:
		del := r.cols[s.pkField()]
		if keys := r.cols[DeleteKeysField]; keys != nil {
			del = keys
			r.cols = maps.Clone(r.cols)
			delete(r.cols, DeleteKeysField)
		}
		s.deleteLocked(del, segment.AllPartitions, r.ts)
		s.appendLocked(r)
	case kindInsert:
		s.appendLocked(r)
	}
}

// appendLocked adds a record's rows to growing segments: all to its
// partition, or, for a routed write, each row to the partition RouteField
// names — one record, so the batch stays atomic across partitions.
func (s *Shard) appendLocked(r *record) {
	pk := s.pkField()
	route := r.cols[RouteField]
	if route == nil {
		s.growingLocked(r.partitionID, pk).Append(r.cols, r.ts, s.fill)
		return
	}
	rows := map[int64][]int{}
	var order []int64
	for i, p := range route.Ints {
		if rows[p] == nil {
			order = append(order, p)
		}
		rows[p] = append(rows[p], i)
	}
	for _, p := range order {
		part := make(map[int64]*column.Column, len(r.cols)-1)
		for id, c := range r.cols {
			if id != RouteField {
				part[id] = c.Take(rows[p])
			}
		}
		s.growingLocked(p, pk).Append(part, r.ts, s.fill)
	}
}

func (s *Shard) deleteLocked(pks *column.Column, partitionID int64, ts uint64) {
	s.mu.deletes.Add(pks, partitionID, ts)
	for i := 0; i < pks.Len(); i++ {
		s.mu.pendingDel = append(s.mu.pendingDel, deltaEntry{segment.PKKey(pks, i), segment.Delete{Ts: ts, PartitionID: partitionID}})
	}
}
