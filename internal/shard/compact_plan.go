package shard

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/bitset"
	"github.com/kite-db/kite/internal/segment"
)

// Milvus's defaults: a segment whose deleted rows pass DeleteRatio of it is
// rewritten (dataCoord.compaction.single.ratio.threshold), and segments
// under SmallProportion of the seal size are merged
// (dataCoord.segment.smallProportion), into segments no bigger than it.
const (
	DeleteRatio     = 0.2
	SmallProportion = 0.5
)

// Plan is one compaction: sealed segments of one partition rewritten into
// one segment holding their rows that a read can still see.
type Plan struct {
	PartitionID int64
	Sources     []int64 // sealed segment IDs
	Target      int64   // the new segment's ID; none is written when no row survives
}

// segStat is what planning knows of one sealed segment.
type segStat struct {
	seg    *segment.Segment
	kept   int    // rows a read at or after the horizon may see
	fields string // the field set: only segments with equal sets merge
}

// PlanCompaction picks what to compact now. force (ManualCompaction)
// rewrites every segment holding a purgeable row; otherwise only segments
// past DeleteRatio are. Both merge small segments and drop the segments of
// dropped partitions. An automatic check that finds nothing remembers the
// state and returns at once until deletes or the sealed set change.
func (s *Shard) PlanCompaction(force bool) []Plan {
	sealed, _ := s.Segments()
	key := s.idleKey(sealed)
	if !force && s.isIdle(key) {
		return nil
	}
	col, ok := s.cat.CollectionByID(s.collID)
	if !ok {
		return nil
	}
	h := s.Horizon()
	byPart := map[int64][]segStat{}
	var plans []Plan
	for _, seg := range sealed {
		if col.PartitionByID(seg.PartitionID) == nil {
			plans = append(plans, s.newPlan(seg.PartitionID, seg))
			continue
		}
		byPart[seg.PartitionID] = append(byPart[seg.PartitionID], s.statOf(seg, h))
	}
	for part, stats := range byPart {
		plans = append(plans, s.planPartition(part, stats, force)...)
	}
	if len(plans) == 0 && !force && !s.waitingOnHorizon(byPart) {
		s.setIdle(key)
	}
	return plans
}

// waitingOnHorizon reports whether a segment would be rewritten if its
// deleted rows were all purgeable: then the check must run again once the
// horizon passes them.
func (s *Shard) waitingOnHorizon(byPart map[int64][]segStat) bool {
	for _, stats := range byPart {
		for _, st := range stats {
			n := st.seg.Len()
			if float64(n-s.statOf(st.seg, ^uint64(0)).kept) > DeleteRatio*float64(n) {
				return true
			}
		}
	}
	return false
}

func (s *Shard) statOf(seg *segment.Segment, h uint64) segStat {
	keep := s.keptRows(seg, h)
	var fields strings.Builder
	for _, id := range seg.FieldIDs() {
		fields.WriteString(strconv.FormatInt(id, 10) + ",")
	}
	return segStat{seg: seg, kept: keep.Count(), fields: fields.String()}
}

// keptRows marks the rows of seg a compaction at horizon h keeps: all but
// those inserted and deleted at or before h.
func (s *Shard) keptRows(seg *segment.Segment, h uint64) *bitset.Bitset {
	s.mu.Lock()
	dl := s.mu.deletes
	s.mu.Unlock()
	keep := seg.Snapshot(h, dl).Visible
	for i, t := range seg.RowTs() {
		if t > h {
			keep.Set(i)
		}
	}
	return keep
}

// planPartition merges small segments into bins under the seal size and
// rewrites the others that hold enough deleted rows.
func (s *Shard) planPartition(part int64, stats []segStat, force bool) []Plan {
	limit := s.cfg.SealRows
	slices.SortFunc(stats, func(a, b segStat) int { return a.kept - b.kept })
	var plans []Plan
	merged := map[*segment.Segment]bool{}
	for _, bin := range smallBins(stats, limit) {
		plans = append(plans, s.newPlan(part, bin...))
		for _, seg := range bin {
			merged[seg] = true
		}
	}
	for _, st := range stats {
		n := st.seg.Len()
		purge := n - st.kept
		if merged[st.seg] || purge == 0 {
			continue
		}
		if force || float64(purge) > DeleteRatio*float64(n) {
			plans = append(plans, s.newPlan(part, st.seg))
		}
	}
	return plans
}

// smallBins groups segments under SmallProportion of limit (sorted by kept
// rows, smallest first) into bins of at most limit rows; bins of one
// segment are not merges and are left out.
func smallBins(stats []segStat, limit int) [][]*segment.Segment {
	if limit <= 0 {
		return nil
	}
	open := map[string][]*segment.Segment{}
	rows := map[string]int{}
	var bins [][]*segment.Segment
	for _, st := range stats {
		if float64(st.kept) >= SmallProportion*float64(limit) {
			continue
		}
		if rows[st.fields]+st.kept > limit {
			bins = append(bins, open[st.fields])
			open[st.fields], rows[st.fields] = nil, 0
		}
		open[st.fields] = append(open[st.fields], st.seg)
		rows[st.fields] += st.kept
	}
	for _, bin := range open {
		bins = append(bins, bin)
	}
	return slices.DeleteFunc(bins, func(b []*segment.Segment) bool { return len(b) < 2 })
}

func (s *Shard) newPlan(part int64, segs ...*segment.Segment) Plan {
	p := Plan{PartitionID: part, Target: int64(s.oracle.NextN(1))}
	for _, seg := range segs {
		p.Sources = append(p.Sources, seg.ID)
	}
	slices.Sort(p.Sources)
	return p
}

func (s *Shard) idleKey(sealed []*segment.Segment) idleKey {
	k := idleKey{deletes: s.deleteCount(), valid: true}
	for _, seg := range sealed {
		k.sealed += seg.ID
	}
	return k
}

func (s *Shard) deleteCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mu.deletes.Len()
}

func (s *Shard) isIdle(k idleKey) bool {
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	return s.cmp.mu.idle == k
}

func (s *Shard) setIdle(k idleKey) {
	s.cmp.mu.Lock()
	defer s.cmp.mu.Unlock()
	s.cmp.mu.idle = k
}
