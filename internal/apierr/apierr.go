// Package apierr makes every error a client sees: Milvus's numeric codes, its
// message wording ("collection not found[database=default][collection=books]") and the legacy
// error_code older SDKs read. Services return *Error values built here; the
// API edge turns any error into a commonpb.Status with Status. Names, never
// IDs; no stack traces. A request its context stopped (context.Canceled,
// context.DeadlineExceeded, wrapped or not) gets Milvus's code 10000 or
// 10001, as merr answers; any other error not made here is internal.
package apierr

import (
	"errors"
	"fmt"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
)

// Codes as Milvus numbers them (pkg/util/merr).
const (
	CodeServiceNotReady      = 1
	CodeServiceInternal      = 5
	CodeDiskLimitExceeded    = 7
	CodeUnimplemented        = 10
	CodeCollectionNotFound   = 100
	CodeCollectionNotLoaded  = 101
	CodeCollectionNumLimit   = 102
	CodeCollectionLoaded     = 104
	CodeCollectionIllegal    = 105
	CodeSchemaMismatch       = 109
	CodePartitionNotFound    = 200
	CodePartitionNotLoaded   = 201
	CodeIndexNotFound        = 700
	CodeIndexNotSupported    = 701
	CodeIndexDuplicate       = 702
	CodeDatabaseNotFound     = 800
	CodeDatabaseNumLimit     = 801
	CodeDatabaseInvalidName  = 802
	CodeParameterInvalid     = 1100
	CodeParameterMissing     = 1101
	CodeParameterTooLarge    = 1102
	CodeMetricNotFound       = 1200
	CodeNotAuthenticated     = 1400
	CodeAliasNotFound        = 1600
	CodeAliasNameConflict    = 1601
	CodeAliasAlreadyExist    = 1602
	CodeFieldNotFound        = 1700
	CodeFieldInvalidName     = 1701
	CodeOperationUnsupported = 3000
	CodeCanceled             = 10000 // merr.CanceledCode: the request's context was cancelled
	CodeTimeout              = 10001 // merr.TimeoutCode: the request's deadline passed
	CodeUnexpected           = 65535 // merr's errUnexpected: an error Milvus returns unwrapped
)

// Error is an error with a Milvus code.
type Error struct {
	Code      int32
	Reason    string
	Retriable bool
	Input     bool // caused by the request, not the server
	// logDetail is the full text of a storage error (paths, IDs): the
	// edge logs it and never sends it (TakeDetail).
	logDetail string
}

func (e *Error) Error() string { return e.Reason }

// newErr formats a message; string arguments are capped with Echo, since
// any of them may be input.
func newErr(code int32, input bool, format string, args ...any) *Error {
	return &Error{Code: code, Reason: fmt.Sprintf(format, echoArgs(args)...), Input: input}
}

// legacy maps codes to the deprecated commonpb.ErrorCode older SDKs check.
func legacy(code int32) commonpb.ErrorCode {
	switch code {
	case 0:
		return commonpb.ErrorCode_Success
	case CodeServiceNotReady:
		return commonpb.ErrorCode_NotReadyServe
	case CodeCollectionNotFound:
		return commonpb.ErrorCode_CollectionNotExists
	case CodeParameterInvalid:
		return commonpb.ErrorCode_IllegalArgument
	case CodePartitionNotFound:
		return commonpb.ErrorCode_MetaFailed
	case CodeDiskLimitExceeded:
		return commonpb.ErrorCode_DiskQuotaExhausted
	case CodeIndexNotFound:
		return commonpb.ErrorCode_IndexNotExist
	case CodeSchemaMismatch: // pymilvus reloads the schema and retries on this one
		return commonpb.ErrorCode_SchemaMismatch
	}
	return commonpb.ErrorCode_UnexpectedError
}

// Status converts any error into the status a Milvus client reads; a nil
// error is success. Errors not made here are internal errors, except a
// context's cancellation or deadline (see fromOther).
func Status(err error) *commonpb.Status {
	if err == nil {
		return &commonpb.Status{}
	}
	var e *Error
	if !errors.As(err, &e) {
		e = fromOther(err)
	}
	reason := clip(e.Reason, reasonLimit)
	st := &commonpb.Status{Code: e.Code, Reason: reason, ErrorCode: legacy(e.Code), Retriable: e.Retriable, Detail: reason}
	if e.Input {
		st.ExtraInfo = map[string]string{"is_input_error": "true"}
	}
	if e.logDetail != "" {
		st.ExtraInfo = map[string]string{detailKey: e.logDetail}
	}
	return st
}

// Code returns err's Milvus code (0 for nil).
func Code(err error) int32 {
	var e *Error
	if err == nil {
		return 0
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return fromOther(err).Code
}
