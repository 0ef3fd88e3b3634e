package ops

import (
	"fmt"
	"sort"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/service"
)

// updateCollection adds partitions the files use but the catalog lacks, and
// takes a newer schema from the segments.
func (r *reconciler) updateCollection(col *catalog.Collection, cf *collFiles, plan *segPlan, walParts map[int64]bool) error {
	n := col.Clone()
	changed := false
	var missing []int64
	seen := map[int64]bool{}
	note := func(id int64) {
		if !seen[id] && n.PartitionByID(id) == nil {
			missing = append(missing, id)
		}
		seen[id] = true
	}
	for _, sf := range plan.kept {
		note(sf.meta.PartitionID)
		if sf.meta.SchemaVersion > n.SchemaVersion {
			n.Schema, n.SchemaVersion, changed = sf.meta.Schema, sf.meta.SchemaVersion, true
			r.findings.add("schema", Info, collName(r.cat, col), "",
				"schema version %d taken from segment %d", sf.meta.SchemaVersion, sf.meta.SegmentID)
		}
	}
	for id := range walParts {
		note(id)
	}
	if len(missing) > 0 || len(n.Partitions) == 0 {
		sort.Slice(missing, func(i, j int) bool { return missing[i] < missing[j] })
		for _, p := range r.name(n, missing) {
			n.Partitions = append(n.Partitions, p)
		}
		sort.Slice(n.Partitions, func(i, j int) bool { return n.Partitions[i].ID < n.Partitions[j].ID })
		changed = true
	}
	if !changed {
		return nil
	}
	if err := r.cat.PutCollection(n); err != nil {
		return err
	}
	*col = *n
	return nil
}

// nameAdded names partitions created after the metadata copy was taken.
func (r *reconciler) nameAdded(col *catalog.Collection, ids []int64) []catalog.Partition {
	var out []catalog.Partition
	for _, id := range ids {
		p := catalog.Partition{ID: id, Name: fmt.Sprintf("partition_%d", id), CreatedTs: uint64(id)}
		r.findings.add("partitions", Warn, collName(r.cat, col), "rename it with your data in mind: the original name is not stored with the data",
			"partition %d holds data but is not in the metadata; added as %s", id, p.Name)
		out = append(out, p)
	}
	return out
}

// collName names a collection for people: db.name, or just name in default.
func collName(cat *catalog.Catalog, col *catalog.Collection) string {
	if col.DBID == catalog.DefaultDBID {
		return col.Name
	}
	for _, d := range cat.Databases() {
		if d.ID == col.DBID {
			return d.Name + "." + col.Name
		}
	}
	return fmt.Sprintf("db%d.%s", col.DBID, col.Name)
}

// namePartitionKeyed names the partitions of a partition-key collection as
// the service does (_default_0 ...), keeping the hash routing's count.
func namePartitionKeyed(col *catalog.Collection, ids []int64) []catalog.Partition {
	n := max(int64(service.DefaultPartitions), int64(len(ids)))
	byIndex := map[int64]int64{}
	inRange := true
	for _, id := range ids {
		// The service takes a collection's partition IDs from the oracle right
		// after the collection's own ID, so ID-collID-1 is the partition index.
		i := id - col.ID - 1
		if i < 0 || i >= n {
			inRange = false
		}
		byIndex[i] = id
	}
	if !inRange {
		byIndex = map[int64]int64{}
		for i, id := range ids {
			byIndex[int64(i)] = id
		}
	}
	used := map[int64]bool{}
	for _, id := range byIndex {
		used[id] = true
	}
	var out []catalog.Partition
	next := col.ID + 1
	for i := int64(0); i < n; i++ {
		id, ok := byIndex[i]
		for ; !ok && used[next]; next++ {
		}
		if !ok {
			id, used[next] = next, true
		}
		out = append(out, catalog.Partition{ID: id, Name: fmt.Sprintf("%s_%d", service.DefaultPartition, i), CreatedTs: col.CreatedTs})
	}
	col.NumPartitions = n
	return out
}
