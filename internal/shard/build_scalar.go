package shard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/index/scalar"
	"github.com/kite-db/kite/internal/schema"
	"github.com/kite-db/kite/internal/segment"
)

// buildScalar installs the scalar index ix on seg: opened from the file
// an earlier build saved, or built now. Fields Kite does not index (JSON)
// are skipped; their filters scan. A failed build leaves the field
// scanned and is returned, for DescribeIndex to report.
func buildScalar(seg *segment.Segment, ix catalog.Index, f *schema.Field) error {
	sf := scalar.FieldOf(f)
	if seg.HasScalarIndex(f.ID) || !scalar.Buildable(ix.Type, sf) {
		return nil
	}
	built, err := openOrBuildScalar(seg, ix, sf)
	if err != nil {
		return fmt.Errorf("build %s index on segment %d: %w", ix.Type, seg.ID, err)
	}
	seg.SetScalarIndex(f.ID, built)
	return nil
}

// openOrBuildScalar maps scalar_<indexID>.ksidx from the segment's
// directory, or builds the index, saves it there atomically and maps it.
// An unreadable file is removed and rebuilt.
func openOrBuildScalar(seg *segment.Segment, ix catalog.Index, sf scalar.Field) (scalar.Index, error) {
	path := filepath.Join(seg.Dir, fmt.Sprintf("scalar_%d.ksidx", ix.ID))
	opened, err := scalar.Open(path)
	if err == nil {
		return opened, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		os.Remove(path)
	}
	col := seg.Snapshot(^uint64(0), segment.NewDeleteLog()).Cols[ix.FieldID]
	if col == nil {
		return nil, fmt.Errorf("segment %d has no column for field %d", seg.ID, ix.FieldID)
	}
	typ, err := scalar.Choose(ix.Type, ix.Params, sf, col)
	if err != nil {
		return nil, err
	}
	built, err := scalar.Build(typ, sf, col)
	if err != nil {
		return nil, err
	}
	return saveScalar(seg.Dir, path, built), nil
}

// saveScalar writes a built scalar index to path (via a temporary file, so a
// crash never leaves half a file) and returns its mapped copy, which keeps
// the index off the Go heap; if saving fails the built index serves, and the
// next boot builds it again.
func saveScalar(dir, path string, built scalar.Index) scalar.Index {
	tmp := path + ".tmp"
	if err := scalar.WriteFile(tmp, built); err != nil || os.Rename(tmp, path) != nil {
		os.Remove(tmp)
		return built
	}
	syncDir(dir)
	if opened, err := scalar.Open(path); err == nil {
		return opened
	}
	return built
}
