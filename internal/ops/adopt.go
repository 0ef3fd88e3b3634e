package ops

import (
	"fmt"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/service"
)

// adopt creates the catalog entry of a collection the metadata does not know,
// from the newest schema its segments carry. Without a segment there is no
// schema, and the collection cannot be adopted.
func (r *reconciler) adopt(id int64, cf *collFiles) (*catalog.Collection, error) {
	var newest *segFile
	for _, sf := range cf.opened {
		if newest == nil || sf.meta.SchemaVersion > newest.meta.SchemaVersion {
			newest = sf
		}
	}
	if newest == nil {
		return nil, nil
	}
	sch := newest.meta.Schema
	col := &catalog.Collection{ID: id, DBID: catalog.DefaultDBID, Name: sch.Name, Schema: sch,
		SchemaVersion: newest.meta.SchemaVersion, ShardsNum: 1, ConsistencyLevel: consistencyBounded, CreatedTs: uint64(id)}
	if _, taken := r.cat.Collection(catalog.DefaultDBID, col.Name); taken {
		col.Name = fmt.Sprintf("%s_%d", sch.Name, id)
		r.findings.add("collections", Warn, col.Name, "rename it once you know which copy is which",
			"collection %d is named %s in its segments, a name already taken; recovered as %s", id, sch.Name, col.Name)
	}
	if err := r.cat.PutCollection(col); err != nil {
		return nil, err
	}
	r.findings.add("collections", Info, col.Name, "create its indexes again (the metadata that described them is lost), then load it",
		"collection %d recovered from its segment files into database default", id)
	return col, nil
}

// consistencyBounded is Milvus's default consistency level (commonpb.ConsistencyLevel_Bounded).
const consistencyBounded = 2

// nameRecovered names the partitions of a collection rebuilt from files
// alone: the service's own names where the IDs tell them, else partition_<id>.
func (r *reconciler) nameRecovered(col *catalog.Collection, ids []int64) []catalog.Partition {
	if col.Schema.PartitionKey() != nil {
		return namePartitionKeyed(col, ids)
	}
	var out []catalog.Partition
	// The service takes the _default partition's ID right after the collection's.
	def := col.ID + 1
	hasDefault := col.PartitionByName(service.DefaultPartition) != nil
	if !hasDefault && col.PartitionByID(def) == nil && !contains(ids, def) {
		out = append(out, catalog.Partition{ID: def, Name: service.DefaultPartition, CreatedTs: col.CreatedTs})
		hasDefault = true
	}
	for _, id := range ids {
		p := catalog.Partition{ID: id, Name: service.DefaultPartition, CreatedTs: col.CreatedTs}
		if id != def || hasDefault {
			p.Name = fmt.Sprintf("partition_%d", id)
			r.findings.add("partitions", Warn, col.Name, "rename it with your data in mind: partition names are not stored with the data",
				"partition %d recovered as %s", id, p.Name)
		}
		out = append(out, p)
	}
	return out
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
