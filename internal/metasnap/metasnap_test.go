package metasnap

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/metastore"
)

func open(t *testing.T) (*metastore.Bolt, string) {
	t.Helper()
	dir := t.TempDir()
	kv, err := metastore.OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kv.Close() })
	return kv, filepath.Join(dir, "meta-snapshots")
}

func put(t *testing.T, kv metastore.KV, key, value string) {
	t.Helper()
	if err := kv.Update(func(tx metastore.Tx) error { return tx.Put(key, []byte(value)) }); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, dir string) int {
	t.Helper()
	snaps, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(snaps)
}

func TestTakeSkipsUnchangedAndPrunes(t *testing.T) {
	kv, dir := open(t)
	s := New(kv.DB(), Options{Dir: dir, Keep: 3})
	for i := 0; i < 5; i++ {
		put(t, kv, "k", string(rune('a'+i)))
		path, err := s.Take()
		if err != nil || path == "" {
			t.Fatalf("take %d: %q %v", i, path, err)
		}
		if again, err := s.Take(); again != "" || err != nil {
			t.Fatalf("unchanged metadata snapshotted again: %q %v", again, err)
		}
	}
	snaps, _ := List(dir)
	if len(snaps) != 3 {
		t.Fatalf("kept %d snapshots, want 3", len(snaps))
	}
	for i := 1; i < len(snaps); i++ {
		if !snaps[i-1].Time.After(snaps[i].Time) {
			t.Fatalf("not newest first: %v", snaps)
		}
	}
	// A new process finds the newest snapshot and does not repeat it.
	if path, _ := New(kv.DB(), Options{Dir: dir, Keep: 3}).Take(); path != "" {
		t.Fatalf("restart repeated the newest snapshot: %s", path)
	}
}

func TestWatchSnapshotsDDLOnly(t *testing.T) {
	kv, dir := open(t)
	s := New(kv.DB(), Options{Dir: dir, Keep: 10, Delay: 200 * time.Millisecond})
	s.Start()
	defer s.Close()
	w := Watch(kv, s)
	if n := count(t, dir); n != 1 {
		t.Fatalf("%d snapshots after start, want 1", n)
	}
	put(t, w, catalog.Root+"segment/1/2", "{}")
	time.Sleep(300 * time.Millisecond)
	if n := count(t, dir); n != 1 {
		t.Fatalf("a flush triggered a snapshot: %d", n)
	}
	put(t, w, catalog.Root+"collection/1", "{}")
	put(t, w, catalog.Root+"collection/2", "{}")
	deadline := time.Now().Add(5 * time.Second)
	for count(t, dir) != 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := count(t, dir); n != 2 {
		t.Fatalf("%d snapshots after two DDL changes, want 2 (one for both)", n)
	}
	if taken, err := s.Stats(); taken != 2 || err != nil {
		t.Fatalf("stats %d %v", taken, err)
	}
}
