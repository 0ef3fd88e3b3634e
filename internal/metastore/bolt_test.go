package metastore

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meta.db")
	kv, err := OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBolt(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	err = kv.Update(func(tx Tx) error {
		tx.Put("a/1", []byte("x"))
		tx.Put("a/2", []byte("y"))
		return tx.Put("b/1", []byte("z"))
	})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := kv.List("a/")
	if len(l) != 2 || string(l[1].Value) != "y" {
		t.Fatalf("list %v", l)
	}
	boom := errors.New("boom")
	if err := kv.Update(func(tx Tx) error { tx.Delete("a/1"); return boom }); err != boom {
		t.Fatal(err)
	}
	if v, err := kv.Get("a/1"); err != nil || string(v) != "x" {
		t.Fatalf("rolled back delete: %q %v", v, err)
	}
	kv.Close()
	kv, err = OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	defer kv.Close()
	if _, err := kv.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}
