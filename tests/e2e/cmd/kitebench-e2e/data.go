package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// protocol mirrors internal/bench.Protocol (its JSON is the contract).
type protocol struct {
	Dataset     string  `json:"dataset"`
	Metric      string  `json:"metric"`
	Dim         int     `json:"dim"`
	N           int     `json:"n"`
	NQ          int     `json:"nq"`
	Base        string  `json:"base"`
	Queries     string  `json:"queries"`
	TruthDists  string  `json:"gt_dists"`
	K           int     `json:"k"`
	Threads     int     `json:"threads"`
	FlatQueries int     `json:"flat_queries"`
	Cases       []bcase `json:"cases"`
}

type bcase struct {
	Type         string            `json:"type"`
	Params       map[string]string `json:"params"`
	SearchKey    string            `json:"search_key"`
	SearchValues []int             `json:"search_values"`
}

// point and result mirror internal/bench.Point and Result.
type point struct {
	Search  string  `json:"search"`
	Threads int     `json:"threads"`
	NQ      int     `json:"nq"`
	Recall  float64 `json:"recall"`
	QPS     float64 `json:"qps"`
	CPUQPS  float64 `json:"cpu_qps,omitempty"`
}

type result struct {
	Engine       string            `json:"engine"`
	Index        string            `json:"index"`
	Params       map[string]string `json:"params"`
	BuildSeconds float64           `json:"build_seconds"`
	BuildThreads int               `json:"build_threads"`
	HeapBytes    int64             `json:"heap_bytes"`
	FileBytes    int64             `json:"file_bytes"`
	Points       []point           `json:"points"`
	Note         string            `json:"note,omitempty"`
}

func readProtocol(path string) (*protocol, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p protocol
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("protocol %s: %w", path, err)
	}
	return &p, nil
}

// data is the protocol's vectors and the k-th true distance per query.
type data struct {
	dim     int
	base    [][]float32
	queries [][]float32
	bar     []float64 // recall bar per query: k-th true distance plus slack
}

func loadData(p *protocol) (*data, error) {
	d := &data{dim: p.Dim}
	var err error
	if d.base, err = readFvecs(p.Base); err != nil {
		return nil, err
	}
	if d.queries, err = readFvecs(p.Queries); err != nil {
		return nil, err
	}
	gt, err := readFvecs(p.TruthDists)
	if err != nil {
		return nil, err
	}
	for _, row := range gt {
		bar := float64(row[p.K-1])
		d.bar = append(d.bar, bar+1e-4*math.Abs(bar)+1e-6)
	}
	return d, nil
}

// readFvecs reads a .fvecs file: per row an int32 dimension, then floats.
func readFvecs(path string) ([][]float32, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) < 4 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	dim := int(binary.LittleEndian.Uint32(raw))
	row := 4 * (dim + 1)
	if len(raw)%row != 0 {
		return nil, fmt.Errorf("%s: not rows of dimension %d", path, dim)
	}
	out := make([][]float32, 0, len(raw)/row)
	for off := 0; off < len(raw); off += row {
		v := make([]float32, dim)
		for j := range v {
			v[j] = math.Float32frombits(binary.LittleEndian.Uint32(raw[off+4+4*j:]))
		}
		out = append(out, v)
	}
	return out, nil
}

// trueDist is internal/bench's convention: smaller is closer.
func trueDist(metric string, a, b []float32) float64 {
	var dot, na, nb, l2 float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot, na, nb, l2 = dot+x*y, na+x*x, nb+y*y, l2+(x-y)*(x-y)
	}
	switch metric {
	case "L2":
		return l2
	case "COSINE":
		if na == 0 || nb == 0 {
			return 1
		}
		return 1 - dot/math.Sqrt(na*nb)
	}
	return -dot
}

// recall is the mean recall@k of ids (primary keys = base rows) per query.
func (d *data) recall(metric string, k int, ids [][]int64) float64 {
	total := 0.0
	for qi, res := range ids {
		hits, seen := 0, map[int64]bool{}
		for _, id := range res[:min(k, len(res))] {
			if id < 0 || int(id) >= len(d.base) || seen[id] {
				continue
			}
			seen[id] = true
			if trueDist(metric, d.queries[qi], d.base[id]) <= d.bar[qi] {
				hits++
			}
		}
		total += float64(hits) / float64(k)
	}
	return total / float64(len(ids))
}
