package shard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/expr"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// PathSpec is what a JSON-path index builds from its catalog params: the
// path inside the field and the cast. ok is false for an index Kite
// accepts but does not build (cast JSON, a json_cast_function): filters
// on those paths scan.
func PathSpec(ix catalog.Index, sch *schema.Collection) (path []string, cast scalar.Cast, ok bool) {
	c, ok := scalar.ParseCast(ix.Params["json_cast_type"])
	if !ok || c.Elem() == schema.None || ix.Params["json_cast_function"] != "" {
		return nil, 0, false
	}
	p, err := expr.ParseJSONPath(ix.Params["json_path"], sch)
	if err != nil || p.Field.ID != ix.FieldID {
		return nil, 0, false
	}
	return p.Path, c, true
}

// buildPath installs the JSON-path index ix on seg: opened from the file
// an earlier build saved, or built now from the segment's JSON column.
func buildPath(seg *segment.Segment, ix catalog.Index, sch *schema.Collection) error {
	path, cast, ok := PathSpec(ix, sch)
	if !ok || seg.HasPathIndex(ix.ID) {
		return nil
	}
	built, err := openOrBuildPath(seg, ix, path, cast)
	if err != nil {
		return fmt.Errorf("build %s index on segment %d: %w", ix.Name, seg.ID, err)
	}
	seg.SetPathIndex(ix.FieldID, scalar.PathIndex{ID: ix.ID, Path: path, Cast: cast, Index: built})
	return nil
}

// openOrBuildPath maps scalar_<indexID>.ksidx, as openOrBuildScalar does,
// or builds and saves it; an unreadable file is removed and rebuilt.
func openOrBuildPath(seg *segment.Segment, ix catalog.Index, path []string, cast scalar.Cast) (scalar.Index, error) {
	file := filepath.Join(seg.Dir, fmt.Sprintf("scalar_%d.ksidx", ix.ID))
	opened, err := scalar.Open(file)
	if err == nil {
		return opened, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		os.Remove(file)
	}
	v := seg.Snapshot(^uint64(0), segment.NewDeleteLog())
	col := v.Cols[ix.FieldID]
	if col == nil {
		return nil, fmt.Errorf("segment %d has no column for field %d", seg.ID, ix.FieldID)
	}
	built, err := scalar.BuildPath(cast, v.N, col.Valid, expr.PathEntriesOf(col, v.N, path, cast))
	if err != nil {
		return nil, err
	}
	return saveScalar(seg.Dir, file, built), nil
}
