package scalar

import (
	"fmt"
	"os"

	"github.com/kite-db/kite/internal/index/indexfile"
)

// imager is implemented by every index this package returns.
type imager interface{ image() []byte }

// WriteFile saves ix, an index from Build or Open, to path and fsyncs it.
// Callers write to a temporary name and rename, so a crash never leaves a
// half-written index under the real name.
func WriteFile(path string, ix Index) error {
	im, ok := ix.(imager)
	if !ok {
		return fmt.Errorf("scalar: cannot save %T", ix)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(im.image()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Open maps an index file read-only and checks it; nothing is rebuilt.
func Open(path string) (Index, error) {
	data, unmap, err := indexfile.MapFile(path)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	if len(data) < headerSize+4 {
		unmap()
		return nil, fmt.Errorf("%s: %w: %d bytes", path, ErrCorrupt, len(data))
	}
	ix, err := decode(data, unmap)
	if err != nil {
		unmap()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ix, nil
}
