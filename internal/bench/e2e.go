package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// E2EConfig locates the end-to-end program: a Go module of its own
// (tests/e2e) because it links the Milvus Go SDK, which the main module
// must not depend on.
type E2EConfig struct {
	Dir     string // tests/e2e
	Package string // ./cmd/kitebench-e2e
	KiteBin string // the server binary it starts
	Indexes string // comma-separated subset of the protocol's cases; "": all
}

// RunE2E loads the protocol's vectors into a kite server through the Go
// SDK, builds each case's index there and measures its recall/QPS curve
// at nq=1 and nq=10.
func RunE2E(ctx context.Context, c E2EConfig, p *Protocol, log io.Writer) ([]Result, error) {
	out := p.Path + ".e2e.json"
	os.Remove(out)
	logf(log, "running %s in %s against %s", c.Package, c.Dir, c.KiteBin)
	cmd := exec.CommandContext(ctx, "go", "run", c.Package, "-protocol", p.Path, "-bin", c.KiteBin, "-out", out, "-index", c.Indexes)
	cmd.Dir = c.Dir
	cmd.Stdout, cmd.Stderr = logOrDiscard(log), logOrDiscard(log)
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("bench: end-to-end run: %w", err)
	}
	return readResults(out)
}
