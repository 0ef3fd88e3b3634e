package ops

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kite-db/kite/internal/metastore"
)

// KeyInfo is one key of `kite meta ls`.
type KeyInfo struct {
	Key   string `json:"key"`
	Bytes int    `json:"bytes"`
}

// List returns the keys under prefix with their value sizes.
func (v *View) List(prefix string) ([]KeyInfo, error) {
	var out []KeyInfo
	err := eachKey(v.DB, prefix, func(key string, val []byte) error {
		out = append(out, KeyInfo{Key: key, Bytes: len(val)})
		return nil
	})
	return out, err
}

// ErrNoKey is returned by Get for a missing key.
var ErrNoKey = errors.New("no such key")

// Get writes key's value to w: indented JSON when it is JSON, else as is.
func (v *View) Get(key string, w io.Writer) error {
	val, err := (roKV{v.DB}).Get(key)
	if errors.Is(err, metastore.ErrNotFound) {
		return fmt.Errorf("%w: %s (list keys with `kite meta ls`)", ErrNoKey, key)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if json.Indent(&buf, val, "", "  ") != nil {
		_, err = w.Write(val)
		return err
	}
	buf.WriteByte('\n')
	_, err = buf.WriteTo(w)
	return err
}
