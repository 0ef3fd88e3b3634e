package ops

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kite-db/kite/internal/diskprobe"
)

// Print writes the report for people: the state, then each finding with
// its fix.
func (r *Report) Print(w io.Writer) {
	if r.NoDataDir {
		f := r.Findings[0]
		fmt.Fprintf(w, "%s; %s\n", f.Message, f.Fix)
		return
	}
	fmt.Fprintf(w, "kite doctor: %s\n\n", r.DataDir)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	v := r.Versions
	fmt.Fprintf(tw, "versions\tkite %s, Milvus API %s, metadata format %s (this build reads %d), segment format %d\n",
		v.Kite, v.MilvusAPI, orDash(v.MetaFormat), v.MetaFormatReads, v.SegmentFormat)
	fmt.Fprintf(tw, "server\t%s\n", r.serverLine())
	if r.Disk != nil {
		fmt.Fprintf(tw, "disk\t%s free of %s (%.0f%%)\n", diskprobe.Bytes(r.Disk.Free), diskprobe.Bytes(r.Disk.Total), 100*r.Disk.FreeRatio())
	}
	if r.Fsync != nil {
		fmt.Fprintf(tw, "fsync\tmedian %v, max %v (%d samples)\n", r.Fsync.Median.Round(10*time.Microsecond), r.Fsync.Max.Round(10*time.Microsecond), r.Fsync.Samples)
	}
	if m := r.Meta; m != nil {
		fmt.Fprintf(tw, "metadata\t%s\n", m.line())
	}
	tw.Flush()
	if len(r.Collections) > 0 {
		fmt.Fprintln(w, "\ncollections")
		r.printCollections(w)
	}
	fmt.Fprintln(w)
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "no problems found")
		return
	}
	fmt.Fprintf(w, "findings: %d error(s), %d warning(s), %d note(s)\n", r.Findings.Count(Error), r.Findings.Count(Warn), r.Findings.Count(Info))
	sorted := append(Findings(nil), r.Findings...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Severity.rank() > sorted[j].Severity.rank() })
	sorted.Print(w)
}

func (r *Report) serverLine() string {
	s := r.Server
	if s == nil {
		return "not running (read the files directly)"
	}
	state := "serving"
	if !s.Healthy {
		state = s.Status
	}
	return fmt.Sprintf("pid %d, Kite %s, API %s, metrics %s: %s", s.PID, s.Version, s.Addr, s.MetricsAddr, state)
}

func (m *MetaStatus) line() string {
	var b strings.Builder
	if m.FileReport != nil {
		fmt.Fprintf(&b, "%s, %d keys, %d database(s), %d collection(s), %d segment(s), read from %s",
			diskprobe.Bytes(uint64(m.Bytes)), m.Keys, m.Databases, m.Collections, m.Segments, m.Via)
	} else {
		b.WriteString("unreadable")
	}
	fmt.Fprintf(&b, "; %d snapshot(s)", m.Snapshots)
	if m.Snapshots > 0 {
		fmt.Fprintf(&b, ", newest %s ago", time.Since(m.NewestSnapshot).Round(time.Second))
	}
	return b.String()
}

func (r *Report) printCollections(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  DATABASE\tCOLLECTION\tLOAD\tSEGMENTS\tROWS\tSIZE\tSIZES\tWAL\tDELETES\tINDEXES")
	for _, c := range r.Collections {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%d (%.1f%%)\t%s\n", c.DB, c.Name, c.Load, c.Segments, rowsLine(c),
			diskprobe.Bytes(uint64(c.SegmentBytes)), histogramLine(c.Histogram), diskprobe.Bytes(uint64(c.WALBytes)),
			c.Deletes, 100*c.DeleteRatio, indexLine(c.Indexes))
	}
	tw.Flush()
}

// rowsLine is the row count, with the part still in the WAL (growing).
func rowsLine(c CollectionReport) string {
	if c.WALRows == 0 && c.WALDeletes == 0 {
		return fmt.Sprint(c.Rows)
	}
	s := fmt.Sprintf("%d (%d in WAL", c.Rows, c.WALRows)
	if c.WALDeletes > 0 {
		s += fmt.Sprintf(", %d deletes", c.WALDeletes)
	}
	return s + ")"
}

func histogramLine(h map[string]int) string {
	var parts []string
	for _, b := range histogram {
		if n := h[b.label]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s:%d", b.label, n))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

func indexLine(ixs []IndexReport) string {
	if len(ixs) == 0 {
		return "none"
	}
	var parts []string
	for _, ix := range ixs {
		parts = append(parts, fmt.Sprintf("%s %s on %s %d/%d built", ix.Name, ix.Type, ix.Field, ix.Built, ix.Built+ix.Pending))
	}
	return strings.Join(parts, ", ")
}

func orDash(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}
