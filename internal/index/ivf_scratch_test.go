package index

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/kite-db/kite/internal/schema"
)

// TestIVFConcurrentSearchesShareScratch runs one query per Search from
// several goroutines at once, as the server does, against every codec:
// the pooled buffers (query, centroid scores, probe order, PQ/SQ8 tables)
// must not leak between searches. Answers must equal a sequential run with
// several nprobe values, so pooled buffers of one setting serve another.
func TestIVFConcurrentSearchesShareScratch(t *testing.T) {
	for _, c := range []struct {
		typ    string
		params map[string]string
	}{
		{IVFFlat, map[string]string{"nlist": "32"}},
		{IVFSQ8, map[string]string{"nlist": "32"}},
		{IVFPQ, map[string]string{"nlist": "32", "m": "8"}},
	} {
		idx, _, q := buildIVFCase(t, c.typ, schema.FloatVector, L2, c.params)
		params := func(i int) SearchParams {
			return SearchParams{K: 10, Params: map[string]any{"nprobe": float64(1 + i%3*7)}}
		}
		want := make([][]Hit, q.Len())
		for i := range want {
			res, err := idx.Search(context.Background(), q.Take([]int{i}), params(i))
			if err != nil {
				t.Fatal(err)
			}
			want[i] = res[0]
		}
		var wg sync.WaitGroup
		got := make([][][]Hit, 4)
		for g := range got {
			got[g] = make([][]Hit, q.Len())
			wg.Go(func() {
				for i := range want {
					res, err := idx.Search(context.Background(), q.Take([]int{i}), params(i))
					if err != nil {
						t.Error(err)
						return
					}
					got[g][i] = res[0]
				}
			})
		}
		wg.Wait()
		for g := range got {
			if !reflect.DeepEqual(got[g], want) {
				t.Fatalf("%s: goroutine %d's answers differ from the sequential run", c.typ, g)
			}
		}
	}
}
