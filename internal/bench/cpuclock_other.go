//go:build !unix

package bench

// processCPU is not measured here; CPU-clock QPS is then left out.
func processCPU() float64 { return 0 }
