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

// benchFlags are `kite bench`'s flags (registered in bench_flags.go).
type benchFlags struct {
	o                     bench.Options
	indexes               string
	jsonOut, fromJSON     string
	compare, e2e, build1T bool
	py                    bench.PythonConfig
	e2eCfg                bench.E2EConfig
}

func benchCmd() *cobra.Command {
	var b benchFlags
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Benchmark the vector indexes: recall@10 vs QPS, build time, memory (README: Benchmarks)",
		Args:  args(0, 0),
		RunE:  func(*cobra.Command, []string) error { return b.run() },
	}
	b.register(cmd)
	return cmd
}

func (b *benchFlags) run() error {
	if b.fromJSON != "" {
		return rerender(b.fromJSON, b.o.Clock)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	o, err := b.options()
	if err != nil {
		return err
	}
	rep, err := bench.Bench(ctx, o)
	if err != nil {
		return err
	}
	rep.WriteTable(os.Stdout)
	if b.jsonOut == "" {
		return nil
	}
	out, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(b.jsonOut, out, 0o644)
}

func (b *benchFlags) options() (bench.Options, error) {
	o := b.o
	o.Indexes = strings.Split(b.indexes, ",")
	o.Log = os.Stderr
	if b.compare {
		py := b.py
		py.Build1T = b.build1T
		o.Compare = &py
	}
	if b.e2e {
		e := b.e2eCfg
		abs, err := filepath.Abs(e.KiteBin)
		if err != nil {
			return o, err
		}
		e.KiteBin = abs
		o.E2E = &e
	}
	return o, nil
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
