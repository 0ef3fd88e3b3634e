package apierr

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
)

// detailKey is the status extra_info key that carries a storage error's
// full text (file paths, internal IDs) from Status to the edge's log line.
// The edge takes it out (TakeDetail) before the status goes on the wire.
const detailKey = "kite_log_detail"

// DiskFullReason is the answer to a write the disk had no room for.
const DiskFullReason = "the disk of the data dir is full (no space left on device), so this write was not done; " +
	"acknowledged writes are safe in the WAL. Free disk space or drop collections, then retry; " +
	"with --min-free-mb (default 32) Kite turns read-only before the disk fills"

// fromStorage answers an I/O failure from the data dir: a full disk (or
// quota) is code 7 naming the space and the fix; any other is internal
// with the system's reason. Neither shows a file path or an internal ID.
func fromStorage(err error) (*Error, bool) {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		e := DiskLimit(DiskFullReason)
		e.logDetail = err.Error()
		return e, true
	}
	var pe *fs.PathError
	var le *os.LinkError
	var cause error
	switch {
	case errors.As(err, &pe):
		cause = pe.Err
	case errors.As(err, &le):
		cause = le.Err
	default:
		return nil, false
	}
	return &Error{Code: CodeServiceInternal, Reason: "service internal error: storage failure in the data dir (" + cause.Error() +
		"); see the server log, and run `kite doctor` on the data dir", logDetail: err.Error()}, true
}

// TakeDetail removes the full error text Status kept in st for the
// server log and returns it ("" when there is none).
func TakeDetail(st *commonpb.Status) string {
	d, ok := st.GetExtraInfo()[detailKey]
	if ok {
		delete(st.ExtraInfo, detailKey)
		if len(st.ExtraInfo) == 0 {
			st.ExtraInfo = nil
		}
	}
	return d
}
