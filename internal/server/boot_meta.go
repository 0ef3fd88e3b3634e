package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/metasnap"
	"github.com/kite-db/kite/internal/metastore"
	"github.com/kite-db/kite/internal/ops"
)

// metaHandle is the open metadata store with its snapshotter.
type metaHandle struct {
	kv    *metastore.Bolt
	snaps *metasnap.Snapshotter // nil when snapshots are off
	dir   datadir.Dir
}

// Close takes a last snapshot and closes the store.
func (m *metaHandle) Close() error {
	if m.snaps != nil {
		m.snaps.Close()
	}
	return m.kv.Close()
}

// routes mounts the admin endpoints on the metrics port.
func (m *metaHandle) routes(mux *http.ServeMux) {
	mux.Handle(ops.BackupPath, ops.BackupHandler(m.kv.DB()))
}

// announce writes kite.server.json so `kite meta` and `kite doctor` can
// reach this process while it holds meta.db; the returned func removes it.
func (m *metaHandle) announce(log *slog.Logger, api, metrics net.Addr) func() {
	pid := os.Getpid()
	err := m.dir.WriteServer(datadir.ServerInfo{PID: pid, Version: Version, Addr: api.String(),
		MetricsAddr: metrics.String(), Started: time.Now().UTC()})
	if err != nil {
		log.Warn("cannot write "+datadir.ServerFile+": `kite meta backup` needs --server while this runs", "err", err)
	}
	return func() { m.dir.RemoveServer(pid) }
}

// openMeta opens the metadata after checking it: intact, of a format this
// build reads, and not missing or empty beside data files.
func (s *Server) openMeta() (*metaHandle, *catalog.Catalog, error) {
	d := datadir.Dir(s.cfg.DataDir)
	st, err := datadir.Scan(d)
	if err != nil {
		return nil, nil, &BootError{Cause: fmt.Sprintf("cannot read data dir %s: %v", d, err),
			Fix: "fix its permissions, or pass --data-dir pointing at a readable directory", Err: err}
	}
	if err := s.checkMetaFile(d, st); err != nil {
		return nil, nil, err
	}
	kv, err := metastore.OpenBolt(d.Meta())
	if errors.Is(err, metastore.ErrLocked) {
		return nil, nil, lockedError(d, err)
	}
	if err != nil {
		return nil, nil, damagedError(d, err)
	}
	m := &metaHandle{kv: kv, dir: d}
	var store metastore.KV = kv
	if s.cfg.MetaSnapshots > 0 {
		m.snaps = metasnap.New(kv.DB(), metasnap.Options{Dir: d.Snapshots(), Keep: s.cfg.MetaSnapshots,
			Interval: s.cfg.MetaSnapshotInterval, Delay: metasnap.DefaultDelay, Log: s.log})
		store = metasnap.Watch(kv, m.snaps) // a snapshot after every DDL change
	}
	cat, err := catalog.Open(store)
	if err != nil {
		kv.Close()
		return nil, nil, damagedError(d, err)
	}
	if m.snaps != nil {
		m.snaps.Start()
	}
	return m, cat, nil
}

// checkMetaFile verifies meta.db before it is opened for writing, and
// refuses to start fresh over data whose metadata is missing or empty: the
// silent re-initialisation that loses every collection.
func (s *Server) checkMetaFile(d datadir.Dir, st *datadir.Storage) error {
	empty := true
	if d.MetaExists() {
		rep, err := ops.CheckFile(d.Meta())
		switch {
		case errors.Is(err, ops.ErrServing):
			return lockedError(d, err)
		case errors.Is(err, catalog.ErrUnknownFormat):
			return &BootError{Cause: fmt.Sprintf("data dir %s was written by another Kite version: %v", d, err),
				Fix: "run the Kite version that wrote it, or point --data-dir elsewhere", Err: err}
		case errors.Is(err, ops.ErrEmptyMeta):
		case err != nil:
			return damagedError(d, err)
		default:
			empty = rep.Collections == 0 && rep.Databases <= 1
		}
	}
	if !empty || !st.HasData() {
		return nil
	}
	if s.cfg.ForceNew {
		s.log.Warn("starting with empty metadata beside existing data files (--force-new); they stay on disk, unused",
			"files", st.Summary(), "fix", "`kite meta verify` lists them; remove them once you are sure")
		return nil
	}
	state := "is missing"
	if d.MetaExists() {
		state = "holds no collections"
	}
	return &BootError{Cause: fmt.Sprintf("metadata file %s %s, but the data dir holds %s; starting fresh would hide them", d.Meta(), state, st.Summary()),
		Fix: restoreFix(d) + ", or regenerate it with `kite meta rebuild --from-storage`; or pass --force-new to start empty anyway"}
}

func lockedError(d datadir.Dir, err error) *BootError {
	who := "another Kite process"
	if info, rerr := d.ReadServer(); rerr == nil {
		who = fmt.Sprintf("another Kite process (pid %d, API %s)", info.PID, info.Addr)
	}
	return &BootError{Cause: fmt.Sprintf("data dir %s is in use by %s", d, who),
		Fix: "stop that process, or pass a different --data-dir", Err: err}
}

func damagedError(d datadir.Dir, err error) *BootError {
	return &BootError{Cause: fmt.Sprintf("metadata file %s is damaged: %v", d.Meta(), err),
		Fix: restoreFix(d) + ", or regenerate it with `kite meta rebuild --from-storage` (`kite meta verify` shows the damage)", Err: err}
}

// restoreFix names the newest snapshot to restore, when there is one.
func restoreFix(d datadir.Dir) string {
	snaps, _ := metasnap.List(d.Snapshots())
	if len(snaps) == 0 {
		return "restore a backup with `kite meta restore FILE`"
	}
	return fmt.Sprintf("restore a backup or the newest automatic snapshot with `kite meta restore %s` (all: `kite meta snapshots`)", snaps[0].Path)
}
