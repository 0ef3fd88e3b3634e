package shard

import (
	"context"
	"sync"
	"testing"
)

// Compactions run while writers insert and delete, a reader snapshots and
// a flusher seals: every read sees whole rows, and the end state matches
// what the writers did. Run with -race.
func TestCompactConcurrentWithReadsAndWrites(t *testing.T) {
	f := newFixture(t, 30)
	f.later()
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // reader
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			snap := f.snapshot(f.oracle.Next(), nil)
			for _, v := range snap.Views {
				v.Visible.ForEach(func(i int) bool {
					if pk, x := v.Cols[pkID].Ints[i], v.Cols[valueID].Ints[i]; x != pk*10 {
						t.Errorf("row %d holds %d", pk, x)
					}
					return true
				})
			}
			snap.Release()
		}
	}()
	go func() { // compactor
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, p := range f.sh.PlanCompaction(true) {
				if _, err := f.sh.Compact(ctx, p); err != nil {
					t.Error(err)
				}
			}
		}
	}()
	live := map[int64]bool{}
	for i := int64(0); i < 300; i++ {
		r := rows([]int64{i}, 0)
		r[valueID].Ints[0] = i * 10
		if _, err := f.sh.Insert(ctx, partA, r); err != nil {
			t.Fatal(err)
		}
		live[i] = true
		if i%3 == 0 {
			f.delete(partA, []int64{i / 2})
			delete(live, i/2)
		}
		if i%25 == 0 {
			f.flush()
		}
	}
	close(stop)
	wg.Wait()
	f.flush()
	f.compactAll(true)
	got := f.visible(nil)
	if len(got) != len(live) {
		t.Fatalf("%d rows visible, %d live", len(got), len(live))
	}
	for _, r := range got {
		if !live[r[0]] {
			t.Fatalf("deleted row %d visible", r[0])
		}
	}
}
