package rerank

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

const nameDecay = "decay"

// Decay function names and param keys.
const (
	decayGauss  = "gauss"
	decayExp    = "exp"
	decayLinear = "linear"

	keyFunction  = "function"
	keyOrigin    = "origin"
	keyScale     = "scale"
	keyOffset    = "offset"
	keyDecay     = "decay"
	keyScoreMode = "score_mode"
)

// decayFunc is a decay curve: 1 within offset of origin, falling to decay
// at offset+scale.
type decayFunc func(origin, scale, decay, offset, x float64) float64

// decayFuncs are the curves a decay reranker may name.
var decayFuncs = map[string]decayFunc{decayGauss: gaussDecay, decayExp: expDecay, decayLinear: linearDecay}

// beyondOffset is x's distance from origin past the flat offset.
func beyondOffset(origin, offset, x float64) float64 {
	return math.Max(0, math.Abs(x-origin)-offset)
}

func gaussDecay(origin, scale, decay, offset, x float64) float64 {
	d := beyondOffset(origin, offset, x)
	return math.Exp(d * d / (scale * scale / math.Log(decay)))
}

func expDecay(origin, scale, decay, offset, x float64) float64 {
	return math.Exp(math.Log(decay) / scale * beyondOffset(origin, offset, x))
}

// linearDecay falls in a straight line to decay at offset+scale and stays
// there, as Milvus's does (Elasticsearch's would go on to 0).
func linearDecay(origin, scale, decay, offset, x float64) float64 {
	return math.Max(decay, 1-(1-decay)/scale*beyondOffset(origin, offset, x))
}

// decayRanker multiplies a row's search score (merged over searches by
// score_mode, normalized with norm_score, distances always turned into
// similarities) by the decay of its input field's value.
type decayRanker struct {
	fn                           decayFunc
	origin, scale, offset, decay float64
	norm                         bool
	merge                        scoreMerge
}

func newDecay(in []*schema.Field, ps []Param) (scorer, error) {
	if len(in) != 1 {
		return nil, fmt.Errorf("decay function only supports single input, but gets [%s] input", fieldNames(in))
	}
	switch t := in[0].DataType; {
	case t.IsInteger(), t == schema.Timestamptz, t.IsFloat():
	default:
		return nil, fmt.Errorf("decay rerank: unsupported input field type:%s, only support numeric field", t)
	}
	d := &decayRanker{decay: 0.5, merge: maxMerge}
	name, seen, err := d.parse(ps)
	if err != nil {
		return nil, err
	}
	if err := d.validate(seen); err != nil {
		return nil, err
	}
	if d.fn = decayFuncs[name]; d.fn == nil {
		return nil, fmt.Errorf("invalid decay function: %s, only support [%s,%s,%s]", name, decayGauss, decayLinear, decayExp)
	}
	return d, nil
}

// parse reads the params in order, as Milvus does, so the first malformed
// one is the one reported; it returns the function name and which of
// origin and scale were given.
func (d *decayRanker) parse(ps []Param) (string, map[string]bool, error) {
	name, seen := "", map[string]bool{}
	nums := map[string]*float64{keyOrigin: &d.origin, keyScale: &d.scale, keyOffset: &d.offset, keyDecay: &d.decay}
	for _, p := range ps {
		key := strings.ToLower(p.Key)
		var err error
		switch dst := nums[key]; {
		case dst != nil:
			if *dst, err = strconv.ParseFloat(p.Value, 64); err != nil {
				return "", nil, fmt.Errorf("param %s:%s is not a number", key, p.Value)
			}
			seen[key] = true
		case key == keyFunction:
			name = p.Value
		case key == keyNormScore:
			if d.norm, err = strconv.ParseBool(p.Value); err != nil {
				return "", nil, fmt.Errorf("norm_score params must be true/false, but got %s", p.Value)
			}
		case key == keyScoreMode:
			if d.merge = scoreMerges[strings.ToLower(p.Value)]; d.merge == nil {
				return "", nil, fmt.Errorf("unsupported score mode: [%s], only supports: [max, avg, sum]", p.Value)
			}
		}
	}
	return name, seen, nil
}

func (d *decayRanker) validate(seen map[string]bool) error {
	switch {
	case !seen[keyOrigin]:
		return fmt.Errorf("decay function lost param: origin")
	case !seen[keyScale]:
		return fmt.Errorf("decay function lost param: scale")
	case d.scale <= 0:
		return fmt.Errorf("decay function param: scale must > 0, but got %f", d.scale)
	case d.offset < 0:
		return fmt.Errorf("decay function param: offset must >= 0, but got %f", d.offset)
	case d.decay <= 0 || d.decay >= 1:
		return fmt.Errorf("decay function param: decay must 0 < decay < 1, but got %f", d.decay)
	}
	return nil
}

func (d *decayRanker) score(_ context.Context, q query) (map[any]float32, bool, error) {
	normed := make([][]Candidate, len(q.lists))
	for i, hits := range q.lists {
		norm := normalizeFor(d.norm, q.metrics[i], true)
		normed[i] = make([]Candidate, len(hits))
		for j, h := range hits {
			h.Score = norm(h.Score)
			normed[i][j] = h
		}
	}
	src := d.merge(normed)
	s := make(map[any]float32, len(src))
	for _, hits := range normed {
		for _, h := range hits {
			if _, ok := s[h.ID]; !ok {
				s[h.ID] = float32(d.fn(d.origin, d.scale, d.decay, d.offset, number(h.Inputs[0]))) * src[h.ID]
			}
		}
	}
	return s, true, nil
}

// number is a numeric column value as a float64.
func number(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case float32:
		return float64(x)
	case int32:
		return float64(x)
	}
	panic(fmt.Sprintf("BUG: rerank: decay input value of type %T", v))
}

func fieldNames(fs []*schema.Field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return strings.Join(names, " ")
}
