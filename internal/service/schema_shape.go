package service

import (
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// MaxShards is Milvus's proxy.maxShardNum.
const MaxShards = 16

// checkCreate makes the checks Milvus's proxy makes on a whole
// CreateCollection request before looking at any field on its own, in its
// order, so a request with several mistakes is refused for the one Milvus
// names: shards, field and vector counts, the collection name, the
// primary key, dynamic and auto-ID flags, then the field types.
func checkCreate(req *CreateCollection) error {
	sch := &req.Schema
	vectors := len(sch.VectorFields())
	switch {
	case req.ShardsNum > MaxShards:
		return apierr.Invalid("maximum shards's number should be limited to %d", MaxShards)
	case len(sch.Fields) > MaxFields:
		return apierr.Invalid("maximum field's number should be limited to %d", MaxFields)
	case vectors > MaxVectorFields:
		return apierr.Invalid("maximum vector field's number should be limited to %d", MaxVectorFields)
	case vectors == 0:
		return apierr.IllegalSchema(sch.Name, "schema does not contain vector field")
	}
	if err := validName("collection", sch.Name, false); err != nil {
		return err
	}
	for _, check := range []func(*schema.Collection) error{checkPrimaryKeyShape, checkFlags, checkFieldTypes} {
		if err := check(sch); err != nil {
			return err
		}
	}
	return nil
}

// checkPrimaryKeyShape wants exactly one primary key, of a key type.
func checkPrimaryKeyShape(sch *schema.Collection) error {
	var pk *schema.Field
	for i := range sch.Fields {
		f := &sch.Fields[i]
		if !f.IsPrimaryKey {
			continue
		}
		if pk != nil {
			return apierr.IllegalSchema(sch.Name, "there are more than one primary key, field name = %s, %s", pk.Name, f.Name)
		}
		if f.DataType != schema.Int64 && f.DataType != schema.VarChar {
			return apierr.Invalid("the data type of primary key should be Int64 or VarChar")
		}
		pk = f
	}
	if pk == nil {
		return apierr.IllegalSchema(sch.Name, "primary key is not specified")
	}
	return nil
}

// checkFlags refuses user fields marked dynamic and auto IDs anywhere but
// on the one primary key.
func checkFlags(sch *schema.Collection) error {
	for _, f := range sch.Fields {
		if f.IsDynamic {
			return apierr.Invalid("cannot explicitly set a field as a dynamic field")
		}
	}
	var auto *schema.Field
	for i := range sch.Fields {
		f := &sch.Fields[i]
		if !f.AutoID {
			continue
		}
		if auto != nil {
			return apierr.Invalid("only one field can speficy AutoID with true, field name = %s, %s", auto.Name, f.Name)
		}
		if !f.IsPrimaryKey {
			return apierr.Invalid("only primary field can speficy AutoID with true, field name = %s", f.Name)
		}
		auto = f
	}
	return nil
}

// checkFieldTypes refuses the types no field may have, with Milvus's
// words for String and None; Array element types are checked likewise.
func checkFieldTypes(sch *schema.Collection) error {
	for _, f := range sch.Fields {
		switch {
		case f.DataType == schema.String || f.DataType == schema.Array && f.ElementType == schema.String:
			return apierr.Invalid("string data type not supported yet, please use VarChar type instead")
		case f.DataType == schema.None:
			return apierr.Invalid("data type None is not valid")
		case f.DataType == schema.Array && f.ElementType == schema.None:
			return apierr.Invalid("element data type None is not valid")
		}
	}
	return nil
}
