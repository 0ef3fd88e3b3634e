package segment

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// mappings remembers the mmaps of one sealed segment so Close can undo them.
type mappings []([]byte)

func (m *mappings) mmap(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, nil
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap %s: %w", path, err)
	}
	*m = append(*m, b)
	return b, nil
}

// zeros maps size bytes of zeros read-only and anonymously: every page
// is the kernel's shared zero page, so reading them costs no memory.
func (m *mappings) zeros(size int) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, fmt.Errorf("mmap %d zero bytes: %w", size, err)
	}
	*m = append(*m, b)
	return b, nil
}

func (m *mappings) close() error {
	var errs []error
	for _, b := range *m {
		errs = append(errs, unix.Munmap(b))
	}
	*m = nil
	return errors.Join(errs...)
}
