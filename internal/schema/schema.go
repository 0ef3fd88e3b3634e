package schema

// Field describes one column of a collection.
type Field struct {
	ID              int64             `json:"id"`
	Name            string            `json:"name"`
	Description     string            `json:"description,omitempty"`
	DataType        DataType          `json:"data_type"`
	ElementType     DataType          `json:"element_type,omitempty"` // Array only
	IsPrimaryKey    bool              `json:"is_primary_key,omitempty"`
	AutoID          bool              `json:"auto_id,omitempty"`
	IsPartitionKey  bool              `json:"is_partition_key,omitempty"`
	IsClusteringKey bool              `json:"is_clustering_key,omitempty"`
	IsDynamic       bool              `json:"is_dynamic,omitempty"` // the hidden $meta JSON field
	Nullable        bool              `json:"nullable,omitempty"`
	Default         *Value            `json:"default,omitempty"`
	Dim             int               `json:"dim,omitempty"`          // dense vectors
	MaxLength       int               `json:"max_length,omitempty"`   // VarChar, or Array of VarChar
	MaxCapacity     int               `json:"max_capacity,omitempty"` // Array
	TypeParams      map[string]string `json:"type_params,omitempty"`  // everything as the client sent it
}

// Value is a scalar default value. Exactly one member is meaningful,
// chosen by the field's data type.
type Value struct {
	Bool   bool    `json:"bool,omitempty"`
	Int    int64   `json:"int,omitempty"`
	Float  float64 `json:"float,omitempty"`
	String string  `json:"string,omitempty"`
	// Kind is the type of value a request sent when the protocol says
	// (gRPC's ValueField: Int32 for int_data, Int64 for long_data, VarChar
	// for string_data, JSON for bytes_data, ...), so that a default of
	// the wrong type is refused by name; None once checked, and never
	// stored.
	Kind DataType `json:"-"`
}

// Collection is a collection's schema.
type Collection struct {
	Name               string  `json:"name"`
	Description        string  `json:"description,omitempty"`
	Fields             []Field `json:"fields"`
	EnableDynamicField bool    `json:"enable_dynamic_field,omitempty"`
}

// DynamicFieldName is the name of the hidden JSON field that holds the keys a
// row has beyond the schema.
const DynamicFieldName = "$meta"

// PrimaryKey returns the primary-key field.
func (c *Collection) PrimaryKey() *Field {
	for i := range c.Fields {
		if c.Fields[i].IsPrimaryKey {
			return &c.Fields[i]
		}
	}
	return nil
}

// FieldByName returns the named field, or nil.
func (c *Collection) FieldByName(name string) *Field {
	for i := range c.Fields {
		if c.Fields[i].Name == name {
			return &c.Fields[i]
		}
	}
	return nil
}

// FieldByID returns the field with the given ID, or nil.
func (c *Collection) FieldByID(id int64) *Field {
	for i := range c.Fields {
		if c.Fields[i].ID == id {
			return &c.Fields[i]
		}
	}
	return nil
}

// DynamicField returns the $meta field when the dynamic field is enabled.
func (c *Collection) DynamicField() *Field {
	for i := range c.Fields {
		if c.Fields[i].IsDynamic {
			return &c.Fields[i]
		}
	}
	return nil
}

// PartitionKey returns the partition-key field, or nil.
func (c *Collection) PartitionKey() *Field {
	for i := range c.Fields {
		if c.Fields[i].IsPartitionKey {
			return &c.Fields[i]
		}
	}
	return nil
}

// VectorFields returns the vector fields in schema order.
func (c *Collection) VectorFields() []*Field {
	var out []*Field
	for i := range c.Fields {
		if c.Fields[i].DataType.IsVector() {
			out = append(out, &c.Fields[i])
		}
	}
	return out
}
