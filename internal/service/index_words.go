package service

import (
	"fmt"
	"strings"

	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/schema"
)

// Milvus's index checkers' refusals of an index type on a field of the
// wrong kind, in their words; badIndexParams adds the proxy's suffix.

// vectorOnly is a vector index type asked for on a scalar or JSON field
// (or, with the dynamic field, on a name the schema lacks).
func vectorOnly(typ string) error {
	return badIndexParams(fmt.Sprintf("index %s only supports vector data type", typ))
}

// scalarIndexOnVector is a scalar index type asked for on a vector field:
// Milvus first misses the metric every vector index needs.
func scalarIndexOnVector(typ, metric string, t schema.DataType) error {
	if metric == "" {
		return badIndexParams("metric type not set for vector index")
	}
	return badIndexParams(fmt.Sprintf("data type %s can't build with this index %s", t, typ))
}

// scalarIndexMismatch explains why a scalar index type does not fit f.
func scalarIndexMismatch(typ string, f *schema.Field) error {
	switch strings.ToUpper(typ) {
	case "TRIE":
		return badIndexParams("TRIE are only supported on varchar field")
	case "STL_SORT":
		return badIndexParams(fmt.Sprintf("STL_SORT are only supported on numeric, varchar or timestamptz field, got %s", f.DataType))
	case "BITMAP":
		if f.DataType == schema.Array {
			return badIndexParams("bitmap index are only supported on bool, int, string for array field")
		}
		return badIndexParams("bitmap index are only supported on bool, int, string and array field")
	case "INVERTED":
		return badIndexParams(fmt.Sprintf("INVERTED are not supported on %s field", f.DataType))
	case "RTREE":
		return badIndexParams(fmt.Sprintf("RTREE index can only be built on geometry field, got %s", f.DataType))
	}
	if index.IsVectorType(typ) {
		return vectorOnly(typ)
	}
	return invalidIndexType(typ)
}
