package shard

import (
	"fmt"
	"slices"
	"sync"
)

// activity counts a shard's running background work by kind, so a server
// that is stopping (or a drop that waits) can say what it waits for.
type activity struct {
	mu sync.Mutex     // guards n
	n  map[string]int // kind → running count
}

// begin records one piece of work of kind; the returned func ends it.
func (a *activity) begin(kind string) func() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n == nil {
		a.n = map[string]int{}
	}
	a.n[kind]++
	return func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.n[kind]--; a.n[kind] <= 0 {
			delete(a.n, kind)
		}
	}
}

func (a *activity) list() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for kind, n := range a.n {
		if n == 1 {
			out = append(out, kind)
		} else {
			out = append(out, fmt.Sprintf("%d× %s", n, kind))
		}
	}
	slices.Sort(out)
	return out
}

// The kinds of background work Busy reports.
const (
	workIndexBuild = "index build"
	workCompaction = "compaction"
	workFlush      = "flush"
)

// Busy names the shard's running background work ("index build",
// "compaction", "flush"); nil when idle.
func (s *Shard) Busy() []string { return s.work.list() }
