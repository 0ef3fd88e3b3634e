package shard

import (
	"context"
	"errors"
	"math/rand"
	"path/filepath"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/segment"
)

func pkRange(from, to int64) []int64 {
	var out []int64
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// later moves the shard's horizon clock an hour ahead, so every delete made
// so far is purgeable unless a lease holds it back.
func (f *fixture) later() {
	f.sh.cmp.clock = func() time.Time { return time.Now().Add(time.Hour) }
}

func (f *fixture) insert(part int64, pks []int64, x int64) uint64 {
	ts, err := f.sh.Insert(context.Background(), part, rows(pks, x))
	if err != nil {
		f.t.Fatal(err)
	}
	return ts
}

func (f *fixture) delete(part int64, pks []int64) uint64 {
	ts, err := f.sh.Delete(context.Background(), part, rows(pks, 0)[pkID])
	if err != nil {
		f.t.Fatal(err)
	}
	return ts
}

func (f *fixture) flush() {
	if err := f.sh.Flush(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

// compactAll runs every plan; it returns how many ran.
func (f *fixture) compactAll(force bool) int {
	plans := f.sh.PlanCompaction(force)
	for _, p := range plans {
		if _, err := f.sh.Compact(context.Background(), p); err != nil {
			f.t.Fatal(err)
		}
	}
	return len(plans)
}

func (f *fixture) visibleAt(ts uint64) [][2]int64 {
	snap := f.snapshot(ts, nil)
	defer snap.Release()
	var out [][2]int64
	for _, v := range snap.Views {
		v.Visible.ForEach(func(i int) bool {
			out = append(out, [2]int64{v.Cols[pkID].Ints[i], v.Cols[valueID].Ints[i]})
			return true
		})
	}
	return sortRows(out)
}

func sortRows(r [][2]int64) [][2]int64 {
	return (model{0: func() map[int64][]int64 {
		m := map[int64][]int64{}
		for _, x := range r {
			m[x[0]] = append(m[x[0]], x[1])
		}
		return m
	}()}).rows()
}

func segDirs(t *testing.T, f *fixture) []string {
	dirs, err := filepath.Glob(filepath.Join(f.dir, "objects", "7", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range dirs {
		if filepath.Base(filepath.Dir(d)) != "delta" {
			out = append(out, d)
		}
	}
	return out
}

func TestCompactPurgesDeletedRows(t *testing.T) {
	f := newFixture(t, 1000)
	f.insert(partA, pkRange(0, 100), 1)
	f.flush()
	f.delete(partA, pkRange(0, 50))
	want := f.visible(nil)
	if n := f.compactAll(false); n != 0 {
		t.Fatalf("%d plans for deletes inside the read margin", n)
	}
	f.later()
	if n := f.compactAll(false); n != 1 {
		t.Fatalf("%d plans, want 1 (half the rows deleted)", n)
	}
	if st := f.sh.Stats(); st.SealedRows != 50 || st.SealedSegments != 1 {
		t.Fatalf("after compaction: %+v", st)
	}
	if got := f.visible(nil); !equalRows(got, want) {
		t.Fatalf("rows changed: %v want %v", got, want)
	}
	if dirs := segDirs(t, f); len(dirs) != 1 {
		t.Fatalf("segment dirs %v, want only the compacted one", dirs)
	}
	if g, _ := f.cat.Garbage(collID); len(g) != 0 {
		t.Fatalf("garbage left listed: %v", g)
	}
	f.reopen()
	if got := f.visible(nil); !equalRows(got, want) {
		t.Fatalf("after reopen: %v want %v", got, want)
	}
}

func TestCompactMergesSmallSegments(t *testing.T) {
	f := newFixture(t, 100)
	var marks []uint64
	for i := int64(0); i < 4; i++ {
		f.insert(partA, pkRange(i*10, i*10+10), i)
		f.flush()
		marks = append(marks, f.oracle.Next())
	}
	f.insert(partB, pkRange(100, 110), 9) // another partition: never merged with A
	f.flush()
	before := make([][][2]int64, len(marks))
	for i, ts := range marks {
		before[i] = f.visibleAt(ts)
	}
	if n := f.compactAll(false); n != 1 {
		t.Fatalf("%d plans, want one merge", n)
	}
	if st := f.sh.Stats(); st.SealedSegments != 2 || st.SealedRows != 50 {
		t.Fatalf("after merge: %+v", st)
	}
	for i, ts := range marks { // insert timestamps survive: older reads see what they saw
		if got := f.visibleAt(ts); !equalRows(got, before[i]) {
			t.Fatalf("read at mark %d: %v want %v", i, got, before[i])
		}
	}
	if n := f.compactAll(false); n != 0 {
		t.Fatalf("second check planned %d compactions", n)
	}
}

func TestCompactKeepsWhatOlderReadsSee(t *testing.T) {
	f := newFixture(t, 1000)
	f.insert(partA, pkRange(0, 30), 1)
	f.flush()
	f.delete(segment.AllPartitions, pkRange(0, 10)) // before the lease: purged
	f.later()
	leased := f.oracle.Next()
	f.sh.LeaseRead(leased)           // an iterator's session_ts
	f.delete(partA, pkRange(10, 20)) // after it: kept, still hidden by the delete log
	atLease, now := f.visibleAt(leased), f.visible(nil)
	if n := f.compactAll(true); n != 1 {
		t.Fatalf("%d plans", n)
	}
	if st := f.sh.Stats(); st.SealedRows != 20 {
		t.Fatalf("sealed rows %d, want 20 (10 purged, 10 deleted after the lease kept)", st.SealedRows)
	}
	if got := f.visibleAt(leased); !equalRows(got, atLease) || len(got) != 20 {
		t.Fatalf("read at the leased ts: %v want %v", got, atLease)
	}
	if got := f.visible(nil); !equalRows(got, now) || len(got) != 10 {
		t.Fatalf("read now: %v want %v", got, now)
	}
	f.reopen() // deletes after the lease still hide their rows after recovery
	if got := f.visible(nil); !equalRows(got, now) {
		t.Fatalf("after reopen: %v want %v", got, now)
	}
}

func TestCompactDropsDroppedPartition(t *testing.T) {
	f := newFixture(t, 1000)
	f.insert(partB, pkRange(0, 10), 1)
	f.flush()
	col, _ := f.cat.CollectionByID(collID)
	n := col.Clone()
	n.Partitions = n.Partitions[:1]
	if err := f.cat.PutCollection(n); err != nil {
		t.Fatal(err)
	}
	if got := f.compactAll(false); got != 1 {
		t.Fatalf("%d plans", got)
	}
	if st := f.sh.Stats(); st.SealedSegments != 0 {
		t.Fatalf("%+v", st)
	}
	if dirs := segDirs(t, f); len(dirs) != 0 {
		t.Fatalf("dirs left: %v", dirs)
	}
}

// A crash before the commit leaves the sources; after it, the output. Boot
// removes the other set, and the rows are there exactly once.
func TestCompactCrashRecovers(t *testing.T) {
	for _, step := range []string{"written", "committed"} {
		t.Run(step, func(t *testing.T) {
			f := newFixture(t, 1000)
			f.insert(partA, pkRange(0, 40), 1)
			f.flush()
			f.insert(partA, pkRange(40, 50), 2)
			f.flush()
			f.delete(partA, pkRange(0, 20))
			want := f.visible(nil)
			f.later()
			crash := errors.New("crash")
			f.sh.cmp.failpoint = func(s string) error {
				if s == step {
					return crash
				}
				return nil
			}
			plans := f.sh.PlanCompaction(true)
			if len(plans) == 0 {
				t.Fatal("no plan")
			}
			if _, err := f.sh.Compact(context.Background(), plans[0]); !errors.Is(err, crash) {
				t.Fatalf("compact: %v", err)
			}
			f.reopen()
			if got := f.visible(nil); !equalRows(got, want) {
				t.Fatalf("after crash at %s: %d rows %v\nwant %v", step, len(got), got, want)
			}
			wantDirs := 2 // the sources
			if step == "committed" {
				wantDirs = 1
			}
			if dirs := segDirs(t, f); len(dirs) != wantDirs {
				t.Fatalf("dirs %v, want %d", dirs, wantDirs)
			}
			if g, _ := f.cat.Garbage(collID); len(g) != 0 {
				t.Fatalf("garbage still listed: %v", g)
			}
		})
	}
}

// Random writes, flushes, compactions and restarts against the model.
func TestCompactAgainstModel(t *testing.T) {
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	f := newFixture(t, 25)
	f.later()
	m := model{partA: {}, partB: {}}
	for step := 0; step < 150; step++ {
		part := []int64{partA, partB}[rng.Intn(2)]
		pks := []int64{int64(rng.Intn(40)), int64(rng.Intn(40))}
		if pks[0] == pks[1] {
			pks = pks[:1]
		}
		x := int64(step)
		switch op := rng.Intn(12); {
		case op < 5:
			f.insert(part, pks, x)
			for _, pk := range pks {
				m[part][pk] = append(m[part][pk], x)
			}
		case op < 8:
			f.delete(part, pks)
			for _, pk := range pks {
				delete(m[part], pk)
			}
		case op < 10:
			f.flush()
		case op == 10:
			f.compactAll(rng.Intn(2) == 0)
		default:
			f.reopen()
			f.later()
		}
		if got, want := f.visible(nil), m.rows(); !equalRows(got, want) {
			t.Fatalf("seed %d step %d: visible %v\nwant %v", seed, step, got, want)
		}
	}
	f.flush()
	f.compactAll(true)
	if got, want := f.visible(nil), m.rows(); !equalRows(got, want) {
		t.Fatalf("seed %d final: %v want %v", seed, got, want)
	}
	if st := f.sh.Stats(); st.SealedRows != len(m.rows()) {
		t.Fatalf("seed %d: %d sealed rows for %d live ones after a full compaction", seed, st.SealedRows, len(m.rows()))
	}
}

// A collection dropped while a compaction writes its output: the commit
// fails, no catalog key is left behind and the output is removed.
func TestCompactCollectionDroppedMeanwhile(t *testing.T) {
	f := newFixture(t, 1000)
	f.insert(partA, pkRange(0, 10), 1)
	f.flush()
	f.delete(partA, pkRange(0, 5))
	f.later()
	f.sh.cmp.failpoint = func(step string) error {
		if step == "written" {
			return f.cat.DropCollection(collID)
		}
		return nil
	}
	plans := f.sh.PlanCompaction(true)
	if len(plans) != 1 {
		t.Fatalf("%d plans", len(plans))
	}
	if _, err := f.sh.Compact(context.Background(), plans[0]); err == nil {
		t.Fatal("compaction of a dropped collection committed")
	}
	if segs := f.cat.Segments(collID); len(segs) != 0 {
		t.Fatalf("catalog holds segments of a dropped collection: %+v", segs)
	}
	if dirs := segDirs(t, f); len(dirs) != 1 {
		t.Fatalf("dirs %v: want only the source (the drop deletes it)", dirs)
	}
}
