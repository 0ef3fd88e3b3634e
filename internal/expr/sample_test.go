package expr

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

var sampleCompileCases = []struct{ src, want string }{
	{"random_sample(0.5)", "random_sample(0.5)"},
	{"RANDOM_SAMPLE(0.25)", "random_sample(0.25)"},
	{"Random_Sample(0.25)", "random_sample(0.25)"},
	{"age > 1 and random_sample(0.1)", "((age > 1) and random_sample(0.1))"},
	{"age > 1 && name like 'a%' AND random_sample(0.3)", "(((age > 1) and (name like \"a%\")) and random_sample(0.3))"},
	{"age > 1 and (name == 'a' and random_sample(0.1 * 2))", "(((age > 1) and (name == \"a\")) and random_sample(0.2))"},
	{"(age > 1 or age < 0) and random_sample(0.5)", "(((age > 1) or (age < 0)) and random_sample(0.5))"},
	{"true and random_sample(0.5)", "random_sample(0.5)"},
	{"false and random_sample(0.5)", "false"},
}

var sampleCompileErrors = []struct{ src, want string }{
	{"random_sample(0.5) and age > 1", "random sample expression can only be the last expression in the logical and expression"},
	{"age > 1 or random_sample(0.5)", "random sample expression cannot be used in logical and expression"},
	{"random_sample(0.5) or age > 1", "random sample expression cannot be used in logical and expression"},
	{"(age > 1 and random_sample(0.5)) or age < 0", "random sample expression cannot be used in logical and expression"},
	{"(age > 1 and random_sample(0.5)) and age < 0", "random sample expression can only be the last expression in the logical and expression"},
	{"not random_sample(0.5)", "random sample expression cannot be used in unary expression"},
	{"not (age > 1 and random_sample(0.5))", "random sample expression cannot be used in unary expression"},
	{"random_sample(0.5) == true", "random sample expression can only be used at the top level"},
	{"json_contains(meta['a'], random_sample(0.5))", "random sample expression can only be used at the top level"},
	{"random_sample(1)", "the sample factor should be between 0 and 1 and not too close to 0 or 1(the difference should be larger than 1e-10), but got 1"},
	{"random_sample(0)", "the sample factor should be between 0 and 1"},
	{"random_sample(1.0)", "the sample factor should be between 0 and 1"},
	{"random_sample(-0.5)", "the sample factor should be between 0 and 1"},
	{"random_sample(1e-11)", "the sample factor should be between 0 and 1"},
	{"random_sample(1 - 1e-11)", "the sample factor should be between 0 and 1"},
	{"random_sample(1 / 2)", "the sample factor should be between 0 and 1"},
	{"random_sample(age)", `"float factor" should be a const float expression: "float factor" passed: age`},
	{"random_sample({f})", `"float factor" should be a const float expression`},
	{"random_sample('a')", "the sample factor should be between 0 and 1"},
	{"random_sample(0.5, 0.5)", "function random_sample expects 1 argument, got 2"},
	{"random_sample()", "function random_sample expects 1 argument, got 0"},
	{"age > 1 and random_sample(nope > 1)", `"float factor" should be a const float expression`},
}

func TestSampleCompile(t *testing.T) {
	for _, tc := range sampleCompileCases {
		e, err := Compile(tc.src, testSchema(), testTemplates)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		if got := e.String(); got != tc.want {
			t.Errorf("Compile(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
	for _, tc := range sampleCompileErrors {
		_, err := Compile(tc.src, testSchema(), testTemplates)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compile(%q) error = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// sampleBatch has n rows with primary keys 0..n-1 and age = key % 10.
func sampleBatch(n int, stringKeys bool) (*schema.Collection, *mapBatch) {
	sch := &schema.Collection{Name: "s", Fields: []schema.Field{
		{ID: 1, Name: "id", DataType: schema.Int64, IsPrimaryKey: true},
		{ID: 2, Name: "age", DataType: schema.Int64},
	}}
	ids := &column.Column{Type: schema.Int64, Ints: make([]int64, n)}
	ages := &column.Column{Type: schema.Int64, Ints: make([]int64, n)}
	if stringKeys {
		sch.Fields[0].DataType = schema.VarChar
		sch.Fields[0].MaxLength = 32
		ids = &column.Column{Type: schema.VarChar, Strings: make([]string, n)}
	}
	for i := range n {
		if stringKeys {
			ids.Strings[i] = fmt.Sprintf("key-%d", i)
		} else {
			ids.Ints[i] = int64(i)
		}
		ages.Ints[i] = int64(i % 10)
	}
	return sch, &mapBatch{n: n, cols: map[int64]*column.Column{1: ids, 2: ages}}
}

// TestSampleFraction checks that the kept fraction lies within 5 standard
// deviations of the binomial mean, for fixed seeds (so the test is
// deterministic), and that only rows matching the rest of the filter are
// kept.
func TestSampleFraction(t *testing.T) {
	const n = 20000
	for _, strKeys := range []bool{false, true} {
		sch, b := sampleBatch(n, strKeys)
		for _, tc := range []struct {
			pre    string // the filter before sampling; "" for none
			f      float64
			passes int // rows pre passes
		}{
			{"", 0.1, n},
			{"", 0.5, n},
			{"", 0.001, n},
			{"age < 3", 0.2, n * 3 / 10},
			{"age >= 5", 0.9, n / 2},
		} {
			src := fmt.Sprintf("RANDOM_SAMPLE(%g)", tc.f)
			if tc.pre != "" {
				src = tc.pre + " and " + src
			}
			e, err := Compile(src, sch, nil)
			if err != nil {
				t.Fatal(err)
			}
			pre, err := Compile(tc.pre, sch, nil)
			if err != nil {
				t.Fatal(err)
			}
			all, _ := pre.Eval(b)
			for seed := uint64(1); seed <= 3; seed++ {
				got, err := e.WithSampleSeed(seed).Eval(b)
				if err != nil {
					t.Fatal(err)
				}
				k := got.Count()
				mean := tc.f * float64(tc.passes)
				sd := math.Sqrt(float64(tc.passes) * tc.f * (1 - tc.f))
				if math.Abs(float64(k)-mean) > 5*sd {
					t.Errorf("%s (string keys %v, seed %d): kept %d of %d, want %.0f ± %.0f", src, strKeys, seed, k, tc.passes, mean, 5*sd)
				}
				got.AndNot(all)
				if got.Count() != 0 {
					t.Errorf("%s: sampled rows that %q rejects", src, tc.pre)
				}
			}
		}
	}
}

// TestSampleReproducible: one seed picks the same rows every time and
// whatever the batch is split into; other seeds pick other rows.
func TestSampleReproducible(t *testing.T) {
	sch, b := sampleBatch(1000, false)
	e, err := Compile("random_sample(0.3)", sch, nil)
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := e.WithSampleSeed(7).Eval(b)
	a2, _ := e.WithSampleSeed(7).Eval(b)
	if fmt.Sprint(rows(a1)) != fmt.Sprint(rows(a2)) {
		t.Fatal("same seed, different samples")
	}
	other, _ := e.WithSampleSeed(8).Eval(b)
	if fmt.Sprint(rows(a1)) == fmt.Sprint(rows(other)) {
		t.Fatal("different seeds, same sample")
	}
	// The second half of the rows as a batch of its own keeps the same keys.
	half := &mapBatch{n: 500, cols: map[int64]*column.Column{
		1: {Type: schema.Int64, Ints: b.cols[1].Ints[500:]},
		2: {Type: schema.Int64, Ints: b.cols[2].Ints[500:]},
	}}
	h, _ := e.WithSampleSeed(7).Eval(half)
	var want []int
	for _, r := range rows(a1) {
		if r >= 500 {
			want = append(want, r-500)
		}
	}
	if fmt.Sprint(rows(h)) != fmt.Sprint(want) && !(len(want) == 0 && h.Count() == 0) {
		t.Fatal("a row's fate depends on its batch")
	}
	// Fields include the primary key, which sampling reads.
	if got := e.Fields(); len(got) != 1 || got[0] != 1 {
		t.Fatalf("Fields = %v, want [1]", got)
	}
}

// TestSampleDifferential samples random filters over random data, with
// and without scalar indexes, and checks each row against the reference
// evaluator and the key's hash: kept exactly when the filter matches and
// the hash of (seed, key) falls under the factor.
func TestSampleDifferential(t *testing.T) {
	for seed := int64(1); seed <= 10; seed++ {
		rng := rand.New(rand.NewSource(seed))
		b := randBatch(rng, 50+rng.Intn(100))
		ib, _ := withIndexes(t, rand.New(rand.NewSource(seed^0x5ca1a)), b, "")
		g := &exprGen{rng: rng}
		sch := testSchema()
		ref := &refEval{sch: sch, b: b, tmpl: diffTemplates}
		for k := 0; k < 40; k++ {
			src := g.pred(3)
			e, err := Compile("("+src+") and random_sample(0.5)", sch, diffTemplates)
			if err != nil {
				continue
			}
			e = e.WithSampleSeed(uint64(seed))
			got, err := e.Eval(b)
			if err != nil {
				t.Fatal(err)
			}
			withIx, err := e.Eval(ib)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := Parse(src)
			for i := 0; i < b.n; i++ {
				ref.row = i
				keep := mix64(uint64(seed)^uint64(b.cols[100].Ints[i])) < sampleLimit(0.5)
				want := ref.pred(n) == triT && keep
				if got.Test(i) != want || withIx.Test(i) != want {
					t.Fatalf("seed %d: %s row %d: scan %v, indexed %v, want %v", seed, e, i, got.Test(i), withIx.Test(i), want)
				}
			}
		}
	}
}
