package wal

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DefaultSegmentBytes is the file size past which the log starts a new file.
const DefaultSegmentBytes = 64 << 20

// Options tune a Log; zero values mean defaults.
type Options struct {
	SegmentBytes int64 // roll to a new file past this size; default 64 MiB
	NoSync       bool  // tests only: skip fsync
}

// hooks let tests in this package watch and break the log's I/O.
type hooks struct {
	wrapFile     func(file) file         // wraps each segment file opened for writing
	beforeSync   func()                  // runs before each fsync of a segment file
	beforeRemove func(path string) error // runs before TruncateBefore removes a file
}

// Log is a write-ahead log in one directory. Its methods are safe for
// concurrent use.
type Log struct {
	dir   string
	opts  Options
	hooks hooks

	wake  chan struct{} // tells the writer the queue changed; capacity 1
	donec chan struct{} // closed when the writer has exited
	w     writer        // owned by the writer goroutine
	// closeErr is the writer's error closing its file; read after donec.
	closeErr error

	q struct {
		sync.Mutex // guards the append queue and the log's state
		pending    []*request
		closed     bool
		failed     error // sticky: the first write or fsync failure
	}
	segs struct {
		sync.Mutex           // guards list; the writer appends, truncation pops
		list       []segment // in LSN order; the last is the active file
	}
	// truncMu keeps files in place while Replay reads them: Replay holds it
	// shared, TruncateBefore exclusively.
	truncMu sync.RWMutex

	lastLSN atomic.Uint64 // last durable LSN
	oldest  atomic.Uint64 // first LSN of the oldest file
	size    atomic.Int64  // bytes on disk
	syncs   atomic.Int64  // fsyncs of segment files, for tests of group commit
}

// Open opens the log in dir, creating dir if missing. It verifies every file
// and cuts a torn record off the end of the last one; any other damage is a
// *CorruptError and the log is not opened.
func Open(dir string, opts Options) (*Log, error) {
	return open(dir, opts, hooks{})
}

func open(dir string, opts Options, h hooks) (*Log, error) {
	if opts.SegmentBytes < 0 {
		return nil, fmt.Errorf("%w: negative SegmentBytes %d", ErrOptions, opts.SegmentBytes)
	}
	if opts.SegmentBytes == 0 {
		opts.SegmentBytes = DefaultSegmentBytes
	}
	if err := makeDir(dir, opts.NoSync); err != nil {
		return nil, err
	}
	segs, err := listSegments(dir)
	if err != nil {
		return nil, err
	}
	next, err := recoverSegments(dir, segs, opts.NoSync)
	if err != nil {
		return nil, err
	}
	l := &Log{dir: dir, opts: opts, hooks: h, wake: make(chan struct{}, 1), donec: make(chan struct{})}
	if err := l.openActive(segs, next); err != nil {
		return nil, err
	}
	go l.run()
	return l, nil
}

// makeDir creates dir if missing and makes its entry in the parent durable,
// or the first file's fsynced records could vanish with their directory.
func makeDir(dir string, noSync bool) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("wal: open: %w", err)
	}
	return syncDir(filepath.Dir(dir), noSync)
}

// openActive opens the last file for appending, creating the first file of
// an empty directory, and sets the log's counters.
func (l *Log) openActive(segs []segment, next uint64) error {
	var f *os.File
	var err error
	if len(segs) == 0 {
		next = 1
		f, err = createSegment(l.dir, next, l.opts.NoSync)
		segs = []segment{{first: next, size: fileHeaderSize}}
	} else {
		path := filepath.Join(l.dir, segmentName(segs[len(segs)-1].first))
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	}
	if err != nil {
		return fmt.Errorf("wal: open: %w", err)
	}
	var total int64
	for _, s := range segs {
		total += s.size
	}
	active := segs[len(segs)-1]
	l.w = writer{f: l.wrap(f), first: active.first, next: next, size: active.size}
	l.w.bw = bufio.NewWriterSize(l.w.f, writeBufferSize)
	l.segs.list = segs
	l.lastLSN.Store(next - 1)
	l.oldest.Store(segs[0].first)
	l.size.Store(total)
	return nil
}

func (l *Log) wrap(f file) file {
	if l.hooks.wrapFile != nil {
		return l.hooks.wrapFile(f)
	}
	return f
}

// LastLSN returns the last durable LSN, 0 if none was ever appended.
func (l *Log) LastLSN() uint64 { return l.lastLSN.Load() }

// FirstLSN returns the first LSN still on disk, 0 when the log holds no
// records (then LastLSN+1 is the next LSN).
func (l *Log) FirstLSN() uint64 {
	last, oldest := l.lastLSN.Load(), l.oldest.Load()
	if last < oldest {
		return 0
	}
	return oldest
}

// Size returns the bytes the log's files take on disk.
func (l *Log) Size() int64 { return l.size.Load() }

// Close waits for queued appends to finish, stops the writer and closes the
// active file. Later calls return nil; other methods then return ErrClosed.
func (l *Log) Close() error {
	l.q.Lock()
	already := l.q.closed
	l.q.closed = true
	l.q.Unlock()
	l.signal()
	<-l.donec
	if already {
		return nil
	}
	return l.closeErr
}

func (l *Log) isClosed() bool {
	l.q.Lock()
	defer l.q.Unlock()
	return l.q.closed
}
