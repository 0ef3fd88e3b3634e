//go:build !unix

package indexfile

import "os"

// MapFile reads the whole file where mmap is not available.
func MapFile(path string) ([]byte, func() error, error) {
	data, err := os.ReadFile(path)
	return data, func() error { return nil }, err
}
