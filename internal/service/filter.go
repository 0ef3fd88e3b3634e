package service

import (
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/segment"
)

// compileFilter compiles a filter once per request; an empty one passes every row.
func compileFilter(col *catalog.Collection, src string, templates map[string]any) (query.Filter, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	e, err := expr.Compile(src, &col.Schema, templates)
	if err != nil {
		return nil, apierr.Invalid("failed to create query plan: %v", err)
	}
	return func(v *segment.View) (*bitset.Bitset, error) { return e.Eval(v) }, nil
}
