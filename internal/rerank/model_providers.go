package rerank

import (
	"context"
	"fmt"
	"strconv"
)

// tei is Hugging Face Text Embeddings Inference's /rerank.
type tei struct{ *endpointProvider }

func newTEI(ps []Param) (provider, error) {
	p, err := readEndpointParams(ps, func(extra map[string]any, key, value string) error {
		switch key {
		case keyTruncate:
			b, err := strconv.ParseBool(value)
			if err != nil {
				return fmt.Errorf("Rerank params error, %s: %s is not bool type", keyTruncate, value)
			}
			extra[keyTruncate] = b
		case keyTruncationDir:
			if value != "Left" && value != "Right" {
				return fmt.Errorf("[%s param's value: %s] is not invalid, only supports [Left/Right]", keyTruncationDir, value)
			}
			extra[keyTruncationDir] = value
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tei{p}, nil
}

func (p tei) rerank(ctx context.Context, query string, docs []string) ([]float32, error) {
	var res []struct {
		Index int     `json:"index"`
		Score float32 `json:"score"`
	}
	if err := p.call(ctx, map[string]any{"query": query, "texts": docs}, &res); err != nil {
		return nil, err
	}
	idx, scores := make([]int, len(res)), make([]float32, len(res))
	for i, r := range res {
		idx[i], scores[i] = r.Index, r.Score
	}
	return scoresByIndex(len(docs), idx, scores)
}

// vllm is vLLM's /rerank (Jina/Cohere shape).
type vllm struct{ *endpointProvider }

func newVLLM(ps []Param) (provider, error) {
	p, err := readEndpointParams(ps, func(extra map[string]any, key, value string) error {
		if key != keyVLLMTruncate {
			return nil
		}
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return fmt.Errorf("Rerank params error, %s: %s is not a number", keyVLLMTruncate, value)
		}
		extra[keyVLLMTruncate] = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	if p.endpoint == "" {
		return nil, fmt.Errorf("rerank function lost params endpoint")
	}
	return vllm{p}, nil
}

func (p vllm) rerank(ctx context.Context, query string, docs []string) ([]float32, error) {
	var res struct {
		Results []struct {
			Index          int     `json:"index"`
			RelevanceScore float32 `json:"relevance_score"`
		} `json:"results"`
	}
	if err := p.call(ctx, map[string]any{"query": query, "documents": docs}, &res); err != nil {
		return nil, err
	}
	idx, scores := make([]int, len(res.Results)), make([]float32, len(res.Results))
	for i, r := range res.Results {
		idx[i], scores[i] = r.Index, r.RelevanceScore
	}
	return scoresByIndex(len(docs), idx, scores)
}
