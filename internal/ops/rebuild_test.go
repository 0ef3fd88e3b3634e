package ops

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kite-db/kite/internal/metasnap"
	"github.com/kite-db/kite/internal/segment"
	"github.com/kite-db/kite/internal/service"
)

// fill writes a data dir with sealed segments, delete files, a truncated WAL
// and unflushed writes in two collections and two databases.
func fill(t *testing.T, n *node) {
	n.create("", "books", "p1")
	n.insert("", "books", "", 0, 100)
	n.insert("", "books", "p1", 100, 20)
	n.flush("", "books")
	n.delete("", "books", "id in [1, 2, 3, 101]")
	n.insert("", "books", "", 200, 30)
	n.flush("", "books")
	n.insert("", "books", "", 300, 7) // WAL only
	n.delete("", "books", "id == 300")

	n.create("shop", "items")
	n.insert("shop", "items", "", 0, 40)
	n.flush("shop", "items")
}

type counts struct{ books, p1, items int }

func countAll(n *node) counts {
	return counts{n.count("", "books"), n.count("", "books", "p1"), n.count("shop", "items")}
}

func TestRebuildFromSegmentsAlone(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	fill(t, n)
	itemsID := n.collID("shop", "items")
	n.stop()
	truncateWAL(t, dir, itemsID) // as a flush does once the WAL files roll over
	n = start(t, dir)
	n.insert("shop", "items", "", 40, 2)
	want := countAll(n)
	n.stop()
	os.Remove(dir.Meta())

	res, err := Rebuild(dir, RebuildOptions{Snapshot: "none"})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, res.Findings)
	t.Logf("rebuild:\n%s", dump(res.Findings))
	if res.Result.Collections != 2 {
		t.Fatalf("rebuilt %d collections, want 2", res.Result.Collections)
	}
	if fs := verify(t, dir); fs.Worst() == Error {
		t.Fatalf("verify after rebuild:\n%s", dump(fs))
	}
	n = start(t, dir)
	// Without a snapshot, databases and partitions keep the names their
	// segment files recorded.
	got := counts{n.count("", "books"), n.count("", "books", "p1"), n.count("shop", "items")}
	if got != want {
		t.Fatalf("rebuilt counts %v, want %v", got, want)
	}
	if hasFinding(res.Findings, Warn, "recovered as partition_") {
		t.Fatalf("a partition name was generated though the segments recorded it:\n%s", dump(res.Findings))
	}
}

func TestRebuildFromSnapshotKeepsNames(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "gone")
	fill(t, n)
	if _, err := metasnap.Write(n.kv.DB(), filepath.Join(dir.Snapshots(), "meta-20250101T000000.000000Z.db")); err != nil {
		t.Fatal(err)
	}
	n.svc.DropCollection(context.Background(), service.DropCollection{Collection: "gone"})
	n.insert("", "books", "p1", 500, 11) // after the snapshot
	n.flush("", "books")
	want := countAll(n)
	n.stop()
	writeFile(t, dir.Meta(), []byte("a power cut wrote garbage here"))

	if _, err := Rebuild(dir, RebuildOptions{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dir.Meta()); string(b) != "a power cut wrote garbage here" {
		t.Fatal("dry run changed meta.db")
	}
	res, err := Rebuild(dir, RebuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, res.Findings)
	if res.Source == nil || res.Kept == "" {
		t.Fatalf("source %v kept %q", res.Source, res.Kept)
	}
	n = start(t, dir)
	if got := countAll(n); got != want {
		t.Fatalf("rebuilt counts %v, want %v\n%s", got, want, dump(res.Findings))
	}
	if ok, _ := n.svc.HasCollection(context.Background(), service.HasCollection{Collection: "gone"}); ok {
		t.Fatal("a collection dropped after the snapshot came back")
	}
	n.stop()
	if _, err := Rebuild(dir, RebuildOptions{}); !errors.Is(err, ErrHasMetadata) {
		t.Fatalf("rebuild over intact metadata: %v", err)
	}
}

// A flush a crash interrupted after writing its segment leaves a copy of
// rows that a later flush writes again under another segment ID.
func TestRebuildSkipsInterruptedFlushCopy(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	n.insert("", "books", "", 0, 10)
	n.insert("", "books", "", 10, 10)
	n.flush("", "books")
	id := n.collID("", "books")
	n.stop()
	segs, _ := filepath.Glob(filepath.Join(dir.Objects(), strconv.FormatInt(id, 10), "*", "*", "meta.json"))
	if len(segs) != 1 {
		t.Fatalf("%d segments", len(segs))
	}
	copySegment(t, filepath.Dir(segs[0]), 77)
	os.Remove(dir.Meta())
	res, err := Rebuild(dir, RebuildOptions{Snapshot: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if !hasFinding(res.Findings, Info, "repeats rows another segment holds") {
		t.Fatalf("copy not recognised:\n%s", dump(res.Findings))
	}
	n = start(t, dir)
	if got := n.count("", "books"); got != 20 {
		t.Fatalf("%d rows, want 20", got)
	}
}

// copySegment copies a segment dir to a sibling with another ID.
func copySegment(t *testing.T, src string, newID int64) {
	dst := filepath.Join(filepath.Dir(src), strconv.FormatInt(newID, 10))
	ents, _ := os.ReadDir(src)
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		writeFile(t, filepath.Join(dst, e.Name()), b)
	}
	var m segment.Meta
	raw, _ := os.ReadFile(filepath.Join(dst, "meta.json"))
	json.Unmarshal(raw, &m)
	m.SegmentID = newID
	raw, _ = json.Marshal(m)
	writeFile(t, filepath.Join(dst, "meta.json"), raw)
}

func TestRebuildWALOnlyCollectionNeedsSnapshot(t *testing.T) {
	dir := newDir(t)
	n := start(t, dir)
	n.create("", "books")
	n.insert("", "books", "", 0, 10)
	n.stop()
	os.Remove(dir.Meta())
	res, err := Rebuild(dir, RebuildOptions{Snapshot: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if !hasFinding(res.Findings, Error, "schema is unknown") {
		t.Fatalf("no error for a WAL-only collection:\n%s", dump(res.Findings))
	}
}
