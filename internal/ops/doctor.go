package ops

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/diskprobe"
	"github.com/kite-db/kite/internal/segment"
)

// DoctorOptions say what to examine.
type DoctorOptions struct {
	Dir        datadir.Dir
	Server     string // metrics address; default from kite.server.json
	Version    string // this binary's Kite version
	APIVersion string // the Milvus API version it serves
	MinFreeMB  int    // the server's --min-free-mb
}

// Report is everything `kite doctor` found.
type Report struct {
	DataDir     string             `json:"data_dir"`
	Versions    Versions           `json:"versions"`
	Server      *ServerStatus      `json:"server,omitempty"`
	Disk        *diskprobe.Space   `json:"disk,omitempty"`
	Fsync       *FsyncStats        `json:"fsync,omitempty"`
	Meta        *MetaStatus        `json:"metadata,omitempty"`
	Collections []CollectionReport `json:"collections"`
	Findings    Findings           `json:"findings"`
	// NoDataDir: nothing exists at DataDir, so nothing was examined.
	NoDataDir bool `json:"no_data_dir,omitempty"`
}

// Versions are the versions involved.
type Versions struct {
	Kite             string `json:"kite"`
	MilvusAPI        string `json:"milvus_api"`
	Server           string `json:"server,omitempty"` // of the running server
	MetaFormat       int    `json:"meta_format,omitempty"`
	MetaFormatReads  int    `json:"meta_format_supported"`
	SegmentFormat    int    `json:"segment_format"`
	SnapshotsEnabled bool   `json:"-"`
}

// ServerStatus describes the server running on the data dir.
type ServerStatus struct {
	datadir.ServerInfo
	Healthy bool   `json:"healthy"`
	Status  string `json:"status"`
}

// FsyncStats are fsync timings in the data dir.
type FsyncStats struct {
	Median  time.Duration `json:"median_ns"`
	Max     time.Duration `json:"max_ns"`
	Samples int           `json:"samples"`
}

// MetaStatus describes the metadata file and its snapshots.
type MetaStatus struct {
	*FileReport
	Via            string    `json:"via"`
	Snapshots      int       `json:"snapshots"`
	NewestSnapshot time.Time `json:"newest_snapshot,omitempty"`
}

// Doctor examines a data directory (and the server on it, if one runs).
// Every check that fails becomes a finding with its fix; the report is
// complete as far as the checks could go.
func Doctor(ctx context.Context, opts DoctorOptions) *Report {
	r := &Report{DataDir: string(opts.Dir), Versions: Versions{Kite: opts.Version, MilvusAPI: opts.APIVersion,
		MetaFormatReads: catalog.FormatVersion, SegmentFormat: segment.FileFormatVersion}}
	if !dataDirPresent(r, opts.Dir) {
		return r
	}
	d := &doctor{opts: opts, r: r}
	d.server(ctx)
	d.disk()
	cat := d.meta(ctx)
	if cat != nil {
		d.integrity(cat)
		d.collections(cat)
	}
	return r
}

// dataDirPresent reports whether there is a directory to examine; when
// there is not, the report holds that one finding.
func dataDirPresent(r *Report, dir datadir.Dir) bool {
	st, err := os.Stat(string(dir))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.NoDataDir = true
		r.Findings.add("data dir", Error, string(dir), fmt.Sprintf("`kite serve --data-dir %s` creates it", dir),
			"no data dir at %s — nothing to diagnose", dir)
	case err != nil:
		r.Findings.add("data dir", Error, string(dir), "fix its permissions, or pass --data-dir", "%v", err)
	case !st.IsDir():
		r.Findings.add("data dir", Error, string(dir), "pass --data-dir naming a Kite data directory", "%s is not a directory", dir)
	default:
		return true
	}
	return false
}

type doctor struct {
	opts DoctorOptions
	r    *Report
}

func (d *doctor) add(check string, sev Severity, subject, fix, format string, args ...any) {
	d.r.Findings.add(check, sev, subject, fix, format, args...)
}

func (d *doctor) server(ctx context.Context) {
	src := Source{Dir: d.opts.Dir, Server: d.opts.Server}
	info, err := d.opts.Dir.ReadServer()
	if d.opts.Server != "" {
		info, err = datadir.ServerInfo{MetricsAddr: d.opts.Server}, nil
	}
	if err != nil {
		return // not running, or never ran
	}
	st := &ServerStatus{ServerInfo: info}
	addr, _ := src.ServerAddr()
	st.Healthy, st.Status = probeHealth(ctx, addr)
	if st.Status == "unreachable" && d.opts.Server == "" {
		d.add("server", Info, datadir.ServerFile, "nothing to do: the next start rewrites it",
			"the server that wrote it (pid %d) does not answer: it stopped without cleaning up", info.PID)
		return
	}
	d.r.Server, d.r.Versions.Server = st, info.Version
	if !st.Healthy {
		d.add("server", Warn, addr, "wait for recovery to finish; if it does not, read its log", "the server answers /healthz with %q", st.Status)
	}
	if info.Version != "" && info.Version != d.opts.Version {
		d.add("versions", Warn, "", "run the kite binary of the server's version, or restart the server with this one",
			"the server runs Kite %s, this tool is %s", info.Version, d.opts.Version)
	}
}

func probeHealth(ctx context.Context, addr string) (bool, string) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return false, err.Error()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, "unreachable"
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return true, "serving"
	}
	return false, fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}
