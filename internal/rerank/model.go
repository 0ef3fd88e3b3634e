package rerank

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kite-db/kite/internal/schema"
)

const (
	nameModel   = "model"
	keyProvider = "provider"
	keyQueries  = "queries"
)

// provider is a rerank model service: it scores documents against a
// query text.
type provider interface {
	rerank(ctx context.Context, query string, docs []string) ([]float32, error)
	maxBatch() int
}

// providers builds each provider Kite can call from the function's params.
var providers = map[string]func(ps []Param) (provider, error){
	"tei":  newTEI,
	"vllm": newVLLM,
}

// keyedProviders are Milvus's providers that need an API key from
// milvus.yaml, which Kite has no place for yet.
var keyedProviders = map[string]bool{"siliconflow": true, "cohere": true, "voyageai": true, "ali": true, "zilliz": true}

// model scores each row's input text with an external rerank model, one
// query text per query vector.
type model struct {
	p       provider
	queries []string
}

func newModel(in []*schema.Field, ps []Param) (scorer, error) {
	if len(in) != 1 {
		return nil, fmt.Errorf("rerank model only supports single input, but gets [%s] input", fieldNames(in))
	}
	if in[0].DataType != schema.VarChar {
		return nil, fmt.Errorf("rerank model only support varchar, but got [%s]", in[0].DataType)
	}
	p, err := newProvider(ps)
	if err != nil {
		return nil, err
	}
	m := &model{p: p}
	for _, kv := range ps {
		if kv.Key != keyQueries {
			continue
		}
		if err := json.Unmarshal([]byte(kv.Value), &m.queries); err != nil {
			return nil, fmt.Errorf("parse rerank params [queries] failed, err: %v", err)
		}
	}
	if len(m.queries) == 0 {
		return nil, fmt.Errorf("rerank function lost params queries")
	}
	return m, nil
}

func newProvider(ps []Param) (provider, error) {
	for _, kv := range ps {
		if strings.ToLower(kv.Key) != keyProvider {
			continue
		}
		name := strings.ToLower(kv.Value)
		if build := providers[name]; build != nil {
			return build(ps)
		}
		if keyedProviders[name] {
			return nil, unsupported("rerank model provider " + name)
		}
		return nil, fmt.Errorf("unknown rerank model provider:%s", kv.Value)
	}
	return nil, fmt.Errorf("lost rerank params:%s ", keyProvider)
}

func (m *model) check(_, nq int) error {
	if len(m.queries) != nq {
		return fmt.Errorf("nq must equal to queries size, but got nq [%d], queries size [%d], queries: [%v]", nq, len(m.queries), m.queries)
	}
	return nil
}

// score sends each distinct row's text once, in batches the provider
// accepts.
func (m *model) score(ctx context.Context, q query) (map[any]float32, bool, error) {
	var ids []any
	var texts []string
	seen := map[any]bool{}
	for _, hits := range q.lists {
		for _, h := range hits {
			if !seen[h.ID] {
				seen[h.ID] = true
				ids, texts = append(ids, h.ID), append(texts, text(h.Inputs[0]))
			}
		}
	}
	s := make(map[any]float32, len(ids))
	for lo := 0; lo < len(texts); lo += m.p.maxBatch() {
		hi := min(lo+m.p.maxBatch(), len(texts))
		got, err := m.p.rerank(ctx, m.queries[q.index], texts[lo:hi])
		if err != nil {
			return nil, false, err
		}
		if len(got) != hi-lo {
			return nil, false, fmt.Errorf("call rerank service failed, %d docs but got %d scores", hi-lo, len(got))
		}
		for i, v := range got {
			s[ids[lo+i]] = v
		}
	}
	return s, true, nil
}

func text(v any) string {
	s, _ := v.(string)
	return s
}
