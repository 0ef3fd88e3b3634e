package service

import (
	"fmt"
	"sync"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/diskprobe"
)

// diskGuard turns the server read-only while the data dir's disk has less
// free space than the configured minimum, and writable again by itself once
// space returns. It looks at most every refreshEvery, so writes stay cheap.
type diskGuard struct {
	dir      string
	minFree  uint64
	statfs   func(dir string) (diskprobe.Space, error)
	interval time.Duration

	mu struct {
		sync.Mutex
		checked time.Time
		free    uint64
	}
}

const refreshEvery = 500 * time.Millisecond

func newDiskGuard(dir string, minFree uint64) *diskGuard {
	return &diskGuard{dir: dir, minFree: minFree, statfs: diskprobe.DiskSpace, interval: refreshEvery}
}

// check returns a disk-limit error while free space is below the minimum.
func (g *diskGuard) check() error {
	if g == nil || g.minFree == 0 {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if time.Since(g.mu.checked) >= g.interval {
		sp, err := g.statfs(g.dir)
		if err != nil {
			return nil // cannot tell: let the write try
		}
		g.mu.free, g.mu.checked = sp.Free, time.Now()
	}
	if g.mu.free >= g.minFree {
		return nil
	}
	return apierr.DiskLimit(fmt.Sprintf("the disk of data dir %s has %s free, less than the %s Kite keeps in reserve (--min-free-mb); "+
		"Kite is read-only until space is freed: drop collections or free disk space, writes resume by themselves",
		g.dir, diskprobe.Bytes(g.mu.free), diskprobe.Bytes(g.minFree)))
}
