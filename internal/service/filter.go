package service

import (
	"strings"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/segment"
)

// compileFilter compiles a filter once per request; an empty one passes every row.
func compileFilter(col *catalog.Collection, src string, templates map[string]any) (query.Filter, error) {
	return compileFilterIn(col, src, templates, nil)
}

// compileFilterIn reads ISO literals without an offset in zone; nil is
// the collection's zone.
func compileFilterIn(col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (query.Filter, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	if zone == nil {
		zone = collectionZone(col)
	}
	e, err := expr.CompileIn(src, &col.Schema, templates, zone)
	if err != nil {
		return nil, apierr.Invalid("failed to create query plan: %v", err)
	}
	return func(v *segment.View) (*bitset.Bitset, error) { return e.Eval(v) }, nil
}
