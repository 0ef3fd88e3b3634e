package index

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// cancelCase is an index and a batch of queries it takes a while to answer.
type cancelCase struct {
	name string
	idx  Index
	q    *column.Column
	p    SearchParams
}

func cancelCases(t *testing.T) []cancelCase {
	t.Helper()
	r := rand.New(rand.NewPCG(71, 72))
	data, q := clusteredColumn(r, schema.FloatVector, 30000, 512, 64)
	flat, _ := NewFlat(L2, data)
	hdata, hq := clusteredColumn(r, schema.FloatVector, 4000, 400, 32)
	spec, err := ValidateSpec(Spec{Type: HNSW, Metric: L2, Params: map[string]string{"M": "8", "efConstruction": "40"}}, schema.FloatVector, 32)
	if err != nil {
		t.Fatal(err)
	}
	hnsw, err := Build(context.Background(), spec, hdata)
	if err != nil {
		t.Fatal(err)
	}
	return []cancelCase{
		{"FLAT", flat, q, SearchParams{K: 10}},
		{"HNSW", hnsw, hq, SearchParams{K: 10, Params: map[string]any{"ef": 400.0}}},
	}
}

// otherCancelCases are the remaining index families, too quick to time.
func otherCancelCases(t *testing.T) []cancelCase {
	ivf, _, q := buildIVFCase(t, IVFFlat, schema.FloatVector, L2, map[string]string{"nlist": "16"})
	bin, _, bq := buildBin(t, Hamming, map[string]string{"nlist": "16"})
	r := rand.New(rand.NewPCG(73, 74))
	sdata, sq := randColumn(r, schema.SparseFloatVector, 500, 40), randColumn(r, schema.SparseFloatVector, 4, 40)
	out := []cancelCase{{"IVF_FLAT", ivf, q, SearchParams{K: 10}}, {"BIN_IVF_FLAT", bin, bq, SearchParams{K: 10}}}
	for _, algo := range sparseAlgos {
		out = append(out, cancelCase{"sparse " + algo["inverted_index_algo"], buildSparseCase(t, SparseInverted, algo, sdata), sq, SearchParams{K: 10}})
	}
	return out
}

func TestSearchAlreadyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range append(cancelCases(t), otherCancelCases(t)...) {
		for _, nq := range []int{1, c.q.Len()} {
			res, err := c.idx.Search(ctx, c.q.Head(nq), c.p)
			if !errors.Is(err, context.Canceled) || res != nil {
				t.Errorf("%s nq=%d: got %d results, err %v; want context.Canceled and none", c.name, nq, len(res), err)
			}
		}
	}
}

// TestSearchStopsMidway cancels a search by a deadline a tenth of the time
// the whole search takes, and wants it back well before the whole time.
func TestSearchStopsMidway(t *testing.T) {
	for _, c := range cancelCases(t) {
		start := time.Now()
		if _, err := c.idx.Search(context.Background(), c.q, c.p); err != nil {
			t.Fatal(err)
		}
		full := time.Since(start)
		ctx, cancel := context.WithTimeout(context.Background(), full/10)
		start = time.Now()
		res, err := c.idx.Search(ctx, c.q, c.p)
		took := time.Since(start)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || res != nil {
			t.Fatalf("%s: got %d results, err %v; want context.DeadlineExceeded and none", c.name, len(res), err)
		}
		if took > full/2 {
			t.Errorf("%s: cancelled search took %v, the whole search %v", c.name, took, full)
		}
		t.Logf("%s: whole search %v, cancelled after %v", c.name, full, took)
	}
}
