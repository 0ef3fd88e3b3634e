package bench

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Case is one index configuration of the protocol: the build params and
// the search param swept for the recall/QPS curve.
type Case struct {
	Type         string            `json:"type"`
	Params       map[string]string `json:"params"`
	SearchKey    string            `json:"search_key,omitempty"` // "ef", "nprobe"; "" for FLAT
	SearchValues []int             `json:"search_values,omitempty"`
}

// DefaultIndexes are the types `kite bench` runs unless told otherwise.
var DefaultIndexes = []string{"FLAT", "HNSW", "IVF_FLAT", "IVF_SQ8", "IVF_PQ"}

// The HNSW sweep and build params of issue 3's target.
var (
	hnswEf     = []int{10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768}
	hnswParams = map[string]string{"M": "16", "efConstruction": "200"}
)

// Cases returns the protocol's configuration of each index type for n
// rows of dimension dim.
func Cases(types []string, n, dim int) ([]Case, error) {
	var out []Case
	for _, t := range types {
		t = strings.ToUpper(strings.TrimSpace(t))
		switch t {
		case "":
			continue
		case "FLAT":
			out = append(out, Case{Type: t, Params: map[string]string{}})
		case "HNSW":
			out = append(out, Case{Type: t, Params: clone(hnswParams), SearchKey: "ef", SearchValues: hnswEf})
		case "IVF_FLAT", "IVF_SQ8":
			out = append(out, ivfCase(t, n, nil))
		case "IVF_PQ":
			out = append(out, ivfCase(t, n, map[string]string{"m": strconv.Itoa(pqM(dim)), "nbits": "8"}))
		default:
			return nil, fmt.Errorf("bench: index type %q is not in the protocol (%s)", t, strings.Join(DefaultIndexes, ", "))
		}
	}
	return out, nil
}

// ivfCase uses nlist ≈ 4·√n rounded to a power of two (FAISS's guideline)
// and sweeps nprobe over powers of two up to nlist/4 (a quarter of the
// data per query: past that FLAT is the better index).
func ivfCase(t string, n int, extra map[string]string) Case {
	nlist := NList(n)
	p := map[string]string{"nlist": strconv.Itoa(nlist)}
	for k, v := range extra {
		p[k] = v
	}
	var probes []int
	for np := 1; np <= max(1, nlist/4) && np <= 256; np *= 2 {
		probes = append(probes, np)
	}
	return Case{Type: t, Params: p, SearchKey: "nprobe", SearchValues: probes}
}

// NList is the protocol's IVF list count for n rows.
func NList(n int) int {
	target := 4 * math.Sqrt(float64(max(n, 1)))
	nlist := 1 << int(math.Round(math.Log2(target)))
	return min(max(nlist, 1), 65536)
}

// pqM is the number of PQ sub-quantizers: about 4 dimensions each, and a
// divisor of dim as IVF_PQ requires.
func pqM(dim int) int {
	for m := max(1, dim/4); m > 1; m-- {
		if dim%m == 0 {
			return m
		}
	}
	return 1
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// threadCounts is the protocol's [1, T] without duplicates.
func threadCounts(all int) []int {
	return slices.Compact([]int{1, max(1, all)})
}
