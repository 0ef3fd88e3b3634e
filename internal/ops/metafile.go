package ops

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/metastore"
)

// ErrServing means a running server holds the metadata file.
var ErrServing = errors.New("ops: the metadata file is held by a running Kite server")

// bucket is the metastore's bbolt bucket, as in Milvus's embedded etcd.
var bucket = []byte("key")

// openReadOnly opens a bbolt file with a shared lock. A panic inside bbolt
// (a badly damaged file) comes back as an error.
func openReadOnly(path string) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%w: %s: %v", ErrBadMetaFile, path, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: 300 * time.Millisecond})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrServing
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadMetaFile, path, err)
	}
	return db, nil
}

// roKV is a read-only metastore.KV over an open bbolt file.
type roKV struct{ db *bolt.DB }

var errReadOnly = errors.New("ops: metadata opened read-only")

func (k roKV) Get(key string) (v []byte, err error) {
	err = k.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return metastore.ErrNotFound
		}
		if v = b.Get([]byte(key)); v == nil {
			return metastore.ErrNotFound
		}
		v = append([]byte(nil), v...)
		return nil
	})
	return v, err
}

func (k roKV) List(prefix string) ([]metastore.Entry, error) {
	var out []metastore.Entry
	err := eachKey(k.db, prefix, func(key string, v []byte) error {
		out = append(out, metastore.Entry{Key: key, Value: append([]byte(nil), v...)})
		return nil
	})
	return out, err
}

func (k roKV) Update(func(metastore.Tx) error) error { return errReadOnly }
func (k roKV) Close() error                          { return nil }

// eachKey calls fn for every key with the prefix, in order.
func eachKey(db *bolt.DB, prefix string, fn func(key string, v []byte) error) error {
	return db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		p := []byte(prefix)
		for k, v := c.Seek(p); k != nil && hasPrefix(k, p); k, v = c.Next() {
			if err := fn(string(k), v); err != nil {
				return err
			}
		}
		return nil
	})
}

func hasPrefix(k, p []byte) bool { return len(k) >= len(p) && string(k[:len(p)]) == string(p) }

// loadCatalog reads the catalog from an open file without writing to it.
func loadCatalog(db *bolt.DB) (cat *catalog.Catalog, err error) {
	defer func() {
		if r := recover(); r != nil {
			cat, err = nil, fmt.Errorf("metadata is damaged: %v", r)
		}
	}()
	if _, err := (roKV{db}).Get(catalog.Root + "format"); errors.Is(err, metastore.ErrNotFound) {
		return nil, errors.New("metadata has no format key (by-dev/meta/format): not a Kite metadata file, or never initialised")
	}
	return catalog.Open(roKV{db})
}
