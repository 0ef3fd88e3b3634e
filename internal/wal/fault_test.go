package wal

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

var errInjected = errors.New("injected fault")

// faultyFile breaks writes or fsyncs of the file it wraps once armed.
type faultyFile struct {
	file
	mode *atomic.Int32 // one of the fault* constants
}

const (
	faultNone int32 = iota
	faultWrite
	faultShortWrite
	faultSync
)

func (f faultyFile) Write(p []byte) (int, error) {
	switch f.mode.Load() {
	case faultWrite:
		return 0, errInjected
	case faultShortWrite:
		n, _ := f.file.Write(p[:len(p)/2])
		return n, errInjected
	}
	return f.file.Write(p)
}

func (f faultyFile) Sync() error {
	if f.mode.Load() == faultSync {
		return errInjected
	}
	return f.file.Sync()
}

func TestStickyFailure(t *testing.T) {
	tests := []struct {
		name    string
		mode    int32
		mayKeep bool // the failed record may have reached the file
	}{
		{"write error", faultWrite, false},
		{"short write", faultShortWrite, false},
		{"fsync error", faultSync, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var mode atomic.Int32
			h := hooks{wrapFile: func(f file) file { return faultyFile{f, &mode} }}
			// Real fsyncs, or an fsync fault could not show.
			l, err := open(dir, Options{}, h)
			if err != nil {
				t.Fatal(err)
			}
			ok := numbered(3)
			appendAll(t, l, ok)
			mode.Store(tt.mode)
			if _, err := l.Append(context.Background(), []byte("fails")); !errors.Is(err, ErrFailed) || !errors.Is(err, errInjected) {
				t.Fatalf("Append during fault: %v", err)
			}
			mode.Store(faultNone)
			if _, err := l.Append(context.Background(), []byte("after")); !errors.Is(err, ErrFailed) {
				t.Fatalf("Append after fault: %v, want the sticky ErrFailed", err)
			}
			if err := l.TruncateBefore(100); !errors.Is(err, ErrFailed) {
				t.Fatalf("TruncateBefore after fault: %v, want ErrFailed", err)
			}
			if l.LastLSN() != 3 {
				t.Fatalf("LastLSN = %d, want 3", l.LastLSN())
			}
			mustClose(t, l)

			l = openT(t, dir, Options{NoSync: true})
			defer mustClose(t, l)
			got := replayAll(t, l, 0)
			if tt.mayKeep && len(got) == 4 {
				ok = append(ok, []byte("fails"))
			}
			checkRecords(t, got, 1, ok)
		})
	}
}
