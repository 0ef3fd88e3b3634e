package index

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

const binDim = 64

// binaryData is the sign bits of the synthetic float data: clustered bit
// rows whose neighbours are not trivially separated.
func binaryData(t testing.TB) (data, q *column.Column) {
	t.Helper()
	fd, fq := syntheticColumn(71, schema.FloatVector, ivfRows, ivfQueries, binDim)
	return signBits(fd), signBits(fq)
}

func signBits(f *column.Column) *column.Column {
	c := column.New(schema.BinaryVector, f.Dim)
	for i := 0; i < f.Len(); i++ {
		row := make([]byte, f.Dim/8)
		for j, x := range f.FloatVec(i) {
			if x > 0 {
				row[j/8] |= 1 << (j % 8)
			}
		}
		c.VecBytes = append(c.VecBytes, row...)
	}
	return c
}

func buildBin(t testing.TB, metric string, params map[string]string) (Index, *column.Column, *column.Column) {
	t.Helper()
	data, q := binaryData(t)
	key := fmt.Sprint(BinIVFFlat, metric, params)
	if idx, ok := builtIVF[key]; ok {
		return idx, data, q
	}
	spec, err := ValidateSpec(Spec{Type: BinIVFFlat, Metric: metric, Params: params}, schema.BinaryVector, binDim)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Build(context.Background(), spec, data)
	if err != nil {
		t.Fatal(err)
	}
	builtIVF[key] = idx
	return idx, data, q
}

func TestBinIVFRecallAgainstFlat(t *testing.T) {
	for _, m := range binaryMetrics {
		idx, data, q := buildBin(t, m, map[string]string{"nlist": "32"})
		for _, c := range []struct {
			nprobe float64
			floor  float64
		}{{32, 1}, {8, 0.9}} {
			p := SearchParams{K: 10, Params: map[string]any{"nprobe": c.nprobe}}
			got, err := idx.Search(context.Background(), q, p)
			if err != nil {
				t.Fatal(err)
			}
			rec := recallWithin(m, got, exactHits(t, m, data, q, p), 1e-6)
			t.Logf("%s nprobe=%v: recall@10 %.3f", m, c.nprobe, rec)
			if rec < c.floor {
				t.Errorf("%s nprobe=%v: recall@10 %.3f < %.2f", m, c.nprobe, rec, c.floor)
			}
			checkOrdered(t, m, m, got)
		}
	}
}

func TestBinIVFFilterAndRange(t *testing.T) {
	r := rand.New(rand.NewPCG(72, 72))
	idx, data, q := buildBin(t, Hamming, map[string]string{"nlist": "32"})
	for _, every := range []int{2, 30, 500} {
		f := randFilter(r, ivfRows, every)
		p := SearchParams{K: 10, Filter: f, Params: map[string]any{"nprobe": 32.0}}
		got, _ := idx.Search(context.Background(), q, p)
		want := exactHits(t, Hamming, data, q, p)
		if rec := recallWithin(Hamming, got, want, 0); rec < 1 {
			t.Errorf("filter 1/%d: recall %.3f", every, rec)
		}
		for _, hs := range got {
			for _, h := range hs {
				if !f.Test(int(h.Row)) {
					t.Fatalf("filtered-out row %d returned", h.Row)
				}
			}
		}
	}
	p := SearchParams{K: 20, Params: map[string]any{"nprobe": 32.0, "radius": 20.0, "range_filter": 8.0}}
	got, _ := idx.Search(context.Background(), q, p)
	want := exactHits(t, Hamming, data, q, p)
	for qi := range want {
		hitsClose(t, "bin range", got[qi], want[qi])
	}
}

func TestBinIVFSaveLoad(t *testing.T) {
	idx, data, q := buildBin(t, Jaccard, map[string]string{"nlist": "32"})
	path := filepath.Join(t.TempDir(), "bin")
	if err := idx.(Saver).Save(path); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Type: BinIVFFlat, Metric: Jaccard}
	loaded, err := Load(spec, path, data)
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.(io.Closer).Close()
	p := SearchParams{K: 10, Params: map[string]any{"nprobe": 3.0}}
	a, _ := idx.Search(context.Background(), q, p)
	b, _ := loaded.Search(context.Background(), q, p)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("loaded index answers differently")
	}
	if _, err := Load(Spec{Type: BinIVFFlat, Metric: Hamming}, path, data); err == nil {
		t.Error("loaded under another metric")
	}
	// AUTOINDEX on binary vectors is BIN_IVF_FLAT; small segments clamp nlist.
	auto, _ := ValidateSpec(Spec{Type: AutoIndex}, schema.BinaryVector, binDim)
	small, err := Build(context.Background(), auto, data.Head(50))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := small.Search(context.Background(), q, SearchParams{K: 3}); err != nil || len(res[0]) != 3 {
		t.Fatalf("auto index over 50 rows: %v %v", res, err)
	}
}
