package rerank

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Model service calls, as Milvus makes them: one 30 s budget, up to three
// tries with 1 s then 2 s back-off (plus jitter).
const (
	callTimeout  = 30 * time.Second
	callTries    = 3
	defaultBatch = 32
)

// retryWait is the first back-off; tests shorten it.
var retryWait = time.Second

// Param keys of the endpoint-based providers.
const (
	keyEndpoint      = "endpoint"
	keyMaxBatch      = "max_client_batch_size"
	keyTruncate      = "truncate"
	keyTruncationDir = "truncation_direction"
	keyVLLMTruncate  = "truncate_prompt_tokens"
	keyCredential    = "credential"
)

// endpointProvider posts to a self-hosted rerank service.
type endpointProvider struct {
	endpoint string
	batch    int
	extra    map[string]any // provider-specific request fields
}

func (p *endpointProvider) maxBatch() int { return p.batch }

// call posts body, with the provider's extra fields, to the endpoint's
// /rerank and decodes the answer into out. The endpoint is checked here,
// when the service is called, as Milvus does.
func (p *endpointProvider) call(ctx context.Context, body map[string]any, out any) error {
	url, err := serviceURL(p.endpoint, "/rerank")
	if err != nil {
		return err
	}
	for k, v := range p.extra {
		body[k] = v
	}
	return post(ctx, url, body, out)
}

// readEndpointParams reads the params TEI and vLLM share; other reads the
// rest into extra.
func readEndpointParams(ps []Param, other func(extra map[string]any, key, value string) error) (*endpointProvider, error) {
	p := &endpointProvider{batch: defaultBatch, extra: map[string]any{}}
	for _, kv := range ps {
		var err error
		switch key := strings.ToLower(kv.Key); key {
		case keyEndpoint:
			p.endpoint = kv.Value
		case keyMaxBatch:
			p.batch, err = parseBatch(kv.Value)
		case keyCredential:
			// Kite has no credentials configured, so every name is unknown.
			err = fmt.Errorf("%s is not a apikey crediential, can not find key: %s.apikey", kv.Value, kv.Value)
		default:
			err = other(p.extra, key, kv.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

func parseBatch(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("[%s param's value: %s] is not a valid number", keyMaxBatch, s)
	}
	if n <= 0 {
		return 0, fmt.Errorf("[%s param's value: %s] must be greater than 0", keyMaxBatch, s)
	}
	return n, nil
}

// serviceURL is endpoint with path, refused unless it is an http(s) link.
func serviceURL(endpoint, path string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("endpoint: [%s] is not a valid http/https link", endpoint)
	}
	u.Path = path
	return u.String(), nil
}

// post sends body as JSON and decodes the answer into out.
func post(ctx context.Context, url string, body, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var answer []byte
	for try := 0; try < callTries; try++ {
		if answer, err = send(ctx, url, data); err == nil || try == callTries-1 {
			break
		}
		wait := retryWait << try
		if jitter := wait / 4; jitter > 0 {
			wait += rand.N(jitter)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(answer, out); err != nil {
		return fmt.Errorf("call service failed, unmarshal response failed, errs:[%v]", err)
	}
	return nil
}

func send(ctx context.Context, url string, data []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("call service failed, errs:[%v]", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("call service failed, read response failed, errs:[%v]", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("call service failed, errs:[%s, %s]", resp.Status, body)
	}
	return body, nil
}

// scoresByIndex lays out (index, score) answers in document order.
func scoresByIndex(n int, idx []int, scores []float32) ([]float32, error) {
	if len(idx) != n {
		return nil, fmt.Errorf("call rerank service failed, %d docs but got %d scores", n, len(idx))
	}
	out := make([]float32, n)
	for i, k := range idx {
		if k < 0 || k >= n {
			return nil, fmt.Errorf("call rerank service failed, score for document %d of %d", k, n)
		}
		out[k] = scores[i]
	}
	return out, nil
}
