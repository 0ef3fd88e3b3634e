package bench

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// The .fvecs / .ivecs formats of the TEXMEX corpus (SIFT1M) that FAISS and
// ann-benchmarks read: each row is its dimension as int32 little-endian,
// then that many float32 (fvecs) or int32 (ivecs) values.

// WriteFvecs writes rows of dim float32 values to path atomically.
func WriteFvecs(path string, v []float32, dim int) error {
	return writeVecs(path, len(v), dim, func(i int) uint32 { return math.Float32bits(v[i]) })
}

// WriteIvecs writes rows of dim int32 values to path atomically.
func WriteIvecs(path string, v []int32, dim int) error {
	return writeVecs(path, len(v), dim, func(i int) uint32 { return uint32(v[i]) })
}

func writeVecs(path string, total, dim int, word func(i int) uint32) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b [4]byte
	put := func(x uint32) {
		binary.LittleEndian.PutUint32(b[:], x)
		w.Write(b[:])
	}
	for i := 0; i < total; i++ {
		if i%dim == 0 {
			put(uint32(dim))
		}
		put(word(i))
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("bench: write %s: %w", path, err)
	}
	return nil
}

// ReadFvecs reads a whole .fvecs file.
func ReadFvecs(path string) ([]float32, int, error) {
	words, dim, err := readVecs(path)
	out := make([]float32, len(words))
	for i, w := range words {
		out[i] = math.Float32frombits(w)
	}
	return out, dim, err
}

// ReadIvecs reads a whole .ivecs file.
func ReadIvecs(path string) ([]int32, int, error) {
	words, dim, err := readVecs(path)
	out := make([]int32, len(words))
	for i, w := range words {
		out[i] = int32(w)
	}
	return out, dim, err
}

func readVecs(path string) ([]uint32, int, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	if len(raw) < 4 {
		return nil, 0, fmt.Errorf("bench: %s: %w", path, io.ErrUnexpectedEOF)
	}
	dim := int(binary.LittleEndian.Uint32(raw))
	row := 4 * (dim + 1)
	if dim <= 0 || len(raw)%row != 0 {
		return nil, 0, fmt.Errorf("bench: %s: size %d is not rows of dim %d", path, len(raw), dim)
	}
	out := make([]uint32, 0, len(raw)/row*dim)
	for off := 0; off < len(raw); off += row {
		if int(binary.LittleEndian.Uint32(raw[off:])) != dim {
			return nil, 0, fmt.Errorf("bench: %s: row at byte %d changes dimension", path, off)
		}
		for j := off + 4; j < off+row; j += 4 {
			out = append(out, binary.LittleEndian.Uint32(raw[j:]))
		}
	}
	return out, dim, nil
}
