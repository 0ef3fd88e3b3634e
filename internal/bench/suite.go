package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/kite-db/kite/internal/distance"
)

// Options configure a whole `kite bench` run.
type Options struct {
	Data        DataConfig
	Indexes     []string // protocol index types; nil: DefaultIndexes
	Threads     int      // T; 0: GOMAXPROCS
	FlatQueries int      // queries FLAT answers; 0: all
	CacheDir    string   // data, ground truth, exported vectors
	Clock       string   // QPS the table shows: "wall" (default) or "cpu" (see Point.CPUQPS)
	Compare     *PythonConfig
	E2E         *E2EConfig
	Log         io.Writer // progress; nil: none
}

// Bench runs the protocol: data set, ground truth, Kite in-process, then
// (when configured) FAISS and hnswlib through Python and Kite end to end
// through the Go SDK, all on the same vectors, queries and thread counts.
func Bench(ctx context.Context, o Options) (*Report, error) {
	if o.Threads <= 0 {
		o.Threads = runtime.GOMAXPROCS(0)
	}
	if o.Indexes == nil {
		o.Indexes = DefaultIndexes
	}
	o.Data.CacheDir = o.CacheDir
	loadBefore := loadAverage()
	logf(o.Log, "loading %s", o.Data.Name)
	d, err := Load(o.Data)
	if err != nil {
		return nil, err
	}
	logf(o.Log, "%s: %d base × %d, %d queries, %s; ground truth...", d.Name, d.NBase(), d.Dim, d.NQuery(), d.Metric)
	truth, err := GroundTruth(d, o.CacheDir)
	if err != nil {
		return nil, err
	}
	cases, err := Cases(o.Indexes, d.NBase(), d.Dim)
	if err != nil {
		return nil, err
	}
	rep := &Report{Dataset: d.Name, Metric: d.Metric, N: d.NBase(), Dim: d.Dim, NQ: d.NQuery(),
		Threads: o.Threads, CPU: cpuName() + ", kernels " + distance.Implementation(), Clock: o.Clock}
	if rep.Clock == "" {
		rep.Clock = "wall"
	}
	if d.Metric != IP {
		rep.LID = LID(truth, 20)
	}
	r := &Runner{Data: d, Truth: truth, Threads: o.Threads, FlatQueries: o.FlatQueries, TmpDir: o.CacheDir, Log: o.Log}
	for _, c := range cases {
		res, err := r.Run(ctx, c)
		if err != nil {
			return nil, err
		}
		rep.Results = append(rep.Results, res)
	}
	if err := runExternal(ctx, o, d, cases, rep); err != nil {
		return nil, err
	}
	rep.Load = loadBefore + " → " + loadAverage()
	if high := loadHigh(loadBefore, o.Threads); high != "" {
		rep.Warnings = append(rep.Warnings, high)
	}
	sortResults(rep, cases)
	return rep, nil
}

// runExternal runs the Python comparison and the end-to-end program on the
// exported protocol.
func runExternal(ctx context.Context, o Options, d *Dataset, cases []Case, rep *Report) error {
	if o.Compare == nil && o.E2E == nil {
		return nil
	}
	p, err := Export(d, cases, o.Threads, o.FlatQueries, o.CacheDir)
	if err != nil {
		return err
	}
	if o.Compare != nil {
		res, err := RunPython(ctx, *o.Compare, p, o.Log)
		if err != nil {
			return err
		}
		rep.Results = append(rep.Results, res...)
	}
	if o.E2E != nil {
		res, err := RunE2E(ctx, *o.E2E, p, o.Log)
		if err != nil {
			return err
		}
		rep.Results = append(rep.Results, res...)
	}
	return nil
}

// sortResults orders results by the protocol's case order, keeping each
// engine's order of arrival.
func sortResults(rep *Report, cases []Case) {
	var out []Result
	for _, c := range cases {
		for _, res := range rep.Results {
			if res.Index == c.Type {
				out = append(out, res)
			}
		}
	}
	rep.Results = out
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
}

// loadAverage is the 1, 5 and 15 minute load from /proc/loadavg ("" where
// there is none).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// loadHigh warns when the 1-minute load before the run exceeded half the
// threads: other work then shares the cores and QPS reads low.
func loadHigh(load string, threads int) string {
	var one float64
	if _, err := fmt.Sscan(load, &one); err != nil || one <= float64(threads)/2 {
		return ""
	}
	return fmt.Sprintf("load average was %s with %d threads: other processes shared the CPUs; re-run on an idle machine", load, threads)
}

func cpuName() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return fmt.Sprintf("%s ×%d", strings.TrimSpace(v), runtime.NumCPU())
			}
		}
	}
	return fmt.Sprintf("%s/%s ×%d", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
}
