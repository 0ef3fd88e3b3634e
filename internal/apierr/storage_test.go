package apierr

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func TestStorageErrorsHideInternals(t *testing.T) {
	path := "/data/objects/470990612791296000/470990612791296001/f100"
	wrap := func(errno error) error {
		return fmt.Errorf("flush collection 470990612791296000: %w", &fs.PathError{Op: "write", Path: path, Err: errno})
	}
	for _, tc := range []struct {
		name string
		err  error
		code int32
		want string
	}{
		{"disk full", wrap(syscall.ENOSPC), CodeDiskLimitExceeded, "disk limit exceeded: the disk of the data dir is full"},
		{"quota", wrap(syscall.EDQUOT), CodeDiskLimitExceeded, "--min-free-mb"},
		{"through Internal", Internal(wrap(syscall.ENOSPC)), CodeDiskLimitExceeded, "no space left on device"},
		{"I/O error", Internal(wrap(syscall.EIO)), CodeServiceInternal, "storage failure in the data dir (input/output error)"},
	} {
		st := Status(tc.err)
		if st.Code != tc.code || !strings.Contains(st.Reason, tc.want) {
			t.Errorf("%s: %d %q, want %d containing %q", tc.name, st.Code, st.Reason, tc.code, tc.want)
		}
		if strings.Contains(st.Reason, "4709906") || strings.Contains(st.Reason, "/data") {
			t.Errorf("%s: the reason shows an ID or path: %s", tc.name, st.Reason)
		}
		if d := TakeDetail(st); !strings.Contains(d, path) || st.ExtraInfo[detailKey] != "" {
			t.Errorf("%s: detail %q (left %v), want the full error once", tc.name, d, st.ExtraInfo)
		}
	}
	if st := Status(errors.New("boom")); st.Code != CodeServiceInternal || TakeDetail(st) != "" {
		t.Errorf("a plain error: %+v", st)
	}
}
