package index

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOfferMatchesPush checks the inline-bar fast paths against pushing
// every candidate: same hits in the same order, with ties (lower row
// wins), NaN scores (dropped), k of 0, and k above the candidate count.
func TestOfferMatchesPush(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 100, 1000} {
		scores := make([]float32, n)
		rows := make([]int32, n)
		for i := range scores {
			scores[i] = float32(r.IntN(50)) // many ties
			if r.IntN(20) == 0 {
				scores[i] = float32(math.NaN())
			}
			rows[i] = int32(r.IntN(1 << 20))
		}
		for _, k := range []int{0, 1, 10, 2000} {
			for _, higher := range []bool{false, true} {
				want := newTopK(k, higher)
				for i, sc := range scores {
					want.push(rows[i], sc)
				}
				w := want.sorted()

				all := newTopK(k, higher)
				offerAll(all, rows[:n/3], scores[:n/3]) // in two calls
				offerAll(all, rows[n/3:], scores[n/3:])
				if got := all.sorted(); !slices.Equal(got, w) {
					t.Fatalf("offerAll n=%d k=%d higher=%v: %v, want %v", n, k, higher, got, w)
				}

				wantSeq := newTopK(k, higher)
				for i, sc := range scores {
					wantSeq.push(int32(7+i), sc)
				}
				seq := newTopK(k, higher)
				offerSeq(seq, 7, scores[:n/2])
				offerSeq(seq, 7+n/2, scores[n/2:])
				if got, ws := seq.sorted(), wantSeq.sorted(); !slices.Equal(got, ws) {
					t.Fatalf("offerSeq n=%d k=%d higher=%v: %v, want %v", n, k, higher, got, ws)
				}
			}
		}
	}
}
