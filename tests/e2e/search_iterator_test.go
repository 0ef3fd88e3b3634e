package e2e

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// iterRow is a row of the search iterator collection "sit".
type iterRow struct {
	vec, vip []float32
	age      int64
	note     *string // nil: null
}

const iterDim = 8

// iterFilter keeps about two rows in three.
const iterFilter = "age % 3 != 0"

func iterRows(lo, n int) map[int64]iterRow {
	r := newRand(uint64(lo) + 7)
	vecs, vips := randVecs(r, n, iterDim), randVecs(r, n, iterDim)
	rows := map[int64]iterRow{}
	for i := range n {
		id := int64(lo + i)
		row := iterRow{vec: vecs[i], vip: vips[i], age: id * 7 % 1000}
		if id%5 != 0 {
			s := fmt.Sprintf("n%d", id)
			row.note = &s
		}
		rows[id] = row
	}
	return rows
}

func insertIterRows(t *testing.T, c *milvusclient.Client, rows map[int64]iterRow) {
	t.Helper()
	ids := slices.Sorted(func(yield func(int64) bool) {
		for id := range rows {
			if !yield(id) {
				return
			}
		}
	})
	var vecs, vips [][]float32
	var ages []int64
	var notes []string
	var valid []bool
	for _, id := range ids {
		r := rows[id]
		vecs, vips, ages = append(vecs, r.vec), append(vips, r.vip), append(ages, r.age)
		if valid = append(valid, r.note != nil); r.note != nil {
			notes = append(notes, *r.note)
		}
	}
	note, err := column.NewNullableColumnVarChar("note", notes, valid)
	ok(t, err, "note column")
	insert(t, c, milvusclient.NewColumnBasedInsertOption("sit", column.NewColumnInt64("id", ids),
		column.NewColumnFloatVector("vec", iterDim, vecs), column.NewColumnFloatVector("vip", iterDim, vips),
		column.NewColumnInt64("age", ages), note))
}

// TestSearchIteratorV2 pages the SDK's search iterator (v2, as against
// Milvus 2.6) through sealed and growing rows with a filter and batch
// sizes that do not divide them: every matching row comes exactly once,
// scores never get better from one row to the next (L2 distances rise, IP
// similarities fall) and agree with the vectors, and output fields (a
// nullable one too) are the inserted values. The last iteration inserts,
// deletes and flushes between pages: it still sees the rows of its first
// page's snapshot, each once.
func TestSearchIteratorV2(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	createCollection(t, c, floatSchema("sit", iterDim,
		entity.NewField().WithName("vip").WithDataType(entity.FieldTypeFloatVector).WithDim(iterDim),
		entity.NewField().WithName("age").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("note").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16).WithNullable(true)))
	rows := iterRows(0, 2000)
	insertIterRows(t, c, rows)
	flush(t, c, "sit")
	growing := iterRows(2000, 1300)
	insertIterRows(t, c, growing)
	for id, r := range growing {
		rows[id] = r
	}
	ctx := ctxT(t, 60*time.Second)
	for field, idx := range map[string]index.Index{"vec": index.NewHNSWIndex(entity.L2, 8, 64), "vip": index.NewIvfFlatIndex(entity.IP, 16)} {
		task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("sit", field, idx))
		ok(t, err, "index %s", field)
		ok(t, task.Await(ctx), "await index %s", field)
	}
	load(t, c, "sit")
	q := randVecs(newRand(99), 1, iterDim)[0]

	want := map[int64]bool{}
	for id, r := range rows {
		if r.age%3 != 0 {
			want[id] = true
		}
	}
	var firstL2 []int64
	for _, tc := range []struct {
		field string
		batch int
		limit int64
	}{
		{"vec", 97, -1},
		{"vip", 1000, -1},
		{"vec", 333, 500},
	} {
		t.Run(fmt.Sprintf("%s/batch%d/limit%d", tc.field, tc.batch, tc.limit), func(t *testing.T) {
			got := iterate(t, c, q, tc.field, tc.batch, tc.limit, rows, nil)
			switch {
			case tc.limit < 0:
				checkEach(t, got, want)
				if tc.field == "vec" {
					firstL2 = got
				}
			case len(got) != int(tc.limit) || !slices.Equal(got, firstL2[:tc.limit]):
				t.Fatalf("limited iteration: %d rows, want the first %d of the full one", len(got), tc.limit)
			}
		})
	}
	t.Run("changes between pages", func(t *testing.T) {
		got := iterate(t, c, q, "vec", 250, -1, rows, func(page int) {
			switch page {
			case 0:
				insertIterRows(t, c, iterRows(5000, 100))
			case 1:
				_, err := c.Delete(bg(), milvusclient.NewDeleteOption("sit").WithExpr("id < 300"))
				ok(t, err, "delete")
			case 2:
				flush(t, c, "sit")
			}
		})
		checkEach(t, got, want)
	})
}

// iterate runs one search iterator from q over field with the filter and
// checks each page (size, score order, scores, output fields); between is
// called after each page. It returns the ids in the order they came.
func iterate(t *testing.T, c *milvusclient.Client, q []float32, field string, batch int, limit int64, rows map[int64]iterRow, between func(page int)) []int64 {
	t.Helper()
	ctx := ctxT(t, 120*time.Second)
	metric, score := entity.L2, l2
	if field == "vip" {
		metric, score = entity.IP, dot
	}
	it, err := c.SearchIterator(ctx, milvusclient.NewSearchIteratorOption("sit", entity.FloatVector(q)).WithANNSField(field).
		WithFilter(iterFilter).WithBatchSize(batch).WithIteratorLimit(limit).WithOutputFields("age", "note"))
	ok(t, err, "search iterator")
	var ids []int64
	last := float32(0)
	for page := 0; ; page++ {
		rs, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return ids
		}
		ok(t, err, "page %d", page)
		if rs.ResultCount > batch {
			t.Fatalf("page %d: %d rows, batch %d", page, rs.ResultCount, batch)
		}
		for i, id := range idsOf(rs) {
			sc := rs.Scores[i]
			if len(ids) > 0 && (metric == entity.L2 && sc < last || metric == entity.IP && sc > last) {
				t.Fatalf("page %d row %d: %s score %v after %v", page, i, metric, sc, last)
			}
			last = sc
			r := rows[id]
			vec := r.vec
			if field == "vip" {
				vec = r.vip
			}
			if !near(float64(sc), score(q, vec), 1e-4) {
				t.Fatalf("id %d: score %v, true %v", id, sc, score(q, vec))
			}
			checkIterFields(t, rs, i, id, r)
			ids = append(ids, id)
		}
		if between != nil {
			between(page)
		}
	}
}

func checkIterFields(t *testing.T, rs milvusclient.ResultSet, i int, id int64, r iterRow) {
	t.Helper()
	age, err := rs.GetColumn("age").GetAsInt64(i)
	ok(t, err, "age")
	note := rs.GetColumn("note")
	null, err := note.IsNull(i)
	ok(t, err, "note null")
	if age != r.age || null != (r.note == nil) {
		t.Fatalf("id %d: age %d null %v, want %d %v", id, age, null, r.age, r.note == nil)
	}
	if !null {
		s, err := note.GetAsString(i)
		ok(t, err, "note")
		if s != *r.note {
			t.Fatalf("id %d: note %q, want %q", id, s, *r.note)
		}
	}
}

// checkEach fails unless got holds every id of want exactly once.
func checkEach(t *testing.T, got []int64, want map[int64]bool) {
	t.Helper()
	seen := map[int64]bool{}
	for _, id := range got {
		if seen[id] || !want[id] {
			t.Fatalf("id %d repeated or not wanted (%d rows so far)", id, len(seen))
		}
		seen[id] = true
	}
	if len(seen) != len(want) {
		t.Fatalf("iterated %d rows, want %d", len(seen), len(want))
	}
}
