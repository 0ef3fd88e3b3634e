package bench

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// DefaultFMNISTDir is where Debian's dataset-fashion-mnist package installs.
const DefaultFMNISTDir = "/usr/share/datasets/fashion-mnist"

// LoadFashionMNIST reads the ann-benchmarks split of Fashion-MNIST: the
// 60,000 training images are the base, the 10,000 test images the queries;
// each image's 784 uint8 pixels become float32 values 0..255, compared by L2.
func LoadFashionMNIST(dir string) (*Dataset, error) {
	if dir == "" {
		dir = DefaultFMNISTDir
	}
	base, dim, err := readIDX3(filepath.Join(dir, "train-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, err
	}
	q, qdim, err := readIDX3(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, err
	}
	if qdim != dim {
		return nil, fmt.Errorf("bench: fashion-mnist: train has %d pixels, t10k %d", dim, qdim)
	}
	return &Dataset{Name: "fashion-mnist", Key: "fashion-mnist", Metric: L2, Dim: dim, Base: base, Queries: q}, nil
}

// readIDX3 decodes a gzipped idx3-ubyte file: magic 0x00000803, then the
// image count, rows and columns as big-endian uint32, then the pixels.
func readIDX3(path string) ([]float32, int, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, 0, fmt.Errorf("%w: %s (apt-get install dataset-fashion-mnist)", ErrNoData, path)
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("bench: %s: %w", path, err)
	}
	var hdr [4]uint32
	if err := binary.Read(zr, binary.BigEndian, &hdr); err != nil {
		return nil, 0, fmt.Errorf("bench: %s header: %w", path, err)
	}
	if hdr[0] != 0x803 {
		return nil, 0, fmt.Errorf("bench: %s: magic %#x is not idx3-ubyte", path, hdr[0])
	}
	n, dim := int(hdr[1]), int(hdr[2]*hdr[3])
	pix := make([]byte, n*dim)
	if _, err := io.ReadFull(zr, pix); err != nil {
		return nil, 0, fmt.Errorf("bench: %s pixels: %w", path, err)
	}
	out := make([]float32, len(pix))
	for i, p := range pix {
		out[i] = float32(p)
	}
	return out, dim, nil
}
