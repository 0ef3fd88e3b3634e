package ops

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/diskprobe"
)

// CollectionReport is one collection's state on disk.
type CollectionReport struct {
	Name         string         `json:"name"`
	DB           string         `json:"db"`
	ID           int64          `json:"id"`
	Load         string         `json:"load"` // loaded, partial, released
	Segments     int            `json:"segments"`
	Rows         int64          `json:"rows"`        // sealed + WAL rows: every row written, deleted ones included
	SealedRows   int64          `json:"sealed_rows"` // in sealed segments
	WALRows      int64          `json:"wal_rows"`    // in the WAL past the checkpoint: growing, replayed at start
	WALDeletes   int64          `json:"wal_deletes"` // primary keys deleted by WAL records past the checkpoint
	SegmentBytes int64          `json:"segment_bytes"`
	Histogram    map[string]int `json:"segment_size_histogram"`
	WALBytes     int64          `json:"wal_bytes"`
	Checkpoint   uint64         `json:"checkpoint"`
	Deletes      int            `json:"deletes"` // in delete files
	DeleteRatio  float64        `json:"delete_ratio"`
	Indexes      []IndexReport  `json:"indexes"`
}

// IndexReport is an index and how many segments have it built on disk.
type IndexReport struct {
	Name    string `json:"name"`
	Field   string `json:"field"`
	Type    string `json:"type"`
	Built   int    `json:"built"`   // segments with a saved index file
	Pending int    `json:"pending"` // segments without one: building, or built in memory at start
}

// Bucket limits of the segment size histogram.
var histogram = []struct {
	label string
	limit int64
}{{"<1MiB", 1 << 20}, {"1-16MiB", 16 << 20}, {"16-128MiB", 128 << 20}, {"128MiB-1GiB", 1 << 30}, {">1GiB", 1 << 62}}

// Thresholds of the collection findings.
const (
	warnWALBytes   = 256 << 20
	manySegments   = 64
	smallSegment   = 1 << 20
	infoDeleteRate = 0.2
)

func (d *doctor) collections(cat *catalog.Catalog) {
	st, err := datadir.Scan(d.opts.Dir)
	if err != nil {
		return // integrity reported it
	}
	dbs := map[int64]string{}
	for _, db := range cat.Databases() {
		dbs[db.ID] = db.Name
	}
	for _, col := range cat.AllCollections() {
		files := st.Collections[col.ID]
		if files == nil {
			files = &datadir.CollectionFiles{ID: col.ID}
		}
		cr := d.collection(cat, col, files)
		cr.DB = dbs[col.DBID]
		d.r.Collections = append(d.r.Collections, cr)
	}
}

func (d *doctor) collection(cat *catalog.Catalog, col *catalog.Collection, files *datadir.CollectionFiles) CollectionReport {
	cr := CollectionReport{Name: col.Name, ID: col.ID, Load: loadState(col), Histogram: map[string]int{},
		WALBytes: files.WALBytes, Checkpoint: cat.Checkpoint(col.ID).LSN}
	subject := collName(cat, col)
	segs := cat.Segments(col.ID)
	sizes := map[string]datadir.SegmentDir{}
	for _, sd := range files.Segments {
		sizes[sd.Rel] = sd
	}
	small := 0
	for _, s := range segs {
		sd := sizes[s.Dir]
		cr.Segments++
		cr.SealedRows += s.Rows
		cr.SegmentBytes += sd.Bytes
		cr.Histogram[sizeBucket(sd.Bytes)]++
		if sd.Bytes < smallSegment {
			small++
		}
	}
	for _, rel := range cat.Checkpoint(col.ID).Deltas {
		if _, n, err := deltaStats(filepath.Join(d.opts.Dir.Objects(), rel)); err == nil {
			cr.Deletes += n
		}
	}
	if cr.SealedRows > 0 {
		cr.DeleteRatio = float64(cr.Deletes) / float64(cr.SealedRows)
	}
	d.walRows(subject, &cr)
	cr.Rows = cr.SealedRows + cr.WALRows
	cr.Indexes = indexReports(col, segs, sizes)
	d.collectionFindings(subject, col, &cr, small)
	return cr
}

func (d *doctor) collectionFindings(subject string, col *catalog.Collection, cr *CollectionReport, small int) {
	if cr.WALBytes > warnWALBytes {
		d.add("wal", Warn, subject, "flush the collection (client flush()), or lower --seal-rows: each start replays the WAL",
			"the WAL holds %s not yet sealed into segments", diskprobe.Bytes(uint64(cr.WALBytes)))
	}
	if cr.Segments > manySegments && small > cr.Segments/2 {
		d.add("segments", Info, subject, "compaction merges them (automatic every --compaction-interval, or client.compact(collection) now); flush less often or raise --seal-rows so fewer are made",
			"%d of %d segments are under 1 MiB", small, cr.Segments)
	}
	if cr.DeleteRatio > infoDeleteRate {
		d.add("deletes", Info, subject, "run client.compact(collection) to get the space back now: compaction rewrites segments without "+
			"their deleted rows (automatically once more than 20% of a segment is deleted); delete records stay, so this count does not fall",
			"%.0f%% of the sealed rows have deletes recorded against them", 100*cr.DeleteRatio)
	}
	for _, ix := range cr.Indexes {
		if ix.Pending > 0 && d.r.Server == nil {
			d.add("indexes", Info, subject, "nothing: the server builds missing indexes in the background when it starts",
				"index %s: %d of %d segment(s) have no saved index file", ix.Name, ix.Pending, ix.Built+ix.Pending)
		}
	}
	for _, f := range col.Schema.Fields {
		if f.DataType.IsVector() && col.IndexByField(f.ID) == nil {
			d.add("indexes", Info, subject, "create an index on it (AUTOINDEX is fine): a collection loads only with every vector field indexed",
				"vector field %s has no index", f.Name)
		}
	}
}

func sizeBucket(n int64) string {
	for _, b := range histogram {
		if n < b.limit {
			return b.label
		}
	}
	return histogram[len(histogram)-1].label
}

func loadState(col *catalog.Collection) string {
	n := 0
	for _, p := range col.Partitions {
		if p.Loaded {
			n++
		}
	}
	switch {
	case n == 0 && !col.Loaded:
		return "released"
	case n == len(col.Partitions):
		return "loaded"
	}
	return "partial"
}

// indexReports counts, per vector index, the segments that hold its file.
// FLAT builds keep nothing on disk, so they count as built.
func indexReports(col *catalog.Collection, segs []catalog.Segment, sizes map[string]datadir.SegmentDir) []IndexReport {
	var out []IndexReport
	for _, ix := range col.Indexes {
		f := col.Schema.FieldByID(ix.FieldID)
		if f == nil || !f.DataType.IsVector() {
			continue
		}
		ir := IndexReport{Name: ix.Name, Field: f.Name, Type: ix.Type}
		file := fmt.Sprintf("index_%d.kidx", ix.ID)
		for _, s := range segs {
			if strings.HasSuffix(ix.BuildType, "FLAT") && !strings.HasPrefix(ix.BuildType, "IVF") || hasFile(sizes[s.Dir].IndexFiles, file) {
				ir.Built++
			} else {
				ir.Pending++
			}
		}
		out = append(out, ir)
	}
	return out
}

func hasFile(files []string, name string) bool {
	for _, f := range files {
		if f == name {
			return true
		}
	}
	return false
}
