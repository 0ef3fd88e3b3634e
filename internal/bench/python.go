package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// PythonConfig locates bench/compare.py and the virtualenv it runs in.
type PythonConfig struct {
	Script       string // bench/compare.py
	Venv         string // bench/.venv; created with Requirements when missing
	Requirements string // bench/requirements.txt
	Build1T      bool   // also time hnswlib's build on one thread
}

// RunPython runs FAISS and hnswlib on the exported protocol and returns
// their results.
func RunPython(ctx context.Context, c PythonConfig, p *Protocol, log io.Writer) ([]Result, error) {
	py, err := ensureVenv(ctx, c, log)
	if err != nil {
		return nil, err
	}
	out := p.Path + ".python.json"
	os.Remove(out)
	logf(log, "running %s (FAISS, hnswlib)", c.Script)
	cmd := exec.CommandContext(ctx, py, c.Script, "--protocol", p.Path, "--out", out, "--build-1t", strconv.FormatBool(c.Build1T))
	cmd.Stdout, cmd.Stderr = logOrDiscard(log), logOrDiscard(log)
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", c.Script, err)
	}
	return readResults(out)
}

// ensureVenv returns the venv's python, creating the venv first if needed.
func ensureVenv(ctx context.Context, c PythonConfig, log io.Writer) (string, error) {
	py := filepath.Join(c.Venv, "bin", "python")
	if _, err := os.Stat(py); err == nil {
		return py, nil
	}
	logf(log, "creating %s from %s", c.Venv, c.Requirements)
	steps := [][]string{
		{"python3", "-m", "venv", c.Venv},
		{py, "-m", "pip", "install", "--quiet", "-r", c.Requirements},
	}
	for _, s := range steps {
		cmd := exec.CommandContext(ctx, s[0], s[1:]...)
		cmd.Stdout, cmd.Stderr = logOrDiscard(log), logOrDiscard(log)
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("bench: %v: %w", s, err)
		}
	}
	return py, nil
}

func logOrDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
