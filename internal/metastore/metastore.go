// Package metastore is a small transactional key-value store for Kite's
// catalog. The embedded implementation keeps every key in one bbolt file,
// in the bucket "key" as Milvus's own embedded etcd layout does, so keys
// (by-dev/meta/...) read the same in both worlds.
package metastore

import "errors"

// ErrNotFound is returned by Get for a missing key.
var ErrNotFound = errors.New("metastore: key not found")

// KV is the store the catalog writes through.
type KV interface {
	Get(key string) ([]byte, error)
	// List returns every key with the prefix, in key order.
	List(prefix string) ([]Entry, error)
	// Update applies puts and deletes atomically.
	Update(fn func(tx Tx) error) error
	Close() error
}

// Tx is one atomic batch of writes.
type Tx interface {
	Put(key string, value []byte) error
	Delete(key string) error
}

// Entry is one key and its value.
type Entry struct {
	Key   string
	Value []byte
}
