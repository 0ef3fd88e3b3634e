package ops

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
)

// repairFix is the fix for metadata that disagrees with the files.
const repairFix = "stop the server and run `kite meta repair`: it reconciles the metadata with the files (the old file is kept)"

// VerifySummary counts what Verify looked at.
type VerifySummary struct {
	Collections int   `json:"collections"`
	Segments    int   `json:"segments"`
	Rows        int64 `json:"rows"`
}

// Verify checks that the catalog and the files agree: every segment the
// catalog lists exists, opens and has the rows the catalog says, every delete
// file it lists is intact, the WAL holds every record after the checkpoint,
// and no files lie around that the catalog does not know. It only reads, so
// it runs beside a server (given a View fetched from it).
func Verify(d datadir.Dir, cat *catalog.Catalog) (Findings, VerifySummary, error) {
	st, err := datadir.Scan(d)
	if err != nil {
		return nil, VerifySummary{}, err
	}
	var fs Findings
	var sum VerifySummary
	for _, col := range cat.AllCollections() {
		files := st.Collections[col.ID]
		delete(st.Collections, col.ID)
		if files == nil {
			files = &datadir.CollectionFiles{ID: col.ID}
		}
		v := collVerifier{d: d, cat: cat, col: col, files: files, fs: &fs, subject: collName(cat, col)}
		v.segments(&sum)
		v.deltas()
		v.wal()
		v.catalogShape()
		sum.Collections++
	}
	for _, id := range st.IDs() {
		fs.add("orphans", Warn, fmt.Sprint(id), fmt.Sprintf(
			"if the collection should exist, `kite meta rebuild --from-storage --force` adopts it; otherwise remove %s/%d and %s/%d",
			datadir.WALDir, id, datadir.ObjectsDir, id),
			"files of collection %d that the metadata does not know (%d segment(s), %d WAL file(s))",
			id, len(st.Collections[id].Segments), st.Collections[id].WALFiles)
	}
	for _, s := range st.Strays {
		fs.add("orphans", Info, s, "remove it if nothing of yours needs it", "unexpected entry in the data directory")
	}
	checkAliases(cat, &fs)
	return fs, sum, nil
}

type collVerifier struct {
	d       datadir.Dir
	cat     *catalog.Catalog
	col     *catalog.Collection
	files   *datadir.CollectionFiles
	fs      *Findings
	subject string
}

func (v *collVerifier) segments(sum *VerifySummary) {
	onDisk := map[string]datadir.SegmentDir{}
	for _, sd := range v.files.Segments {
		onDisk[sd.Rel] = sd
	}
	seen := map[uint64]struct{}{}
	for _, s := range v.cat.Segments(v.col.ID) {
		sum.Segments++
		sum.Rows += s.Rows
		sd, ok := onDisk[s.Dir]
		delete(onDisk, s.Dir)
		if !ok {
			v.fs.add("segments", Error, v.subject, "restore the directory from a file backup; or accept the loss with `kite meta repair`",
				"segment %d: directory %s is missing", s.ID, s.Dir)
			continue
		}
		sf, err := openSegment(v.d, v.col.ID, sd)
		switch {
		case err != nil:
			v.fs.add("segments", Error, v.subject, "restore the directory from a file backup; or accept the loss with `kite meta repair`",
				"segment %d does not open: %v", s.ID, err)
		case int64(sf.meta.Rows) != s.Rows:
			v.fs.add("segments", Error, v.subject, repairFix, "segment %d has %d rows, the metadata says %d", s.ID, sf.meta.Rows, s.Rows)
		case v.col.PartitionByID(s.PartitionID) == nil:
			v.fs.add("segments", Error, v.subject, repairFix, "segment %d is in partition %d, which the collection lacks", s.ID, s.PartitionID)
		case overlap(sf, seen) > 0:
			v.fs.add("segments", Error, v.subject, repairFix, "segment %d repeats rows of another segment", s.ID)
		}
		if sf != nil {
			for t := range sf.ts {
				seen[t] = struct{}{}
			}
		}
	}
	for rel, sd := range onDisk {
		v.fs.add("orphans", Warn, v.subject, repairFix+"; or remove "+filepath.Join(datadir.ObjectsDir, rel),
			"segment dir %s (%d bytes) is not in the metadata: an interrupted flush, or metadata older than the data", rel, sd.Bytes)
	}
}

func (v *collVerifier) deltas() {
	cp := v.cat.Checkpoint(v.col.ID)
	listed := map[string]bool{}
	for _, rel := range cp.Deltas {
		listed[rel] = true
		if _, _, err := deltaStats(filepath.Join(v.d.Objects(), rel)); err != nil {
			v.fs.add("deltas", Error, v.subject, "restore the file from a file backup; or accept the loss with `kite meta repair`",
				"delete file %s: %v", rel, err)
		}
	}
	for _, df := range v.files.Deltas {
		if !listed[df.Rel] {
			v.fs.add("orphans", Warn, v.subject, repairFix, "delete file %s is not in the metadata", df.Rel)
		}
	}
}

// wal checks that every record after the checkpoint is still in a WAL file:
// a checkpoint older than the WAL's first file means the metadata is older
// than the data (or records are lost), and boot would skip writes.
func (v *collVerifier) wal() {
	cp := v.cat.Checkpoint(v.col.ID)
	firsts := v.files.WALFirsts
	switch {
	case len(firsts) == 0 && cp.LSN > 0:
		v.fs.add("wal", Error, v.subject, repairFix,
			"the WAL is missing but the checkpoint is at record %d: writes would wait for records that never come", cp.LSN)
	case len(firsts) > 0 && firsts[0] > cp.LSN+1:
		v.fs.add("wal", Error, v.subject, repairFix,
			"WAL records %d..%d are gone but no segment holds them per the metadata (checkpoint %d): the metadata is older than the data",
			cp.LSN+1, firsts[0]-1, cp.LSN)
	}
}

func (v *collVerifier) catalogShape() {
	if len(v.col.Partitions) == 0 {
		v.fs.add("metadata", Error, v.subject, repairFix, "the collection has no partitions")
	}
	for _, ix := range v.col.Indexes {
		if v.col.Schema.FieldByID(ix.FieldID) == nil {
			v.fs.add("metadata", Warn, v.subject, "drop the index", "index %s is on field %d, which the schema lacks", ix.Name, ix.FieldID)
		}
	}
	if !slices.ContainsFunc(v.cat.Databases(), func(db *catalog.Database) bool { return db.ID == v.col.DBID }) {
		v.fs.add("metadata", Error, v.subject, repairFix, "the collection's database %d does not exist", v.col.DBID)
	}
}

func checkAliases(cat *catalog.Catalog, fs *Findings) {
	for _, a := range cat.Aliases(-1) {
		if _, ok := cat.CollectionByID(a.CollectionID); !ok {
			fs.add("metadata", Warn, a.Name, "drop the alias", "alias points at collection %d, which does not exist", a.CollectionID)
		}
	}
}
