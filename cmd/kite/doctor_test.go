package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDoctorCommand(t *testing.T) {
	dir := dataDir(t)
	out, err := run(t, doctorCmd(), "--data-dir", dir)
	if err != nil || !strings.Contains(out, "books") || !strings.Contains(out, "fsync") {
		t.Fatalf("doctor: %v\n%s", err, out)
	}
	out, err = run(t, doctorCmd(), "--data-dir", dir, "--json")
	var rep map[string]any
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep["collections"] == nil {
		t.Fatalf("doctor --json: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "meta.db"), []byte("garbage"), 0o600)
	if out, err := run(t, doctorCmd(), "--data-dir", dir); err == nil || !strings.Contains(out, "kite meta restore") {
		t.Fatalf("doctor on damaged metadata: %v\n%s", err, out)
	}
}
