package rest

import (
	"encoding/json"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// fieldReq is one field of a collections/create schema.
type fieldReq struct {
	FieldName         string         `json:"fieldName"`
	DataType          string         `json:"dataType"`
	ElementDataType   string         `json:"elementDataType"`
	IsPrimary         bool           `json:"isPrimary"`
	IsPartitionKey    bool           `json:"isPartitionKey"`
	IsClusteringKey   bool           `json:"isClusteringKey"`
	ElementTypeParams map[string]any `json:"elementTypeParams"`
	Nullable          bool           `json:"nullable"`
	DefaultValue      any            `json:"defaultValue"`
	Description       string         `json:"description"`
}

// dataTypes are the type names Milvus accepts, case-sensitive as
// schemapb.DataType spells them.
var dataTypes = func() map[string]schema.DataType {
	out := map[string]schema.DataType{}
	for _, t := range []schema.DataType{schema.Bool, schema.Int8, schema.Int16, schema.Int32, schema.Int64,
		schema.Float, schema.Double, schema.String, schema.VarChar, schema.Array, schema.JSON, schema.Geometry,
		schema.Text, schema.Timestamptz, schema.BinaryVector, schema.FloatVector, schema.Float16Vector,
		schema.BFloat16Vector, schema.SparseFloatVector, schema.Int8Vector} {
		out[t.String()] = t
	}
	return out
}()

func fullSchema(req *createCollectionReq) (schema.Collection, error) {
	sch := schema.Collection{EnableDynamicField: req.Schema.EnableDynamicField}
	for _, fr := range req.Schema.Fields {
		f, err := fr.field()
		if err != nil {
			return sch, err
		}
		if f.IsPrimaryKey {
			f.AutoID = req.Schema.AutoID
		}
		sch.Fields = append(sch.Fields, f)
	}
	return sch, nil
}

func (fr fieldReq) field() (schema.Field, error) {
	t, ok := dataTypes[fr.DataType]
	if !ok {
		return schema.Field{}, apierr.Invalid("data type %s is invalid(case sensitive)", fr.DataType)
	}
	f := schema.Field{Name: fr.FieldName, DataType: t, IsPrimaryKey: fr.IsPrimary, IsPartitionKey: fr.IsPartitionKey,
		IsClusteringKey: fr.IsClusteringKey, Nullable: fr.Nullable, Description: fr.Description}
	if t == schema.Array {
		if f.ElementType, ok = dataTypes[fr.ElementDataType]; !ok {
			return f, apierr.Invalid("element data type %s is invalid(case sensitive)", fr.ElementDataType)
		}
	}
	if len(fr.ElementTypeParams) > 0 {
		f.TypeParams = make(map[string]string, len(fr.ElementTypeParams))
		for k, v := range fr.ElementTypeParams {
			f.TypeParams[k] = paramString(v)
		}
	}
	var err error
	f.Default, err = defaultValue(fr.DefaultValue, t)
	return f, err
}

// paramString renders a parameter for a string-valued map: strings as
// they are, anything else as its JSON text.
func paramString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func defaultValue(v any, t schema.DataType) (*schema.Value, error) {
	if v == nil {
		return nil, nil
	}
	wrong := func(expected string) error { return apierr.InvalidExpected(expected, v, "Wrong defaultValue type") }
	switch {
	case t == schema.Bool:
		b, ok := v.(bool)
		if !ok {
			return nil, wrong("bool")
		}
		return &schema.Value{Bool: b}, nil
	case t.IsInteger() || t == schema.Timestamptz:
		n, ok := v.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil {
			return nil, wrong("number")
		}
		return &schema.Value{Int: i}, nil
	case t.IsFloat():
		n, ok := v.(json.Number)
		f, err := n.Float64()
		if !ok || err != nil {
			return nil, wrong("number")
		}
		return &schema.Value{Float: f}, nil
	case t.IsString() || t == schema.Geometry:
		s, ok := v.(string)
		if !ok {
			return nil, wrong("string")
		}
		return &schema.Value{String: s}, nil
	}
	return nil, apierr.Invalid("Unexpected default value type: %s", t)
}

// defaultJSON renders a field's default value for describe.
func defaultJSON(f *schema.Field) any {
	v, t := f.Default, f.DataType
	switch {
	case v == nil:
		return nil
	case t == schema.Bool:
		return v.Bool
	case t.IsInteger() || t == schema.Timestamptz:
		return v.Int
	case t.IsFloat():
		return v.Float
	}
	return v.String
}
