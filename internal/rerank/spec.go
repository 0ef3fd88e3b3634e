package rerank

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Param is one key/value param as the client sent it.
type Param struct{ Key, Value string }

// Function is one function of a FunctionScore, as schemapb.FunctionSchema
// carries it.
type Function struct {
	Name         string
	Type         string // the FunctionType's name; rerankers are "Rerank"
	InputFields  []string
	OutputFields []string
	Params       []Param
}

// FunctionScore is a search's function_score: its functions and its own
// params.
type FunctionScore struct {
	Functions []Function
	Params    []Param
}

// RerankType is the FunctionType name of rerankers.
const RerankType = "Rerank"

// Param keys and reranker names shared by several rerankers.
const (
	keyReranker  = "reranker"
	keyNormScore = "norm_score"
	nameRRF      = "rrf"
	nameWeighted = "weighted"
	nameBoost    = "boost" // a segment scorer, not a reranker
)

// rerankerName is the value of the function's first "reranker" param,
// lower-cased; Milvus reads param keys case-insensitively.
func rerankerName(ps []Param) string {
	for _, p := range ps {
		if strings.EqualFold(p.Key, keyReranker) {
			return strings.ToLower(p.Value)
		}
	}
	return ""
}

// Legacy translates hybrid search rank params into the reranker function
// they stand for: strategy "rrf" or "weighted" and the JSON object params
// ("" when the request has none). Without a strategy Milvus fuses with RRF
// and k 60.
func Legacy(strategy, params string) (Function, error) {
	f := Function{Type: RerankType}
	if strategy == "" {
		f.Params = []Param{{keyReranker, nameRRF}}
		return f, nil
	}
	if strategy != nameRRF && strategy != nameWeighted {
		return f, fmt.Errorf("unsupported rank type %s", strategy)
	}
	if params == "" {
		return f, fmt.Errorf("params not found in rank_params")
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(params), &m); err != nil {
		return f, fmt.Errorf("parse rerank params failed, err: %s", err)
	}
	f.Params = []Param{{keyReranker, strategy}}
	if strategy == nameRRF {
		return legacyRRF(f, m)
	}
	return legacyWeighted(f, m)
}

func legacyRRF(f Function, m map[string]any) (Function, error) {
	v, ok := m[keyK]
	if !ok {
		return f, nil
	}
	k, isNum := v.(float64)
	if !isNum {
		return f, fmt.Errorf("the type of rank param k should be float")
	}
	f.Params = append(f.Params, Param{keyK, strconv.FormatFloat(k, 'f', -1, 64)})
	return f, nil
}

func legacyWeighted(f Function, m map[string]any) (Function, error) {
	if v, ok := m[keyWeights]; ok {
		b, err := json.Marshal(v)
		if err != nil {
			return f, fmt.Errorf("the weights param should be an array")
		}
		f.Params = append(f.Params, Param{keyWeights, string(b)})
	}
	if v, ok := m[keyNormScore]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return f, fmt.Errorf("weighted rerank err, norm_score should been bool type, but [norm_score:%v]'s type is %T", v, v)
		}
		f.Params = append(f.Params, Param{keyNormScore, strconv.FormatBool(b)})
	}
	return f, nil
}
