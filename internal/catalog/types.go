package catalog

import (
	"encoding/json"
	"maps"

	"github.com/kite-db/kite/internal/schema"
)

// Database is a namespace of collections.
type Database struct {
	ID         int64             `json:"id"`
	Name       string            `json:"name"`
	Properties map[string]string `json:"properties,omitempty"`
	CreatedTs  uint64            `json:"created_ts"`
}

// Collection is a collection's metadata. Partitions and indexes live inside
// it: they change rarely and always together with the collection.
type Collection struct {
	ID               int64             `json:"id"`
	DBID             int64             `json:"db_id"`
	Name             string            `json:"name"`
	Schema           schema.Collection `json:"schema"`
	SchemaVersion    int32             `json:"schema_version"`
	Properties       map[string]string `json:"properties,omitempty"`
	ShardsNum        int32             `json:"shards_num"`
	ConsistencyLevel int32             `json:"consistency_level"`
	NumPartitions    int64             `json:"num_partitions,omitempty"` // partition-key collections
	CreatedTs        uint64            `json:"created_ts"`
	UpdatedTs        uint64            `json:"updated_ts,omitempty"` // last schema or property change; 0: CreatedTs
	Partitions       []Partition       `json:"partitions"`
	Indexes          []Index           `json:"indexes,omitempty"`
	Loaded           bool              `json:"loaded,omitempty"`
}

// UpdateTs is when the collection's schema or properties last changed.
func (c *Collection) UpdateTs() uint64 {
	if c.UpdatedTs != 0 {
		return c.UpdatedTs
	}
	return c.CreatedTs
}

// Partition is a named subset of a collection's rows.
type Partition struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	CreatedTs uint64 `json:"created_ts"`
	Loaded    bool   `json:"loaded,omitempty"`
}

// Index is an index on one field.
type Index struct {
	ID        int64             `json:"id"`
	Name      string            `json:"name"`
	FieldID   int64             `json:"field_id"`
	Type      string            `json:"type"`                 // as the client named it (AUTOINDEX stays AUTOINDEX)
	BuildType string            `json:"build_type,omitempty"` // what Kite builds for it (AUTOINDEX resolved)
	Metric    string            `json:"metric,omitempty"`
	Params    map[string]string `json:"params,omitempty"` // build parameters, flattened
	// UserParams are the index's parameters as the client sent them
	// (Milvus's user_index_params): DescribeIndex returns them unchanged.
	UserParams map[string]string `json:"user_params,omitempty"`
	CreatedTs  uint64            `json:"created_ts"`
}

// Alias points a name at a collection of the same database.
type Alias struct {
	Name         string `json:"name"`
	DBID         int64  `json:"db_id"`
	CollectionID int64  `json:"collection_id"`
}

// Segment is a sealed segment's catalog entry.
type Segment struct {
	ID           int64  `json:"id"`
	CollectionID int64  `json:"collection_id"`
	PartitionID  int64  `json:"partition_id"`
	Rows         int64  `json:"rows"`
	Dir          string `json:"dir"`    // relative to the object root
	MaxTs        uint64 `json:"max_ts"` // newest row timestamp
}

// Checkpoint says how far a collection's WAL is durable elsewhere: records
// up to LSN are in sealed segments and delta files.
type Checkpoint struct {
	LSN    uint64   `json:"lsn"`
	Deltas []string `json:"deltas,omitempty"` // delete files, relative to the object root
}

// PartitionByName returns the named partition.
func (c *Collection) PartitionByName(name string) *Partition {
	for i := range c.Partitions {
		if c.Partitions[i].Name == name {
			return &c.Partitions[i]
		}
	}
	return nil
}

// PartitionByID returns the partition with id.
func (c *Collection) PartitionByID(id int64) *Partition {
	for i := range c.Partitions {
		if c.Partitions[i].ID == id {
			return &c.Partitions[i]
		}
	}
	return nil
}

// IndexByField returns the index on field id.
func (c *Collection) IndexByField(id int64) *Index {
	for i := range c.Indexes {
		if c.Indexes[i].FieldID == id {
			return &c.Indexes[i]
		}
	}
	return nil
}

// Clone returns a deep enough copy to modify and swap in.
func (c *Collection) Clone() *Collection {
	n := *c
	n.Schema.Fields = append([]schema.Field(nil), c.Schema.Fields...)
	n.Partitions = append([]Partition(nil), c.Partitions...)
	n.Indexes = append([]Index(nil), c.Indexes...)
	n.Properties = cloneMap(c.Properties)
	return &n
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Described returns the parameters DescribeIndex reports: the client's own,
// or for an index created before Kite kept them, its type, metric and JSON
// path keys with the build parameters as one "params" JSON object.
func (ix Index) Described() map[string]string {
	if ix.UserParams != nil {
		return ix.UserParams
	}
	out := map[string]string{"index_type": ix.Type}
	if ix.Metric != "" {
		out["metric_type"] = ix.Metric
	}
	rest := maps.Clone(ix.Params)
	for _, k := range []string{"json_path", "json_cast_type", "json_cast_function"} {
		if v, ok := rest[k]; ok {
			out[k] = v
			delete(rest, k)
		}
	}
	if len(rest) > 0 {
		raw, _ := json.Marshal(rest)
		out["params"] = string(raw)
	}
	return out
}
