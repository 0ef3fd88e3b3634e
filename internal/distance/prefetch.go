package distance

import "unsafe"

// maxPrefetchLines caps how much of a row Prefetch requests: the first few
// lines start the hardware's stream prefetcher, which fetches the rest.
const maxPrefetchLines = 4

// Prefetch hints that v will be read soon. It never faults and has no
// effect on results; where no assembly is built it does nothing.
func Prefetch(v []float32) {
	if len(v) > 0 {
		prefetchImpl(unsafe.Pointer(&v[0]), 4*len(v))
	}
}

// PrefetchBytes is Prefetch for byte-backed rows.
func PrefetchBytes(b []byte) {
	if len(b) > 0 {
		prefetchImpl(unsafe.Pointer(&b[0]), len(b))
	}
}

func linesFor(n int) int { return min((n+63)/64, maxPrefetchLines) }
