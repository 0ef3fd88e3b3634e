package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// templates turns exprParams into the plain Go values the filter compiler
// binds: integers stay int64, other numbers become float64.
func templates(params map[string]any) map[string]any {
	if len(params) == 0 {
		return nil
	}
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = plain(v)
	}
	return out
}

func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(x.String(), ".eE") {
			if n, err := x.Int64(); err == nil {
				return n
			}
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	}
	return v
}

// idsTemplate names the template variable get and delete bind their keys
// to, so keys need no quoting inside the filter.
const idsTemplate = "kite_rest_ids"

// idFilter turns "id" — one primary key or an array of them, numbers or
// numeric strings for Int64 keys — into `pk in {ids}` with its template.
func idFilter(sch *schema.Collection, raw json.RawMessage) (string, map[string]any, error) {
	pk := sch.PrimaryKey()
	if pk == nil {
		return "", nil, errPrimaryKey(fmt.Errorf("collection %s has no primary field", sch.Name))
	}
	raw = bytes.TrimSpace(raw)
	items := []json.RawMessage{raw}
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &items); err != nil {
			return "", nil, errPrimaryKey(err)
		}
	}
	ids := make([]any, 0, len(items))
	for _, it := range items {
		if pk.DataType == schema.Int64 {
			n, err := parseInt(it)
			if err != nil {
				return "", nil, errPrimaryKey(err)
			}
			ids = append(ids, n)
			continue
		}
		var s string
		if err := json.Unmarshal(it, &s); err != nil {
			return "", nil, errPrimaryKey(fmt.Errorf("expected a string key, got %s", shorten(it)))
		}
		ids = append(ids, s)
	}
	return pk.Name + " in {" + idsTemplate + "}", map[string]any{idsTemplate: ids}, nil
}
