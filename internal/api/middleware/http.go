package middleware

import "time"

// The REST API v2 shares the RPC metrics and request IDs: its requests are
// counted under method "rest:<resource>/<verb>".

// RequestID returns a fresh ID for a failed request, to put in the answer
// and in the server log line about it.
func RequestID() string { return requestID() }

// Observe counts one request of method answered with Milvus status code and
// its latency.
func (m *Metrics) Observe(method string, code int32, d time.Duration) {
	m.observe(method, itoa(code), d)
}
