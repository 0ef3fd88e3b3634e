// Package indexfile writes and maps the files vector indexes persist to:
// a header naming the index kind, a table of typed sections, the sections
// themselves (each 64-byte aligned, so an mmap'd file can be read as
// []float32 or []uint32 in place), and a CRC-32C of everything before it.
//
// Usage:
//
//	err := indexfile.Write(path, "IVF_FLAT", []indexfile.Section{
//		indexfile.U32("meta", meta), indexfile.F32("vectors", vecs), ...})
//	f, err := indexfile.Open(path, "IVF_FLAT") // read-only mmap
//	vecs, err := f.F32("vectors")              // a view, not a copy
//	f.Close()                                  // after the last use of any view
//
// Invariants:
//   - Write syncs the file before returning, so a catalog entry written
//     afterwards never points at a torn file; Open checks the size, the
//     section table and the checksum before handing out any view.
//   - Views returned by a File point into the mapping: they are read-only
//     and valid until Close.
//   - Kite runs on little-endian machines only, so arrays are stored in
//     native order and mapped without conversion.
//
// Layout (little-endian):
//
//	magic "KITEINDX" | kind [24]byte (NUL-padded) | version u32 | nsect u32
//	| nsect × { tag [8]byte | elem u32 | pad u32 | offset u64 | count u64 }
//	| sections, each at a 64-byte aligned offset, zero-padded between
//	| crc32c u32 of all bytes before it
//
// elem is the element width in bytes (1, 4 or 8); count is the number of
// elements. docs/format/index.md lists the sections of each index kind.
package indexfile
