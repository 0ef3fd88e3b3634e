package wal

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
)

var modelSeed = flag.Uint64("wal.seed", 0, "run TestModel with this seed only")

// model is what the log must hold: the payload of every LSN in first..last.
type model struct {
	payloads map[uint64][]byte
	first    uint64 // 0 when the log holds no records
	last     uint64
}

// sim drives one Log through random operations and checks it after each.
type sim struct {
	t         *testing.T
	rng       *rand.Rand
	dir       string
	opts      Options
	l         *Log
	m         model
	failAfter int // TruncateBefore crashes after this many removals; -1 never
}

func TestModel(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 42, 1234, 99991, 31337}
	if *modelSeed != 0 {
		seeds = []uint64{*modelSeed}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			s := &sim{t: t, rng: rand.New(rand.NewPCG(seed, 0)), dir: t.TempDir(), failAfter: -1}
			s.m.payloads = map[uint64][]byte{}
			s.opts = Options{NoSync: true, SegmentBytes: 256 + s.rng.Int64N(4096)}
			s.open()
			defer func() { s.l.Close() }()
			for step := range 150 {
				op := s.step()
				if t.Failed() {
					t.Fatalf("seed %d failed at step %d (%s); rerun with -wal.seed=%d", seed, step, op, seed)
				}
			}
		})
	}
}

func (s *sim) open() {
	l, err := open(s.dir, s.opts, hooks{beforeRemove: s.maybeCrash})
	if err != nil {
		s.t.Fatalf("Open: %v", err)
	}
	s.l = l
}

func (s *sim) maybeCrash(string) error {
	if s.failAfter == 0 {
		return errCrash
	}
	s.failAfter--
	return nil
}

// step runs one random operation, checks the log and names the operation.
func (s *sim) step() string {
	var op string
	switch n := s.rng.IntN(10); {
	case n < 5:
		op = s.appendSome()
	case n < 7:
		op = s.truncate()
	case n < 8:
		op = "reopen"
		s.reopen()
	default:
		op = s.crash()
	}
	s.check()
	return op
}

// appendSome appends a few records concurrently, as shard writers would.
func (s *sim) appendSome() string {
	payloads := randPayloads(s.rng, 1+s.rng.IntN(8), 200)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, p := range payloads {
		wg.Go(func() {
			lsn, err := s.l.Append(context.Background(), p)
			if err != nil {
				s.t.Errorf("Append: %v", err)
				return
			}
			mu.Lock()
			s.m.payloads[lsn] = p
			s.m.last = max(s.m.last, lsn)
			if s.m.first == 0 {
				s.m.first = lsn
			}
			s.m.first = min(s.m.first, lsn)
			mu.Unlock()
		})
	}
	wg.Wait()
	return fmt.Sprintf("append %d", len(payloads))
}

// truncate cuts at a random LSN, sometimes crashing part way. Which whole
// files go is the log's choice; the model checks it kept everything >= lsn.
func (s *sim) truncate() string {
	lsn := s.rng.Uint64N(s.m.last + 3)
	crash := s.rng.IntN(4) == 0
	if crash {
		s.failAfter = s.rng.IntN(3)
	}
	err := s.l.TruncateBefore(lsn)
	s.failAfter = -1
	if err != nil && !crash {
		s.t.Errorf("TruncateBefore(%d): %v", lsn, err)
	}
	if crash {
		s.reopen()
	}
	s.checkTruncated(lsn, crash)
	return fmt.Sprintf("truncate %d crash=%v", lsn, crash)
}

// checkTruncated checks that TruncateBefore(lsn) kept every record >= lsn
// and moved FirstLSN only forward; which whole files went is the log's choice.
func (s *sim) checkTruncated(lsn uint64, crashed bool) {
	first, prev := s.l.FirstLSN(), s.m.first
	var ok bool
	switch {
	case prev == 0:
		ok = first == 0
	case lsn > s.m.last && !crashed:
		ok = first == 0
	case first == 0:
		ok = lsn > s.m.last
	default:
		ok = first >= prev && first <= max(lsn, prev)
	}
	if !ok {
		s.t.Errorf("TruncateBefore(%d) left FirstLSN %d; before it %d, last %d", lsn, first, prev, s.m.last)
	}
	s.m.first = first
}

func (s *sim) reopen() {
	if err := s.l.Close(); err != nil {
		s.t.Fatalf("Close: %v", err)
	}
	s.open()
}

// crash closes the log and tears bytes off the end of the last file, as a
// crash during a write would; the model drops the records that no longer fit.
func (s *sim) crash() string {
	if err := s.l.Close(); err != nil {
		s.t.Fatalf("Close: %v", err)
	}
	path := lastSegment(s.t, s.dir)
	size := fileSize(s.t, path)
	cut := s.rng.Int64N(min(size, 300) + 1)
	if err := os.Truncate(path, size-cut); err != nil {
		s.t.Fatal(err)
	}
	first, _ := parseSegmentName(lastFileName(path))
	s.keepFitting(first, size-cut)
	s.open()
	return fmt.Sprintf("crash cut %d of %d bytes", cut, size)
}

func lastFileName(path string) string { return path[len(path)-len(segmentName(0)):] }

// keepFitting drops from the model the records of the last file (first LSN
// first) that do not fit whole in size bytes.
func (s *sim) keepFitting(first uint64, size int64) {
	end := int64(fileHeaderSize)
	lsn := first
	for ; lsn <= s.m.last; lsn++ {
		end += recordSize(len(s.m.payloads[lsn]))
		if end > size {
			break
		}
	}
	s.m.last = lsn - 1
	if s.m.last < s.m.first {
		s.m.first = 0
	}
}

// check compares the log with the model: counters, size and every record.
func (s *sim) check() {
	l, m := s.l, s.m
	if l.LastLSN() != m.last || l.FirstLSN() != m.first {
		s.t.Errorf("FirstLSN %d LastLSN %d, model %d %d", l.FirstLSN(), l.LastLSN(), m.first, m.last)
		return
	}
	if l.Size() != dirSize(s.t, s.dir) {
		s.t.Errorf("Size %d, files hold %d", l.Size(), dirSize(s.t, s.dir))
	}
	from := s.rng.Uint64N(m.last + 2)
	next, end := max(from, m.first), m.last // expected LSNs: next..end
	if m.first == 0 {
		next, end = m.last+1, m.last
	}
	err := l.Replay(from, func(lsn uint64, p []byte) error {
		if lsn != next || lsn > end || !bytes.Equal(p, m.payloads[lsn]) {
			return fmt.Errorf("replay from %d gave lsn %d %q, model lsn %d of ..%d", from, lsn, p, next, end)
		}
		next++
		return nil
	})
	if err == nil && next <= end {
		err = fmt.Errorf("replay from %d stopped before lsn %d, model last %d", from, next, end)
	}
	if err != nil {
		s.t.Error(err)
	}
}
