package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// refEngines names, per index type, the engines Kite is compared against
// in ratio rows, in the order of issue 3's targets.
var refEngines = map[string][]string{
	"FLAT":     {"faiss"},
	"HNSW":     {"hnswlib", "faiss"},
	"IVF_FLAT": {"faiss"},
	"IVF_SQ8":  {"faiss"},
	"IVF_PQ":   {"faiss"},
}

// WriteTable prints the report as a Markdown table: one row per engine and
// index, then Kite's ratios to each reference engine (above 1 is better
// for Kite on QPS, below 1 on build time and memory) and end-to-end (nq=10
// per request) over in-process QPS.
func (r *Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "%s: %d × %d %s, %d queries, recall@%d, T=%d threads, %s\n", r.Dataset, r.N, r.Dim, r.Metric, r.NQ, RecallK, r.Threads, r.CPU)
	if r.LID > 0 {
		fmt.Fprintf(w, "LID(k=20) %.1f. ", r.LID)
	}
	if r.Load != "" {
		fmt.Fprintf(w, "load average %s", r.Load)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	if r.Clock == "cpu" {
		fmt.Fprintln(w, "QPS per CPU-second × threads (--clock cpu): the rate on idle cores; rows marked (wall) have no CPU clock.")
		fmt.Fprintln(w)
	}
	t := r.Threads
	fmt.Fprintf(w, "| index | engine | build s | mem MB | file MB | max recall | QPS@0.80 1T | @0.90 1T | @0.95 1T | @0.99 1T | QPS@0.80 %dT | @0.90 %dT | @0.95 %dT | @0.99 %dT |\n", t, t, t, t)
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, typ := range r.indexOrder() {
		var kite *Result
		for i := range r.Results {
			res := &r.Results[i]
			if res.Index != typ {
				continue
			}
			r.writeRow(w, res)
			if res.Engine == "kite" && res.Note == "" {
				kite = res
			}
		}
		if kite == nil {
			continue
		}
		for _, ref := range refEngines[typ] {
			if other := r.find(ref, typ); other != nil && other.Note == "" {
				r.writeRatio(w, kite, other)
			}
		}
		if e2e := r.find("kite-e2e-nq10", typ); e2e != nil && e2e.Note == "" {
			r.writeRatio(w, e2e, kite)
		}
	}
	for _, s := range r.Warnings {
		fmt.Fprintf(w, "\nwarning: %s\n", s)
	}
}

func (r *Report) indexOrder() []string {
	var order []string
	seen := map[string]bool{}
	for _, res := range r.Results {
		if !seen[res.Index] {
			seen[res.Index] = true
			order = append(order, res.Index)
		}
	}
	return order
}

func (r *Report) find(engine, typ string) *Result {
	for i := range r.Results {
		if r.Results[i].Engine == engine && r.Results[i].Index == typ {
			return &r.Results[i]
		}
	}
	return nil
}

func (r *Report) writeRow(w io.Writer, res *Result) {
	if res.Note != "" {
		fmt.Fprintf(w, "| %s | %s | %s |%s\n", res.Index, res.Engine, res.Note, strings.Repeat("  |", 3+2*len(Targets)))
		return
	}
	build := num(res.BuildSeconds, 1)
	if res.Build1TSecond > 0 {
		build += fmt.Sprintf(" (1T %s)", num(res.Build1TSecond, 1))
	}
	pts, engine := r.points(res)
	cells := []string{res.Index, engine, build, num(mb(max(res.HeapBytes, 0)), 0), num(mb(res.FileBytes), 0),
		num(math.Max(MaxRecall(pts, 1), MaxRecall(pts, r.Threads)), 3)}
	for _, th := range threadCounts2(r.Threads) {
		for _, tg := range Targets {
			cells = append(cells, qps(QPSAt(pts, th, tg)))
		}
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

func (r *Report) writeRatio(w io.Writer, kite, other *Result) {
	name := "Kite/" + other.Engine
	if kite.Engine != "kite" {
		name = kite.Engine + "/" + other.Engine
	}
	build := "—"
	if min(kite.BuildSeconds, other.BuildSeconds) >= 0.05 {
		build = ratio(kite.BuildSeconds, other.BuildSeconds)
	}
	cells := []string{kite.Index, "**" + name + "**", build,
		ratio(float64(kite.HeapBytes), float64(other.HeapBytes)), ratio(float64(kite.FileBytes), float64(other.FileBytes)), ""}
	a, _ := r.points(kite)
	b, _ := r.points(other)
	for _, th := range threadCounts2(r.Threads) {
		for _, tg := range Targets {
			cells = append(cells, ratio(QPSAt(a, th, tg), QPSAt(b, th, tg)))
		}
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

// points returns res's curve in the report's clock, and the engine label
// (marked "(wall)" when a CPU-clock table has to show wall-clock QPS).
func (r *Report) points(res *Result) ([]Point, string) {
	if r.Clock != "cpu" {
		return res.Points, res.Engine
	}
	out := make([]Point, len(res.Points))
	for i, p := range res.Points {
		if p.CPUQPS <= 0 {
			return res.Points, res.Engine + " (wall)"
		}
		p.QPS = p.CPUQPS
		out[i] = p
	}
	return out, res.Engine
}

// threadCounts2 is [1, T] even when T is 1, so the columns stay aligned.
func threadCounts2(t int) []int { return []int{1, max(1, t)} }

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.*f", prec, v)
}

func qps(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v >= 1000:
		return fmt.Sprintf("%.1fk", v/1000)
	case v >= 10:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || a <= 0 || b <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a/b)
}
