package middleware

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// observe counts one request of method answered with code and its latency.
// The series of a method's latency and of its successes are looked up once
// and kept: resolving labels hashes them on every request. A success
// series is only made on the first success, so /metrics lists the same
// series as before.
func (m *Metrics) observe(method, code string, d time.Duration) {
	if code == "0" {
		ok, found := m.okByMethod.Load(method)
		if !found {
			ok, _ = m.okByMethod.LoadOrStore(method, m.requests.WithLabelValues(method, code))
		}
		ok.(prometheus.Counter).Inc()
	} else {
		m.requests.WithLabelValues(method, code).Inc()
	}
	lat, found := m.latencyByMethod.Load(method)
	if !found {
		lat, _ = m.latencyByMethod.LoadOrStore(method, m.latency.WithLabelValues(method))
	}
	lat.(prometheus.Observer).Observe(d.Seconds())
}
