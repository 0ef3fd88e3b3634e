package ops

import (
	"fmt"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/segment"
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
	db, err := r.database(newest.meta)
	if err != nil {
		return nil, err
	}
	col := &catalog.Collection{ID: id, DBID: db.ID, Name: sch.Name, Schema: sch,
		SchemaVersion: newest.meta.SchemaVersion, ShardsNum: 1, ConsistencyLevel: consistencyBounded, CreatedTs: uint64(id)}
	if _, taken := r.cat.Collection(db.ID, col.Name); taken {
		col.Name = fmt.Sprintf("%s_%d", sch.Name, id)
		r.findings.add("collections", Warn, col.Name, "rename it once you know which copy is which",
			"collection %d is named %s in its segments, a name already taken; recovered as %s", id, sch.Name, col.Name)
	}
	if err := r.cat.PutCollection(col); err != nil {
		return nil, err
	}
	r.findings.add("collections", Info, col.Name, "create its indexes again (the metadata that described them is lost), then load it",
		"collection %d recovered from its segment files into database %s", id, db.Name)
	return col, nil
}

// database is the database a segment recorded, created again if the
// metadata lost it; segments written before names were recorded go to default.
func (r *reconciler) database(m segment.Meta) (*catalog.Database, error) {
	if m.DBName == "" || m.DBName == "default" {
		d, _ := r.cat.Database("default")
		return d, nil
	}
	if d, ok := r.cat.Database(m.DBName); ok {
		return d, nil
	}
	d := &catalog.Database{ID: m.DBID, Name: m.DBName, CreatedTs: uint64(m.DBID)}
	if err := r.cat.PutDatabase(d); err != nil {
		return nil, err
	}
	r.findings.add("databases", Info, d.Name, "check its properties: they are not stored with the data",
		"database %s recovered from segment files", d.Name)
	return d, nil
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
		if name := r.partNames[id]; name != "" {
			p.Name = name
		} else if id != def || hasDefault {
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
