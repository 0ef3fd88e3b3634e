package ops

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/kite-db/kite/internal/catalog"
)

// FileReport describes a metadata file that passed CheckFile.
type FileReport struct {
	Path        string `json:"path"`
	Bytes       int64  `json:"bytes"`
	TxID        int    `json:"txid"`
	Keys        int    `json:"keys"`
	Format      int    `json:"format"`
	Databases   int    `json:"databases"`
	Collections int    `json:"collections"`
	Segments    int    `json:"segments"`
}

// Reasons CheckFile refuses a file. A file of another format version is
// refused with catalog.ErrUnknownFormat.
var (
	ErrBadMetaFile = errors.New("not a valid Kite metadata file")
	// ErrEmptyMeta is an intact bbolt file without a single key: a store
	// whose creation was cut short, as good as none.
	ErrEmptyMeta = errors.New("the metadata file holds no keys")
)

// CheckFile verifies that path is an intact bbolt file holding a Kite
// catalog this build reads: page structure, the "key" bucket, the format
// key, and every catalog value decodes.
func CheckFile(path string) (*FileReport, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rep := &FileReport{Path: path, Bytes: st.Size()}
	if err := checkPages(db, rep); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadMetaFile, path, err)
	}
	if rep.Keys == 0 {
		return nil, fmt.Errorf("%w: %s", ErrEmptyMeta, path)
	}
	if err := describe(db, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// checkPages runs bbolt's consistency check and counts the keys.
func checkPages(db *bolt.DB, rep *FileReport) error {
	return db.View(func(tx *bolt.Tx) error {
		rep.TxID = tx.ID()
		for err := range tx.Check() {
			return fmt.Errorf("page check: %v", err)
		}
		if b := tx.Bucket(bucket); b != nil {
			rep.Keys = b.Stats().KeyN
		}
		return nil
	})
}

func describe(db *bolt.DB, rep *FileReport) error {
	raw, err := (roKV{db}).Get(catalog.Root + "format")
	if err != nil {
		return fmt.Errorf("%w: %s has no format key (%sformat)", ErrBadMetaFile, rep.Path, catalog.Root)
	}
	var f struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("%w: %s: format key: %v", ErrBadMetaFile, rep.Path, err)
	}
	rep.Format = f.Version
	if f.Version != catalog.FormatVersion {
		return fmt.Errorf("%w: %s has metadata format %d, this build reads %d", catalog.ErrUnknownFormat, rep.Path, f.Version, catalog.FormatVersion)
	}
	cat, err := loadCatalog(db)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadMetaFile, rep.Path, err)
	}
	rep.Databases = len(cat.Databases())
	for _, c := range cat.AllCollections() {
		rep.Collections++
		rep.Segments += len(cat.Segments(c.ID))
	}
	return nil
}
