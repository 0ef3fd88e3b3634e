package service

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/shard"
	"github.com/kite-db/kite/internal/tso"
)

// Config is what the service needs from the server's configuration.
type Config struct {
	DataDir  string
	SealRows int
	NoSync   bool // tests only: skip fsync
	// MinFreeBytes of free disk below which writes are refused (0: never).
	MinFreeBytes uint64
	Logger       *slog.Logger
	// CompactionInterval is the time between automatic compaction checks
	// (0: only ManualCompaction); CompactionRetention keeps deleted rows
	// this long for reads at older timestamps.
	CompactionInterval  time.Duration
	CompactionRetention time.Duration
	Version             string // Kite's, for "not supported yet" statuses
}

// Limits Milvus applies by default.
const (
	MaxCollections    = 65536
	MaxDatabases      = 64
	MaxPartitions     = 1024
	MaxFields         = 64
	MaxVectorFields   = 10
	MaxTopK           = 16384
	MaxNQ             = 16384
	MaxDim            = 32768
	MaxVarCharLength  = 65535
	MaxArrayCapacity  = 4096
	MaxNameLength     = 255
	DefaultPartition  = "_default"
	DefaultPartitions = 16 // partition-key collections
	// PropAllowInsertAutoID lets inserts into an auto-ID collection keep
	// the keys they bring (Milvus 2.6's allow_insert_auto_id).
	PropAllowInsertAutoID = "allow_insert_auto_id"
	// PropMaxCollections is the database property that lowers MaxCollections.
	PropMaxCollections = "database.max.collections"
)

// Service is Kite's API-independent core.
type Service struct {
	cfg    Config
	cat    *catalog.Catalog
	oracle *tso.Oracle
	log    *slog.Logger
	guard  *diskGuard
	cmp    *compactor   // compaction.go
	iters  *iterCursors // open search iterators v2 (search_iter.go)

	ddl sync.Mutex // serializes every catalog change

	mu struct {
		sync.RWMutex
		shards  map[int64]*shard.Shard // by collection ID
		closing map[int64]*shard.Shard // shards Close or a drop still waits for (busy.go)
	}
}

// Open opens a shard for every collection in the catalog.
func Open(cfg Config, cat *catalog.Catalog) (*Service, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Service{cfg: cfg, cat: cat, oracle: tso.New(0), log: cfg.Logger, guard: newDiskGuard(cfg.DataDir, cfg.MinFreeBytes), iters: newIterCursors()}
	s.mu.shards = map[int64]*shard.Shard{}
	s.mu.closing = map[int64]*shard.Shard{}
	for _, col := range cat.AllCollections() {
		sh, err := s.openShard(col.ID)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.mu.shards[col.ID] = sh
		sh.BuildIndexes()
	}
	s.startCompactor()
	return s, nil
}

func (s *Service) openShard(collID int64) (*shard.Shard, error) {
	cfg := shard.Config{
		WALDir:     filepath.Join(s.cfg.DataDir, "wal", strconv.FormatInt(collID, 10)),
		ObjectRoot: filepath.Join(s.cfg.DataDir, "objects"),
		SealRows:   s.cfg.SealRows,
		NoSync:     s.cfg.NoSync,
		Retention:  s.cfg.CompactionRetention,
	}
	sh, err := shard.Open(collID, cfg, s.cat, s.oracle)
	if err != nil {
		return nil, fmt.Errorf("open collection %d: %w", collID, err)
	}
	return sh, nil
}

// Close stops background work and every shard. Compactions and index
// builds are cancelled first and all shards close at once, so Close waits
// for the slowest shard's cancelled work, not their sum; Busy says what it
// still waits for.
func (s *Service) Close() error {
	s.signalCompactorStop()
	s.mu.Lock()
	shards := s.mu.shards
	s.mu.shards = map[int64]*shard.Shard{}
	s.mu.Unlock()
	errs := make(chan error, len(shards))
	for id, sh := range shards {
		go func() { errs <- s.closeShard(id, sh, (*shard.Shard).Close) }()
	}
	var first error
	for range shards {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	s.waitCompactor()
	return first
}

// Oracle exposes the timestamp oracle (for GetVersion-style helpers and tests).
func (s *Service) Oracle() *tso.Oracle { return s.oracle }

func (s *Service) shard(collID int64) *shard.Shard {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.mu.shards[collID]
}
