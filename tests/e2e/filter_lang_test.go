package e2e

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/milvus-io/milvus/client/v2/column"
	"github.com/milvus-io/milvus/client/v2/entity"
	"github.com/milvus-io/milvus/client/v2/index"
	"github.com/milvus-io/milvus/client/v2/milvusclient"
)

// filterLangCollection creates coll with n rows (id, vec, cat = id % 10,
// name = "n<id % 100>"), half sealed and half growing, FLAT-indexed and
// loaded.
func filterLangCollection(t *testing.T, c *milvusclient.Client, coll string, n int) {
	t.Helper()
	const dim = 4
	createCollection(t, c, floatSchema(coll, dim,
		entity.NewField().WithName("cat").WithDataType(entity.FieldTypeInt64),
		entity.NewField().WithName("name").WithDataType(entity.FieldTypeVarChar).WithMaxLength(16)))
	r := newRand(11)
	vecs := randVecs(r, n, dim)
	part := func(lo, hi int) milvusclient.InsertOption {
		ids, cats, names := make([]int64, 0, hi-lo), make([]int64, 0, hi-lo), make([]string, 0, hi-lo)
		for i := lo; i < hi; i++ {
			ids, cats = append(ids, int64(i)), append(cats, int64(i%10))
			names = append(names, "n"+strconv.Itoa(i%100))
		}
		return milvusclient.NewColumnBasedInsertOption(coll).
			WithInt64Column("id", ids).WithFloatVectorColumn("vec", dim, vecs[lo:hi]).
			WithColumns(column.NewColumnInt64("cat", cats), column.NewColumnVarChar("name", names))
	}
	insert(t, c, part(0, n/2))
	flush(t, c, coll)
	insert(t, c, part(n/2, n))
	indexAndLoad(t, c, coll, "vec", index.NewFlatIndex(entity.L2))
}

// binomialOK reports whether k of n kept at rate p is within 5 standard
// deviations of the mean.
func binomialOK(k, n int, p float64) bool {
	mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
	return math.Abs(float64(k)-mean) <= 5*sd
}

func TestRandomSample(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	const n = 4000
	filterLangCollection(t, c, "rs", n)

	if k := count(t, c, "rs", "RANDOM_SAMPLE(0.25)"); !binomialOK(int(k), n, 0.25) {
		t.Fatalf("random_sample(0.25) kept %d of %d", k, n)
	}
	rs := query(t, c, "rs", "cat in [1, 2] and random_sample(0.5)", "cat")
	cats := int64Col(t, rs, "cat")
	if !binomialOK(len(cats), n/5, 0.5) {
		t.Fatalf("kept %d of %d", len(cats), n/5)
	}
	for _, v := range cats {
		if v != 1 && v != 2 {
			t.Fatalf("sampled a row with cat %d", v)
		}
	}
	for _, bad := range []struct{ filter, msg string }{
		{"random_sample(0.5) and cat > 1", "random sample expression can only be the last expression in the logical and expression"},
		{"cat > 1 or random_sample(0.5)", "random sample expression cannot be used in logical and expression"},
		{"not random_sample(0.5)", "random sample expression cannot be used in unary expression"},
		{"random_sample(1)", "the sample factor should be between 0 and 1"},
	} {
		_, err := c.Query(ctxT(t, 30*time.Second), milvusclient.NewQueryOption("rs").WithFilter(bad.filter).WithConsistencyLevel(strong))
		wantErr(t, err, codeParameterInvalid, "cannot parse expression", bad.msg)
	}
}

// TestFilterLiterals: hexadecimal floats mean what they mean in Milvus, and
// the bitwise operators Milvus parses are refused with its messages.
func TestFilterLiterals(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	filterLangCollection(t, c, "lit", 200)
	if n := count(t, c, "lit", "cat < 0x1.8p1"); n != 60 { // cat < 3.0
		t.Fatalf("cat < 0x1.8p1: %d rows, want 60", n)
	}
	if n := count(t, c, "lit", `name == "n7"`); n != 2 {
		t.Fatalf(`name == "n7": %d rows`, n)
	}
	if n := count(t, c, "lit", `name == L"n7"`); n != 0 { // the value is "n7 with its quote, as in Milvus
		t.Fatalf(`name == L"n7": %d rows, want 0`, n)
	}
	for _, bad := range []struct{ filter, msg string }{
		{"cat & 1 == 1", "BitAnd is not supported: cat&1==1"},
		{"cat >> 1 > 2", "shift is not supported: cat>>1"},
		{"~cat > 1", "unexpected op: ~"},
	} {
		_, err := c.Query(ctxT(t, 30*time.Second), milvusclient.NewQueryOption("lit").WithFilter(bad.filter).WithConsistencyLevel(strong))
		wantErr(t, err, codeParameterInvalid, "cannot parse expression", bad.msg)
	}
}

// TestTimestamptzGoSDK: the Go SDK v2.6.2 declares TIMESTAMPTZ as its own
// FieldType 15, which is not Milvus's wire value (26), so the field is
// declared with 26. That SDK cannot insert such a column (its
// ColumnTimestamptz panics building FieldData, and it refuses other
// columns for a field type it does not know), so the data paths are tested
// through pymilvus (tests/python/test_filter_lang.py); here the field,
// its STL_SORT index and the filter syntax go through the Go SDK.
func TestTimestamptzGoSDK(t *testing.T) {
	s := StartServer(t)
	c := s.Client()
	const dim = 4
	createCollection(t, c, floatSchema("tz", dim,
		entity.NewField().WithName("tsz").WithDataType(entity.FieldType(26)).WithNullable(true)))
	task, err := c.CreateIndex(ctxT(t, 30*time.Second), milvusclient.NewCreateIndexOption("tz", "tsz", index.NewSortedIndex()))
	ok(t, err, "STL_SORT on tsz")
	ok(t, task.Await(ctxT(t, 30*time.Second)), "await STL_SORT")
	indexAndLoad(t, c, "tz", "vec", index.NewFlatIndex(entity.L2))
	for _, filter := range []string{
		"tsz >= ISO '2025-01-08T00:00:00Z'",
		"tsz + INTERVAL 'P2D' == ISO '2025-01-05T00:00:00+08:00'",
		"tsz - INTERVAL 'P1M' < ISO '2024-12-03T00:00:00Z' and id > 1",
		"tsz is null",
	} {
		if n := count(t, c, "tz", filter); n != 0 {
			t.Fatalf("%s: %d rows in an empty collection", filter, n)
		}
	}
	_, err = c.Query(ctxT(t, 30*time.Second), milvusclient.NewQueryOption("tz").WithFilter("id > ISO '2025-01-01T00:00:00Z'").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "field 'id' is not a timestamptz datatype")
	_, err = c.Query(ctxT(t, 30*time.Second), milvusclient.NewQueryOption("tz").WithFilter("tsz > ISO 'soon'").WithConsistencyLevel(strong))
	wantErr(t, err, codeParameterInvalid, "invalid ISO 8601 timestamp")
}
