package rerank

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// scorer is one kind of reranker: it gives every candidate of one query a
// new score. The shared code (rank.go) then orders, groups and cuts.
type scorer interface {
	// score returns each candidate ID's new score and whether larger new
	// scores rank first.
	score(ctx context.Context, q query) (map[any]float32, bool, error)
}

// checker is a scorer that can refuse a request before anything is
// searched: the number of searches and of query vectors are known then.
type checker interface {
	check(searches, nq int) error
}

// factory builds a scorer from its function's params once the input
// fields are resolved.
type factory func(in []*schema.Field, ps []Param) (scorer, error)

// registry declares every reranker under the name its "reranker" param
// gives. "boost" is not here: it is a segment scorer (Boosts).
var registry = map[string]factory{
	nameRRF:      newRRF,
	nameWeighted: newWeighted,
	nameDecay:    newDecay,
	nameModel:    newModel,
}

// Ranker is a validated reranker, ready to rank any number of requests.
type Ranker struct {
	name   string
	inputs []*schema.Field
	s      scorer
}

// Name is the reranker's registry name.
func (r *Ranker) Name() string { return r.name }

// Inputs are the fields whose values each candidate must carry, in
// Candidate.Inputs order.
func (r *Ranker) Inputs() []*schema.Field { return r.inputs }

// New builds the reranker fs asks for, checked against the collection's
// schema. It returns nil and no error when fs holds no reranker (only
// boost functions, which Boosts reads).
func New(sch *schema.Collection, fs *FunctionScore) (*Ranker, error) {
	var r *Ranker
	for _, f := range fs.Functions {
		fr, err := newFunction(sch, f)
		if err != nil {
			return nil, err
		}
		if fr == nil {
			continue
		}
		if r != nil {
			return nil, fmt.Errorf("currently only supports one rerank")
		}
		r = fr
	}
	return r, nil
}

func newFunction(sch *schema.Collection, f Function) (*Ranker, error) {
	if f.Type != RerankType {
		return nil, fmt.Errorf("%s is not rerank function", f.Type)
	}
	if len(f.OutputFields) != 0 {
		return nil, fmt.Errorf("rerank function should not have output field, but now is %d", len(f.OutputFields))
	}
	name := rerankerName(f.Params)
	if name == nameBoost {
		return nil, nil
	}
	build, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unsupported rerank function: [%s] , list of supported [%s]", name, supported())
	}
	in, err := inputFields(sch, f.InputFields)
	if err != nil {
		return nil, err
	}
	s, err := build(in, f.Params)
	if err != nil {
		return nil, err
	}
	return &Ranker{name: name, inputs: in, s: s}, nil
}

func supported() string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// inputFields resolves a function's input field names: each once, present
// in the schema and not nullable.
func inputFields(sch *schema.Collection, names []string) ([]*schema.Field, error) {
	if sch.PrimaryKey() == nil {
		return nil, fmt.Errorf("collection %s can not found pk field", sch.Name)
	}
	var out []*schema.Field
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" {
			return nil, fmt.Errorf("rerank input field name cannot be empty string")
		}
		if seen[n] {
			return nil, fmt.Errorf("each function input field should be used exactly once in the same function, input field: %s", n)
		}
		seen[n] = true
		f := sch.FieldByName(n)
		if f == nil || f.IsDynamic {
			return nil, fmt.Errorf("function input field not found: %s", n)
		}
		if f.Nullable {
			return nil, fmt.Errorf("function input field cannot be nullable: field %s", n)
		}
		out = append(out, f)
	}
	return out, nil
}

// noInputs is the check of rerankers that read no field.
func noInputs(name string, in []*schema.Field) error {
	if len(in) == 0 {
		return nil
	}
	names := make([]string, len(in))
	for i, f := range in {
		names[i] = f.Name
	}
	return fmt.Errorf("the %s function does not support input parameters, but got %v", name, names)
}
