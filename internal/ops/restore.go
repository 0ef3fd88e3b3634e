package ops

import (
	"fmt"
	"os"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/metastore"
)

// Result is what restore and rebuild did.
type Result struct {
	Source   *FileReport `json:"source,omitempty"` // the backup or snapshot used
	Kept     string      `json:"kept,omitempty"`   // where the replaced meta.db went
	Result   *FileReport `json:"result"`
	Findings Findings    `json:"findings"`
	DryRun   bool        `json:"dry_run,omitempty"`
}

// Restore replaces the data dir's metadata with a backup, offline. The
// backup is verified first, then reconciled with the files: segments and
// delete files written after the backup are added, the WAL checkpoint is
// recomputed so nothing is lost or replayed twice.
func Restore(d datadir.Dir, file string) (*Result, error) {
	if err := RequireDir(d); err != nil {
		return nil, err
	}
	src, err := CheckFile(file)
	if err != nil {
		return nil, err
	}
	if err := CheckOffline(d); err != nil {
		return nil, err
	}
	res := &Result{Source: src}
	err = rewrite(d, file, res, func(r *reconciler, st *datadir.Storage) error {
		r.name = r.nameAdded
		if err := r.known(st, false); err != nil {
			return err
		}
		r.reportUnknown(st)
		return nil
	})
	return res, err
}

// rewrite builds the new metadata in meta.db.new from base (empty: a new
// catalog), lets fn reconcile it, then installs it.
func rewrite(d datadir.Dir, base string, res *Result, fn func(*reconciler, *datadir.Storage) error) error {
	tmp := d.Meta() + ".new"
	os.Remove(tmp)
	if base != "" {
		if err := copyFile(base, tmp); err != nil {
			return err
		}
	}
	defer os.Remove(tmp)
	if err := reconcileFile(d, tmp, res, fn); err != nil {
		return err
	}
	rep, err := CheckFile(tmp)
	if err != nil {
		return fmt.Errorf("BUG: the rebuilt metadata does not verify: %w", err)
	}
	res.Result = rep
	if res.DryRun {
		return nil
	}
	res.Kept, err = install(d, tmp)
	if err == nil {
		res.Result.Path = d.Meta()
	}
	return err
}

func reconcileFile(d datadir.Dir, path string, res *Result, fn func(*reconciler, *datadir.Storage) error) error {
	kv, err := metastore.OpenBolt(path)
	if err != nil {
		return err
	}
	defer kv.Close()
	cat, err := catalog.Open(kv)
	if err != nil {
		return err
	}
	st, err := datadir.Scan(d)
	if err != nil {
		return err
	}
	r := &reconciler{dir: d, cat: cat, findings: &res.Findings}
	if err := fn(r, st); err != nil {
		return err
	}
	return kv.DB().Sync()
}

// known reconciles every collection of the catalog with its files. A
// collection without files was dropped after the metadata was copied: it is
// dropped (drop) or kept empty.
func (r *reconciler) known(st *datadir.Storage, drop bool) error {
	for _, col := range r.cat.AllCollections() {
		files := st.Collections[col.ID]
		delete(st.Collections, col.ID)
		subject := collName(r.cat, col)
		if files == nil {
			files = &datadir.CollectionFiles{ID: col.ID}
			if drop {
				r.findings.add("collections", Warn, subject, "",
					"collection has no files on disk (dropped after the snapshot); left out")
				if err := r.cat.DropCollection(col.ID); err != nil {
					return err
				}
				continue
			}
			r.findings.add("collections", Warn, subject, "drop it if it was dropped on purpose",
				"collection has no files on disk (dropped after the backup, or its files were lost); kept, empty")
		}
		if err := r.collection(col, r.open(files, subject)); err != nil {
			return err
		}
	}
	return nil
}

// reportUnknown reports collections that have files but no metadata.
func (r *reconciler) reportUnknown(st *datadir.Storage) {
	for _, id := range st.IDs() {
		r.findings.add("collections", Warn, fmt.Sprint(id), fmt.Sprintf(
			"`kite meta rebuild --from-storage --force` adopts it; or remove %s/%d and %s/%d",
			datadir.WALDir, id, datadir.ObjectsDir, id),
			"collection %d has files but is not in the metadata (created after the backup?)", id)
	}
}
