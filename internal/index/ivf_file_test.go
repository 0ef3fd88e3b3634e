package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

func TestIVFSaveLoad(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		typ    string
		vt     schema.DataType
		metric string
		params map[string]string
	}{
		{IVFFlat, schema.FloatVector, Cosine, ivfFlatParams},
		{IVFFlat, schema.BFloat16Vector, L2, ivfFlatParams},
		{IVFSQ8, schema.FloatVector, L2, ivfFlatParams},
		{IVFSQ8, schema.Float16Vector, Cosine, ivfFlatParams},
		{IVFPQ, schema.FloatVector, L2, map[string]string{"nlist": "20", "m": "8", "refine": "true"}},
		{IVFPQ, schema.FloatVector, Cosine, ivfPQParams},
	} {
		name := fmt.Sprintf("%s/%s/%s", c.typ, c.vt, c.metric)
		idx, data, q := buildIVFCase(t, c.typ, c.vt, c.metric, c.params)
		path := filepath.Join(dir, name[:6]+c.metric)
		if err := idx.(Saver).Save(path); err != nil {
			t.Fatal(err)
		}
		spec := Spec{Type: c.typ, Metric: c.metric, Params: c.params}
		loaded, err := Load(spec, path, data)
		if err != nil {
			t.Fatal(name, err)
		}
		p := SearchParams{K: 10, Filter: randFilter(rand.New(rand.NewPCG(1, 2)), ivfRows, 2), Params: map[string]any{"nprobe": 5.0}}
		a, _ := idx.Search(context.Background(), q, p)
		b, err := loaded.Search(context.Background(), q, p)
		if err != nil {
			t.Fatal(name, err)
		}
		for qi := range a {
			if fmt.Sprint(a[qi]) != fmt.Sprint(b[qi]) {
				t.Fatalf("%s: loaded index answers %v, built %v", name, b[qi], a[qi])
			}
		}
		loaded.(io.Closer).Close()
		if _, err := Load(spec, path, data.Head(100)); err == nil {
			t.Errorf("%s: loaded over the wrong rows", name)
		}
		other := Spec{Type: c.typ, Metric: map[string]string{L2: IP, IP: L2, Cosine: L2}[c.metric]}
		if _, err := Load(other, path, data); err == nil {
			t.Errorf("%s: loaded under another metric", name)
		}
	}
}

func TestIVFLoadRejectsCorruption(t *testing.T) {
	idx, data, _ := buildIVFCase(t, IVFSQ8, schema.FloatVector, L2, map[string]string{"nlist": "8"})
	path := filepath.Join(t.TempDir(), "sq8")
	if err := idx.(Saver).Save(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 1
	os.WriteFile(path, b, 0o644)
	if _, err := Load(Spec{Type: IVFSQ8, Metric: L2}, path, data); err == nil {
		t.Fatal("corrupt file loaded")
	}
	if _, err := Load(Spec{Type: IVFFlat, Metric: L2}, filepath.Join(t.TempDir(), "none"), data); err == nil {
		t.Fatal("missing file loaded")
	}
}

func TestIVFSmallSegments(t *testing.T) {
	for _, typ := range []string{IVFFlat, IVFSQ8, IVFPQ} {
		for _, n := range []int{0, 1, 5} {
			data, q := ivfData(t, schema.FloatVector)
			data = data.Head(n)
			idx, err := Build(context.Background(), Spec{Type: typ, Metric: L2, Params: map[string]string{"nlist": "64"}}, data)
			if err != nil {
				t.Fatal(typ, n, err)
			}
			got, err := idx.Search(context.Background(), q, SearchParams{K: 3})
			if err != nil {
				t.Fatal(typ, n, err)
			}
			if len(got[0]) != min(n, 3) {
				t.Errorf("%s over %d rows: %d hits", typ, n, len(got[0]))
			}
			path := filepath.Join(t.TempDir(), "ix")
			if err := idx.(Saver).Save(path); err != nil {
				t.Fatal(err)
			}
			loaded, err := Load(Spec{Type: typ, Metric: L2}, path, data)
			if err != nil {
				t.Fatal(typ, n, err)
			}
			loaded.(io.Closer).Close()
		}
	}
}

// Searches share one index; run under -race this checks they share nothing
// mutable (every search allocates its own scratch and tables).
func TestConcurrentSearch(t *testing.T) {
	sp, sq := sparseData(93, 600), sparseData(94, 8)
	var cases []struct {
		idx Index
		q   *column.Column
	}
	for _, typ := range []string{IVFFlat, IVFSQ8, IVFPQ} {
		params := ivfFlatParams
		if typ == IVFPQ {
			params = ivfPQParams
		}
		idx, _, q := buildIVFCase(t, typ, schema.FloatVector, L2, params)
		cases = append(cases, struct {
			idx Index
			q   *column.Column
		}{idx, q})
	}
	for _, typ := range sparseTypes {
		cases = append(cases, struct {
			idx Index
			q   *column.Column
		}{buildSparseCase(t, typ, nil, sp), sq})
	}
	for _, c := range cases {
		p := SearchParams{K: 5, Params: map[string]any{"nprobe": 4.0}}
		want, _ := c.idx.Search(context.Background(), c.q, p)
		done := make(chan error, 4)
		for w := 0; w < 4; w++ {
			go func() {
				got, err := c.idx.Search(context.Background(), c.q, p)
				if err == nil && fmt.Sprint(got) != fmt.Sprint(want) {
					err = errors.New("concurrent search answered differently")
				}
				done <- err
			}()
		}
		for w := 0; w < 4; w++ {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
}

// FuzzLoad feeds damaged index files whose checksum is made to match, so
// the damage reaches the section and list checks: Load must refuse them or
// return an index that searches without panicking.
func FuzzLoad(f *testing.F) {
	dir := f.TempDir()
	type seed struct {
		spec Spec
		data *column.Column
	}
	dense, _ := syntheticColumn(97, schema.FloatVector, 300, 1, 16)
	bin := signBits(dense)
	sp := sparseData(98, 100)
	seeds := []seed{
		{Spec{Type: IVFFlat, Metric: L2, Params: map[string]string{"nlist": "4"}}, dense},
		{Spec{Type: IVFSQ8, Metric: IP, Params: map[string]string{"nlist": "4"}}, dense},
		{Spec{Type: IVFPQ, Metric: L2, Params: map[string]string{"nlist": "4", "m": "4", "nbits": "4"}}, dense},
		{Spec{Type: BinIVFFlat, Metric: Hamming, Params: map[string]string{"nlist": "4"}}, bin},
		{Spec{Type: SparseWand, Metric: IP}, sp},
	}
	for i, s := range seeds {
		idx, err := Build(context.Background(), s.spec, s.data)
		if err != nil {
			f.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprint(i))
		if err := idx.(Saver).Save(path); err != nil {
			f.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		f.Add(uint8(i), b)
	}
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		s := seeds[int(which)%len(seeds)]
		if len(b) < 4 {
			return
		}
		binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], crc32.MakeTable(crc32.Castagnoli)))
		path := filepath.Join(t.TempDir(), "ix")
		os.WriteFile(path, b, 0o644)
		idx, err := Load(s.spec, path, s.data)
		if err != nil {
			return
		}
		defer idx.(io.Closer).Close()
		q := s.data.Head(1)
		if _, err := idx.Search(context.Background(), q, SearchParams{K: 3, Params: map[string]any{"nprobe": 4.0}}); err != nil {
			t.Fatal(err)
		}
	})
}
