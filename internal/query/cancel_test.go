package query

import (
	"context"
	"errors"
	"math/rand"
	"sync/atomic"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/segment"
)

// cancellingFilter passes every row and cancels the read's context the
// first time it runs; calls counts the views it was asked about.
func cancellingFilter(cancel context.CancelFunc, calls *atomic.Int32) Filter {
	return func(v *segment.View) (*bitset.Bitset, error) {
		calls.Add(1)
		cancel()
		return bitset.NewFull(v.N), nil
	}
}

func cancelViews(t *testing.T) []*segment.View {
	r := rand.New(rand.NewSource(11))
	var views []*segment.View
	for i := 0; i < 16; i++ {
		views = append(views, testView(t, r, 50, i%2 == 0))
	}
	return views
}

func TestReadsStopWhenCancelled(t *testing.T) {
	views := cancelViews(t)
	q := testQueries(rand.New(rand.NewSource(12)), 3)
	reads := map[string]func(ctx context.Context, f Filter) (any, error){
		"search": func(ctx context.Context, f Filter) (any, error) {
			s := &Search{FieldID: bVec, Metric: index.L2, Queries: q, K: 5, Filter: f}
			return s.Run(ctx, views)
		},
		"collect": func(ctx context.Context, f Filter) (any, error) { return Collect(ctx, views, f) },
		"count":   func(ctx context.Context, f Filter) (any, error) { return Count(ctx, views, f) },
	}
	for name, read := range reads {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := read(done, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("%s under a cancelled context: err %v, want context.Canceled", name, err)
		}
		// Cancelled while the first views are read: the later ones are
		// never filtered or searched.
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		_, err := read(ctx, cancellingFilter(cancel, &calls))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s cancelled midway: err %v, want context.Canceled", name, err)
		}
		if n := int(calls.Load()); n > parallelism() {
			t.Errorf("%s cancelled midway read %d of %d views, want at most %d", name, n, len(views), parallelism())
		}
	}
}
