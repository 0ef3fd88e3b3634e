package e2e

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// Milvus error codes the tests assert (pkg/util/merr).
const (
	codeCollectionNotFound  = 100
	codeCollectionNotLoaded = 101
	codePartitionNotFound   = 200
	codeIndexNotFound       = 700
	codeDatabaseNotFound    = 800
	codeDatabaseInvalidName = 802
	codeParameterInvalid    = 1100
	codeAliasNotFound       = 1600
	codeFieldNotFound       = 1700
	codeFieldInvalidName    = 1701
)

func ok(t testing.TB, err error, what string, args ...any) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", fmt.Sprintf(what, args...), err)
	}
}

// wantErr checks err carries a Milvus code (0: any) and a message with every
// part of substrs.
func wantErr(t testing.TB, err error, code int32, substrs ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected an error with code %d %q, got success", code, substrs)
	}
	if code != 0 && merr.Code(err) != code {
		t.Fatalf("expected code %d, got %d: %v", code, merr.Code(err), err)
	}
	for _, s := range substrs {
		if !strings.Contains(err.Error(), s) {
			t.Fatalf("expected error containing %q, got: %v", s, err)
		}
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

func randVecs(r *rand.Rand, n, dim int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, dim)
		for j := range v {
			v[j] = r.Float32()*2 - 1
		}
		out[i] = v
	}
	return out
}

func randBinary(r *rand.Rand, n, dim int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		v := make([]byte, dim/8)
		for j := range v {
			v[j] = byte(r.UintN(256))
		}
		out[i] = v
	}
	return out
}

func randInt8(r *rand.Rand, n, dim int) [][]int8 {
	out := make([][]int8, n)
	for i := range out {
		v := make([]int8, dim)
		for j := range v {
			v[j] = int8(r.IntN(256) - 128)
		}
		out[i] = v
	}
	return out
}

// randSparse makes sparse rows with 1..8 non-zeros among dims positions.
func randSparse(r *rand.Rand, n, dims int) []entity.SparseEmbedding {
	out := make([]entity.SparseEmbedding, n)
	for i := range out {
		nnz := 1 + r.IntN(8)
		set := map[uint32]bool{}
		var pos []uint32
		for len(pos) < nnz {
			p := uint32(r.IntN(dims))
			if !set[p] {
				set[p] = true
				pos = append(pos, p)
			}
		}
		slices.Sort(pos)
		vals := make([]float32, nnz)
		for j := range vals {
			vals[j] = r.Float32() + 0.01
		}
		se, err := entity.NewSliceSparseEmbedding(pos, vals)
		if err != nil {
			panic(err)
		}
		out[i] = se
	}
	return out
}

func seqIDs(from, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(from + i)
	}
	return out
}

// ---- reference distances (Milvus conventions: L2 squared, IP/COSINE similarities) ----

func l2(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return s
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func cosine(a, b []float32) float64 {
	na, nb := math.Sqrt(dot(a, a)), math.Sqrt(dot(b, b))
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / (na * nb)
}

func floatScore(metric entity.MetricType) func(a, b []float32) float64 {
	switch metric {
	case entity.L2:
		return l2
	case entity.IP:
		return dot
	case entity.COSINE:
		return cosine
	}
	panic("metric " + string(metric))
}

func hamming(a, b []byte) float64 {
	n := 0
	for i := range a {
		n += bits.OnesCount8(a[i] ^ b[i])
	}
	return float64(n)
}

func jaccard(a, b []byte) float64 {
	var inter, union int
	for i := range a {
		inter += bits.OnesCount8(a[i] & b[i])
		union += bits.OnesCount8(a[i] | b[i])
	}
	if union == 0 {
		return 0
	}
	return 1 - float64(inter)/float64(union)
}

func sparseIP(a, b entity.SparseEmbedding) float64 {
	m := map[uint32]float32{}
	for i := 0; i < a.Len(); i++ {
		p, v, _ := a.Get(i)
		m[p] = v
	}
	var s float64
	for i := 0; i < b.Len(); i++ {
		p, v, _ := b.Get(i)
		s += float64(m[p]) * float64(v)
	}
	return s
}

func higherIsBetter(metric entity.MetricType) bool {
	return metric == entity.IP || metric == entity.COSINE
}

func int8ToFloat(v []int8) []float32 {
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x)
	}
	return out
}

// roundF16 and roundBF16 return what the server stores for a float32 row.
func roundF16(v []float32) []float32 {
	return entity.FloatVector(v).ToFloat16Vector().ToFloat32Vector()
}
func roundBF16(v []float32) []float32 {
	return entity.FloatVector(v).ToBFloat16Vector().ToFloat32Vector()
}

// ---- exact top-k checking ----

type scored struct {
	id    int64
	score float64
}

// bruteForce ranks candidates (id → score) best first.
func bruteForce(scores map[int64]float64, higher bool) []scored {
	out := make([]scored, 0, len(scores))
	for id, s := range scores {
		out = append(out, scored{id, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			if higher {
				return out[i].score > out[j].score
			}
			return out[i].score < out[j].score
		}
		return out[i].id < out[j].id
	})
	return out
}

// checkTopK compares a search result with the brute-force ranking, allowing
// ties to come in any order: the i-th score must match the i-th expected
// score, every returned id's own score must match what it was reported
// with, and ids must be distinct. tol is relative.
func checkTopK(t testing.TB, label string, rs milvusclient.ResultSet, all map[int64]float64, higher bool, offset, limit int, tol float64) {
	t.Helper()
	want := bruteForce(all, higher)
	if offset < len(want) {
		want = want[offset:]
	} else {
		want = nil
	}
	if len(want) > limit {
		want = want[:limit]
	}
	if rs.Err != nil {
		t.Fatalf("%s: result error: %v", label, rs.Err)
	}
	if rs.ResultCount != len(want) {
		t.Fatalf("%s: %d hits, want %d (ids %v)", label, rs.ResultCount, len(want), idsOf(rs))
	}
	ids := idsOf(rs)
	seen := map[int64]bool{}
	for i, id := range ids {
		if seen[id] {
			t.Fatalf("%s: id %d returned twice: %v", label, id, ids)
		}
		seen[id] = true
		own, exists := all[id]
		if !exists {
			t.Fatalf("%s: hit %d is id %d, which is not a candidate", label, i, id)
		}
		got := float64(rs.Scores[i])
		if !near(got, own, tol) {
			t.Fatalf("%s: hit %d id %d score %v, its true score is %v", label, i, id, got, own)
		}
		if !near(got, want[i].score, tol) {
			t.Fatalf("%s: hit %d score %v (id %d), want %v (id %d)\n got ids %v\nwant %v", label, i, got, id, want[i].score, want[i].id, ids, want)
		}
	}
}

func near(a, b, tol float64) bool {
	d := math.Abs(a - b)
	return d <= tol || d <= tol*math.Max(math.Abs(a), math.Abs(b))
}

func idsOf(rs milvusclient.ResultSet) []int64 {
	if rs.IDs == nil {
		return nil
	}
	switch c := rs.IDs.(type) {
	case *column.ColumnInt64:
		return c.Data()
	}
	panic(fmt.Sprintf("ids column %T", rs.IDs))
}

func strIDsOf(rs milvusclient.ResultSet) []string {
	if rs.IDs == nil {
		return nil
	}
	return rs.IDs.(*column.ColumnVarChar).Data()
}

// int64Col reads a result column as int64s.
func int64Col(t testing.TB, rs milvusclient.ResultSet, name string) []int64 {
	t.Helper()
	c := rs.GetColumn(name)
	if c == nil {
		t.Fatalf("result has no column %s (has %v)", name, colNames(rs))
	}
	out := make([]int64, c.Len())
	for i := range out {
		v, err := c.GetAsInt64(i)
		ok(t, err, "column %s row %d", name, i)
		out[i] = v
	}
	return out
}

func strCol(t testing.TB, rs milvusclient.ResultSet, name string) []string {
	t.Helper()
	c := rs.GetColumn(name)
	if c == nil {
		t.Fatalf("result has no column %s (has %v)", name, colNames(rs))
	}
	out := make([]string, c.Len())
	for i := range out {
		v, err := c.GetAsString(i)
		ok(t, err, "column %s row %d", name, i)
		out[i] = v
	}
	return out
}

func colNames(rs milvusclient.ResultSet) []string {
	var out []string
	for _, c := range rs.Fields {
		out = append(out, c.Name())
	}
	return out
}

func sortedInts(v []int64) []int64 {
	out := slices.Clone(v)
	slices.Sort(out)
	return out
}

func equalInts(t testing.TB, label string, got, want []int64) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got %v\nwant %v", label, trunc(got), trunc(want))
	}
}

func trunc(v []int64) string {
	if len(v) > 40 {
		return fmt.Sprintf("%v ... (%d)", v[:40], len(v))
	}
	return fmt.Sprint(v)
}

// ---- collection setup ----

// floatSchema is id Int64 PK + vec FloatVector(dim) + the named scalar fields.
func floatSchema(name string, dim int, extra ...*entity.Field) *entity.Schema {
	s := entity.NewSchema().WithName(name).
		WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
		WithField(entity.NewField().WithName("vec").WithDataType(entity.FieldTypeFloatVector).WithDim(int64(dim)))
	for _, f := range extra {
		s.WithField(f)
	}
	return s
}

func createCollection(t testing.TB, c *milvusclient.Client, sch *entity.Schema) {
	t.Helper()
	ok(t, c.CreateCollection(ctxT(t, 30*time.Second), milvusclient.NewCreateCollectionOption(sch.CollectionName, sch)), "create collection %s", sch.CollectionName)
}

// indexAndLoad creates an index on field and loads the collection.
func indexAndLoad(t testing.TB, c *milvusclient.Client, coll, field string, idx index.Index) {
	t.Helper()
	ctx := ctxT(t, 60*time.Second)
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption(coll, field, idx))
	ok(t, err, "create index on %s.%s", coll, field)
	ok(t, task.Await(ctx), "await index on %s.%s", coll, field)
	load(t, c, coll)
}

func load(t testing.TB, c *milvusclient.Client, coll string) {
	t.Helper()
	ctx := ctxT(t, 60*time.Second)
	lt, err := c.LoadCollection(ctx, milvusclient.NewLoadCollectionOption(coll))
	ok(t, err, "load %s", coll)
	ok(t, lt.Await(ctx), "await load %s", coll)
}

func insert(t testing.TB, c *milvusclient.Client, opt milvusclient.InsertOption) milvusclient.InsertResult {
	t.Helper()
	res, err := c.Insert(ctxT(t, 60*time.Second), opt)
	ok(t, err, "insert into %s", opt.CollectionName())
	return res
}

func flush(t testing.TB, c *milvusclient.Client, coll string) {
	t.Helper()
	ctx := ctxT(t, 60*time.Second)
	task, err := c.Flush(ctx, milvusclient.NewFlushOption(coll))
	ok(t, err, "flush %s", coll)
	ok(t, task.Await(ctx), "await flush %s", coll)
}

// strong makes reads see every acknowledged write.
const strong = entity.ClStrong

func query(t testing.TB, c *milvusclient.Client, coll, filter string, out ...string) milvusclient.ResultSet {
	t.Helper()
	rs, err := c.Query(ctxT(t, 60*time.Second), milvusclient.NewQueryOption(coll).WithFilter(filter).
		WithOutputFields(out...).WithConsistencyLevel(strong))
	ok(t, err, "query %s where %s", coll, filter)
	return rs
}

func count(t testing.TB, c *milvusclient.Client, coll, filter string) int64 {
	t.Helper()
	rs, err := c.Query(ctxT(t, 60*time.Second), milvusclient.NewQueryOption(coll).WithFilter(filter).
		WithOutputFields("count(*)").WithConsistencyLevel(strong))
	ok(t, err, "count %s where %s", coll, filter)
	return int64Col(t, rs, "count(*)")[0]
}

func search(t testing.TB, c *milvusclient.Client, opt milvusclient.SearchOption) []milvusclient.ResultSet {
	t.Helper()
	rs, err := c.Search(ctxT(t, 60*time.Second), opt)
	ok(t, err, "search")
	for i, r := range rs {
		if r.Err != nil {
			t.Fatalf("search result %d: %v", i, r.Err)
		}
	}
	return rs
}

func bg() context.Context { return context.Background() }
