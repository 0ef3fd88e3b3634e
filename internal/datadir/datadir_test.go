package datadir

import (
	"os"
	"path/filepath"
	"testing"
)

func touch(t *testing.T, path string, size int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, make([]byte, size), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScan(t *testing.T) {
	d := Dir(t.TempDir())
	if st, err := Scan(d); err != nil || st.HasData() {
		t.Fatalf("empty dir: %v %v", st, err)
	}
	touch(t, filepath.Join(d.CollectionWAL(7), "0000000000000001.wal"), 100)
	touch(t, filepath.Join(d.CollectionWAL(7), "00000000000000ff.wal"), 16)
	touch(t, filepath.Join(d.CollectionWAL(7), "notes.txt"), 5)
	touch(t, filepath.Join(d.Objects(), "7", "8", "9", "meta.json"), 10)
	touch(t, filepath.Join(d.Objects(), "7", "8", "9", "index_3.kidx"), 20)
	touch(t, filepath.Join(d.Objects(), "7", "8", "10", "ts.bin"), 8) // no meta.json: an interrupted flush
	touch(t, filepath.Join(d.Objects(), "7", "delta", "42.del"), 4)
	touch(t, filepath.Join(d.Objects(), "stray"), 1)
	st, err := Scan(d)
	if err != nil {
		t.Fatal(err)
	}
	c := st.Collections[7]
	if !st.HasData() || c == nil || c.WALFiles != 2 || c.WALBytes != 116 || len(c.WALFirsts) != 2 || c.WALFirsts[1] != 255 {
		t.Fatalf("wal: %+v", c)
	}
	if len(c.Segments) != 2 || !c.Segments[0].HasMeta || c.Segments[0].Bytes != 30 || len(c.Segments[0].IndexFiles) != 1 ||
		c.Segments[1].HasMeta || c.Segments[0].Rel != filepath.Join("7", "8", "9") {
		t.Fatalf("segments: %+v", c.Segments)
	}
	if len(c.Deltas) != 1 || c.Deltas[0].LSN != 42 || len(st.Strays) != 1 {
		t.Fatalf("deltas %+v strays %v", c.Deltas, st.Strays)
	}
	if Size(string(d)) != 100+16+5+10+20+8+4+1 {
		t.Fatalf("size %d", Size(string(d)))
	}
}

func TestServerFile(t *testing.T) {
	d := Dir(t.TempDir())
	if err := d.WriteServer(ServerInfo{PID: 42, MetricsAddr: "[::]:9091"}); err != nil {
		t.Fatal(err)
	}
	info, err := d.ReadServer()
	if err != nil || info.PID != 42 || Dialable(info.MetricsAddr) != "127.0.0.1:9091" {
		t.Fatalf("%+v %v", info, err)
	}
	d.RemoveServer(1) // another process's file stays
	if _, err := d.ReadServer(); err != nil {
		t.Fatal(err)
	}
	d.RemoveServer(42)
	if _, err := d.ReadServer(); err == nil {
		t.Fatal("file not removed")
	}
	for in, want := range map[string]string{"0.0.0.0:1": "127.0.0.1:1", "10.0.0.2:3": "10.0.0.2:3", "bad": "bad"} {
		if got := Dialable(in); got != want {
			t.Errorf("Dialable(%q) = %q", in, got)
		}
	}
}
