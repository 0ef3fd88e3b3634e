package service

import (
	"errors"
	"strings"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/query"
	"github.com/kite-db/kite/internal/segment"
)

// Plans a filter is compiled for; Milvus names them in its messages.
const (
	queryPlan  = "query"
	deletePlan = "delete"
)

// compileFilter compiles a filter once per request; an empty one passes every row.
func compileFilter(col *catalog.Collection, src string, templates map[string]any) (query.Filter, error) {
	return compileFilterIn(col, src, templates, nil)
}

// compileFilterIn reads ISO literals without an offset in zone; nil is
// the collection's zone.
func compileFilterIn(col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (query.Filter, error) {
	return compilePlan(queryPlan, col, src, templates, zone)
}

func compilePlan(plan string, col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (query.Filter, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	if zone == nil {
		zone = collectionZone(col)
	}
	e, err := expr.CompileIn(src, &col.Schema, templates, zone)
	if err != nil {
		return nil, planError(plan, err)
	}
	return func(v *segment.View) (*bitset.Bitset, error) { return e.Eval(v) }, nil
}

// planError words a filter that does not compile as Milvus does ("failed
// to create query plan: cannot parse expression: <filter>, error: ..."),
// repeating no more of the filter than apierr.Echo keeps.
func planError(plan string, err error) error {
	var ee *expr.Error
	if errors.As(err, &ee) {
		return apierr.Invalid("failed to create %s plan: cannot parse expression: %s, error: %s", plan, ee.Src, ee.Detail())
	}
	return apierr.Invalid("failed to create %s plan: %v", plan, err)
}
