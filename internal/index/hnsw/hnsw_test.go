package hnsw

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/distance"
)

// l2Space is float32 rows under squared L2, plus held-out queries drawn
// from the same distribution (queries are fresh samples, not base rows).
type l2Space struct {
	dim     int
	data    []float32
	queries []float32
}

func (s l2Space) row(i int) []float32       { return s.data[i*s.dim : (i+1)*s.dim] }
func (s l2Space) Distance(a, b int) float32 { return distance.L2Sq(s.row(a), s.row(b)) }
func (s l2Space) Prefetch(i int)            { distance.Prefetch(s.row(i)) }
func (s l2Space) to(q []float32) l2Query    { return l2Query{s, q} }

// l2Query is one query against an l2Space.
type l2Query struct {
	s l2Space
	q []float32
}

func (q l2Query) Distance(i int) float32 { return distance.L2Sq(q.q, q.s.row(i)) }
func (q l2Query) Prefetch(i int)         { distance.Prefetch(q.s.row(i)) }

// clustered makes n rows around a few centres, which is harder for a graph
// than uniform noise and closer to real embeddings.
func clustered(r *rand.Rand, n, dim int) []float32 {
	centres := make([]float32, 20*dim)
	for i := range centres {
		centres[i] = float32(r.NormFloat64() * 3)
	}
	out := make([]float32, 0, n*dim)
	for i := 0; i < n; i++ {
		c := r.IntN(20)
		for j := 0; j < dim; j++ {
			out = append(out, centres[c*dim+j]+float32(r.NormFloat64()))
		}
	}
	return out
}

func build(t testing.TB, n, dim int) (*Graph, l2Space) {
	r := rand.New(rand.NewPCG(41, 42))
	all := clustered(r, n+50, dim)
	s := l2Space{dim: dim, data: all[:n*dim], queries: all[n*dim:]}
	g := New(Config{M: 12, EfConstruction: 80, Seed: 7}, n)
	for i := 0; i < n; i++ {
		g.Add(s)
	}
	return g, s
}

func exact(s l2Space, q []float32, k int, allow func(int) bool) []int32 {
	var all []Result
	for i := 0; i < len(s.data)/s.dim; i++ {
		if allow == nil || allow(i) {
			all = append(all, Result{Row: int32(i), Dist: s.to(q).Distance(i)})
		}
	}
	slices.SortFunc(all, func(a, b Result) int {
		if a.Dist != b.Dist {
			if a.Dist < b.Dist {
				return -1
			}
			return 1
		}
		return int(a.Row - b.Row)
	})
	ids := make([]int32, 0, k)
	for _, x := range all[:min(k, len(all))] {
		ids = append(ids, x.Row)
	}
	return ids
}

// search is g.Search under a context that is never cancelled.
func search(t testing.TB, g *Graph, q Query, k, ef int, allow func(int) bool) []Result {
	t.Helper()
	res, err := g.Search(context.Background(), q, k, ef, allow)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// recall is the mean fraction of the exact top-k each search returns.
func recall(t *testing.T, g *Graph, s l2Space, k, ef int, allow func(int) bool) float64 {
	queries := s.queries
	hit, total := 0, 0
	for qi := 0; qi < 50; qi++ {
		q := queries[qi*s.dim : (qi+1)*s.dim]
		want := exact(s, q, k, allow)
		got := search(t, g, s.to(q), k, ef, allow)
		for _, x := range got {
			if allow != nil && !allow(int(x.Row)) {
				t.Fatalf("row %d returned despite filter", x.Row)
			}
			if slices.Contains(want, x.Row) {
				hit++
			}
		}
		total += len(want)
	}
	return float64(hit) / float64(total)
}

func TestRecall(t *testing.T) {
	g, s := build(t, 3000, 24)
	for _, c := range []struct {
		ef    int
		floor float64
	}{{10, 0.85}, {64, 0.98}, {200, 0.99}} {
		if got := recall(t, g, s, 10, c.ef, nil); got < c.floor {
			t.Errorf("ef=%d recall@10 %.3f < %.2f", c.ef, got, c.floor)
		} else {
			t.Logf("ef=%d recall@10 %.3f", c.ef, got)
		}
	}
}

func TestFilteredRecall(t *testing.T) {
	g, s := build(t, 3000, 24)
	allow := func(i int) bool { return i%5 == 0 }
	if got := recall(t, g, s, 10, 100, allow); got < 0.95 {
		t.Errorf("filtered recall@10 %.3f < 0.95", got)
	}
}

func TestLinkLimits(t *testing.T) {
	g, _ := build(t, 2000, 8)
	checkLinks(t, g)
}

func TestFileRoundTrip(t *testing.T) {
	g, s := build(t, 1500, 16)
	path := filepath.Join(t.TempDir(), "g.hnsw")
	if err := g.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	g2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g2.Close()
	q := s.row(3)
	if a, b := search(t, g, s.to(q), 10, 50, nil), search(t, g2, s.to(q), 10, 50, nil); !slices.Equal(a, b) {
		t.Fatalf("reopened graph answers differently:\n%v\n%v", a, b)
	}
}

func TestOpenRejectsCorruption(t *testing.T) {
	g, _ := build(t, 200, 4)
	path := filepath.Join(t.TempDir(), "g.hnsw")
	if err := g.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, mutate := range []func([]byte) []byte{
		func(b []byte) []byte { b[100] ^= 1; return b },
		func(b []byte) []byte { return b[:len(b)-9] },
		func(b []byte) []byte { return b[:10] },
	} {
		bad := mutate(slices.Clone(data))
		os.WriteFile(path, bad, 0o644)
		if _, err := Open(path); !errors.Is(err, ErrCorrupt) {
			t.Errorf("corrupt file opened: %v", err)
		}
	}
}

func TestEmptyAndTiny(t *testing.T) {
	g := New(Config{M: 4}, 0)
	if search(t, g, l2Query{l2Space{dim: 1}, []float32{0}}, 5, 10, nil) != nil {
		t.Fatal("empty graph returned results")
	}
	s := l2Space{dim: 1, data: []float32{0, 1, 2}}
	for i := 0; i < 3; i++ {
		g.Add(s)
	}
	got := search(t, g, s.to([]float32{1.1}), 5, 10, nil)
	if len(got) != 3 || got[0].Row != 1 {
		t.Fatalf("tiny search: %v", got)
	}
}
