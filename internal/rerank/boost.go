package rerank

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

// Boost param keys: a boost function's, and the function score's modes.
const (
	keyFilter       = "filter"
	keyWeight       = "weight"
	keyRandomScore  = "random_score"
	keyBoostMode    = "boost_mode"
	keyFunctionMode = "function_mode"
)

// Boost is one boost function, a segment scorer: every hit its filter
// matches (every hit without one) gets Weight, or Weight times a random
// value in [0, 1) keyed by the row when Random.
type Boost struct {
	Filter string
	Weight float32
	Random bool
	Seed   int64
	// SeedField is the Int64 field whose value keys the random value; nil
	// keys it by the row's place in its segment.
	SeedField *schema.Field
}

// Boosts are a search's boost functions. A hit's boost is its matching
// functions' values multiplied (summed with SumFunctions); its score is
// then multiplied by the boost (added with SumBoost). Hits no function
// matches keep their score.
type Boosts struct {
	Functions    []Boost
	SumFunctions bool
	SumBoost     bool
}

// NewBoosts reads the boost functions of fs; nil when it has none. Errors
// are worded as Milvus's plan parser words them.
func NewBoosts(sch *schema.Collection, fs *FunctionScore) (*Boosts, error) {
	if fs == nil {
		return nil, nil
	}
	bs := &Boosts{}
	for _, f := range fs.Functions {
		if rerankerName(f.Params) != nameBoost {
			continue
		}
		b, err := newBoost(sch, f.Params)
		if err != nil {
			return nil, planError(err)
		}
		bs.Functions = append(bs.Functions, b)
	}
	if len(bs.Functions) == 0 {
		return nil, nil
	}
	var err error
	if bs.SumBoost, err = sumMode(fs.Params, keyBoostMode, "boost"); err != nil {
		return nil, planError(err)
	}
	if bs.SumFunctions, err = sumMode(fs.Params, keyFunctionMode, "function"); err != nil {
		return nil, planError(err)
	}
	return bs, nil
}

func planError(err error) error {
	return fmt.Errorf("failed to create query plan: %v: %w", err, ErrInvalidParameter)
}

// param is the value of the first param named key exactly.
func param(ps []Param, key string) (string, bool) {
	for _, p := range ps {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

func newBoost(sch *schema.Collection, ps []Param) (Boost, error) {
	var b Boost
	b.Filter, _ = param(ps, keyFilter)
	w, ok := param(ps, keyWeight)
	if !ok {
		return b, fmt.Errorf("must set weight params for weight scorer")
	}
	weight, err := strconv.ParseFloat(w, 32)
	if err != nil {
		return b, fmt.Errorf("parse function scorer weight params failed with error: {%v}", err)
	}
	b.Weight = float32(weight)
	if r, ok := param(ps, keyRandomScore); ok {
		b.Random = true
		err = b.readRandom(sch, r)
	}
	return b, err
}

// readRandom reads random_score, a JSON object with an optional "seed"
// (a number) and "field" (an Int64 field's name).
func (b *Boost) readRandom(sch *schema.Collection, raw string) error {
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return err
	}
	if v, ok := m["field"]; ok {
		name, isStr := v.(string)
		if !isStr {
			return fmt.Errorf("random seed field name must be string: %w", ErrInvalidParameter)
		}
		f := sch.FieldByName(name)
		if f == nil {
			return fmt.Errorf("random seed field not found[field=%s]", name)
		}
		if f.DataType != schema.Int64 {
			return fmt.Errorf("only support int64 field as random seed, but got %s: %w", f.DataType, ErrInvalidParameter)
		}
		b.SeedField = f
	}
	if v, ok := m["seed"]; ok {
		n, isNum := v.(json.Number)
		if !isNum {
			return fmt.Errorf("random seed must be number: %w", ErrInvalidParameter)
		}
		seed, err := strconv.ParseFloat(n.String(), 64)
		if err != nil {
			return fmt.Errorf("parse boost random seed params failed: %v", err)
		}
		b.Seed = int64(seed)
	}
	return nil
}

// sumMode reads a mode param: "multiply" (the default) or "sum".
func sumMode(ps []Param, key, what string) (bool, error) {
	v, ok := param(ps, key)
	if !ok {
		return false, nil
	}
	switch strings.ToLower(v) {
	case "multiply":
		return false, nil
	case "sum":
		return true, nil
	}
	return false, fmt.Errorf("unknown %s mode: %s: %w", what, strings.ToLower(v), ErrInvalidParameter)
}

// Score is a hit's score after the boosts: matched[i] tells whether
// function i's filter holds for the row, key(i) is the row's random key for
// function i (asked only of random functions that match).
func (bs *Boosts) Score(score float32, matched []bool, key func(i int) uint64) float32 {
	var boost float32
	has := false
	for i, b := range bs.Functions {
		if !matched[i] {
			continue
		}
		v := b.Weight
		if b.Random {
			v *= float32(randomUnit(key(i), uint64(b.Seed)))
		}
		switch {
		case !has:
			boost, has = v, true
		case bs.SumFunctions:
			boost += v
		default:
			boost *= v
		}
	}
	switch {
	case !has:
		return score
	case bs.SumBoost:
		return score + boost
	}
	return score * boost
}

// randomUnit maps a key and seed to [0, 1), the same for the same pair.
func randomUnit(key, seed uint64) float64 {
	x := key ^ (seed * 0x9e3779b97f4a7c15)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return math.Float64frombits(0x3ff<<52|x>>12) - 1
}
