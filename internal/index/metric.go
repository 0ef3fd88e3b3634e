package index

import (
	"slices"

	"github.com/kite-db/kite/internal/schema"
)

// Metrics valid per vector kind, in the order Milvus lists them in errors.
var (
	denseMetrics  = []string{L2, IP, Cosine}
	binaryMetrics = []string{Hamming, Jaccard}
	sparseMetrics = []string{IP, BM25}
)

// familyMetrics are the metrics Milvus's proxy accepts for each vector
// kind before any index type is asked (binary ones Kite cannot build yet
// are refused afterwards by the index type, as Milvus's index checkers do).
var familyMetrics = map[kind][]string{
	kindDense:  denseMetrics,
	kindInt8:   denseMetrics,
	kindBinary: {Hamming, Jaccard, "SUBSTRUCTURE", "SUPERSTRUCTURE", "MHJACCARD"},
	kindSparse: sparseMetrics,
}

// familyNames word checkMetricFamily's refusal per kind.
var familyNames = map[kind]string{kindDense: "float vector", kindInt8: "int vector", kindBinary: "binary vector"}

// checkMetricFamily refuses a metric no index of the vector kind takes,
// in Milvus's words.
func checkMetricFamily(metric string, k kind) error {
	if slices.Contains(familyMetrics[k], metric) {
		return nil
	}
	if k == kindSparse {
		return paramErrorf("only IP&BM25 is the supported metric type for sparse index" + badBuildParams)
	}
	return paramErrorf("%s index does not support metric type: %s"+badBuildParams, familyNames[k], metric)
}

// metricsFor returns the metrics Milvus accepts for vectors of type t.
func metricsFor(t schema.DataType) []string {
	switch t {
	case schema.FloatVector, schema.Float16Vector, schema.BFloat16Vector, schema.Int8Vector:
		return denseMetrics
	case schema.BinaryVector:
		return binaryMetrics
	case schema.SparseFloatVector:
		return sparseMetrics
	}
	return nil
}

// DefaultMetric is the metric Milvus 2.6 assumes when a request names none:
// COSINE for dense vectors, HAMMING for binary, IP for sparse; "" for
// non-vector types.
func DefaultMetric(t schema.DataType) string {
	switch t {
	case schema.BinaryVector:
		return Hamming
	case schema.SparseFloatVector:
		return IP
	}
	if t.IsDenseVector() {
		return Cosine
	}
	return ""
}

// ValidMetric reports whether metric may be used on vectors of type t.
func ValidMetric(metric string, t schema.DataType) bool {
	return slices.Contains(metricsFor(t), metric)
}

// HigherIsBetter reports whether larger scores of metric mean more similar
// (similarities), which decides sort order and range-search bounds.
func HigherIsBetter(metric string) bool {
	return metric == IP || metric == Cosine || metric == BM25
}

// better reports whether hit a ranks before hit b under metric: better score
// first, and the lower row first on equal scores so results are stable
// across index types and runs.
func better(higher bool, a, b Hit) bool {
	if a.Score != b.Score {
		if higher {
			return a.Score > b.Score
		}
		return a.Score < b.Score
	}
	return a.Row < b.Row
}
