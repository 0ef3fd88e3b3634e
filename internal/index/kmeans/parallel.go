package kmeans

import "sync"

// minChunk keeps tiny inputs on one goroutine, where starting others costs
// more than it saves.
const minChunk = 512

// parallel runs fn over [0, n) split into at most workers contiguous
// ranges, and returns when all are done.
func parallel(n, workers int, fn func(lo, hi int)) {
	w := max(1, min(workers, n/minChunk))
	if w == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range w {
		lo, hi := i*n/w, (i+1)*n/w
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
