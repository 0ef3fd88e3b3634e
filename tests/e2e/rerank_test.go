package e2e

import (
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
	"github.com/milvus-io/milvus/pkg/v2/util/merr"
)

// rerankData is the collection the reranker tests search: vectors a (L2)
// and b (IP), a timestamp ts = 1000 + 10·i and a tag of five values.
type rerankData struct {
	a, b [][]float32
	ts   []int64
	tags []string
}

const rerankDim, rerankRows = 8, 400

func setupRerank(t *testing.T, c *milvusclient.Client) *rerankData {
	t.Helper()
	sch := floatSchema("rr", rerankDim,
		entity.NewField().WithName("b").WithDataType(entity.FieldTypeFloatVector).WithDim(rerankDim),
		entity.NewField().WithName("ts").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("tag").WithDataType(entity.FieldTypeVarChar).WithMaxLength(8))
	createCollection(t, c, sch)
	r := newRand(23)
	d := &rerankData{a: randVecs(r, rerankRows, rerankDim), b: randVecs(r, rerankRows, rerankDim)}
	for i := 0; i < rerankRows; i++ {
		d.ts = append(d.ts, 1000+10*int64(i))
		d.tags = append(d.tags, fmt.Sprintf("t%d", i%5))
	}
	write := func(lo, hi int) {
		insert(t, c, milvusclient.NewColumnBasedInsertOption("rr").WithInt64Column("id", seqIDs(lo, hi-lo)).
			WithFloatVectorColumn("vec", rerankDim, d.a[lo:hi]).WithFloatVectorColumn("b", rerankDim, d.b[lo:hi]).
			WithInt64Column("ts", d.ts[lo:hi]).WithVarcharColumn("tag", d.tags[lo:hi]))
	}
	write(0, rerankRows/2)
	flush(t, c, "rr") // half sealed, half growing
	write(rerankRows/2, rerankRows)
	ctx := ctxT(t, 60*time.Second)
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("rr", "b", index.NewFlatIndex(entity.IP)))
	ok(t, err, "index b")
	ok(t, task.Await(ctx), "await index b")
	indexAndLoad(t, c, "rr", "vec", index.NewFlatIndex(entity.L2))
	return d
}

// ranked is a brute-force hit: row and score.
type ranked struct {
	id    int64
	score float64
}

// topBy returns the k best rows by score (higher or lower first), ties by id.
func topBy(score func(i int) float64, higher bool, k int) []ranked {
	all := make([]ranked, rerankRows)
	for i := range all {
		all[i] = ranked{int64(i), score(i)}
	}
	sortRanked(all, higher)
	return all[:k]
}

func sortRanked(rs []ranked, higher bool) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score == higher
		}
		return rs[i].id < rs[j].id
	})
}

func gaussDecay(origin, scale, decay, x float64) float64 {
	d := math.Abs(x - origin)
	return math.Exp(d * d * math.Log(decay) / (scale * scale))
}

// checkRanked compares a result set with the expected hits, scores within
// a relative 1e-4 (float32 on the server).
func checkRanked(t *testing.T, label string, rs milvusclient.ResultSet, want []ranked) {
	t.Helper()
	if rs.ResultCount != len(want) {
		t.Fatalf("%s: %d hits, want %d", label, rs.ResultCount, len(want))
	}
	got := rs.IDs.(*column.ColumnInt64).Data()
	for i, w := range want {
		if got[i] != w.id || math.Abs(float64(rs.Scores[i])-w.score) > 1e-4*math.Max(1, math.Abs(w.score)) {
			t.Fatalf("%s: hit %d is %d (%v), want %d (%v); got %v %v", label, i, got[i], rs.Scores[i], w.id, w.score, got, rs.Scores)
		}
	}
}

func decayFn(origin int64) *entity.Function {
	return entity.NewFunction().WithName("recent").WithType(entity.FunctionTypeRerank).WithInputFields("ts").
		WithParam("reranker", "decay").WithParam("function", "gauss").WithParam("origin", origin).
		WithParam("scale", 300).WithParam("decay", 0.5)
}

// TestRerankSearchDecay re-scores a search's page by the decay of each
// hit's timestamp; ts is read for the hits though it is not an output
// field.
func TestRerankSearchDecay(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	d := setupRerank(t, c)
	q := d.a[7]
	dist := func(i int) float64 { return l2(q, d.a[i]) }
	const origin = 2500
	for _, page := range []struct{ limit, offset int }{{10, 0}, {10, 5}} {
		rs := search(t, c, milvusclient.NewSearchOption("rr", page.limit, []entity.Vector{entity.FloatVector(q)}).
			WithANNSField("vec").WithOffset(page.offset).WithOutputFields("tag").WithFunctionReranker(decayFn(origin)).
			WithConsistencyLevel(strong))
		// Milvus reranks the page the vector search returned.
		window := topBy(dist, false, page.offset+page.limit)[page.offset:]
		want := make([]ranked, len(window))
		for i, h := range window {
			sim := 1 - 2*math.Atan(h.score)/math.Pi
			want[i] = ranked{h.id, sim * gaussDecay(origin, 300, 0.5, float64(d.ts[h.id]))}
		}
		sortRanked(want, true)
		checkRanked(t, fmt.Sprintf("decay page %+v", page), rs[0], want)
		if rs[0].GetColumn("tag") == nil || rs[0].GetColumn("ts") != nil {
			t.Fatalf("output fields: %v", rs[0].Fields)
		}
	}
}

// TestRerankHybrid fuses two searches with function-score RRF, weighted
// and decay rerankers, and checks Milvus's refusals.
func TestRerankHybrid(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	d := setupRerank(t, c)
	qa, qb := d.a[3], d.b[5]
	la := topBy(func(i int) float64 { return l2(qa, d.a[i]) }, false, 20)
	lb := topBy(func(i int) float64 { return dot(qb, d.b[i]) }, true, 20)
	hybrid := func(fn *entity.Function) []milvusclient.ResultSet {
		t.Helper()
		rs, err := c.HybridSearch(ctxT(t, 60*time.Second), milvusclient.NewHybridSearchOption("rr", 10,
			milvusclient.NewAnnRequest("vec", 20, entity.FloatVector(qa)),
			milvusclient.NewAnnRequest("b", 20, entity.FloatVector(qb))).WithFunctionRerankers(fn).WithConsistencyLevel(strong))
		ok(t, err, "hybrid search")
		return rs
	}
	fuse := func(score func(list, rank int, h ranked) float64) []ranked {
		sum := map[int64]float64{}
		for li, l := range [][]ranked{la, lb} {
			for rank, h := range l {
				sum[h.id] += score(li, rank, h)
			}
		}
		var out []ranked
		for id, v := range sum {
			out = append(out, ranked{id, v})
		}
		sortRanked(out, true)
		return out[:10]
	}

	rrf := entity.NewFunction().WithName("rrf").WithType(entity.FunctionTypeRerank).WithParam("reranker", "rrf").WithParam("k", 20)
	checkRanked(t, "rrf", hybrid(rrf)[0], fuse(func(_, rank int, _ ranked) float64 { return 1 / float64(20+rank+1) }))

	weighted := entity.NewFunction().WithName("w").WithType(entity.FunctionTypeRerank).WithParam("reranker", "weighted").
		WithParam("weights", []float64{0.7, 0.3}).WithParam("norm_score", true)
	checkRanked(t, "weighted", hybrid(weighted)[0], fuse(func(list, _ int, h ranked) float64 {
		if list == 0 {
			return 0.7 * (1 - 2*math.Atan(h.score)/math.Pi)
		}
		return 0.3 * (0.5 + math.Atan(h.score)/math.Pi)
	}))

	// Decay (score_mode max, no norm_score): each row's better similarity,
	// L2 turned into one, times its timestamp's decay.
	best := map[int64]float64{}
	for li, l := range [][]ranked{la, lb} {
		for _, h := range l {
			v := h.score
			if li == 0 {
				v = 1 - 2*math.Atan(v)/math.Pi
			}
			if old, seen := best[h.id]; !seen || v > old {
				best[h.id] = v
			}
		}
	}
	var want []ranked
	for id, v := range best {
		want = append(want, ranked{id, v * gaussDecay(2500, 300, 0.5, float64(d.ts[id]))})
	}
	sortRanked(want, true)
	checkRanked(t, "decay", hybrid(decayFn(2500))[0], want[:10])

	// Refusals, worded as Milvus words them.
	for _, tc := range []struct {
		fn   *entity.Function
		code int32
		msg  string
	}{
		{entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithParam("reranker", "nope"), 0, "unsupported rerank function"},
		{entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithInputFields("ts").WithParam("reranker", "decay"), 0, "decay function lost param: origin"},
		{entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithInputFields("nope").WithParam("reranker", "decay"), 0, "function input field not found: nope"},
		{entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithParam("reranker", "weighted").WithParam("weights", []float64{1}), 1100,
			"the length of weights param mismatch with ann search requests"},
		{entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithParam("reranker", "rrf").WithParam("k", 0), 0, "k should be in range (0, 16384)"},
	} {
		_, err := c.HybridSearch(ctxT(t, 30*time.Second), milvusclient.NewHybridSearchOption("rr", 10,
			milvusclient.NewAnnRequest("vec", 20, entity.FloatVector(qa)),
			milvusclient.NewAnnRequest("b", 20, entity.FloatVector(qb))).WithFunctionRerankers(tc.fn))
		wantErr(t, err, tc.code, tc.msg)
	}
}

// TestRerankHybridGroupBy groups fused hits by tag: at most group_size
// rows per tag, limit tags, over gRPC rank params as pymilvus sends them.
func TestRerankHybridGroupBy(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	d := setupRerank(t, c)
	opt := milvusclient.NewHybridSearchOption("rr", 3,
		milvusclient.NewAnnRequest("vec", 10, entity.FloatVector(d.a[1])),
		milvusclient.NewAnnRequest("b", 10, entity.FloatVector(d.b[2]))).WithReranker(milvusclient.NewRRFReranker()).WithOutputFields("tag")
	req, err := opt.HybridRequest()
	ok(t, err, "hybrid request")
	req.ConsistencyLevel = commonpb.ConsistencyLevel_Strong
	req.RankParams = append(req.RankParams, &commonpb.KeyValuePair{Key: "group_by_field", Value: "tag"},
		&commonpb.KeyValuePair{Key: "group_size", Value: "2"})
	res, err := s.Raw().HybridSearch(ctxT(t, 30*time.Second), req)
	ok(t, merr.CheckRPCCall(res, err), "hybrid group by")
	r := res.GetResults()
	tags := r.GetGroupByFieldValue().GetScalars().GetStringData().GetData()
	if len(tags) != len(r.GetScores()) || len(tags) < 3 || len(tags) > 6 {
		t.Fatalf("group values %v for %d hits", tags, len(r.GetScores()))
	}
	count := map[string]int{}
	for i, tag := range tags {
		count[tag]++
		if i > 0 && tag != tags[i-1] && count[tag] > 1 {
			t.Fatalf("group %s split: %v", tag, tags)
		}
	}
	if len(count) != 3 {
		t.Fatalf("%d groups, want 3: %v", len(count), tags)
	}
	for tag, n := range count {
		if n > 2 {
			t.Fatalf("group %s has %d hits, want at most 2", tag, n)
		}
	}
	ids := r.GetIds().GetIntId().GetData()
	for i, id := range ids {
		if d.tags[id] != tags[i] {
			t.Fatalf("hit %d (row %d) is in group %s, its tag is %s", i, id, tags[i], d.tags[id])
		}
	}
}

// TestRerankBoost multiplies the scores of each segment's hits that match
// a boost filter, then merges: rows 0-199 are one sealed segment, 200-399
// one growing segment.
func TestRerankBoost(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	d := setupRerank(t, c)
	q := d.b[11]
	const k = 10
	var want []ranked
	for _, seg := range [][2]int{{0, 200}, {200, 400}} {
		var top []ranked
		for i := seg[0]; i < seg[1]; i++ {
			top = append(top, ranked{int64(i), dot(q, d.b[i])})
		}
		sortRanked(top, true)
		for _, h := range top[:k] {
			if d.tags[h.id] == "t0" {
				h.score *= 3
			}
			want = append(want, h)
		}
	}
	sortRanked(want, true)
	boost := entity.NewFunction().WithName("t0").WithType(entity.FunctionTypeRerank).
		WithParam("reranker", "boost").WithParam("filter", `tag == "t0"`).WithParam("weight", 3)
	rs := search(t, c, milvusclient.NewSearchOption("rr", k, []entity.Vector{entity.FloatVector(q)}).
		WithANNSField("b").WithFunctionReranker(boost).WithConsistencyLevel(strong))
	checkRanked(t, "boost", rs[0], want[:k])

	bad := entity.NewFunction().WithName("x").WithType(entity.FunctionTypeRerank).WithParam("reranker", "boost")
	_, err := c.Search(ctxT(t, 30*time.Second), milvusclient.NewSearchOption("rr", k, []entity.Vector{entity.FloatVector(q)}).
		WithANNSField("b").WithFunctionReranker(bad))
	wantErr(t, err, 1100, "must set weight params for weight scorer")
}
