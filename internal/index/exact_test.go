package index

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// TestScanFromMatchesBruteForce: without a bound ScanFrom is brute force;
// with one it keeps exactly the rows its own full ranking has at or past
// the bound (a reference kernel may round a boundary row differently).
func TestScanFromMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for _, c := range flatCases {
		data := randColumn(r, c.t, 500, c.dim)
		q := randColumn(r, c.t, 1, c.dim)
		for _, m := range c.metrics {
			for _, f := range []*bitset.Bitset{nil, randFilter(r, 500, 3)} {
				name := c.t.String() + "/" + m
				all := scanAll(t, m, data, q, f, nil, 500)
				hitsClose(t, name, all, bruteForce(m, data, q, 0, 500, f, nil))
				for _, from := range []float32{all[6].Score, all[len(all)/2].Score} {
					var want []Hit
					for _, h := range all {
						if pastFrom(h.Score, &from, HigherIsBetter(m)) && len(want) < 20 {
							want = append(want, h)
						}
					}
					hitsClose(t, name, scanAll(t, m, data, q, f, &from, 20), want)
				}
			}
		}
	}
}

func scanAll(t *testing.T, metric string, data, q *column.Column, f *bitset.Bitset, from *float32, k int) []Hit {
	t.Helper()
	res, err := ScanFrom(context.Background(), metric, data, q, SearchParams{K: k, Filter: f}, from)
	if err != nil {
		t.Fatal(err)
	}
	return res[0]
}

// TestScanFromScoresDoNotDependOnPlace: a row scores bitwise the same at
// any offset of any column, which an iterator's bound relies on when a
// flush or compaction moves rows between pages.
func TestScanFromScoresDoNotDependOnPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for _, c := range flatCases {
		data := randColumn(r, c.t, 300, c.dim)
		moved := randColumn(r, c.t, 37, c.dim)
		appendRows(moved, data)
		q := randColumn(r, c.t, 1, c.dim)
		for _, m := range c.metrics {
			a, err := ScanFrom(context.Background(), m, data, q, SearchParams{K: 300}, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, err := ScanFrom(context.Background(), m, moved, q, SearchParams{K: 337}, nil)
			if err != nil {
				t.Fatal(err)
			}
			at := map[int32]float32{}
			for _, h := range b[0] {
				at[h.Row] = h.Score
			}
			for _, h := range a[0] {
				if s := at[h.Row+37]; s != h.Score {
					t.Fatalf("%s/%s: row %d scores %v here, %v 37 rows on", c.t, m, h.Row, h.Score, s)
				}
			}
		}
	}
}

func TestScanFromRangeAndBound(t *testing.T) {
	data := &column.Column{Type: schema.FloatVector, Dim: 1, FloatVecs: []float32{0, 1, 2, 3, 4, 5}}
	q := &column.Column{Type: data.Type, Dim: 1, FloatVecs: []float32{0}}
	from := float32(4)
	// L2 scores 0, 1, 4, 9, 16, 25; the window keeps [1, 16), the bound ≥ 4.
	res, err := ScanFrom(context.Background(), L2, data, q, SearchParams{K: 10, Params: map[string]any{"radius": 16.0, "range_filter": 1.0}}, &from)
	if err != nil {
		t.Fatal(err)
	}
	if got := res[0]; len(got) != 2 || got[0].Row != 2 || got[1].Row != 3 {
		t.Fatalf("hits %+v, want rows 2 and 3", got)
	}
}

// appendRows appends src's rows to dst (same type and dimension).
func appendRows(dst, src *column.Column) {
	dst.FloatVecs = append(dst.FloatVecs, src.FloatVecs...)
	dst.VecBytes = append(dst.VecBytes, src.VecBytes...)
	dst.Bytes = append(dst.Bytes, src.Bytes...)
}
