package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/distance"
	"github.com/kite-db/kite/internal/schema"
)

// sparseData is SPLADE-like: dimensions drawn Zipf-like from a vocabulary
// of 2000, 10-60 non-zeros a row, exponentially distributed weights scaled
// down for frequent dimensions (as learned sparse models weight common
// tokens low).
func sparseData(seed uint64, n int) *column.Column {
	r := rand.New(rand.NewPCG(seed, seed))
	z := rand.NewZipf(r, 1.1, 4, 1999)
	c := column.New(schema.SparseFloatVector, 0)
	for i := 0; i < n; i++ {
		vals := map[uint32]float32{}
		for range 10 + r.IntN(50) {
			d := z.Uint64()
			vals[uint32(d)] = float32(r.ExpFloat64() * (0.1 + math.Log1p(float64(d))/math.Log(2000)))
		}
		dims := make([]uint32, 0, len(vals))
		for d := range vals {
			dims = append(dims, d)
		}
		slices.Sort(dims)
		var row []byte
		for _, d := range dims {
			row = distance.AppendSparse(row, d, vals[d])
		}
		c.Bytes = append(c.Bytes, row)
	}
	return c
}

var sparseTypes = []string{SparseInverted, SparseWand}

// sparseAlgos are the searches: term at a time and MaxScore.
var sparseAlgos = []map[string]string{{"inverted_index_algo": algoTAAT}, {"inverted_index_algo": algoMaxScore}}

func buildSparseCase(t *testing.T, typ string, params map[string]string, data *column.Column) Index {
	t.Helper()
	spec, err := ValidateSpec(Spec{Type: typ, Params: params}, schema.SparseFloatVector, 0)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Build(context.Background(), spec, data)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// dropped applies drop_ratio semantics to reference rows: values whose
// magnitude is below the cut are removed.
func dropped(row []byte, cut float32) []byte {
	var out []byte
	for k := 0; k < distance.SparseLen(row); k++ {
		d, v := distance.SparseAt(row, k)
		if v != 0 && float32(math.Abs(float64(v))) >= cut {
			out = distance.AppendSparse(out, d, v)
		}
	}
	return out
}

// sparseReference is brute force over kept values, returning only rows
// that share a kept dimension with the query (as the indexes do).
func sparseReference(data, q *column.Column, buildRatio, searchRatio float64, k int, keep func(int, float32) bool) [][]Hit {
	cut := dropThreshold(allValues(data.Bytes), buildRatio)
	rows := make([][]byte, data.Len())
	for i, r := range data.Bytes {
		rows[i] = dropped(r, cut)
	}
	out := make([][]Hit, q.Len())
	for qi, qr := range q.Bytes {
		qcut := dropThreshold(allValues([][]byte{qr}), searchRatio)
		qd := dropped(qr, qcut)
		var all []Hit
		for r, row := range rows {
			if !shares(qd, row) {
				continue
			}
			s := distance.SparseDot(qd, row)
			if keep == nil || keep(r, s) {
				all = append(all, Hit{Row: int32(r), Score: s})
			}
		}
		slices.SortFunc(all, func(a, b Hit) int {
			if better(true, a, b) {
				return -1
			}
			return 1
		})
		out[qi] = all[:min(k, len(all))]
	}
	return out
}

// shares reports whether two sparse rows (sorted by dimension) have a
// dimension in common.
func shares(a, b []byte) bool {
	i, j := 0, 0
	for i < distance.SparseLen(a) && j < distance.SparseLen(b) {
		da, _ := distance.SparseAt(a, i)
		db, _ := distance.SparseAt(b, j)
		switch {
		case da == db:
			return true
		case da < db:
			i++
		default:
			j++
		}
	}
	return false
}

func TestSparseExact(t *testing.T) {
	data, q := sparseData(81, 2000), sparseData(82, 30)
	r := rand.New(rand.NewPCG(83, 83))
	filter := randFilter(r, 2000, 3)
	for _, c := range []struct{ build, search float64 }{{0, 0}, {0.3, 0}, {0, 0.5}, {0.2, 0.6}} {
		all := sparseReference(data, q, c.build, c.search, data.Len(), nil)
		for _, algo := range sparseAlgos {
			typ := algo["inverted_index_algo"]
			params := map[string]string{"drop_ratio_build": fmt.Sprint(c.build), "inverted_index_algo": typ}
			idx := buildSparseCase(t, SparseInverted, params, data)
			for _, k := range []int{1, 10, 100} {
				for _, withFilter := range []bool{false, true} {
					p := SearchParams{K: k, Params: map[string]any{"drop_ratio_search": c.search}}
					if withFilter {
						p.Filter = filter
					}
					got, err := idx.Search(context.Background(), q, p)
					if err != nil {
						t.Fatal(err)
					}
					for qi := range all {
						var want []Hit
						for _, h := range all[qi] {
							if len(want) < k && (!withFilter || filter.Test(int(h.Row))) {
								want = append(want, h)
							}
						}
						hitsClose(t, fmt.Sprintf("%s drop %v/%v k=%d filter=%v", typ, c.build, c.search, k, withFilter), got[qi], want)
					}
				}
			}
		}
	}
}

func TestSparseMatchesFlat(t *testing.T) {
	data, q := sparseData(84, 1500), sparseData(85, 20)
	flat, _ := NewFlat(IP, data)
	for _, typ := range sparseTypes {
		idx := buildSparseCase(t, typ, sparseAlgos[0], data)
		p := SearchParams{K: 10}
		got, _ := idx.Search(context.Background(), q, p)
		want, _ := flat.Search(context.Background(), q, p)
		for qi := range want {
			hitsClose(t, typ, got[qi], want[qi])
		}
	}
}

func TestSparseRangeSearch(t *testing.T) {
	data, q := sparseData(86, 1500), sparseData(87, 20)
	for _, algo := range sparseAlgos {
		typ := algo["inverted_index_algo"]
		idx := buildSparseCase(t, SparseInverted, algo, data)
		p := SearchParams{K: 40, Params: map[string]any{"radius": 3.0, "range_filter": 9.0}}
		got, err := idx.Search(context.Background(), q, p)
		if err != nil {
			t.Fatal(err)
		}
		want := sparseReference(data, q, 0, 0, 40, func(_ int, s float32) bool { return s > 3 && s <= 9 })
		for qi := range want {
			hitsClose(t, typ+" range", got[qi], want[qi])
		}
	}
}

// TestSparseTAATAndMaxScoreAgree is a random model test: both search
// strategies must return the same hits for any K, filter and drop ratio.
func TestSparseTAATAndMaxScoreAgree(t *testing.T) {
	seed := uint64(88)
	r := rand.New(rand.NewPCG(seed, seed))
	data, q := sparseData(seed, 1200), sparseData(seed+1, 40)
	taat := buildSparseCase(t, SparseInverted, sparseAlgos[0], data)
	wand := buildSparseCase(t, SparseWand, nil, data)
	for i := 0; i < 30; i++ {
		p := SearchParams{K: 1 + r.IntN(60), Params: map[string]any{"drop_ratio_search": r.Float64() * 0.8}}
		if r.IntN(2) == 0 {
			p.Filter = randFilter(r, 1200, 1+r.IntN(20))
		}
		a, _ := taat.Search(context.Background(), q, p)
		b, _ := wand.Search(context.Background(), q, p)
		for qi := range a {
			hitsClose(t, fmt.Sprintf("seed %d round %d (%+v): TAAT vs MaxScore", seed, i, p), b[qi], a[qi])
		}
	}
}

func TestSparseSaveLoad(t *testing.T) {
	data, q := sparseData(89, 800), sparseData(90, 10)
	for _, typ := range sparseTypes {
		idx := buildSparseCase(t, typ, map[string]string{"drop_ratio_build": "0.1"}, data)
		path := filepath.Join(t.TempDir(), typ)
		if err := idx.(Saver).Save(path); err != nil {
			t.Fatal(err)
		}
		loaded, err := Load(Spec{Type: typ, Metric: IP}, path, data)
		if err != nil {
			t.Fatal(err)
		}
		p := SearchParams{K: 7, Params: map[string]any{"drop_ratio_search": 0.2}}
		a, _ := idx.Search(context.Background(), q, p)
		b, _ := loaded.Search(context.Background(), q, p)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("%s: loaded index answers differently", typ)
		}
		loaded.(io.Closer).Close()
		if _, err := Load(Spec{Type: typ, Metric: IP}, path, data.Head(5)); err == nil {
			t.Errorf("%s: loaded over the wrong rows", typ)
		}
	}
	empty := column.New(schema.SparseFloatVector, 0)
	idx := buildSparseCase(t, SparseWand, nil, empty)
	if res, err := idx.Search(context.Background(), q, SearchParams{K: 3}); err != nil || len(res[0]) != 0 {
		t.Fatalf("empty: %v %v", res, err)
	}
}

func TestSparseParams(t *testing.T) {
	_, err := ValidateSpec(Spec{Type: SparseWand, Params: map[string]string{"inverted_index_algo": "FAST"}}, schema.SparseFloatVector, 0)
	if err == nil || !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("inverted_index_algo FAST: %v", err)
	}
	for v, want := range map[string]string{
		"1":    "Out of range in json: param 'drop_ratio_build' (1.000000) should be in range [0.000000, 1.000000)",
		"-0.3": "Out of range in json: param 'drop_ratio_build' (-0.300000) should be in range [0.000000, 1.000000)",
		"x":    `Type conflict in json: param 'drop_ratio_build' ("x") should be a number`,
	} {
		_, err := ValidateSpec(Spec{Type: SparseInverted, Params: map[string]string{"drop_ratio_build": v}}, schema.SparseFloatVector, 0)
		if want += ": invalid parameter[expected=valid index params][actual=invalid index params]"; err == nil || err.Error() != want {
			t.Errorf("drop_ratio_build %s: %v", v, err)
		}
	}
	data, q := sparseData(91, 100), sparseData(92, 2)
	idx := buildSparseCase(t, SparseWand, nil, data)
	for _, c := range []struct {
		v    any
		want string
	}{
		{1.0, "Out of range in json: param 'drop_ratio_search' (1.000000) should be in range [0.000000, 1.000000)"},
		{-0.5, "Out of range in json: param 'drop_ratio_search' (-0.500000) should be in range [0.000000, 1.000000)"},
		{"abc", `Type conflict in json: param 'drop_ratio_search' ("abc") should be a number`},
	} {
		_, err := idx.Search(context.Background(), q, SearchParams{K: 3, Params: map[string]any{"drop_ratio_search": c.v}})
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrInvalidParameter) {
			t.Errorf("drop_ratio_search %v: %v", c.v, err)
		}
	}
	var mm *MetricMismatchError
	if _, err := idx.Search(context.Background(), q, SearchParams{K: 3, Metric: BM25}); !errors.As(err, &mm) {
		t.Errorf("metric mismatch: %v", err)
	}
	if _, err := Build(context.Background(), Spec{Type: SparseInverted, Metric: BM25}, data); !errors.Is(err, ErrUnsupported) {
		t.Errorf("BM25: %v", err)
	}
}
