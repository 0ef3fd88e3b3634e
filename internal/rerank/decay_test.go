package rerank

import (
	"math"
	"reflect"
	"testing"
)

// TestDecayCurves checks each curve at the points that define it: 1 at the
// origin and anywhere within offset of it, decay at offset+scale on both
// sides, and its own shape between and beyond.
func TestDecayCurves(t *testing.T) {
	const origin, scale, offset, decay = 100.0, 10.0, 5.0, 0.5
	cases := []struct {
		name string
		fn   decayFunc
		x    float64
		want float64
	}{
		{"gauss origin", gaussDecay, origin, 1},
		{"gauss in offset", gaussDecay, origin + offset, 1},
		{"gauss in offset below", gaussDecay, origin - offset, 1},
		{"gauss at scale", gaussDecay, origin + offset + scale, decay},
		{"gauss at scale below", gaussDecay, origin - offset - scale, decay},
		{"gauss half scale", gaussDecay, origin + offset + scale/2, math.Pow(decay, 0.25)},
		{"gauss twice scale", gaussDecay, origin + offset + 2*scale, math.Pow(decay, 4)},
		{"exp origin", expDecay, origin, 1},
		{"exp in offset", expDecay, origin + offset, 1},
		{"exp at scale", expDecay, origin + offset + scale, decay},
		{"exp twice scale", expDecay, origin - offset - 2*scale, decay * decay},
		{"linear origin", linearDecay, origin, 1},
		{"linear in offset", linearDecay, origin - offset, 1},
		{"linear half scale", linearDecay, origin + offset + scale/2, (1 + decay) / 2},
		{"linear at scale", linearDecay, origin + offset + scale, decay},
		{"linear beyond stays at decay", linearDecay, origin + offset + 3*scale, decay},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.fn(origin, scale, decay, offset, tc.x); !near(got, tc.want) {
				t.Fatalf("f(%v) = %v, want %v", tc.x, got, tc.want)
			}
		})
	}
}

// TestDecayCurvesFall checks every curve never rises moving away from the
// origin and stays in (0, 1].
func TestDecayCurvesFall(t *testing.T) {
	for name, fn := range decayFuncs {
		prev := 1.0
		for x := 0.0; x < 100; x += 0.5 {
			v := fn(0, 7, 0.3, 2, x)
			if v > prev || v <= 0 || v > 1 {
				t.Fatalf("%s(%v) = %v after %v", name, x, v, prev)
			}
			prev = v
		}
	}
}

// TestDecayRank multiplies each row's best normalized score by its decay:
// the nearer timestamp wins over the better vector score.
func TestDecayRank(t *testing.T) {
	r := mustRanker(t, fn([]string{"ts"}, "reranker", "decay", "function", "linear", "origin", "1000", "scale", "100", "decay", "0.5"))
	a := hits(1, 0.9, 2, 0.8)
	a[0].Inputs, a[1].Inputs = []any{int64(1200)}, []any{int64(1000)} // row 1 two scales away, row 2 at the origin
	b := hits(1, 0.95)
	b[0].Inputs = []any{int64(1200)}
	refs, scores := rank(t, r, []string{"IP", "IP"}, Window{Limit: 5}, a, b)
	if !reflect.DeepEqual(refs, []int{2, 1}) {
		t.Fatalf("order %v", refs)
	}
	// score_mode max: row 1 keeps 0.95 (its better search), times decay 0.5.
	if !near(float64(scores[0]), 0.8) || !near(float64(scores[1]), 0.95*0.5) {
		t.Fatalf("scores %v", scores)
	}
}

// TestDecayScoreModes merges a row's scores from several searches.
func TestDecayScoreModes(t *testing.T) {
	for mode, want := range map[string]float64{"max": 0.6, "sum": 1.0, "avg": 0.5} {
		r := mustRanker(t, fn([]string{"price"}, "reranker", "decay", "function", "exp", "origin", "0", "scale", "1", "score_mode", mode))
		a, b := hits(1, 0.4), hits(1, 0.6)
		a[0].Inputs, b[0].Inputs = []any{0.0}, []any{0.0}
		if _, scores := rank(t, r, []string{"COSINE", "COSINE"}, Window{Limit: 1}, a, b); !near(float64(scores[0]), want) {
			t.Fatalf("%s: %v, want %v", mode, scores, want)
		}
	}
}

// TestDecayDistances turns L2 distances into similarities, so nearer rows
// still rank first.
func TestDecayDistances(t *testing.T) {
	r := mustRanker(t, fn([]string{"ts"}, "reranker", "decay", "function", "gauss", "origin", "0", "scale", "10"))
	l := hits(1, 0.1, 2, 3)
	l[0].Inputs, l[1].Inputs = []any{int64(0)}, []any{int64(0)}
	refs, scores := rank(t, r, []string{"L2"}, Window{Limit: 2}, l)
	if !reflect.DeepEqual(refs, []int{1, 2}) || !near(float64(scores[0]), 1-2*math.Atan(0.1)/math.Pi) {
		t.Fatalf("%v %v", refs, scores)
	}
}
