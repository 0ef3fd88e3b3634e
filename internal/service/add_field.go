package service

import (
	"context"
	"slices"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/schema"
)

// AddField is an AddCollectionField request.
type AddField struct {
	DB, Collection string
	Field          schema.Field
}

// AddCollectionField adds a nullable field to a collection. Rows written
// before read as the field's default value, or null (a vector field's
// earlier rows are null vectors, never searched); the shard fills them in
// without rewriting any file.
func (s *Service) AddCollectionField(ctx context.Context, req AddField) error {
	if err := s.guard.check(); err != nil {
		return err
	}
	s.ddl.Lock()
	defer s.ddl.Unlock()
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return err
	}
	f := req.Field
	if err := checkAddedField(&col.Schema, &f); err != nil {
		return err
	}
	n := col.Clone()
	f.ID = nextFieldID(&n.Schema)
	at := len(n.Schema.Fields) // before $meta, which stays last
	if n.Schema.DynamicField() != nil {
		at--
	}
	n.Schema.Fields = slices.Insert(n.Schema.Fields, at, f)
	n.SchemaVersion++
	n.UpdatedTs = s.oracle.Next()
	if err := s.cat.PutCollection(n); err != nil {
		return err
	}
	if sh := s.shard(col.ID); sh != nil {
		sh.AddField()
	}
	return nil
}

// checkAddedField applies Milvus's rules for a field added to an existing
// collection, in its order, then the rules every field follows.
func checkAddedField(sch *schema.Collection, f *schema.Field) error {
	fields, vectors := 0, 0
	for _, old := range sch.Fields {
		if !old.IsDynamic {
			fields++
		}
		if old.DataType.IsVector() {
			vectors++
		}
	}
	switch {
	case fields >= MaxFields:
		return apierr.Invalid("The number of fields has reached the maximum value %d", MaxFields)
	case f.DataType.IsVector() && vectors >= MaxVectorFields:
		return apierr.Invalid("maximum vector field's number should be limited to %d", MaxVectorFields)
	case !f.DataType.Known() || f.DataType == schema.None:
		return apierr.InvalidExpected("valid field", "field data type: "+f.DataType.String()+" is not supported", "invalid parameter")
	case f.Name == schema.DynamicFieldName:
		return apierr.Invalid("not support to add system field, field name = %s", f.Name)
	case f.IsPrimaryKey:
		return apierr.Invalid("not support to add pk field, field name = %s", f.Name)
	case f.DataType.IsVector() && !f.Nullable:
		return apierr.Invalid("adding vector field to existing collection requires nullable=true, field name = %s", f.Name)
	case !f.Nullable:
		return apierr.Invalid("added field must be nullable, please check it, field name = %s", f.Name)
	case f.DataType.IsDenseVector() && len(f.TypeParams) == 0:
		return apierr.Invalid("vector field must have dimension specified, field name = %s", f.Name)
	case f.AutoID:
		return apierr.Invalid("only primary field can speficy AutoID with true, field name = %s", f.Name)
	case f.IsPartitionKey:
		return apierr.Invalid("not support to add partition key field, field name  = %s", f.Name)
	case f.IsClusteringKey && slices.ContainsFunc(sch.Fields, func(o schema.Field) bool { return o.IsClusteringKey }):
		return apierr.Invalid("already has another clutering key field, field name: %s", f.Name)
	}
	if err := validFieldName(f.Name); err != nil {
		return err
	}
	if err := checkDefaultType(f); err != nil {
		return err
	}
	if err := checkField(sch.Name, f); err != nil {
		return err
	}
	if err := checkDefaultValue(f); err != nil {
		return err
	}
	if sch.FieldByName(f.Name) != nil {
		return apierr.Invalid("duplicate field name: %s", f.Name)
	}
	return nil
}

// nextFieldID is one past the largest field ID, so an added field never
// reuses an ID that files may still hold.
func nextFieldID(sch *schema.Collection) int64 {
	next := int64(firstFieldID)
	for _, f := range sch.Fields {
		next = max(next, f.ID+1)
	}
	return next
}
