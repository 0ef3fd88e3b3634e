package service

import (
	"context"
	"hash/fnv"
	"strconv"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
	"github.com/kite-db/kite/internal/shard"
)

// Write is an Insert or Upsert request.
type Write struct {
	DB, Collection, Partition string
	Columns                   map[string]*column.Column // by field name; "$meta" for dynamic keys
	NumRows                   int
	// SchemaTs is the collection's update timestamp the client built the
	// rows against (0: unchecked). A schema changed since (a field added)
	// is refused with "schema mismatch", which makes the SDKs reload it and retry.
	SchemaTs uint64
	// Partial (upsert only) keeps the fields an existing row's upsert
	// leaves out; Ops, by field name, appends to or removes from arrays
	// instead of replacing them (and implies Partial).
	Partial bool
	Ops     map[string]FieldOp
}

// MutationResult is what Insert, Upsert and Delete report.
type MutationResult struct {
	IDs       *column.Column // primary keys written (inserts and upserts)
	Timestamp uint64
	Count     int
}

// Insert validates and writes rows; they are durable when it returns.
func (s *Service) Insert(ctx context.Context, req Write) (*MutationResult, error) {
	return s.write(ctx, req, false)
}

// Upsert replaces rows with the same primary keys, or inserts them.
func (s *Service) Upsert(ctx context.Context, req Write) (*MutationResult, error) {
	return s.write(ctx, req, true)
}

func (s *Service) write(ctx context.Context, req Write, upsert bool) (*MutationResult, error) {
	if err := s.guard.check(); err != nil {
		return nil, err
	}
	_, col, err := s.collection(req.DB, req.Collection)
	if err != nil {
		return nil, err
	}
	if req.SchemaTs != 0 && req.SchemaTs != col.UpdateTs() {
		return nil, apierr.SchemaMismatch(col.Name)
	}
	if upsert && (req.Partial || len(req.Ops) > 0) {
		if req, err = s.partialRows(ctx, col, req); err != nil {
			return nil, err
		}
	}
	sh, err := s.liveShard(col)
	if err != nil {
		return nil, err
	}
	cols, n, err := s.prepareRows(col, req, upsert)
	if err != nil {
		return nil, err
	}
	pk := col.Schema.PrimaryKey()
	if upsert {
		if err := noDuplicateKeys(cols[pk.ID]); err != nil {
			return nil, err
		}
		if pk.AutoID {
			s.reassignAutoIDs(pk, cols, n)
		}
	}
	partID, err := routeRows(col, req.Partition, cols, n)
	if err != nil {
		return nil, err
	}
	res := &MutationResult{IDs: cols[pk.ID], Count: n}
	if upsert {
		res.Timestamp, err = sh.Upsert(ctx, partID, cols)
	} else {
		res.Timestamp, err = sh.Insert(ctx, partID, cols)
	}
	if err != nil {
		return nil, writeError(err)
	}
	return res, nil
}

// reassignAutoIDs makes an upsert into an auto-ID collection what Milvus
// makes it: the given keys are deleted and the rows inserted under new IDs.
func (s *Service) reassignAutoIDs(pk *schema.Field, cols map[int64]*column.Column, n int) {
	cols[shard.DeleteKeysField] = cols[pk.ID]
	first := int64(s.oracle.NextN(n))
	ids := &column.Column{Type: pk.DataType}
	for i := range n {
		if pk.DataType == schema.VarChar {
			ids.Strings = append(ids.Strings, strconv.FormatInt(first+int64(i), 10))
		} else {
			ids.Ints = append(ids.Ints, first+int64(i))
		}
	}
	cols[pk.ID] = ids
}

func writeError(err error) error {
	return apierr.Internal(err)
}

func noDuplicateKeys(pk *column.Column) error {
	seen := make(map[any]struct{}, pk.Len())
	for i := 0; i < pk.Len(); i++ {
		k := pk.Value(i)
		if _, dup := seen[k]; dup {
			return apierr.Invalid("duplicate primary keys are not allowed in the same batch, primary key: %v", k)
		}
		seen[k] = struct{}{}
	}
	return nil
}

// routeRows picks the rows' partition: the named one, _default, or — with
// a partition key — one per row by the key's hash, added to cols as the
// shard's RouteField column (the returned ID is then unused).
func routeRows(col *catalog.Collection, partName string, cols map[int64]*column.Column, n int) (int64, error) {
	key := col.Schema.PartitionKey()
	if key == nil {
		if partName == "" {
			partName = DefaultPartition
		}
		p := col.PartitionByName(partName)
		if p == nil {
			return 0, apierr.PartitionNotFound(partName)
		}
		return p.ID, nil
	}
	if partName != "" {
		return 0, apierr.Invalid("not support manually specifying the partition names if partition key mode is used")
	}
	route := &column.Column{Type: schema.Int64, Ints: make([]int64, n)}
	kc := cols[key.ID]
	for i := range route.Ints {
		route.Ints[i] = col.Partitions[partitionOf(kc, i, len(col.Partitions))].ID
	}
	cols[shard.RouteField] = route
	return segment.AllPartitions, nil
}

func partitionOf(c *column.Column, i, n int) int {
	h := fnv.New32a()
	if c.Type == schema.Int64 {
		v := uint64(c.Ints[i])
		h.Write([]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24), byte(v >> 32), byte(v >> 40), byte(v >> 48), byte(v >> 56)})
	} else {
		h.Write([]byte(c.Strings[i]))
	}
	return int(h.Sum32() % uint32(n))
}
