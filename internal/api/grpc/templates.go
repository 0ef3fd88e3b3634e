package grpc

import (
	"encoding/json"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
)

// templateValues converts expr_template_values into plain Go values for
// the filter compiler.
func templateValues(in map[string]*schemapb.TemplateValue) (map[string]any, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(in))
	for k, v := range in {
		val, err := templateValue(v)
		if err != nil {
			return nil, apierr.Invalid("template variable %s: %v", k, err)
		}
		out[k] = val
	}
	return out, nil
}

func templateValue(v *schemapb.TemplateValue) (any, error) {
	switch x := v.GetVal().(type) {
	case *schemapb.TemplateValue_BoolVal:
		return x.BoolVal, nil
	case *schemapb.TemplateValue_Int64Val:
		return x.Int64Val, nil
	case *schemapb.TemplateValue_FloatVal:
		return x.FloatVal, nil
	case *schemapb.TemplateValue_StringVal:
		return x.StringVal, nil
	case *schemapb.TemplateValue_ArrayVal:
		return templateArray(x.ArrayVal)
	}
	return nil, apierr.Invalid("empty template value")
}

func templateArray(a *schemapb.TemplateArrayValue) ([]any, error) {
	var out []any
	switch d := a.GetData().(type) {
	case *schemapb.TemplateArrayValue_BoolData:
		for _, v := range d.BoolData.GetData() {
			out = append(out, v)
		}
	case *schemapb.TemplateArrayValue_LongData:
		for _, v := range d.LongData.GetData() {
			out = append(out, v)
		}
	case *schemapb.TemplateArrayValue_DoubleData:
		for _, v := range d.DoubleData.GetData() {
			out = append(out, v)
		}
	case *schemapb.TemplateArrayValue_StringData:
		for _, v := range d.StringData.GetData() {
			out = append(out, v)
		}
	case *schemapb.TemplateArrayValue_ArrayData:
		for _, sub := range d.ArrayData.GetData() {
			v, err := templateArray(sub)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	case *schemapb.TemplateArrayValue_JsonData:
		for _, raw := range d.JsonData.GetData() {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
	if out == nil {
		out = []any{}
	}
	return out, nil
}
