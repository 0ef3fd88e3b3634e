package ops

import (
	"context"
	"errors"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/diskprobe"
	"github.com/kite-db/kite/internal/metasnap"
)

// Thresholds the doctor warns at; the server's boot checks use the same.
const (
	warnFree      = 1 << 30
	warnFreeRatio = 0.05
	warnFsync     = 50 * time.Millisecond
	failFsync     = 2 * time.Second
	staleSnapshot = 7 * 24 * time.Hour
)

func (d *doctor) disk() {
	dir := string(d.opts.Dir)
	sp, err := diskprobe.DiskSpace(dir)
	if err != nil {
		d.add("disk", Error, dir, "create the data dir, or pass --data-dir", "%v", err)
		return
	}
	d.r.Disk = &sp
	switch {
	case sp.Free < uint64(d.opts.MinFreeMB)<<20:
		d.add("disk", Error, dir, "free space on that disk or move the data dir: the server refuses to start below --min-free-mb",
			"%s free of %s", diskprobe.Bytes(sp.Free), diskprobe.Bytes(sp.Total))
	case sp.Free < warnFree || sp.FreeRatio() < warnFreeRatio:
		d.add("disk", Warn, dir, "free space or move the data dir: writes fail once the disk is full",
			"%s free of %s", diskprobe.Bytes(sp.Free), diskprobe.Bytes(sp.Total))
	}
	lat, err := diskprobe.Fsync(dir, 5)
	if err != nil {
		d.add("fsync", Error, dir, "check the disk (dmesg); Kite cannot make writes durable there", "%v", err)
		return
	}
	d.r.Fsync = &FsyncStats{Median: lat.Median, Max: lat.Max, Samples: len(lat.Samples)}
	switch {
	case lat.Median > failFsync:
		d.add("fsync", Error, dir, "the disk is hung or the file system broken: check dmesg and iostat",
			"fsync takes %v", lat.Median.Round(time.Millisecond))
	case lat.Median > warnFsync:
		d.add("fsync", Warn, dir, "use a local SSD: every acknowledged write waits for an fsync",
			"fsync takes %v (median)", lat.Median.Round(time.Millisecond))
	}
}

// meta checks the metadata file and its snapshots, and returns the catalog.
func (d *doctor) meta(ctx context.Context) *catalog.Catalog {
	m := &MetaStatus{}
	d.r.Meta = m
	snaps, _ := metasnap.List(d.opts.Dir.Snapshots())
	m.Snapshots = len(snaps)
	if len(snaps) > 0 {
		m.NewestSnapshot = snaps[0].Time
	}
	if !d.opts.Dir.MetaExists() {
		d.noMeta(snaps)
		return nil
	}
	if len(snaps) > 0 {
		if time.Since(snaps[0].Time) > staleSnapshot {
			d.add("snapshots", Info, d.opts.Dir.Snapshots(), "nothing, if the metadata has not changed since; otherwise check the server's log for snapshot errors",
				"the newest metadata snapshot is from %s", snaps[0].Time.Format(time.DateTime))
		}
	} else {
		d.add("snapshots", Warn, d.opts.Dir.Snapshots(), "take a backup with `kite meta backup FILE`; the server snapshots by itself unless --meta-snapshots 0",
			"no metadata snapshots")
	}
	v, err := Source{Dir: d.opts.Dir, Server: d.opts.Server}.Open(ctx)
	if err != nil {
		d.add("metadata", Error, d.opts.Dir.Meta(), restoreHint(snaps), "cannot read the metadata: %v", err)
		return nil
	}
	defer v.Close()
	m.Via = v.Via
	rep, err := CheckFile(v.Path)
	if errors.Is(err, catalog.ErrUnknownFormat) {
		d.add("metadata", Error, d.opts.Dir.Meta(), "run the Kite version that wrote it", "%v", err)
		return nil
	}
	if err != nil {
		d.add("metadata", Error, d.opts.Dir.Meta(), restoreHint(snaps), "%v", err)
		return nil
	}
	rep.Path = d.opts.Dir.Meta()
	m.FileReport = rep
	d.r.Versions.MetaFormat = rep.Format
	cat, err := v.Catalog()
	if err != nil {
		d.add("metadata", Error, d.opts.Dir.Meta(), restoreHint(snaps), "%v", err)
		return nil
	}
	return cat
}

// noMeta reports a data dir without metadata: new when it holds no data
// either, otherwise missing what names its collections.
func (d *doctor) noMeta(snaps []metasnap.Snapshot) {
	st, err := datadir.Scan(d.opts.Dir)
	if err != nil {
		d.add("verify", Error, string(d.opts.Dir), "check the data dir's permissions", "cannot scan the data dir: %v", err)
		return
	}
	if st.HasData() {
		d.add("metadata", Error, d.opts.Dir.Meta(), restoreHint(snaps), "no metadata file, but the data dir holds %s", st.Summary())
		return
	}
	d.add("metadata", Info, d.opts.Dir.Meta(), "", "no metadata file: the data dir is new (the first `kite serve` on it creates one)")
}

func restoreHint(snaps []metasnap.Snapshot) string {
	if len(snaps) > 0 {
		return "stop the server, then `kite meta restore " + snaps[0].Path + "` (the newest snapshot) or `kite meta rebuild --from-storage`"
	}
	return "stop the server, then `kite meta restore FILE` from a backup, or `kite meta rebuild --from-storage`"
}

func (d *doctor) integrity(cat *catalog.Catalog) {
	fs, _, err := Verify(d.opts.Dir, cat)
	if err != nil {
		d.add("verify", Error, string(d.opts.Dir), "check the data dir's permissions", "cannot scan the data dir: %v", err)
		return
	}
	d.r.Findings = append(d.r.Findings, fs...)
}
