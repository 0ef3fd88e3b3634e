package server

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// stuck is a service whose Close returns when release is closed.
type stuck struct {
	release chan struct{}
	busy    []string
}

func (s *stuck) Close() error   { <-s.release; return nil }
func (s *stuck) Busy() []string { return s.busy }

type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncBuf) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuf) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func TestStopWithin(t *testing.T) {
	old := stopReportEvery
	stopReportEvery = 20 * time.Millisecond
	t.Cleanup(func() { stopReportEvery = old })
	busy := []string{"collection 7 (docs): index build"}

	t.Run("done in time", func(t *testing.T) {
		svc := &stuck{release: make(chan struct{}), busy: busy}
		close(svc.release)
		s := testServer(t, t.TempDir(), nil)
		if err := s.stopWithin(svc, time.Now().Add(time.Minute)); err != nil {
			t.Fatalf("stop: %v", err)
		}
	})
	t.Run("gives up at the deadline", func(t *testing.T) {
		svc := &stuck{release: make(chan struct{}), busy: busy}
		defer close(svc.release)
		log := &syncBuf{}
		s := testServer(t, t.TempDir(), func(c *Config) { c.StopTimeout = 150 * time.Millisecond })
		s.log = slog.New(slog.NewTextHandler(log, nil))
		began := time.Now()
		err := s.stopWithin(svc, began.Add(s.cfg.StopTimeout))
		if took := time.Since(began); took > 5*time.Second {
			t.Fatalf("stop took %v with a 150ms timeout", took)
		}
		var se *StopError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "collection 7 (docs): index build") {
			t.Fatalf("err = %v, want a StopError naming the build", err)
		}
		for _, want := range []string{"waiting_for=\"collection 7 (docs): index build\"", "stop deadline passed", "abandoned="} {
			if !strings.Contains(log.String(), want) {
				t.Errorf("log lacks %q:\n%s", want, log.String())
			}
		}
	})
}
