package apierr

import (
	"context"
	"errors"
)

// fromOther makes the status of an error not made here. A request stopped
// by its context keeps that meaning, with the codes Milvus answers
// (merr.Code maps context.Canceled and context.DeadlineExceeded the same
// way), and the error's own text as the reason, so it names what stopped;
// anything else is an internal error.
func fromOther(err error) *Error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: CodeTimeout, Reason: "request timed out: " + err.Error()}
	case errors.Is(err, context.Canceled):
		return &Error{Code: CodeCanceled, Reason: "request canceled: " + err.Error()}
	}
	return Internal(err)
}

// Stopped reports whether err means the request's context ended it: a
// cancel or a passed deadline, not a failure of the server.
func Stopped(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
