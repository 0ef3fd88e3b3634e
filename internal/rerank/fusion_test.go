package rerank

import (
	"math"
	"reflect"
	"testing"
)

// TestRRF sums 1/(k+rank) over the searches that found a row.
func TestRRF(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "rrf", "k", "10"))
	a, b := hits(1, 0.1, 2, 0.2, 3, 0.3), hits(3, 9, 4, 8)
	refs, scores := rank(t, r, []string{"L2", "IP"}, Window{Limit: 10}, a, b)
	// 3: 1/13 + 1/11; 1: 1/11; 4: 1/12; 2: 1/12 (ties: smaller id first).
	if !reflect.DeepEqual(refs, []int{3, 1, 2, 4}) {
		t.Fatalf("order %v", refs)
	}
	if !near(float64(scores[0]), 1.0/13+1.0/11) || !near(float64(scores[1]), 1.0/11) {
		t.Fatalf("scores %v", scores)
	}
}

// TestWindow applies offset and limit after ranking.
func TestWindow(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "rrf"))
	l := hits(5, 1, 4, 2, 3, 3, 2, 4, 1, 5)
	for _, tc := range []struct {
		w    Window
		want []int
	}{
		{Window{Limit: 2}, []int{5, 4}},
		{Window{Limit: 2, Offset: 2}, []int{3, 2}},
		{Window{Limit: 10, Offset: 4}, []int{1}},
		{Window{Limit: 3, Offset: 5}, nil},
	} {
		if refs, _ := rank(t, r, []string{"L2"}, tc.w, l); !reflect.DeepEqual(refs, tc.want) {
			t.Fatalf("%+v: %v, want %v", tc.w, refs, tc.want)
		}
	}
}

// TestWeightedNormalized maps each metric into [0, 1] before weighting.
func TestWeightedNormalized(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "weighted", "weights", "[0.8, 0.2]", "norm_score", "true"))
	a, b := hits(1, 0.5, 2, 2), hits(2, 3, 3, 1)
	refs, scores := rank(t, r, []string{"L2", "IP"}, Window{Limit: 3}, a, b)
	l2 := func(d float64) float64 { return 1 - 2*math.Atan(d)/math.Pi }
	ip := func(s float64) float64 { return 0.5 + math.Atan(s)/math.Pi }
	want := map[int]float64{1: 0.8 * l2(0.5), 2: 0.8*l2(2) + 0.2*ip(3), 3: 0.2 * ip(1)}
	if !reflect.DeepEqual(refs, []int{1, 2, 3}) {
		t.Fatalf("order %v (want scores %v)", refs, want)
	}
	for i, ref := range refs {
		if !near(float64(scores[i]), want[ref]) {
			t.Fatalf("row %d: %v, want %v", ref, scores[i], want[ref])
		}
	}
}

// TestWeightedRaw sums raw scores without norm_score: distances rank
// smallest first; mixed with similarities they are turned around first.
func TestWeightedRaw(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "weighted", "weights", "[1, 1]"))
	a, b := hits(1, 4, 2, 1), hits(1, 1, 3, 9)
	if refs, _ := rank(t, r, []string{"L2", "L2"}, Window{Limit: 3}, a, b); !reflect.DeepEqual(refs, []int{2, 1, 3}) {
		t.Fatalf("L2 order %v", refs)
	}
	if refs, _ := rank(t, r, []string{"IP", "IP"}, Window{Limit: 3}, a, b); !reflect.DeepEqual(refs, []int{3, 1, 2}) {
		t.Fatalf("IP order %v", refs)
	}
	// Mixed: L2 1 → 0.5, 4 → 1-2atan(4)/π; IP stays raw.
	refs, scores := rank(t, r, []string{"L2", "IP"}, Window{Limit: 3}, a, b)
	if !reflect.DeepEqual(refs, []int{3, 1, 2}) || !near(float64(scores[2]), 0.5) {
		t.Fatalf("mixed %v %v", refs, scores)
	}
}

// TestGroupOrder keeps GroupSize rows per value and ranks groups by score.
func TestGroupOrder(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "weighted", "weights", "[1]", "norm_score", "false"))
	l := hits(1, 0.9, 2, 0.8, 3, 0.7, 4, 0.6, 5, 0.5, 6, 0.4)
	for i, g := range []string{"a", "a", "b", "a", "c", "b"} {
		l[i].Group = g
	}
	for _, tc := range []struct {
		w    Window
		want []int
	}{
		{Window{Limit: 2, GroupSize: 1}, []int{1, 3}},
		{Window{Limit: 2, GroupSize: 2}, []int{1, 2, 3, 6}},
		{Window{Limit: 2, GroupSize: 2, Offset: 1}, []int{3, 6, 5}},
		// sum: a 1.7, b 1.1, c 0.5.
		{Window{Limit: 3, GroupSize: 2, GroupScorer: "sum"}, []int{1, 2, 3, 6, 5}},
		// avg: a 0.85, b 0.55, c 0.5.
		{Window{Limit: 1, GroupSize: 3, GroupScorer: "avg", Offset: 2}, []int{5}},
	} {
		if refs, _ := rank(t, r, []string{"IP"}, tc.w, l); !reflect.DeepEqual(refs, tc.want) {
			t.Fatalf("%+v: %v, want %v", tc.w, refs, tc.want)
		}
	}
	if err := r.Check(1, 1, Window{Limit: 1, GroupSize: 1, GroupScorer: "median"}); err == nil {
		t.Fatal("median group scorer accepted")
	}
}

// TestStringKeys ranks rows keyed by VarChar primary keys; ties order by
// key.
func TestStringKeys(t *testing.T) {
	r := mustRanker(t, fn(nil, "reranker", "rrf"))
	l := []Candidate{{ID: "b", Ref: 1}, {ID: "a", Ref: 0}}
	m := []Candidate{{ID: "a", Ref: 2}, {ID: "b", Ref: 3}}
	if refs, _ := rank(t, r, []string{"IP", "IP"}, Window{Limit: 2}, l, m); !reflect.DeepEqual(refs, []int{0, 1}) {
		t.Fatalf("%v", refs)
	}
}
