package metasnap

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Options tune a Snapshotter.
type Options struct {
	Dir      string        // where snapshots go: <data-dir>/meta-snapshots
	Keep     int           // newest snapshots kept (at least 1)
	Interval time.Duration // periodic snapshots; 0 turns them off
	Delay    time.Duration // DDL changes within this delay share one snapshot
	Log      *slog.Logger
}

// Defaults for the server.
const (
	DefaultKeep     = 20
	DefaultInterval = time.Hour
	DefaultDelay    = time.Second
)

// Snapshotter takes snapshots of one bbolt file in the background.
type Snapshotter struct {
	db   *bolt.DB
	opts Options
	kick chan struct{}
	stop chan struct{}
	done chan struct{}

	mu struct {
		sync.Mutex
		last  [32]byte // SHA-256 of the newest snapshot, zero if unknown
		taken int
		err   error // of the last attempt
	}
}

// New returns a snapshotter of db; Start runs it.
func New(db *bolt.DB, opts Options) *Snapshotter {
	if opts.Keep < 1 {
		opts.Keep = 1
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	return &Snapshotter{db: db, opts: opts, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// Start takes a first snapshot and starts the background loop; Close stops it.
func (s *Snapshotter) Start() {
	s.takeLogged("start")
	go s.run()
}

// Changed tells the snapshotter the metadata changed; it never blocks.
func (s *Snapshotter) Changed() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Close stops the loop and takes a last snapshot.
func (s *Snapshotter) Close() {
	close(s.stop)
	<-s.done
	s.takeLogged("stop")
}

func (s *Snapshotter) run() {
	defer close(s.done)
	var tick <-chan time.Time
	if s.opts.Interval > 0 {
		t := time.NewTicker(s.opts.Interval)
		defer t.Stop()
		tick = t.C
	}
	var pending <-chan time.Time
	for {
		select {
		case <-s.stop:
			return
		case <-s.kick:
			if pending == nil {
				pending = time.After(s.opts.Delay)
			}
		case <-pending:
			pending = nil
			s.takeLogged("ddl")
		case <-tick:
			s.takeLogged("periodic")
		}
	}
}

func (s *Snapshotter) takeLogged(reason string) {
	path, err := s.Take()
	switch {
	case err != nil:
		s.opts.Log.Warn("metadata snapshot failed", "reason", reason, "err", err,
			"fix", "check free space and permissions of "+s.opts.Dir)
	case path != "":
		s.opts.Log.Debug("metadata snapshot", "reason", reason, "path", path)
	}
}

// Take writes a snapshot now, unless it would equal the newest one. It
// returns the new file's path ("" when nothing changed).
func (s *Snapshotter) Take() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path, err := s.takeLocked()
	s.mu.err = err
	return path, err
}

func (s *Snapshotter) takeLocked() (string, error) {
	if err := os.MkdirAll(s.opts.Dir, 0o755); err != nil {
		return "", fmt.Errorf("metasnap: %w", err)
	}
	if s.mu.last == ([32]byte{}) {
		if snaps, _ := List(s.opts.Dir); len(snaps) > 0 {
			s.mu.last, _ = fileSum(snaps[0].Path)
		}
	}
	tmp := filepath.Join(s.opts.Dir, ".snapshot.tmp")
	defer os.Remove(tmp)
	sum, err := writeTmp(s.db, tmp)
	if err != nil || sum == s.mu.last {
		return "", err
	}
	path := s.nextPath()
	if err := commit(tmp, path); err != nil {
		return "", err
	}
	s.mu.last = sum
	s.mu.taken++
	return path, Prune(s.opts.Dir, s.opts.Keep)
}

// nextPath names a snapshot for now, later than any existing one.
func (s *Snapshotter) nextPath() string {
	t := time.Now().UTC()
	if snaps, _ := List(s.opts.Dir); len(snaps) > 0 && !t.After(snaps[0].Time) {
		t = snaps[0].Time.Add(time.Microsecond)
	}
	return filepath.Join(s.opts.Dir, prefix+t.Format(timeLayout)+ext)
}

// Stats reports how many snapshots this process took and the last error.
func (s *Snapshotter) Stats() (taken int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mu.taken, s.mu.err
}
