package rerank

import (
	"math"
	"strings"

	"github.com/kite-db/kite/internal/index"
)

// normalizer maps a search's score before it is weighted or decayed.
type normalizer func(float32) float32

func identity(v float32) float32 { return v }

// distanceToSimilarity maps a distance (smaller is closer) into (0, 1],
// larger meaning closer.
func distanceToSimilarity(d float32) float32 {
	return 1 - 2*float32(math.Atan(float64(d)))/math.Pi
}

// normalizeFor returns the map applied to scores of metric. With norm every
// metric lands in [0, 1], larger meaning closer. Without it scores stay as
// they are, except that distances become similarities when toGreater asks
// for larger-is-better (mixed metrics, decay).
func normalizeFor(norm bool, metric string, toGreater bool) normalizer {
	metric = strings.ToUpper(metric)
	if !norm {
		if !toGreater || index.HigherIsBetter(metric) {
			return identity
		}
		return distanceToSimilarity
	}
	switch metric {
	case index.Cosine:
		return func(v float32) float32 { return (1 + v) * 0.5 }
	case index.IP:
		return func(v float32) float32 { return 0.5 + float32(math.Atan(float64(v)))/math.Pi }
	case index.BM25:
		return func(v float32) float32 { return 2 * float32(math.Atan(float64(v))) / math.Pi }
	}
	return distanceToSimilarity
}

// metricOrder tells whether metrics mix similarities and distances, and
// whether larger raw scores are better for all of them.
func metricOrder(metrics []string) (mixed, higher bool) {
	var sims, dists int
	for _, m := range metrics {
		if index.HigherIsBetter(strings.ToUpper(m)) {
			sims++
		} else {
			dists++
		}
	}
	if sims > 0 && dists > 0 {
		return true, true
	}
	return false, dists == 0
}
