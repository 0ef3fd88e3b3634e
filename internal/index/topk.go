package index

import (
	"math"
	"slices"
)

// topK keeps the k best hits seen so far in a heap whose root is the worst
// of them, so a candidate is rejected with one comparison in the common case.
type topK struct {
	k      int
	higher bool
	h      []Hit
}

func newTopK(k int, higher bool) *topK {
	return &topK{k: k, higher: higher, h: make([]Hit, 0, min(k, 1024))}
}

// push offers a candidate. NaN scores (from NaN inputs) are dropped: they
// compare false with everything and would break the heap's order.
func (t *topK) push(row int32, score float32) {
	if math.IsNaN(float64(score)) || t.k <= 0 {
		return
	}
	c := Hit{Row: row, Score: score}
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		t.up(len(t.h) - 1)
		return
	}
	if better(t.higher, c, t.h[0]) {
		t.h[0] = c
		t.down(0)
	}
}

// full reports whether k hits are held; worst is then the bar to beat.
func (t *topK) full() bool { return len(t.h) == t.k }

func (t *topK) worst() Hit { return t.h[0] }

// worse orders the heap: the root is the worst hit.
func (t *topK) worse(i, j int) bool { return better(t.higher, t.h[j], t.h[i]) }

func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.worse(i, p) {
			return
		}
		t.h[i], t.h[p] = t.h[p], t.h[i]
		i = p
	}
}

func (t *topK) down(i int) {
	n := len(t.h)
	for {
		w := i
		if l := 2*i + 1; l < n && t.worse(l, w) {
			w = l
		}
		if r := 2*i + 2; r < n && t.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

// sorted returns the hits best first; t must not be used afterwards.
func (t *topK) sorted() []Hit {
	out := t.h
	slices.SortFunc(out, func(a, b Hit) int {
		if better(t.higher, a, b) {
			return -1
		}
		return 1
	})
	return out
}

// offerAll pushes rows[i] with scores[i] for every i: offer without filter
// or window. Once the heap is full most rows lose to its worst hit;
// comparing against that bar inline skips the call for them (ties and NaNs
// still go through push, which decides them).
func offerAll(top *topK, rows []int32, scores []float32) {
	rows = rows[:len(scores)]
	i := top.fill(scores, func(i int) int32 { return rows[i] })
	if i == len(scores) {
		return
	}
	if top.higher {
		for bar := top.bar(); i < len(scores); i++ {
			if sc := scores[i]; !(sc < bar) {
				top.push(rows[i], sc)
				bar = top.bar()
			}
		}
		return
	}
	for bar := top.bar(); i < len(scores); i++ {
		if sc := scores[i]; !(sc > bar) {
			top.push(rows[i], sc)
			bar = top.bar()
		}
	}
}

// offerSeq is offerAll for rows lo, lo+1, ...
func offerSeq(top *topK, lo int, scores []float32) {
	i := top.fill(scores, func(i int) int32 { return int32(lo + i) })
	if i == len(scores) {
		return
	}
	if top.higher {
		for bar := top.bar(); i < len(scores); i++ {
			if sc := scores[i]; !(sc < bar) {
				top.push(int32(lo+i), sc)
				bar = top.bar()
			}
		}
		return
	}
	for bar := top.bar(); i < len(scores); i++ {
		if sc := scores[i]; !(sc > bar) {
			top.push(int32(lo+i), sc)
			bar = top.bar()
		}
	}
}

// fill pushes scores from the start until the heap is full and returns
// how many it took: all of them unless the heap filled (k <= 0 keeps
// nothing, so it takes them all), so bar is valid when fewer were taken.
func (t *topK) fill(scores []float32, row func(int) int32) int {
	if t.k <= 0 {
		return len(scores)
	}
	i := 0
	for ; i < len(scores) && !t.full(); i++ {
		t.push(row(i), scores[i])
	}
	return i
}

// bar is the score a candidate must reach to enter a full heap.
func (t *topK) bar() float32 { return t.h[0].Score }
