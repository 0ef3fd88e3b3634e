package index

import "testing"

// BenchmarkHNSW builds the README's HNSW (M=16, efConstruction=200) on the
// synthetic bench set and sweeps ef:
//
//	go test ./internal/index -run x -bench HNSW -benchtime 1x
func BenchmarkHNSW(b *testing.B) {
	var settings []map[string]any
	for _, ef := range []int{16, 32, 64, 128} {
		settings = append(settings, map[string]any{"ef": float64(ef)})
	}
	benchIndex(b, Spec{Type: HNSW, Metric: L2, Params: map[string]string{"M": "16", "efConstruction": "200"}}, settings)
}
