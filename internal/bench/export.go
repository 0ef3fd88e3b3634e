package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Protocol is the file that hands one run's data and cases to the other
// engines (bench/compare.py, tests/e2e/cmd/kitebench-e2e): paths of the
// exported vectors and ground truth plus everything the Go side measured
// with. Its JSON field names are the contract with those programs.
type Protocol struct {
	Dataset     string `json:"dataset"`
	Metric      string `json:"metric"` // L2, IP, COSINE
	Dim         int    `json:"dim"`
	N           int    `json:"n"`
	NQ          int    `json:"nq"`
	Base        string `json:"base"`     // .fvecs, N rows
	Queries     string `json:"queries"`  // .fvecs, NQ rows
	TruthIDs    string `json:"gt_ids"`   // .ivecs, NQ rows of TruthK
	TruthDists  string `json:"gt_dists"` // .fvecs, smaller is closer (see Truth)
	K           int    `json:"k"`
	Threads     int    `json:"threads"`      // T; curves are measured at 1 and T
	FlatQueries int    `json:"flat_queries"` // FLAT answers the first ones only
	Cases       []Case `json:"cases"`
	Path        string `json:"-"` // where this file is
}

// Export writes d's vectors (once per data set key) and the protocol file
// into cacheDir. The ground truth must already be cached there.
func Export(d *Dataset, cases []Case, threads, flatQueries int, cacheDir string) (*Protocol, error) {
	ids, dists := truthPaths(d, cacheDir)
	p := &Protocol{
		Dataset: d.Name, Metric: d.Metric, Dim: d.Dim, N: d.NBase(), NQ: d.NQuery(),
		Base:     filepath.Join(cacheDir, d.Key+"-base.fvecs"),
		Queries:  filepath.Join(cacheDir, d.Key+"-queries.fvecs"),
		TruthIDs: ids, TruthDists: dists,
		K: RecallK, Threads: threads, FlatQueries: flatQueries, Cases: cases,
		Path: filepath.Join(cacheDir, d.Key+"-protocol.json"),
	}
	if p.FlatQueries <= 0 || p.FlatQueries > p.NQ {
		p.FlatQueries = p.NQ
	}
	for _, f := range []struct {
		path string
		v    []float32
	}{{p.Base, d.Base}, {p.Queries, d.Queries}} {
		if st, err := os.Stat(f.path); err == nil && st.Size() == int64(len(f.v)/d.Dim*(d.Dim+1)*4) {
			continue
		}
		if err := WriteFvecs(f.path, f.v, d.Dim); err != nil {
			return nil, err
		}
	}
	for _, f := range []string{ids, dists} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("bench: ground truth %s: %w", f, err)
		}
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return p, os.WriteFile(p.Path, b, 0o644)
}

// readResults reads the []Result JSON another engine wrote.
func readResults(path string) ([]Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var res []Result
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("bench: results %s: %w", path, err)
	}
	return res, nil
}
