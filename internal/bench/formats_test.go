package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestVecsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	f := []float32{1, -2.5, 3, 4, 5, 6}
	if err := WriteFvecs(filepath.Join(dir, "a.fvecs"), f, 3); err != nil {
		t.Fatal(err)
	}
	got, dim, err := ReadFvecs(filepath.Join(dir, "a.fvecs"))
	if err != nil || dim != 3 || !equalF32(got, f) {
		t.Fatalf("fvecs: %v %d %v", got, dim, err)
	}
	ids := []int32{7, -1, 3, 9}
	if err := WriteIvecs(filepath.Join(dir, "a.ivecs"), ids, 2); err != nil {
		t.Fatal(err)
	}
	gotI, dim, err := ReadIvecs(filepath.Join(dir, "a.ivecs"))
	if err != nil || dim != 2 || len(gotI) != 4 || gotI[1] != -1 || gotI[3] != 9 {
		t.Fatalf("ivecs: %v %d %v", gotI, dim, err)
	}
}

func TestReadIDX3(t *testing.T) {
	var raw bytes.Buffer
	binary.Write(&raw, binary.BigEndian, []uint32{0x803, 2, 2, 2})
	raw.Write([]byte{0, 1, 2, 255, 9, 8, 7, 6})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw.Bytes())
	zw.Close()
	path := filepath.Join(t.TempDir(), "x-idx3-ubyte.gz")
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	v, dim, err := readIDX3(path)
	if err != nil || dim != 4 || len(v) != 8 || v[3] != 255 || v[7] != 6 {
		t.Fatalf("readIDX3 = %v, %d, %v", v, dim, err)
	}
}

func TestDecodeGloVeJSON(t *testing.T) {
	row := func(first float32, norm, idx int) string {
		parts := make([]string, 0, gloveDim+2)
		for i := 0; i < gloveDim; i++ {
			v := float32(0)
			if i == 0 {
				v = first
			}
			parts = append(parts, strconv.FormatFloat(float64(v), 'g', -1, 32))
		}
		parts = append(parts, strconv.Itoa(norm), strconv.Itoa(idx))
		return "[" + strings.Join(parts, ",") + "]"
	}
	doc := `{"precision":8,"words":["b","zero","a"],"vectors":{"b":` + row(2, 2, 1) +
		`,"zero":` + row(0, 0, 2) + `,"a":` + row(1, 1, 0) + `},"unkVector":[0]}`
	v, err := decodeGloVeJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2*gloveDim || v[0] != 1 || v[gloveDim] != 2 {
		t.Fatalf("rows not in word-index order or zero row kept: len %d", len(v))
	}
}
