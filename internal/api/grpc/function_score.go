package grpc

import (
	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"
	"github.com/milvus-io/milvus-proto/go-api/v2/schemapb"

	"github.com/kite-db/kite/internal/rerank"
)

// functionScore converts a request's function_score; nil stays nil.
func functionScore(fs *schemapb.FunctionScore) *rerank.FunctionScore {
	if fs == nil {
		return nil
	}
	out := &rerank.FunctionScore{Params: rerankParams(fs.GetParams())}
	for _, f := range fs.GetFunctions() {
		out.Functions = append(out.Functions, rerank.Function{Name: f.GetName(), Type: f.GetType().String(),
			InputFields: f.GetInputFieldNames(), OutputFields: f.GetOutputFieldNames(), Params: rerankParams(f.GetParams())})
	}
	return out
}

func rerankParams(kvs []*commonpb.KeyValuePair) []rerank.Param {
	out := make([]rerank.Param, len(kvs))
	for i, kv := range kvs {
		out[i] = rerank.Param{Key: kv.GetKey(), Value: kv.GetValue()}
	}
	return out
}
