package grpc

import (
	"sort"
	"strconv"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/schema"
)

func kvMap(kvs []*commonpb.KeyValuePair) map[string]string {
	if len(kvs) == 0 {
		return nil
	}
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[kv.GetKey()] = kv.GetValue()
	}
	return m
}

func kvList(m map[string]string) []*commonpb.KeyValuePair {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*commonpb.KeyValuePair, 0, len(keys))
	for _, k := range keys {
		out = append(out, &commonpb.KeyValuePair{Key: k, Value: m[k]})
	}
	return out
}

func schemaFromProto(p *schemapb.CollectionSchema) schema.Collection {
	c := schema.Collection{Name: p.GetName(), Description: p.GetDescription(), EnableDynamicField: p.GetEnableDynamicField()}
	for _, f := range p.GetFields() {
		c.Fields = append(c.Fields, fieldFromProto(f))
	}
	return c
}

func fieldFromProto(f *schemapb.FieldSchema) schema.Field {
	out := schema.Field{
		Name: f.GetName(), Description: f.GetDescription(), DataType: schema.DataType(f.GetDataType()),
		ElementType: schema.DataType(f.GetElementType()), IsPrimaryKey: f.GetIsPrimaryKey(), AutoID: f.GetAutoID(),
		IsPartitionKey: f.GetIsPartitionKey(), IsClusteringKey: f.GetIsClusteringKey(), IsDynamic: f.GetIsDynamic(),
		Nullable: f.GetNullable(), TypeParams: kvMap(f.GetTypeParams()),
	}
	if dv := f.GetDefaultValue(); dv != nil {
		out.Default = valueFromProto(dv)
		if sd, ok := dv.GetData().(*schemapb.ValueField_StringData); ok && out.DataType == schema.Timestamptz {
			if v, err := parseTimestamptz(sd.StringData); err == nil {
				out.Default = &schema.Value{Int: v} // pymilvus sends ISO strings; a bad one is rejected below as a non-integer default
			}
		}
	}
	return out
}

// valueFromProto reads a default value and notes which kind of value was
// sent, which the service checks against the field's type.
func valueFromProto(v *schemapb.ValueField) *schema.Value {
	switch d := v.GetData().(type) {
	case *schemapb.ValueField_BoolData:
		return &schema.Value{Bool: d.BoolData, Kind: schema.Bool}
	case *schemapb.ValueField_IntData:
		return &schema.Value{Int: int64(d.IntData), Kind: schema.Int32}
	case *schemapb.ValueField_LongData:
		return &schema.Value{Int: d.LongData, Kind: schema.Int64}
	case *schemapb.ValueField_FloatData:
		return &schema.Value{Float: float64(d.FloatData), Kind: schema.Float}
	case *schemapb.ValueField_DoubleData:
		return &schema.Value{Float: d.DoubleData, Kind: schema.Double}
	case *schemapb.ValueField_StringData:
		return &schema.Value{String: d.StringData, Kind: schema.VarChar}
	case *schemapb.ValueField_TimestamptzData:
		return &schema.Value{Int: d.TimestamptzData, Kind: schema.Timestamptz}
	case *schemapb.ValueField_BytesData:
		return &schema.Value{String: string(d.BytesData), Kind: schema.JSON}
	}
	return nil
}

func valueToProto(t schema.DataType, v *schema.Value) *schemapb.ValueField {
	switch {
	case v == nil:
		return nil
	case t == schema.Bool:
		return &schemapb.ValueField{Data: &schemapb.ValueField_BoolData{BoolData: v.Bool}}
	case t == schema.Int8 || t == schema.Int16 || t == schema.Int32:
		return &schemapb.ValueField{Data: &schemapb.ValueField_IntData{IntData: int32(v.Int)}}
	case t == schema.Int64:
		return &schemapb.ValueField{Data: &schemapb.ValueField_LongData{LongData: v.Int}}
	case t == schema.Float:
		return &schemapb.ValueField{Data: &schemapb.ValueField_FloatData{FloatData: float32(v.Float)}}
	case t == schema.Double:
		return &schemapb.ValueField{Data: &schemapb.ValueField_DoubleData{DoubleData: v.Float}}
	case t == schema.Timestamptz:
		return &schemapb.ValueField{Data: &schemapb.ValueField_TimestamptzData{TimestamptzData: v.Int}}
	}
	return &schemapb.ValueField{Data: &schemapb.ValueField_StringData{StringData: v.String}}
}

func schemaToProto(c *schema.Collection, dbName string, version int32) *schemapb.CollectionSchema {
	out := &schemapb.CollectionSchema{Name: c.Name, Description: c.Description, EnableDynamicField: c.EnableDynamicField, DbName: dbName, Version: version}
	for i := range c.Fields {
		// Milvus keeps $meta out of described schemas; pymilvus breaks if it is there.
		if !c.Fields[i].IsDynamic {
			out.Fields = append(out.Fields, fieldToProto(&c.Fields[i]))
		}
	}
	if pk := c.PrimaryKey(); pk != nil {
		out.AutoID = pk.AutoID
	}
	return out
}

func fieldToProto(f *schema.Field) *schemapb.FieldSchema {
	params := map[string]string{}
	for k, v := range f.TypeParams {
		params[k] = v
	}
	if f.Dim > 0 {
		params["dim"] = strconv.Itoa(f.Dim)
	}
	if f.MaxLength > 0 {
		params["max_length"] = strconv.Itoa(f.MaxLength)
	}
	if f.MaxCapacity > 0 {
		params["max_capacity"] = strconv.Itoa(f.MaxCapacity)
	}
	return &schemapb.FieldSchema{
		FieldID: f.ID, Name: f.Name, Description: f.Description, DataType: schemapb.DataType(f.DataType),
		ElementType: schemapb.DataType(f.ElementType), IsPrimaryKey: f.IsPrimaryKey, AutoID: f.AutoID,
		IsPartitionKey: f.IsPartitionKey, IsClusteringKey: f.IsClusteringKey, IsDynamic: f.IsDynamic,
		Nullable: f.Nullable, TypeParams: kvList(params), DefaultValue: valueToProto(f.DataType, f.Default),
	}
}
