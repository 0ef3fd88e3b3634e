package metastore

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

var bucketName = []byte("key")

// ErrLocked is returned by OpenBolt when another process holds the file.
var ErrLocked = errors.New("metastore: file is locked by another process")

// Bolt is the embedded KV on a bbolt file.
type Bolt struct{ db *bolt.DB }

// OpenBolt opens or creates the bbolt file at path. It does not write
// unless the file is new: booting must never need a metadata write.
func OpenBolt(path string) (*Bolt, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 500 * time.Millisecond})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("metastore: open %s: %w", path, err)
	}
	b := &Bolt{db: db}
	err = db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketName) == nil {
			return errNoBucket
		}
		return nil
	})
	if errors.Is(err, errNoBucket) {
		err = db.Update(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucketIfNotExists(bucketName)
			return err
		})
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("metastore: init %s: %w", path, err)
	}
	return b, nil
}

var errNoBucket = errors.New("no bucket")

// Get returns the value of key.
func (b *Bolt) Get(key string) ([]byte, error) {
	var out []byte
	err := b.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketName).Get([]byte(key))
		if v == nil {
			return ErrNotFound
		}
		out = append([]byte(nil), v...)
		return nil
	})
	return out, err
}

// List returns the entries under prefix.
func (b *Bolt) List(prefix string) ([]Entry, error) {
	var out []Entry
	p := []byte(prefix)
	err := b.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketName).Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			out = append(out, Entry{Key: string(k), Value: append([]byte(nil), v...)})
		}
		return nil
	})
	return out, err
}

// Update runs fn in one bbolt write transaction.
func (b *Bolt) Update(fn func(tx Tx) error) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		return fn(boltTx{tx.Bucket(bucketName)})
	})
}

// Close closes the file.
func (b *Bolt) Close() error { return b.db.Close() }

// DB exposes the bbolt handle for hot backups.
func (b *Bolt) DB() *bolt.DB { return b.db }

type boltTx struct{ b *bolt.Bucket }

func (t boltTx) Put(key string, value []byte) error { return t.b.Put([]byte(key), value) }
func (t boltTx) Delete(key string) error            { return t.b.Delete([]byte(key)) }
