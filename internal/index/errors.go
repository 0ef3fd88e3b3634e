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

// badBuildParams is the suffix Milvus's proxy puts on every refusal of
// build parameters.
const badBuildParams = ": invalid parameter[expected=valid index params][actual=invalid index params]"

// outOfRange is knowhere's message for a build parameter outside its
// bounds, as Milvus passes it on.
func outOfRange(name, raw string, lo, hi int) error {
	return paramErrorf("Out of range in json: param '%s' (%s) should be in range [%d, %d]"+badBuildParams, name, raw, lo, hi)
}

// notInteger is knowhere's message for a build parameter that is not an
// integer.
func notInteger(name, raw string) error {
	return paramErrorf("Type conflict in json: param '%s' (%q) should be integer"+badBuildParams, name, raw)
}
