package kmeans

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/distance"
)

// blobs makes n rows around k well-separated centres and returns the rows
// and each row's true centre.
func blobs(seed uint64, n, k, dim int) ([]float32, []int) {
	r := rand.New(rand.NewPCG(seed, seed))
	centres := make([]float32, k*dim)
	for i := range centres {
		centres[i] = float32(r.NormFloat64() * 20)
	}
	data := make([]float32, 0, n*dim)
	truth := make([]int, n)
	for i := range truth {
		truth[i] = r.IntN(k)
		for j := 0; j < dim; j++ {
			data = append(data, centres[truth[i]*dim+j]+float32(r.NormFloat64()))
		}
	}
	return data, truth
}

func TestTrainRecoversBlobs(t *testing.T) {
	const n, k, dim = 4000, 8, 16
	data, truth := blobs(1, n, k, dim)
	cent := Train(data, dim, Config{K: k, Seed: 7, Iters: 20})
	if len(cent) != k*dim {
		t.Fatalf("%d floats of centroids, want %d", len(cent), k*dim)
	}
	labels, _ := Assign(data, dim, cent, 2)
	// Every true blob must map to one cluster and every cluster to one blob.
	pair := map[[2]int]bool{}
	for i, l := range labels {
		pair[[2]int{truth[i], int(l)}] = true
	}
	if len(pair) != k {
		t.Fatalf("blobs and clusters do not pair up: %d distinct pairs", len(pair))
	}
}

func TestTrainIndependentOfWorkers(t *testing.T) {
	data, _ := blobs(2, 3000, 20, 8)
	a := Train(data, 8, Config{K: 20, Seed: 3, Workers: 1, MaxPerCentroid: 64})
	b := Train(data, 8, Config{K: 20, Seed: 3, Workers: 4, MaxPerCentroid: 64})
	if !slices.Equal(a, b) {
		t.Fatal("centroids depend on the worker count")
	}
	c := Train(data, 8, Config{K: 20, Seed: 4, Workers: 1, MaxPerCentroid: 64})
	if slices.Equal(a, c) {
		t.Fatal("seed has no effect")
	}
}

func TestTrainSmallAndDegenerate(t *testing.T) {
	if c := Train(nil, 4, Config{K: 3}); c != nil {
		t.Fatalf("no rows: %v", c)
	}
	// Fewer rows than clusters, and all rows equal: no NaN, k = n.
	same := []float32{1, 2, 1, 2, 1, 2}
	c := Train(same, 2, Config{K: 5, Seed: 1})
	if len(c) != 6 {
		t.Fatalf("%d centroids, want 3", len(c)/2)
	}
	for _, x := range c {
		if math.IsNaN(float64(x)) {
			t.Fatalf("NaN centroid: %v", c)
		}
	}
	// Many duplicates and more clusters than distinct rows.
	dup := make([]float32, 0, 200)
	for i := 0; i < 100; i++ {
		dup = append(dup, float32(i%3), 0)
	}
	c = Train(dup, 2, Config{K: 10, Seed: 1})
	for _, x := range c {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			t.Fatalf("bad centroid: %v", c)
		}
	}
}

func TestAssignIsNearest(t *testing.T) {
	data, _ := blobs(5, 700, 5, 7)
	cent := Train(data, 7, Config{K: 9, Seed: 1})
	labels, dists := Assign(data, 7, cent, 3)
	for i := range labels {
		row := data[i*7 : (i+1)*7]
		for c := 0; c < 9; c++ {
			// The expansion ||c||² - 2·x·c rounds relative to the norms.
			slack := 1e-5 * (distance.DotGeneric(row, row) + distance.DotGeneric(cent[c*7:(c+1)*7], cent[c*7:(c+1)*7]))
			if d := distance.L2SqGeneric(row, cent[c*7:(c+1)*7]); d < dists[i]-slack {
				t.Fatalf("row %d: centroid %d at %v beats assigned %d at %v", i, c, d, labels[i], dists[i])
			}
		}
	}
}

func TestTrainBinary(t *testing.T) {
	const n, k, rb = 3000, 6, 8
	r := rand.New(rand.NewPCG(9, 9))
	protos := make([]byte, k*rb)
	for i := range protos {
		protos[i] = byte(r.IntN(256))
	}
	data := make([]byte, 0, n*rb)
	truth := make([]int, n)
	for i := range truth {
		truth[i] = r.IntN(k)
		for b := 0; b < rb; b++ {
			x := protos[truth[i]*rb+b]
			if r.IntN(8) == 0 { // flip one bit in 1/8 of the bytes
				x ^= 1 << r.IntN(8)
			}
			data = append(data, x)
		}
	}
	for _, dist := range []BitDistance{distance.Hamming, distance.Jaccard} {
		cent := TrainBinary(data, rb, dist, Config{K: k, Seed: 2, Iters: 10})
		labels := AssignBinary(data, rb, cent, dist, 2)
		pair := map[[2]int]bool{}
		for i, l := range labels {
			pair[[2]int{truth[i], int(l)}] = true
		}
		if len(pair) != k {
			t.Errorf("binary blobs and clusters do not pair up: %d pairs", len(pair))
		}
		a := TrainBinary(data, rb, dist, Config{K: k, Seed: 2, Workers: 1})
		b := TrainBinary(data, rb, dist, Config{K: k, Seed: 2, Workers: 3})
		if !slices.Equal(a, b) {
			t.Error("binary centroids depend on the worker count")
		}
	}
}

func BenchmarkTrain(b *testing.B) {
	data, _ := blobs(3, 50000, 256, 128)
	for b.Loop() {
		Train(data, 128, Config{K: 256, Seed: 1})
	}
}
