// Package diskprobe measures the two things about a disk that decide whether
// Kite can keep its promises on it: free space and how long an fsync takes.
// Boot checks and `kite doctor` use it.
package diskprobe

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

// Space is the capacity of the file system holding a directory.
type Space struct {
	Free  uint64 `json:"free_bytes"` // bytes an unprivileged process may still write
	Total uint64 `json:"total_bytes"`
}

// FreeRatio is Free/Total, 1 when Total is unknown.
func (s Space) FreeRatio() float64 {
	if s.Total == 0 {
		return 1
	}
	return float64(s.Free) / float64(s.Total)
}

// DiskSpace reports the capacity of dir's file system.
func DiskSpace(dir string) (Space, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return Space{}, fmt.Errorf("diskprobe: statfs %s: %w", dir, err)
	}
	bs := uint64(st.Bsize)
	return Space{Free: st.Bavail * bs, Total: st.Blocks * bs}, nil
}

// Latency summarizes fsync timings.
type Latency struct {
	Samples []time.Duration
	Median  time.Duration
	Max     time.Duration
}

// Fsync writes a small block and fsyncs it n times in a temporary file in dir
// (which it removes), as the WAL does for every group commit.
func Fsync(dir string, n int) (Latency, error) {
	f, err := os.CreateTemp(dir, ".fsync-probe-*")
	if err != nil {
		return Latency{}, fmt.Errorf("diskprobe: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	block := make([]byte, 4096)
	var lat Latency
	for i := 0; i < max(n, 1); i++ {
		block[0] = byte(i)
		start := time.Now()
		if _, err := f.WriteAt(block, int64(i)*int64(len(block))); err != nil {
			return Latency{}, fmt.Errorf("diskprobe: write %s: %w", filepath.Base(f.Name()), err)
		}
		if err := f.Sync(); err != nil {
			return Latency{}, fmt.Errorf("diskprobe: fsync in %s: %w", dir, err)
		}
		lat.Samples = append(lat.Samples, time.Since(start))
	}
	sorted := slices.Clone(lat.Samples)
	slices.Sort(sorted)
	lat.Median, lat.Max = sorted[len(sorted)/2], sorted[len(sorted)-1]
	return lat, nil
}

// Bytes formats a byte count for people: 1.5 GiB.
func Bytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
