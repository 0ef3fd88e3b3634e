package service

import (
	"maps"
	"slices"
	"strings"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/shard"
)

// JSON-path indexes (Milvus 2.6): CreateIndex on a JSON field, or on a key
// of the dynamic field named as if it were a field, with index_type
// INVERTED or AUTOINDEX and params json_path, json_cast_type and optionally
// json_cast_function. A field may hold several, on different paths.

// badIndexParams wraps a checker message as Milvus's proxy does.
func badIndexParams(msg string) error {
	return &apierr.Error{Code: apierr.CodeParameterInvalid, Input: true,
		Reason: msg + ": invalid parameter[expected=valid index params][actual=invalid index params]"}
}

// invalidIndexType is an index type Milvus has no checker for.
func invalidIndexType(typ string) error {
	return apierr.InvalidExpected("valid index", "invalid index type: "+typ, "")
}

// jsonIndexField resolves the field of a JSON-path index: a JSON field,
// or the dynamic field for $meta or a name the schema lacks.
func jsonIndexField(sch *schema.Collection, name string, params map[string]string) *schema.Field {
	if f := sch.FieldByName(name); f != nil && !f.IsDynamic {
		return f
	}
	dyn := sch.DynamicField()
	if dyn == nil || !sch.EnableDynamicField || (params["json_path"] == "" && params["json_cast_type"] == "") {
		return nil
	}
	return dyn
}

// jsonIndexFor checks a JSON-path index request in Milvus's order.
func (s *Service) jsonIndexFor(sch *schema.Collection, f *schema.Field, req CreateIndex) (catalog.Index, error) {
	params := maps.Clone(req.Params)
	if params == nil {
		params = map[string]string{}
	}
	typ := params["index_type"]
	delete(params, "index_type")
	delete(params, "metric_type")
	name := req.IndexName
	if name == "" {
		name = req.Field
	}
	ix := catalog.Index{ID: int64(s.oracle.Next()), Name: name, FieldID: f.ID, Type: typ, Params: params, CreatedTs: s.oracle.Next()}
	switch strings.ToUpper(typ) {
	case "", "AUTOINDEX":
		ix.Type = "AUTOINDEX"
	case "INVERTED":
	case "TRIE":
		return ix, badIndexParams("TRIE are only supported on varchar field")
	case "STL_SORT":
		return ix, badIndexParams("STL_SORT are only supported on numeric, varchar or timestamptz field, got JSON")
	case "BITMAP":
		return ix, badIndexParams("bitmap index are only supported on bool, int, string and array field")
	default:
		if index.IsVectorType(typ) {
			return ix, vectorOnly(typ)
		}
		return ix, invalidIndexType(typ)
	}
	return ix, checkJSONParams(sch, f, params)
}

func checkJSONParams(sch *schema.Collection, f *schema.Field, params map[string]string) error {
	castName, ok := params["json_cast_type"]
	if !ok {
		return badIndexParams("json index must specify cast type: missing parameter[missing_param=json_cast_type]")
	}
	cast, ok := scalar.ParseCast(castName)
	if !ok {
		return badIndexParams("json_cast_type " + castName + " is not supported: invalid parameter")
	}
	if fn, ok := params["json_cast_function"]; ok {
		switch {
		case !strings.EqualFold(strings.TrimSpace(fn), "STRING_TO_DOUBLE"):
			return badIndexParams("json_cast_function " + fn + " is not supported: invalid parameter")
		case cast != scalar.CastDouble:
			return badIndexParams("json_cast_function " + fn + " is not supported for json_cast_type " + castName + ": invalid parameter")
		}
	}
	src, ok := params["json_path"]
	if !ok {
		return badIndexParams("json index must specify json path: missing parameter[missing_param=json_path]")
	}
	p, err := expr.ParseJSONPath(src, sch)
	if err != nil || p.Field.ID != f.ID {
		return badIndexParams("json_path " + src + " is not a path inside field " + f.Name + ": invalid parameter")
	}
	return nil
}

// addJSONIndex applies Milvus's rules for one more index on a JSON field:
// the same name again is a no-op when nothing differs, and a field holds
// one index per path. It reports whether ix is new.
func addJSONIndex(col *catalog.Collection, ix catalog.Index) (bool, error) {
	path := func(x catalog.Index) []string {
		p, err := expr.ParseJSONPath(x.Params["json_path"], &col.Schema)
		if err != nil {
			return nil
		}
		return p.Path
	}
	for _, other := range col.Indexes {
		switch {
		case other.Name == ix.Name && other.FieldID == ix.FieldID && other.Type == ix.Type && maps.Equal(other.Params, ix.Params):
			return false, nil
		case other.Name == ix.Name:
			return false, apierr.IndexDuplicate("at most one distinct index is allowed per field")
		case other.FieldID == ix.FieldID && slices.Equal(path(other), path(ix)):
			return false, apierr.IndexDuplicate("creating multiple indexes on same field is not supported")
		}
	}
	return true, nil
}

// pathPending is how many sealed rows a JSON-path index has yet to cover;
// indexes Kite accepts but does not build (cast JSON, a cast function)
// have none, and their filters scan.
func pathPending(ix catalog.Index, sch *schema.Collection, st shard.Stats) int64 {
	if _, _, ok := shard.PathSpec(ix, sch); !ok {
		return 0
	}
	return int64(st.SealedRows - st.PathIndexedRows[ix.ID])
}

// onField reports whether index ix (on field f) is one a request naming
// field means: every index for "", the field's own name, and for an index
// on the dynamic field also the dynamic key its json_path starts with — the
// name it was created under, which SDKs send back to wait for the build.
func onField(sch *schema.Collection, ix catalog.Index, f *schema.Field, field string) bool {
	if field == "" || f.Name == field {
		return true
	}
	if !f.IsDynamic || sch.FieldByName(field) != nil {
		return false
	}
	p, err := expr.ParseJSONPath(ix.Params["json_path"], sch)
	return err == nil && len(p.Path) > 0 && p.Path[0] == field
}
