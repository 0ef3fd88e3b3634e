package metasnap

import (
	"strings"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/metastore"
)

// Watch returns kv that calls s.Changed after every committed transaction
// that changes DDL metadata (databases, collections, aliases, ...). Flushes
// (segment and checkpoint keys) only move data and wait for the periodic
// snapshot.
func Watch(kv metastore.KV, s *Snapshotter) metastore.KV { return watched{kv, s} }

type watched struct {
	metastore.KV
	s *Snapshotter
}

func (w watched) Update(fn func(metastore.Tx) error) error {
	tx := &ddlTx{}
	err := w.KV.Update(func(inner metastore.Tx) error {
		tx.Tx = inner
		return fn(tx)
	})
	if err == nil && tx.ddl {
		w.s.Changed()
	}
	return err
}

type ddlTx struct {
	metastore.Tx
	ddl bool
}

func (t *ddlTx) Put(key string, value []byte) error {
	t.mark(key)
	return t.Tx.Put(key, value)
}

func (t *ddlTx) Delete(key string) error {
	t.mark(key)
	return t.Tx.Delete(key)
}

// dataKeys are the catalog prefixes flushes write (docs/format/catalog.md).
var dataKeys = []string{catalog.Root + "segment/", catalog.Root + "checkpoint/"}

func (t *ddlTx) mark(key string) {
	for _, p := range dataKeys {
		if strings.HasPrefix(key, p) {
			return
		}
	}
	t.ddl = true
}
