package kmeans

import (
	"math/bits"
	"math/rand/v2"
	"slices"
)

// BitDistance is a distance between two packed bit rows (Hamming, Jaccard).
type BitDistance func(a, b []byte) float32

// TrainBinary clusters the packed bit rows of data (rowBytes each) by
// k-majority under dist and returns min(K, rows) centroids, rowBytes each.
func TrainBinary(data []byte, rowBytes int, dist BitDistance, cfg Config) []byte {
	cfg = cfg.withDefaults()
	n := len(data) / rowBytes
	k := min(cfg.K, n)
	if k <= 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x6b6d616a))
	train := sampleBits(r, data, rowBytes, k*cfg.MaxPerCentroid)
	cent := initBits(r, train, rowBytes, k, dist, cfg.Workers)
	labels := make([]int32, len(train)/rowBytes)
	for it := 0; it < cfg.Iters; it++ {
		assignBitsInto(train, rowBytes, cent, dist, labels, cfg.Workers)
		majority(r, train, rowBytes, cent, labels)
	}
	return cent
}

// AssignBinary returns, for every row, the index of its nearest centroid
// under dist.
func AssignBinary(data []byte, rowBytes int, centroids []byte, dist BitDistance, workers int) []int32 {
	labels := make([]int32, len(data)/rowBytes)
	if workers <= 0 {
		workers = Config{}.withDefaults().Workers
	}
	assignBitsInto(data, rowBytes, centroids, dist, labels, workers)
	return labels
}

func assignBitsInto(data []byte, rb int, cent []byte, dist BitDistance, labels []int32, workers int) {
	k := len(cent) / rb
	parallel(len(labels), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := data[i*rb : (i+1)*rb]
			best, bestD := 0, dist(row, cent[:rb])
			for c := 1; c < k; c++ {
				if d := dist(row, cent[c*rb:(c+1)*rb]); d < bestD {
					best, bestD = c, d
				}
			}
			labels[i] = int32(best)
		}
	})
}

func sampleBits(r *rand.Rand, data []byte, rb, max int) []byte {
	n := len(data) / rb
	if n <= max {
		return data
	}
	idx := r.Perm(n)[:max]
	slices.Sort(idx)
	out := make([]byte, 0, max*rb)
	for _, i := range idx {
		out = append(out, data[i*rb:(i+1)*rb]...)
	}
	return out
}

// initBits is k-means++ seeding under dist (weights are squared distances).
func initBits(r *rand.Rand, train []byte, rb, k int, dist BitDistance, workers int) []byte {
	sample := sampleBits(r, train, rb, k*initPerCentroid)
	m := len(sample) / rb
	cent := make([]byte, 0, k*rb)
	if k*m > maxInitWork {
		for _, i := range r.Perm(m)[:k] {
			cent = append(cent, sample[i*rb:(i+1)*rb]...)
		}
		return cent
	}
	minD := make([]float32, m)
	for i := range minD {
		minD[i] = float32(1 << 30)
	}
	i := r.IntN(m)
	for len(cent) < k*rb {
		c := sample[i*rb : (i+1)*rb]
		cent = append(cent, c...)
		if len(cent) == k*rb {
			break
		}
		parallel(m, workers, func(lo, hi int) {
			for j := lo; j < hi; j++ {
				if d := dist(c, sample[j*rb:(j+1)*rb]); d*d < minD[j] {
					minD[j] = d * d
				}
			}
		})
		i = drawWeighted(r, minD)
	}
	return cent
}

// majority sets each centroid bit to the majority bit of its members; an
// empty cluster takes a random member of the largest one.
func majority(r *rand.Rand, data []byte, rb int, cent []byte, labels []int32) {
	k := len(cent) / rb
	ones := make([]int32, k*rb*8)
	counts := make([]int32, k)
	for i, l := range labels {
		counts[l]++
		o := ones[int(l)*rb*8:]
		for b, x := range data[i*rb : (i+1)*rb] {
			for x != 0 {
				t := bits.TrailingZeros8(x)
				o[b*8+t]++
				x &= x - 1
			}
		}
	}
	for c := 0; c < k; c++ {
		if counts[c] == 0 {
			continue
		}
		row := cent[c*rb : (c+1)*rb]
		clear(row)
		for bit, n := range ones[c*rb*8 : (c+1)*rb*8] {
			if 2*n > counts[c] {
				row[bit/8] |= 1 << (bit % 8)
			}
		}
	}
	refillEmpty(r, data, rb, cent, labels, counts)
}

func refillEmpty(r *rand.Rand, data []byte, rb int, cent []byte, labels []int32, counts []int32) {
	for c := range counts {
		if counts[c] != 0 {
			continue
		}
		big := int32(0)
		for j := range counts {
			if counts[j] > counts[big] {
				big = int32(j)
			}
		}
		if counts[big] < 2 {
			return
		}
		pick := r.IntN(int(counts[big]))
		for i, l := range labels {
			if l == big {
				if pick == 0 {
					copy(cent[c*rb:(c+1)*rb], data[i*rb:(i+1)*rb])
					labels[i] = int32(c)
					break
				}
				pick--
			}
		}
		counts[c] = 1
		counts[big]--
	}
}
