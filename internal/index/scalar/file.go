package scalar

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < headerSize+4 || st.Size() > 1<<40 {
		return nil, fmt.Errorf("%s: %w: %d bytes", path, ErrCorrupt, st.Size())
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap %s: %w", path, err)
	}
	ix, err := decode(data, func() error { return unix.Munmap(data) })
	if err != nil {
		unix.Munmap(data)
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ix, nil
}
