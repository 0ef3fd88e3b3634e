package datadir

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func (s *Storage) scanObjects(d Dir) error {
	ents, err := readDir(d.Objects())
	if err != nil {
		return err
	}
	for _, e := range ents {
		id, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil || !e.IsDir() {
			s.Strays = append(s.Strays, filepath.Join(ObjectsDir, e.Name()))
			continue
		}
		c := s.coll(id)
		c.HasObjects = true
		if err := s.scanCollection(d, c); err != nil {
			return err
		}
	}
	return nil
}

func (s *Storage) scanCollection(d Dir, c *CollectionFiles) error {
	rel := strconv.FormatInt(c.ID, 10)
	parts, err := readDir(filepath.Join(d.Objects(), rel))
	if err != nil {
		return err
	}
	for _, p := range parts {
		if p.Name() == DeltaDir && p.IsDir() {
			if err := scanDeltas(d, c, filepath.Join(rel, DeltaDir)); err != nil {
				return err
			}
			continue
		}
		pid, err := strconv.ParseInt(p.Name(), 10, 64)
		if err != nil || !p.IsDir() {
			s.Strays = append(s.Strays, filepath.Join(ObjectsDir, rel, p.Name()))
			continue
		}
		if err := s.scanPartition(d, c, pid, filepath.Join(rel, p.Name())); err != nil {
			return err
		}
	}
	sort.Slice(c.Segments, func(i, j int) bool { return c.Segments[i].SegmentID < c.Segments[j].SegmentID })
	sort.Slice(c.Deltas, func(i, j int) bool { return c.Deltas[i].LSN < c.Deltas[j].LSN })
	return nil
}

func (s *Storage) scanPartition(d Dir, c *CollectionFiles, pid int64, rel string) error {
	segs, err := readDir(filepath.Join(d.Objects(), rel))
	if err != nil {
		return err
	}
	for _, e := range segs {
		sid, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil || !e.IsDir() {
			s.Strays = append(s.Strays, filepath.Join(ObjectsDir, rel, e.Name()))
			continue
		}
		sd := SegmentDir{Rel: filepath.Join(rel, e.Name()), PartitionID: pid, SegmentID: sid}
		if err := statSegment(filepath.Join(d.Objects(), sd.Rel), &sd); err != nil {
			return err
		}
		c.Segments = append(c.Segments, sd)
	}
	return nil
}

func statSegment(dir string, sd *SegmentDir) error {
	files, err := readDir(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if info, err := f.Info(); err == nil {
			sd.Bytes += info.Size()
		}
		switch name := f.Name(); {
		case name == SegmentMeta:
			sd.HasMeta = true
		case strings.HasPrefix(name, "index_") && strings.HasSuffix(name, ".kidx"):
			sd.IndexFiles = append(sd.IndexFiles, name)
		}
	}
	return nil
}

func scanDeltas(d Dir, c *CollectionFiles, rel string) error {
	files, err := readDir(filepath.Join(d.Objects(), rel))
	if err != nil {
		return err
	}
	for _, f := range files {
		lsn, err := strconv.ParseUint(strings.TrimSuffix(f.Name(), ".del"), 10, 64)
		if err != nil || !strings.HasSuffix(f.Name(), ".del") {
			continue
		}
		df := DeltaFile{Rel: filepath.Join(rel, f.Name()), LSN: lsn}
		if info, err := f.Info(); err == nil {
			df.Bytes = info.Size()
		}
		c.Deltas = append(c.Deltas, df)
	}
	return nil
}

// Size returns the bytes of the regular files under dir.
func Size(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if info, err := e.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
