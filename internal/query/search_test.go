package query

import (
	"context"
	"math/rand"
	"reflect"
	"sort"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

const testDim = 8

// testView is a view of n random vectors under field bVec, with every row
// visible except those in hidden; sealed views carry a built FLAT index.
func testView(t *testing.T, r *rand.Rand, n int, sealed bool, hidden ...int) *segment.View {
	t.Helper()
	vecs := &column.Column{Type: schema.FloatVector, Dim: testDim}
	for i := 0; i < n*testDim; i++ {
		vecs.FloatVecs = append(vecs.FloatVecs, r.Float32())
	}
	v := &segment.View{Seg: &segment.Segment{Sealed: sealed}, N: n, Cols: map[int64]*column.Column{bVec: vecs}, Visible: bitset.NewFull(n)}
	for _, h := range hidden {
		v.Visible.Clear(h)
	}
	if sealed {
		ix, err := index.Build(context.Background(), index.Spec{Type: "FLAT", Metric: index.L2}, vecs)
		if err != nil {
			t.Fatal(err)
		}
		v.Indexes = map[int64]index.Index{bVec: ix}
	}
	return v
}

func testQueries(r *rand.Rand, nq int) *column.Column {
	q := &column.Column{Type: schema.FloatVector, Dim: testDim}
	for i := 0; i < nq*testDim; i++ {
		q.FloatVecs = append(q.FloatVecs, r.Float32())
	}
	return q
}

// exactHits is the reference: every visible row of every view scored, a
// stable sort by distance, the first k.
func exactHits(views []*segment.View, q *column.Column, k int) [][]Hit {
	out := make([][]Hit, q.Len())
	for qi := range out {
		var all []Hit
		for _, v := range views {
			for row := 0; row < v.N; row++ {
				if !v.Visible.Test(row) {
					continue
				}
				var d float32
				for j, x := range q.FloatVec(qi) {
					diff := x - v.Cols[bVec].FloatVec(row)[j]
					d += diff * diff
				}
				all = append(all, Hit{View: v, Row: row, Score: d})
			}
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].Score < all[b].Score })
		if len(all) > k {
			all = all[:k]
		}
		if len(all) > 0 {
			out[qi] = all
		}
	}
	return out
}

func sameHits(t *testing.T, what string, got, want [][]Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d queries answered, want %d", what, len(got), len(want))
	}
	for qi := range want {
		if len(got[qi]) != len(want[qi]) {
			t.Fatalf("%s: query %d: %d hits, want %d", what, qi, len(got[qi]), len(want[qi]))
		}
		for i, h := range want[qi] {
			g := got[qi][i]
			if g.View != h.View || g.Row != h.Row || abs(g.Score-h.Score) > 1e-4 {
				t.Fatalf("%s: query %d hit %d: row %d score %v, want row %d score %v", what, qi, i, g.Row, g.Score, h.Row, h.Score)
			}
		}
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestSearchRunMatchesExactOverViews(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, tc := range []struct {
		name  string
		views []*segment.View
	}{
		{"one sealed, all visible", []*segment.View{testView(t, r, 300, true)}},
		{"one sealed, some hidden", []*segment.View{testView(t, r, 300, true, 0, 5, 17, 299)}},
		{"one growing", []*segment.View{testView(t, r, 200, false, 3)}},
		{"sealed and growing", []*segment.View{testView(t, r, 300, true, 1), testView(t, r, 50, false), testView(t, r, 0, false)}},
		{"five sealed", []*segment.View{testView(t, r, 40, true), testView(t, r, 40, true), testView(t, r, 40, true, 2),
			testView(t, r, 40, true), testView(t, r, 40, true)}},
	} {
		for _, nq := range []int{1, 3, 10} {
			q := testQueries(r, nq)
			want := exactHits(tc.views, q, 10)
			s := &Search{FieldID: bVec, Metric: index.L2, Queries: q, K: 10}
			got, err := s.Run(context.Background(), tc.views)
			if err != nil {
				t.Fatal(err)
			}
			sameHits(t, tc.name, got, want)
		}
	}
}

// Splitting one segment's queries between goroutines must not change a hit.
func TestSearchViewChunksAgree(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	v := testView(t, r, 500, true, 9, 10)
	q := testQueries(r, 7)
	s := &Search{FieldID: bVec, Metric: index.L2, Queries: q, K: 5}
	want, err := s.searchView(context.Background(), v, 1)
	if err != nil {
		t.Fatal(err)
	}
	for chunks := 2; chunks <= 8; chunks++ {
		got, err := s.searchView(context.Background(), v, chunks)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d chunks: %v, want %v", chunks, got, want)
		}
	}
}

func TestSearchViewErrorInChunk(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	v := testView(t, r, 100, true)
	s := &Search{FieldID: bVec, Metric: index.L2, Queries: testQueries(r, 4), K: 5,
		Params: map[string]any{"radius": "not a number"}}
	if _, err := s.searchView(context.Background(), v, 3); err == nil {
		t.Fatal("a bad search param was accepted")
	}
}

func TestQueryChunks(t *testing.T) {
	for _, tc := range []struct{ nq, views, cores, want int }{
		{10, 1, 2, 2}, {10, 1, 8, 8}, {3, 1, 8, 3}, {1, 1, 8, 1},
		{10, 2, 2, 1}, {10, 3, 2, 1}, {10, 3, 8, 3}, {10, 0, 8, 1}, {10, 1, 1, 1},
	} {
		if got := queryChunks(tc.nq, tc.views, tc.cores); got != tc.want {
			t.Errorf("queryChunks(nq=%d, views=%d, cores=%d) = %d, want %d", tc.nq, tc.views, tc.cores, got, tc.want)
		}
	}
}

func TestMergeHitsKeepsViewOrderOnTies(t *testing.T) {
	a, b := &segment.View{N: 1}, &segment.View{N: 1}
	per := [][][]index.Hit{
		{{{Row: 1, Score: 0.5}, {Row: 2, Score: 0.7}}, {}},
		{{{Row: 3, Score: 0.5}, {Row: 4, Score: 0.6}}, {{Row: 5, Score: 2}, {Row: 6, Score: 1}}}, // query 1 unsorted
	}
	got := mergeHits([]*segment.View{a, b}, per, 2, 3, false)
	want := [][]Hit{
		{{a, 1, 0.5}, {b, 3, 0.5}, {b, 4, 0.6}},
		{{b, 6, 1}, {b, 5, 2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	got = mergeHits([]*segment.View{a, b}, per, 2, 3, true) // IP: higher first
	want = [][]Hit{
		{{a, 2, 0.7}, {b, 4, 0.6}, {a, 1, 0.5}},
		{{b, 5, 2}, {b, 6, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("higher is better: got %v, want %v", got, want)
	}
	if got := mergeHits([]*segment.View{a}, [][][]index.Hit{nil}, 2, 3, false); got[0] != nil || got[1] != nil {
		t.Fatalf("no hits: got %v", got)
	}
}

// Without a filter the visibility bitset is shared, so it must come back
// from a search unchanged.
func TestSearchLeavesVisibilityAlone(t *testing.T) {
	r := rand.New(rand.NewSource(10))
	v := testView(t, r, 100, true, 4)
	before := v.Visible.Clone()
	s := &Search{FieldID: bVec, Metric: index.L2, Queries: testQueries(r, 2), K: 100}
	res, err := s.Run(context.Background(), []*segment.View{v})
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0]) != 99 {
		t.Fatalf("%d hits, want the 99 visible rows", len(res[0]))
	}
	if !reflect.DeepEqual(v.Visible, before) {
		t.Fatal("search changed the view's visibility")
	}
}

func TestQueryRows(t *testing.T) {
	q := &column.Column{Type: schema.FloatVector, Dim: 2, FloatVecs: []float32{0, 1, 2, 3, 4, 5}}
	if got := queryRows(q, 1, 3); !reflect.DeepEqual(got.FloatVecs, []float32{2, 3, 4, 5}) {
		t.Fatalf("float rows 1..3: %v", got.FloatVecs)
	}
	b := &column.Column{Type: schema.BinaryVector, Dim: 16, VecBytes: []byte{1, 2, 3, 4, 5, 6}}
	if got := queryRows(b, 2, 3); !reflect.DeepEqual(got.VecBytes, []byte{5, 6}) {
		t.Fatalf("binary row 2: %v", got.VecBytes)
	}
	sp := &column.Column{Type: schema.SparseFloatVector, Bytes: [][]byte{{1}, {2}, {3}}}
	if got := queryRows(sp, 0, 2); len(got.Bytes) != 2 || got.Bytes[1][0] != 2 {
		t.Fatalf("sparse rows 0..2: %v", got.Bytes)
	}
}

func TestGatherKeepsRefOrderAcrossViews(t *testing.T) {
	a := &segment.View{Cols: map[int64]*column.Column{bID: {Type: schema.Int64, Ints: []int64{10, 11, 12}}}}
	b := &segment.View{Cols: map[int64]*column.Column{bID: {Type: schema.Int64, Ints: []int64{20, 21}}}}
	refs := []Ref{{a, 2}, {a, 0}, {b, 1}, {a, 1}, {b, 0}, {b, 0}}
	got := Gather(refs, bID, column.New(schema.Int64, 0))
	if want := []int64{12, 10, 21, 11, 20, 20}; !reflect.DeepEqual(got.Ints, want) {
		t.Fatalf("gathered %v, want %v", got.Ints, want)
	}
	if got := Gather(nil, bID, column.New(schema.Int64, 0)); got.Len() != 0 {
		t.Fatalf("no refs gathered %d rows", got.Len())
	}
}
