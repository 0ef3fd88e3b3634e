package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// TestSearchFloat checks nq>1, limit, offset, filters, partitions and
// output fields under L2, IP and COSINE against brute force, on data that is
// partly sealed and partly growing.
func TestSearchFloat(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim, n = 16, 700
	createCollection(t, c, modelSchema("s", dim))
	ok(t, c.CreatePartition(ctx, milvusclient.NewCreatePartitionOption("s", "p1")), "create p1")
	r := newRand(11)
	vecs := randVecs(r, n, dim)
	ages := make([]int64, n)
	tags := make([]string, n)
	for i := range ages {
		ages[i] = int64(i % 100)
		tags[i] = fmt.Sprintf("tag%d", i%7)
	}
	write := func(lo, hi int, part string) {
		opt := milvusclient.NewColumnBasedInsertOption("s").WithInt64Column("id", seqIDs(lo, hi-lo)).
			WithFloatVectorColumn("vec", dim, vecs[lo:hi]).WithInt64Column("age", ages[lo:hi]).WithVarcharColumn("tag", tags[lo:hi])
		if part != "" {
			opt.WithPartition(part)
		}
		insert(t, c, opt)
	}
	write(0, 300, "")
	write(600, 650, "p1")
	flush(t, c, "s")
	write(300, 600, "")
	write(650, 700, "p1")

	queries := randVecs(r, 3, dim)
	qv := make([]entity.Vector, len(queries))
	for i, q := range queries {
		qv[i] = entity.FloatVector(q)
	}
	scores := func(metric entity.MetricType, q []float32, keep func(i int) bool) map[int64]float64 {
		f := floatScore(metric)
		out := map[int64]float64{}
		for i := range vecs {
			if keep == nil || keep(i) {
				out[int64(i)] = f(q, vecs[i])
			}
		}
		return out
	}
	first := true
	for _, metric := range []entity.MetricType{entity.L2, entity.IP, entity.COSINE} {
		if !first {
			ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption("s")), "release")
			ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption("s", "vec")), "drop index")
		}
		first = false
		indexAndLoad(t, c, "s", "vec", index.NewFlatIndex(metric))
		higher := higherIsBetter(metric)
		label := string(metric)

		rs := search(t, c, milvusclient.NewSearchOption("s", 10, qv).WithConsistencyLevel(strong))
		if len(rs) != 3 {
			t.Fatalf("%s: %d result sets for nq=3", label, len(rs))
		}
		for i, q := range queries {
			checkTopK(t, fmt.Sprintf("%s q%d", label, i), rs[i], scores(metric, q, nil), higher, 0, 10, 1e-4)
		}

		rs = search(t, c, milvusclient.NewSearchOption("s", 7, qv).WithOffset(5).WithConsistencyLevel(strong))
		for i, q := range queries {
			checkTopK(t, fmt.Sprintf("%s offset q%d", label, i), rs[i], scores(metric, q, nil), higher, 5, 7, 1e-4)
		}

		rs = search(t, c, milvusclient.NewSearchOption("s", 10, qv).WithFilter(`age < 30 and tag != "tag3"`).
			WithOutputFields("age", "tag").WithConsistencyLevel(strong))
		for i, q := range queries {
			keep := func(j int) bool { return ages[j] < 30 && tags[j] != "tag3" }
			checkTopK(t, fmt.Sprintf("%s filter q%d", label, i), rs[i], scores(metric, q, keep), higher, 0, 10, 1e-4)
			gotAges, gotTags := int64Col(t, rs[i], "age"), strCol(t, rs[i], "tag")
			for j, id := range idsOf(rs[i]) {
				if gotAges[j] != ages[id] || gotTags[j] != tags[id] {
					t.Fatalf("%s: output fields of id %d: age %d tag %q, want %d %q", label, id, gotAges[j], gotTags[j], ages[id], tags[id])
				}
			}
		}

		rs = search(t, c, milvusclient.NewSearchOption("s", 10, qv).WithPartitions("p1").WithConsistencyLevel(strong))
		for i, q := range queries {
			checkTopK(t, fmt.Sprintf("%s p1 q%d", label, i), rs[i], scores(metric, q, func(j int) bool { return j >= 600 }), higher, 0, 10, 1e-4)
		}

		// Fewer matches than the limit: all of them come back.
		rs = search(t, c, milvusclient.NewSearchOption("s", 10, qv[:1]).WithFilter("id in [3, 333, 666]").WithConsistencyLevel(strong))
		checkTopK(t, label+" few", rs[0], scores(metric, queries[0], func(j int) bool { return j == 3 || j == 333 || j == 666 }), higher, 0, 10, 1e-4)

		// Template values in filters.
		rs = search(t, c, milvusclient.NewSearchOption("s", 5, qv[:1]).WithFilter("age in {ages}").
			WithTemplateParam("ages", []int64{1, 2}).WithConsistencyLevel(strong))
		checkTopK(t, label+" template", rs[0], scores(metric, queries[0], func(j int) bool { return ages[j] == 1 || ages[j] == 2 }), higher, 0, 5, 1e-4)
	}

	// A vector's own row is its nearest neighbour under L2 (distance 0).
	rs := search(t, c, milvusclient.NewSearchOption("s", 1, []entity.Vector{entity.FloatVector(vecs[42])}).
		WithOutputFields("vec").WithConsistencyLevel(strong))
	if ids := idsOf(rs[0]); len(ids) != 1 || ids[0] != 42 || rs[0].Scores[0] < 0.999 {
		t.Fatalf("self search (COSINE): ids %v scores %v", ids, rs[0].Scores)
	}
	v, err := rs[0].GetColumn("vec").Get(0)
	ok(t, err, "vec output")
	if fmt.Sprint(v) != fmt.Sprint(entity.FloatVector(vecs[42])) {
		t.Fatalf("vector output %v, want %v", v, vecs[42])
	}
}

// TestSearchHNSW builds HNSW with parameters on sealed segments and checks
// recall against brute force, with every reported score exact.
func TestSearchHNSW(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const dim, n = 32, 3000
	createCollection(t, c, floatSchema("h", dim))
	task, err := c.CreateIndex(ctx, milvusclient.NewCreateIndexOption("h", "vec", index.NewHNSWIndex(entity.L2, 16, 200)).WithIndexName("vec_hnsw"))
	ok(t, err, "create HNSW")
	ok(t, task.Await(ctx), "await HNSW")
	r := newRand(12)
	vecs := randVecs(r, n, dim)
	for lo := 0; lo < n; lo += 1000 {
		insert(t, c, milvusclient.NewColumnBasedInsertOption("h").WithInt64Column("id", seqIDs(lo, 1000)).
			WithFloatVectorColumn("vec", dim, vecs[lo:lo+1000]))
	}
	flush(t, c, "h")
	load(t, c, "h")
	waitIndexed(t, c, "h", "vec_hnsw", n)

	desc, err := c.DescribeIndex(ctx, milvusclient.NewDescribeIndexOption("h", "vec_hnsw"))
	ok(t, err, "describe HNSW")
	p := desc.Params()
	if p["index_type"] != "HNSW" || p["metric_type"] != "L2" {
		t.Fatalf("HNSW params %v", p)
	}
	if desc.IndexedRows != n || desc.TotalRows != n || desc.PendingIndexRows != 0 {
		t.Fatalf("HNSW progress: indexed %d total %d pending %d", desc.IndexedRows, desc.TotalRows, desc.PendingIndexRows)
	}

	queries := randVecs(r, 20, dim)
	qv := make([]entity.Vector, len(queries))
	for i, q := range queries {
		qv[i] = entity.FloatVector(q)
	}
	rs := search(t, c, milvusclient.NewSearchOption("h", 10, qv).WithAnnParam(index.NewHNSWAnnParam(128)).WithConsistencyLevel(strong))
	found, total := 0, 0
	for i, q := range queries {
		all := map[int64]float64{}
		for j, v := range vecs {
			all[int64(j)] = l2(q, v)
		}
		want := bruteForce(all, false)[:10]
		wantSet := map[int64]bool{}
		for _, w := range want {
			wantSet[w.id] = true
		}
		ids := idsOf(rs[i])
		if len(ids) != 10 {
			t.Fatalf("q%d: %d hits", i, len(ids))
		}
		for j, id := range ids {
			if !near(float64(rs[i].Scores[j]), all[id], 1e-4) {
				t.Fatalf("q%d: id %d score %v, true %v", i, id, rs[i].Scores[j], all[id])
			}
			if j > 0 && rs[i].Scores[j] < rs[i].Scores[j-1] {
				t.Fatalf("q%d: L2 scores not ascending: %v", i, rs[i].Scores)
			}
			if wantSet[id] {
				found++
			}
		}
		total += 10
	}
	recall := float64(found) / float64(total)
	t.Logf("HNSW recall@10 with ef=128: %.3f", recall)
	if recall < 0.95 {
		t.Fatalf("HNSW recall@10 = %.3f with ef=128, want >= 0.95", recall)
	}
	// Deletes and filters on indexed segments: no deleted or filtered-out row
	// comes back, and recall holds.
	_, err = c.Delete(ctx, milvusclient.NewDeleteOption("h").WithExpr("id < 300"))
	ok(t, err, "delete")
	for _, f := range []struct {
		expr string
		keep func(id int) bool
	}{
		{"id % 3 == 0", func(id int) bool { return id%3 == 0 }},
		{"id >= 2900", func(id int) bool { return id >= 2900 }},
		{"id > 0", func(id int) bool { return true }},
	} {
		rs := search(t, c, milvusclient.NewSearchOption("h", 10, qv).WithFilter(f.expr).WithAnnParam(index.NewHNSWAnnParam(128)).WithConsistencyLevel(strong))
		found, total := 0, 0
		for i, q := range queries {
			all := map[int64]float64{}
			for j, v := range vecs {
				if j >= 300 && f.keep(j) {
					all[int64(j)] = l2(q, v)
				}
			}
			want := map[int64]bool{}
			for _, w := range bruteForce(all, false)[:10] {
				want[w.id] = true
			}
			for j, id := range idsOf(rs[i]) {
				if _, allowed := all[id]; !allowed {
					t.Fatalf("filter %s: q%d returned id %d (deleted or filtered out)", f.expr, i, id)
				}
				if !near(float64(rs[i].Scores[j]), all[id], 1e-4) {
					t.Fatalf("filter %s: id %d score %v, true %v", f.expr, id, rs[i].Scores[j], all[id])
				}
				if want[id] {
					found++
				}
			}
			total += 10
		}
		if r := float64(found) / float64(total); r < 0.95 {
			t.Fatalf("filter %s: recall@10 %.3f", f.expr, r)
		}
	}

	// An ef below k is refused the way Milvus refuses it, or served; never a crash.
	_, err = c.Search(ctx, milvusclient.NewSearchOption("h", 10, qv[:1]).WithAnnParam(index.NewHNSWAnnParam(-1)))
	wantErr(t, err, codeParameterInvalid)
}

// waitIndexed waits until an index covers rows rows.
func waitIndexed(t testing.TB, c *milvusclient.Client, coll, idx string, rows int64) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		d, err := c.DescribeIndex(ctxT(t, 10*time.Second), milvusclient.NewDescribeIndexOption(coll, idx))
		ok(t, err, "describe index %s", idx)
		if d.IndexedRows >= rows && d.PendingIndexRows == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("index %s: %d of %d rows indexed after 60s", idx, d.IndexedRows, rows)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSearchVectorTypes searches Float16, BFloat16, Int8, Binary and Sparse
// vectors with every metric they support, against brute force.
func TestSearchVectorTypes(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	ctx := ctxT(t, 120*time.Second)
	const n, dim = 300, 16
	r := newRand(13)

	type vcase struct {
		name    string
		typ     entity.FieldType
		dim     int
		metrics []entity.MetricType
		idx     func(entity.MetricType) index.Index
		col     func(lo, hi int) column.Column // rows lo..hi of the vector column
		query   []entity.Vector
		score   func(metric entity.MetricType, q, row int) float64
	}
	// Float16 / BFloat16: the server stores rounded values; score those.
	f16 := randVecs(r, n, dim)
	bf16 := randVecs(r, n, dim)
	f16q, bf16q := randVecs(r, 2, dim), randVecs(r, 2, dim)
	i8 := randInt8(r, n, dim)
	i8q := randInt8(r, 2, dim)
	bin := randBinary(r, n, 64)
	binq := randBinary(r, 2, 64)
	sp := randSparse(r, n, 24)
	// Sparse queries touch every dimension so every row scores above zero.
	spq := make([]entity.SparseEmbedding, 2)
	for i := range spq {
		pos := make([]uint32, 24)
		vals := make([]float32, 24)
		for j := range pos {
			pos[j], vals[j] = uint32(j), r.Float32()+0.01
		}
		spq[i], _ = entity.NewSliceSparseEmbedding(pos, vals)
	}
	flat := func(m entity.MetricType) index.Index { return index.NewFlatIndex(m) }
	cases := []vcase{
		{name: "float16", typ: entity.FieldTypeFloat16Vector, dim: dim, metrics: []entity.MetricType{entity.L2, entity.IP, entity.COSINE}, idx: flat,
			col: func(lo, hi int) column.Column {
				return column.NewColumnFloat16VectorFromFp32Vector("v", dim, f16[lo:hi])
			},
			query: []entity.Vector{entity.FloatVector(f16q[0]).ToFloat16Vector(), entity.FloatVector(f16q[1]).ToFloat16Vector()},
			score: func(m entity.MetricType, q, row int) float64 {
				return floatScore(m)(roundF16(f16q[q]), roundF16(f16[row]))
			}},
		{name: "bfloat16", typ: entity.FieldTypeBFloat16Vector, dim: dim, metrics: []entity.MetricType{entity.L2, entity.IP, entity.COSINE}, idx: flat,
			col: func(lo, hi int) column.Column {
				return column.NewColumnBFloat16VectorFromFp32Vector("v", dim, bf16[lo:hi])
			},
			query: []entity.Vector{entity.FloatVector(bf16q[0]).ToBFloat16Vector(), entity.FloatVector(bf16q[1]).ToBFloat16Vector()},
			score: func(m entity.MetricType, q, row int) float64 {
				return floatScore(m)(roundBF16(bf16q[q]), roundBF16(bf16[row]))
			}},
		{name: "int8", typ: entity.FieldTypeInt8Vector, dim: dim, metrics: []entity.MetricType{entity.L2, entity.IP, entity.COSINE}, idx: flat,
			col:   func(lo, hi int) column.Column { return column.NewColumnInt8Vector("v", dim, i8[lo:hi]) },
			query: []entity.Vector{entity.Int8Vector(i8q[0]), entity.Int8Vector(i8q[1])},
			score: func(m entity.MetricType, q, row int) float64 {
				return floatScore(m)(int8ToFloat(i8q[q]), int8ToFloat(i8[row]))
			}},
		{name: "binary", typ: entity.FieldTypeBinaryVector, dim: 64, metrics: []entity.MetricType{entity.HAMMING, entity.JACCARD},
			idx:   func(m entity.MetricType) index.Index { return index.NewBinFlatIndex(m) },
			col:   func(lo, hi int) column.Column { return column.NewColumnBinaryVector("v", 64, bin[lo:hi]) },
			query: []entity.Vector{entity.BinaryVector(binq[0]), entity.BinaryVector(binq[1])},
			score: func(m entity.MetricType, q, row int) float64 {
				if m == entity.HAMMING {
					return hamming(binq[q], bin[row])
				}
				return jaccard(binq[q], bin[row])
			}},
		{name: "sparse", typ: entity.FieldTypeSparseVector, metrics: []entity.MetricType{entity.IP},
			idx:   func(m entity.MetricType) index.Index { return index.NewSparseInvertedIndex(m, 0) },
			col:   func(lo, hi int) column.Column { return column.NewColumnSparseVectors("v", sp[lo:hi]) },
			query: []entity.Vector{spq[0], spq[1]},
			score: func(_ entity.MetricType, q, row int) float64 { return sparseIP(spq[q], sp[row]) }},
	}
	for _, vc := range cases {
		t.Run(vc.name, func(t *testing.T) {
			name := "vt_" + vc.name
			f := entity.NewField().WithName("v").WithDataType(vc.typ)
			if vc.dim > 0 {
				f.WithDim(int64(vc.dim))
			}
			sch := entity.NewSchema().WithName(name).
				WithField(entity.NewField().WithName("id").WithDataType(entity.FieldTypeInt64).WithIsPrimaryKey(true)).
				WithField(f)
			createCollection(t, c, sch)
			write := func(lo, hi int) {
				insert(t, c, milvusclient.NewColumnBasedInsertOption(name, column.NewColumnInt64("id", seqIDs(lo, hi-lo)), vc.col(lo, hi)))
			}
			write(0, n/2)
			flush(t, c, name)
			write(n/2, n) // the rest stays growing
			for i, metric := range vc.metrics {
				if i > 0 {
					ok(t, c.ReleaseCollection(ctx, milvusclient.NewReleaseCollectionOption(name)), "release")
					ok(t, c.DropIndex(ctx, milvusclient.NewDropIndexOption(name, "v")), "drop index")
				}
				indexAndLoad(t, c, name, "v", vc.idx(metric))
				rs := search(t, c, milvusclient.NewSearchOption(name, 10, vc.query).WithOffset(2).
					WithOutputFields("v").WithConsistencyLevel(strong))
				for qi := range vc.query {
					all := map[int64]float64{}
					for row := 0; row < n; row++ {
						all[int64(row)] = vc.score(metric, qi, row)
					}
					checkTopK(t, fmt.Sprintf("%s %s q%d", vc.name, metric, qi), rs[qi], all, higherIsBetter(metric), 2, 10, 2e-3)
					if rs[qi].GetColumn("v") == nil || rs[qi].GetColumn("v").Len() != 10 {
						t.Fatalf("%s: vector output field missing", vc.name)
					}
				}
			}
		})
	}
}
