// Command kitebench-e2e is the end-to-end half of `kite bench --e2e`: it
// starts the kite binary, loads the protocol's vectors through the Milvus Go
// SDK, builds each case's index in the server and measures recall@10 against
// QPS over the case's search sweep, at nq=1 and nq=10 per request, with 1
// and T client goroutines. It writes the same result JSON as the in-process
// benchmark (internal/bench), one result per (index, nq), with engine names
// "kite-e2e-nq1" and "kite-e2e-nq10".
//
// It lives in the tests/e2e module because the SDK must stay out of Kite's
// main module; it reads the protocol file internal/bench/export.go writes.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	protocol := flag.String("protocol", "", "protocol file written by kite bench")
	bin := flag.String("bin", "../../bin/kite", "kite binary")
	out := flag.String("out", "", "result JSON")
	maxQueries := flag.Int("queries", 0, "cap on queries per point (0: the protocol's)")
	only := flag.String("index", "", "comma-separated index types to run (default: every case)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *protocol, *bin, *out, *maxQueries, *only); err != nil {
		fmt.Fprintln(os.Stderr, "kitebench-e2e:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, protocolPath, bin, out string, maxQueries int, only string) error {
	p, err := readProtocol(protocolPath)
	if err != nil {
		return err
	}
	p.Cases = selectCases(p.Cases, only)
	if maxQueries > 0 {
		p.NQ = min(p.NQ, maxQueries)
		p.FlatQueries = min(p.FlatQueries, maxQueries)
	}
	d, err := loadData(p)
	if err != nil {
		return err
	}
	srv, err := startServer(ctx, bin, p.N)
	if err != nil {
		return err
	}
	defer srv.stop()
	b, err := newBench(ctx, srv, p, d)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.load(ctx); err != nil {
		return err
	}
	var results []result
	for _, c := range p.Cases {
		res, err := b.runCase(ctx, c)
		if err != nil {
			return fmt.Errorf("%s: %w (server log: %s)", c.Type, err, srv.logTail())
		}
		results = append(results, res...)
	}
	buf, err := json.MarshalIndent(results, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, buf, 0o644)
}

// selectCases keeps the cases whose type is in the comma-separated list.
func selectCases(cases []bcase, only string) []bcase {
	if only == "" {
		return cases
	}
	var out []bcase
	for _, c := range cases {
		for _, t := range strings.Split(only, ",") {
			if strings.EqualFold(strings.TrimSpace(t), c.Type) {
				out = append(out, c)
			}
		}
	}
	return out
}
