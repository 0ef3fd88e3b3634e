package rest

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/rerank"
)

// functionScoreReq is a search's "functionScore": reranker functions and
// their shared params.
type functionScoreReq struct {
	Functions []functionReq  `json:"functions"`
	Params    map[string]any `json:"params"`
}

type functionReq struct {
	Name             string         `json:"name"`
	Description      string         `json:"description"`
	Type             string         `json:"type"`
	InputFieldNames  []string       `json:"inputFieldNames"`
	OutputFieldNames []string       `json:"outputFieldNames"`
	Params           map[string]any `json:"params"`
}

// functionScore converts "functionScore" as Milvus's REST layer does:
// arrays and objects become JSON text, other values their plain text. A
// missing or empty one is nil.
func functionScore(fs *functionScoreReq) (*rerank.FunctionScore, error) {
	if fs == nil || len(fs.Functions) == 0 {
		return nil, nil
	}
	out := &rerank.FunctionScore{Params: restParams(fs.Params)}
	for _, f := range fs.Functions {
		if _, ok := schemapb.FunctionType_value[f.Type]; !ok {
			return nil, apierr.Invalid("Unsupported function type: %s", f.Type)
		}
		out.Functions = append(out.Functions, rerank.Function{Name: f.Name, Type: f.Type,
			InputFields: f.InputFieldNames, OutputFields: f.OutputFieldNames, Params: restParams(f.Params)})
	}
	return out, nil
}

// restParams lists params in key order, so a request always reads alike.
func restParams(m map[string]any) []rerank.Param {
	out := make([]rerank.Param, 0, len(m))
	for k, v := range m {
		out = append(out, rerank.Param{Key: k, Value: paramText(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func paramText(v any) string {
	switch v.(type) {
	case []any, map[string]any:
		b, _ := json.Marshal(v)
		return string(b)
	}
	return fmt.Sprintf("%v", v)
}
