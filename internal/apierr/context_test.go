package apierr

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
)

func TestStatusOfContextErrors(t *testing.T) {
	for _, tc := range []struct {
		err    error
		code   int32
		reason string
	}{
		{fmt.Errorf("search collection books: %w", context.DeadlineExceeded), CodeTimeout,
			"request timed out: search collection books: context deadline exceeded"},
		{fmt.Errorf("query collection books: %w", context.Canceled), CodeCanceled,
			"request canceled: query collection books: context canceled"},
		{errors.New("disk on fire"), CodeServiceInternal, "service internal error: disk on fire"},
	} {
		st := Status(tc.err)
		if st.GetCode() != tc.code || st.GetReason() != tc.reason || st.GetErrorCode() != commonpb.ErrorCode_UnexpectedError {
			t.Errorf("Status(%v) = code %d reason %q legacy %v; want code %d reason %q", tc.err, st.GetCode(), st.GetReason(), st.GetErrorCode(), tc.code, tc.reason)
		}
		if Code(tc.err) != tc.code {
			t.Errorf("Code(%v) = %d, want %d", tc.err, Code(tc.err), tc.code)
		}
	}
	if !Stopped(fmt.Errorf("x: %w", context.Canceled)) || Stopped(errors.New("x")) {
		t.Error("Stopped misreads its error")
	}
}
