package scalar

import (
	"fmt"
	"strconv"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// HybridCardinalityLimit is Milvus's default bitmap_cardinality_limit:
// AUTOINDEX on integers and strings builds BITMAP below this many
// distinct values (DEFAULT_HYBRID_INDEX_BITMAP_CARDINALITY_LIMIT).
const HybridCardinalityLimit = 100

// names maps CreateIndex index_type names to structures; AUTOINDEX (and
// Milvus's HYBRID, which AUTOINDEX means for scalars) is chosen per segment.
var names = map[string]Type{"INVERTED": Inverted, "STL_SORT": Sort, "BITMAP": Bitmap, "Trie": Trie, "TRIE": Trie}

func isAuto(name string) bool { return name == "AUTOINDEX" || name == "HYBRID" || name == "" }

// Buildable reports whether Kite builds index name on field f. JSON
// fields, for one, take INVERTED in Milvus (with a path and a cast type)
// but Kite does not index them: their filters scan.
func Buildable(name string, f Field) bool {
	if _, ok := f.kind(); !ok {
		return false
	}
	t, ok := names[name]
	return isAuto(name) || (ok && Supports(t, f))
}

// Choose picks the structure to build for index name on a segment whose
// column of field f is col. AUTOINDEX follows Milvus 2.6's scalar
// defaults (scalarAutoIndex.params.build): Bool → BITMAP, Float and
// Double → INVERTED, integers and VarChar → HYBRID, which is BITMAP when
// the segment holds fewer than bitmap_cardinality_limit distinct values
// and otherwise STL_SORT for integers and INVERTED for strings. Arrays
// index their elements the same way, INVERTED above the limit.
func Choose(name string, params map[string]string, f Field, col *column.Column) (Type, error) {
	if !Buildable(name, f) {
		return 0, fmt.Errorf("%w: %s on %s", ErrUnsupported, name, f.Type)
	}
	if !isAuto(name) {
		return names[name], nil
	}
	limit := HybridCardinalityLimit
	if s, ok := params["bitmap_cardinality_limit"]; ok {
		if v, err := strconv.Atoi(s); err == nil && v > 0 && v <= 1000 {
			limit = v
		}
	}
	k, _ := f.kind()
	switch {
	case f.isBool():
		return Bitmap, nil
	case k == Float:
		return Inverted, nil
	case distinctBelow(f, col, limit):
		return Bitmap, nil
	case k == Int && !f.isArray():
		return Sort, nil
	}
	return Inverted, nil
}

// distinctBelow reports whether col holds fewer than limit distinct keys.
func distinctBelow(f Field, col *column.Column, limit int) bool {
	ints, strs := map[int64]struct{}{}, map[string]struct{}{}
	var stop bool
	count := func() {
		stop = len(ints)+len(strs) >= limit
	}
	if k, _ := f.kind(); k == Int {
		eachInt(f, col, func(v int64, _ int) {
			if !stop {
				ints[v] = struct{}{}
				count()
			}
		})
	} else {
		eachString(f, col, func(v string, _ int) {
			if !stop {
				strs[v] = struct{}{}
				count()
			}
		})
	}
	return !stop
}

// FieldOf describes a schema field for Build and Choose.
func FieldOf(f *schema.Field) Field { return Field{Type: f.DataType, Elem: f.ElementType} }
