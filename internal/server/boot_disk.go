package server

import (
	"errors"
	"fmt"
	"syscall"
	"time"

	"github.com/kite-db/kite/internal/diskprobe"
)

// Disk thresholds. Free space below MinFreeMB (a flag) refuses to start;
// below these it warns.
const (
	warnFreeBytes = 1 << 30 // 1 GiB
	warnFreeRatio = 0.05
	fsyncSamples  = 5
	// An fsync this slow makes every acknowledged write wait as long.
	warnFsync = 50 * time.Millisecond
	// Beyond this the disk is hung or the file system broken, not slow.
	failFsync = 2 * time.Second
)

// checkDisk refuses a data dir without room to write and warns about a
// nearly full or slow one.
func (s *Server) checkDisk() error {
	dir := s.cfg.DataDir
	sp, err := diskprobe.DiskSpace(dir)
	if err != nil {
		s.log.Warn("cannot measure free disk space", "data_dir", dir, "err", err)
	} else if err := s.checkSpace(sp); err != nil {
		return err
	}
	if s.cfg.NoSync {
		return nil
	}
	lat, err := diskprobe.Fsync(dir, fsyncSamples)
	if isDiskFull(err) {
		return diskFullError(dir, err)
	}
	if err != nil {
		return &BootError{Cause: fmt.Sprintf("fsync fails in data dir %s: %v", dir, err),
			Fix: "Kite cannot make writes durable there: check the disk and file system (dmesg), or pass --data-dir on a healthy local disk", Err: err}
	}
	return checkFsync(s, dir, lat)
}

func (s *Server) checkSpace(sp diskprobe.Space) error {
	dir := s.cfg.DataDir
	if min := uint64(s.cfg.MinFreeMB) << 20; sp.Free < min {
		return &BootError{Cause: fmt.Sprintf("only %s free on the disk of data dir %s (less than --min-free-mb %d)",
			diskprobe.Bytes(sp.Free), dir, s.cfg.MinFreeMB),
			Fix: "free space on that disk or move --data-dir to a bigger one; to start anyway (e.g. to drop collections), pass --min-free-mb 0"}
	}
	if sp.Free < warnFreeBytes || sp.FreeRatio() < warnFreeRatio {
		s.log.Warn("low disk space", "data_dir", dir, "free", diskprobe.Bytes(sp.Free), "total", diskprobe.Bytes(sp.Total),
			"fix", "free space or move --data-dir; writes fail once the disk is full")
	}
	return nil
}

func checkFsync(s *Server, dir string, lat diskprobe.Latency) error {
	if lat.Median > failFsync {
		return &BootError{Cause: fmt.Sprintf("fsync in data dir %s takes %v (median of %d)", dir, lat.Median.Round(time.Millisecond), fsyncSamples),
			Fix: "the disk is hung or the file system broken: check it (dmesg, iostat), or pass --data-dir on a healthy local disk"}
	}
	if lat.Median > warnFsync {
		s.log.Warn("slow fsync: every acknowledged write waits for one", "data_dir", dir,
			"median", lat.Median.Round(time.Millisecond), "max", lat.Max.Round(time.Millisecond),
			"fix", "use a local SSD for --data-dir; network and overloaded disks slow every insert")
		return nil
	}
	s.log.Debug("fsync latency", "median", lat.Median, "max", lat.Max)
	return nil
}

// isDiskFull reports an error that means no space (or quota) was left.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// diskFullError is the boot error of a probe write the disk had no room
// for: the disk is full, whatever --min-free-mb said (0 turns it off).
func diskFullError(dir string, err error) *BootError {
	free := "no space"
	if sp, serr := diskprobe.DiskSpace(dir); serr == nil {
		free = "only " + diskprobe.Bytes(sp.Free)
	}
	return &BootError{Cause: fmt.Sprintf("the disk of data dir %s is full: %s free, and a test write failed with %q", dir, free, errors.Unwrap(err)),
		Fix: "free space on that disk or move --data-dir to a bigger one; acknowledged writes are safe in the WAL and are replayed once Kite starts", Err: err}
}
