package indexfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func sample() []Section {
	return []Section{
		U32("meta", []uint32{1, 2, 3}),
		F32("vectors", []float32{0.5, -1, 3.25}),
		U8("codes", []byte{1, 2, 3, 4, 5}),
		I32("rows", nil),
	}
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	if err := Write(path, "IVF_FLAT", sample()); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path, "IVF_FLAT")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meta, err := f.U32("meta")
	if err != nil || !slices.Equal(meta, []uint32{1, 2, 3}) {
		t.Fatalf("meta %v %v", meta, err)
	}
	vecs, err := f.F32("vectors")
	if err != nil || !slices.Equal(vecs, []float32{0.5, -1, 3.25}) {
		t.Fatalf("vectors %v %v", vecs, err)
	}
	codes, err := f.U8("codes")
	if err != nil || !bytes.Equal(codes, []byte{1, 2, 3, 4, 5}) {
		t.Fatalf("codes %v %v", codes, err)
	}
	rows, err := f.I32("rows")
	if err != nil || len(rows) != 0 {
		t.Fatalf("rows %v %v", rows, err)
	}
	if _, err := f.F32("codes"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("codes read as floats: %v", err)
	}
	if _, err := f.U32("absent"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("absent section: %v", err)
	}
}

func TestRejectsDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ix")
	if err := Write(path, "IVF_PQ", sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, "IVF_SQ8"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("wrong kind opened: %v", err)
	}
	good, _ := os.ReadFile(path)
	for _, at := range []int{0, 9, 40, 50, len(good) / 2, len(good) - 1} {
		bad := slices.Clone(good)
		bad[at] ^= 0x10
		p := filepath.Join(dir, "bad")
		os.WriteFile(p, bad, 0o644)
		if _, err := Open(p, "IVF_PQ"); !errors.Is(err, ErrCorrupt) {
			t.Errorf("flipped byte %d: %v", at, err)
		}
	}
	for _, n := range []int{0, 10, len(good) - 1} {
		p := filepath.Join(dir, "short")
		os.WriteFile(p, good[:n], 0o644)
		if _, err := Open(p, "IVF_PQ"); err == nil {
			t.Errorf("truncated to %d bytes: opened", n)
		}
	}
}

// FuzzParse feeds arbitrary bytes to the header and table checks; they
// must fail cleanly, never panic or hand out views past the data.
func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	write(&buf, "SPARSE_WAND", sample())
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		fl := &File{data: data}
		if fl.parse("SPARSE_WAND") != nil {
			return
		}
		for tag, e := range fl.sections {
			if e.offset+e.size > len(data) {
				t.Fatalf("section %s past the end", tag)
			}
		}
	})
}
