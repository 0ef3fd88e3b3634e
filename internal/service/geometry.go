package service

import (
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/geo"
	"github.com/kite-db/kite/internal/schema"
)

// checkGeometry validates a GEOMETRY column's WKT and rewrites each value
// in the form Milvus returns it ("POINT (1 2)"), so stored rows read back
// as they would from Milvus, which keeps WKB and prints it with GEOS.
func checkGeometry(f *schema.Field, c *column.Column) error {
	for i, s := range c.Strings {
		if c.Valid != nil && !c.Valid[i] {
			continue
		}
		g, err := geo.ParseWKT(s)
		if err != nil {
			return apierr.Invalid("invalid WKT data of field %s at row %d: %s, %v", f.Name, i, apierr.Echo(s), err)
		}
		c.Strings[i] = geo.Format(&g)
	}
	return nil
}

// checkGeometryDefault validates and normalizes a GEOMETRY default value.
func checkGeometryDefault(f *schema.Field) error {
	if f.Default == nil {
		return nil
	}
	g, err := geo.ParseWKT(f.Default.String)
	if err != nil {
		return apierr.Invalid("invalid default value of geometry field %s: %s, %v", f.Name, apierr.Echo(f.Default.String), err)
	}
	f.Default.String = geo.Format(&g)
	return nil
}
