package wal

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrClosed is returned by every method called after Close.
	ErrClosed = errors.New("wal: log closed")
	// ErrCorrupt marks damaged data that recovery must not drop silently.
	// It reaches callers inside a *CorruptError that says where.
	ErrCorrupt = errors.New("wal: corrupt record")
	// ErrFailed marks the sticky error of a log whose write or fsync failed.
	// Records appended before the failure may or may not be on disk, so the
	// log refuses further appends; reopen it to learn what survived.
	ErrFailed = errors.New("wal: log failed")
	// ErrTooLarge is returned by Append for a payload over MaxPayload.
	ErrTooLarge = errors.New("wal: payload too large")
	// ErrOptions is returned by Open for options it cannot honour.
	ErrOptions = errors.New("wal: invalid options")
)

// CorruptError locates damage in a segment file. It unwraps to ErrCorrupt.
type CorruptError struct {
	File   string // path of the segment file
	Offset int64  // byte offset of the damaged record (or file header)
	Reason string // what check failed

	// torn says the damage looks like an interrupted write: recovery may cut it
	// off the last file when no valid record follows it.
	torn bool
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%v: %s at offset %d: %s", ErrCorrupt, e.File, e.Offset, e.Reason)
}

func (e *CorruptError) Unwrap() error { return ErrCorrupt }
