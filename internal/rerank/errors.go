package rerank

import (
	"errors"
	"fmt"
)

// ErrInvalidParameter marks errors Milvus reports as invalid parameters
// (code 1100). Every other error here is one Milvus returns unwrapped, which
// its clients see as an unexpected error.
var ErrInvalidParameter = errors.New("invalid parameter")

// ErrUnsupported marks a reranker setting Milvus has but Kite lacks.
var ErrUnsupported = errors.New("rerank: unsupported")

// invalidExpected is Milvus's "msg: invalid parameter[expected=..][actual=..]".
func invalidExpected(expected, actual any, msg string) error {
	return fmt.Errorf("%s: %w[expected=%v][actual=%v]", msg, ErrInvalidParameter, expected, actual)
}

func unsupported(what string) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, what)
}
