package hnsw

import (
	"context"
	"errors"
	"testing"
)

// cancellingQuery cancels its search's context after a number of
// distances, and counts those it computes afterwards.
type cancellingQuery struct {
	l2Query
	cancel      context.CancelFunc
	left, after *int
}

func (q cancellingQuery) Distance(i int) float32 {
	if *q.left--; *q.left == 0 {
		q.cancel()
	}
	if *q.left < 0 {
		*q.after++
	}
	return q.l2Query.Distance(i)
}

// TestSearchStopsInsideWalk cancels one search partway through its walk:
// it must stop within expandsPerCheck expansions, not run to its end.
func TestSearchStopsInsideWalk(t *testing.T) {
	const n, cancelAt = 8000, 1500
	g, s := build(t, n, 8)
	walk := func(left int) (int, error) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		after := 0
		q := cancellingQuery{s.to(s.queries[:8]), cancel, &left, &after}
		res, err := g.Search(ctx, q, 10, n, nil) // ef = every row: a long walk
		if err != nil && res != nil {
			t.Fatalf("%d results beside error %v", len(res), err)
		}
		return after, err
	}
	whole, err := walk(-1) // never cancelled: counts every distance
	if err != nil {
		t.Fatal(err)
	}
	after, err := walk(cancelAt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	// Each expansion scores at most one level-0 list (2·M rows).
	limit := expandsPerCheck * 2 * 12
	if after > limit || limit > whole/2 {
		t.Fatalf("%d distances after the cancel, want at most %d, far below the whole walk's %d", after, limit, whole)
	}
	t.Logf("whole walk %d distances; %d after the cancel", whole, after)
}

// A build whose context is done stops between inserts with ctx.Err().
func TestBuildStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if g, err := Build(ctx, Config{M: 8, EfConstruction: 40}, testSpace(3000, 8), 3000, 2); !errors.Is(err, context.Canceled) || g != nil {
		t.Fatalf("graph %v, err %v; want context.Canceled and none", g, err)
	}
}
