package index

import (
	"errors"
	"fmt"
)

// ErrInvalidParameter is the class of every error a client's bad index or
// search parameters cause; apierr maps it to Milvus's ParameterInvalid code
// (1100) and passes the message through unchanged.
var ErrInvalidParameter = errors.New("invalid parameter")

// ErrUnsupported reports an index or metric Milvus has but Kite does not
// implement yet.
var ErrUnsupported = errors.New("index: not supported yet")

// ParamError is a bad index or search parameter. Its message is the text
// Milvus 2.6 sends for the same mistake, so clients that match on it work.
type ParamError struct{ Msg string }

func (e *ParamError) Error() string { return e.Msg }

// Unwrap makes errors.Is(err, ErrInvalidParameter) true.
func (e *ParamError) Unwrap() error { return ErrInvalidParameter }

func paramErrorf(format string, args ...any) error {
	return &ParamError{Msg: fmt.Sprintf(format, args...)}
}

// MetricMismatchError is a search naming a metric other than the index's.
type MetricMismatchError struct{ Expected, Actual string }

func (e *MetricMismatchError) Error() string {
	return fmt.Sprintf("metric type not match: invalid parameter[expected=%s][actual=%s]", e.Expected, e.Actual)
}

// Unwrap makes errors.Is(err, ErrInvalidParameter) true.
func (e *MetricMismatchError) Unwrap() error { return ErrInvalidParameter }

// outOfRange is Milvus's message for a build parameter outside its bounds
// (also used when the value is not an integer, as Milvus does).
func outOfRange(name string, lo, hi int) error {
	return paramErrorf("%s out of range: [%d, %d]: invalid parameter[expected=valid index params][actual=invalid index params]", name, lo, hi)
}
