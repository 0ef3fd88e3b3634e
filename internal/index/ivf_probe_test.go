package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestProbeOrderExpect checks that selecting the first n lists up front
// hands out exactly the full order (distance, then list id on ties) for
// every n, including pops past n and past the last list.
func TestProbeOrderExpect(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, nl := range []int{1, 2, 7, 64, 300} {
		dist := make([]float32, nl)
		for i := range dist {
			dist[i] = float32(r.IntN(nl/3 + 1)) // many ties
		}
		want := make([]int, nl)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int {
			switch {
			case dist[a] < dist[b]:
				return -1
			case dist[a] > dist[b]:
				return 1
			}
			return 0
		})
		for _, n := range []int{0, 1, 3, nl / 4, nl/4 - 1, nl} {
			o := newProbeOrder(slices.Clone(dist), -1)
			o.expect(n)
			for i, w := range want {
				list, score, ok := o.pop()
				if !ok || list != w || score != -dist[w] {
					t.Fatalf("nlist %d expect %d: pop %d = (%d, %v, %v), want (%d, %v)", nl, n, i, list, score, ok, w, -dist[w])
				}
			}
			if _, _, ok := o.pop(); ok {
				t.Fatalf("nlist %d expect %d: pop after the last list succeeded", nl, n)
			}
		}
	}
}
