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

// compileFilterIn compiles a read's filter once per request (an empty one
// passes every row), reading ISO literals without an offset in zone; nil is
// the collection's zone.
func compileFilterIn(col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (query.Filter, error) {
	return compilePlan(queryPlan, col, src, templates, zone)
}

func compilePlan(plan string, col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (query.Filter, error) {
	e, err := compileExpr(plan, col, src, templates, zone)
	return asFilter(e), err
}

// compileExpr compiles src for plan; nil for an empty filter.
func compileExpr(plan string, col *catalog.Collection, src string, templates map[string]any, zone *time.Location) (*expr.Expr, error) {
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
	return e, nil
}

// asFilter evaluates e per segment view; nil passes every row.
func asFilter(e *expr.Expr) query.Filter {
	if e == nil {
		return nil
	}
	return func(v *segment.View) (*bitset.Bitset, error) { return e.Eval(v) }
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
