package index

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/kite-db/kite/internal/column"
	"github.com/kite-db/kite/internal/schema"
)

// Index type names as Milvus spells them.
const (
	AutoIndex      = "AUTOINDEX"
	FlatType       = "FLAT"
	BinFlat        = "BIN_FLAT"
	HNSW           = "HNSW"
	IVFFlat        = "IVF_FLAT"
	IVFSQ8         = "IVF_SQ8"
	IVFPQ          = "IVF_PQ"
	BinIVFFlat     = "BIN_IVF_FLAT"
	SparseInverted = "SPARSE_INVERTED_INDEX"
	SparseWand     = "SPARSE_WAND"
)

// milvusOnlyTypes are vector index types Milvus 2.6 builds and Kite does
// not (yet): requests naming them are still recognised as vector indexes.
// The kinds they take tell "can't build with this index" from "not in
// Kite yet".
var milvusOnlyTypes = map[string][]kind{
	"SCANN": {kindDense}, "DISKANN": {kindDense}, "IVF_RABITQ": {kindDense}, "IVF_SQ_CC": {kindDense},
	"HNSW_SQ": {kindDense, kindInt8}, "HNSW_PQ": {kindDense, kindInt8}, "HNSW_PRQ": {kindDense, kindInt8},
	"GPU_IVF_FLAT": {kindDense}, "GPU_IVF_PQ": {kindDense}, "GPU_CAGRA": {kindDense}, "GPU_BRUTE_FORCE": {kindDense},
	"MINHASH_LSH": {kindBinary},
}

// IsVectorType reports whether typ names a vector index type Milvus has,
// built by Kite or not (AUTOINDEX is either kind).
func IsVectorType(typ string) bool {
	_, ok := typeTable[typ]
	_, milvus := milvusOnlyTypes[typ]
	return ok || milvus
}

// notInKite refuses a Milvus index type Kite does not build: as Milvus
// does when the vector type cannot take it, else as not supported yet.
func notInKite(typ string, k kind, t schema.DataType) error {
	if !slices.Contains(milvusOnlyTypes[typ], k) {
		return paramErrorf("data type %s can't build with this index %s"+badBuildParams, t, typ)
	}
	return fmt.Errorf("index type %s is not supported by Kite yet: %w", typ, ErrUnsupported)
}

// kind groups vector types that share index types and metrics.
type kind int

const (
	kindDense kind = iota // float, float16, bfloat16
	kindInt8
	kindBinary
	kindSparse
)

func kindOf(t schema.DataType) (kind, bool) {
	switch t {
	case schema.FloatVector, schema.Float16Vector, schema.BFloat16Vector:
		return kindDense, true
	case schema.Int8Vector:
		return kindInt8, true
	case schema.BinaryVector:
		return kindBinary, true
	case schema.SparseFloatVector:
		return kindSparse, true
	}
	return 0, false
}

// typeInfo is what Kite knows about one Milvus vector index type.
type typeInfo struct {
	kinds   []kind
	metrics []string // nil: every metric valid for the vector type
	check   func(params map[string]string, dim int) error
}

var typeTable = map[string]typeInfo{
	FlatType:       {kinds: []kind{kindDense, kindInt8}},
	BinFlat:        {kinds: []kind{kindBinary}},
	HNSW:           {kinds: []kind{kindDense, kindInt8, kindBinary}, check: checkHNSW},
	IVFFlat:        {kinds: []kind{kindDense}, check: checkIVF},
	IVFSQ8:         {kinds: []kind{kindDense}, check: checkIVF},
	IVFPQ:          {kinds: []kind{kindDense}, check: checkIVFPQ},
	BinIVFFlat:     {kinds: []kind{kindBinary}, metrics: binaryMetrics, check: checkIVF},
	SparseInverted: {kinds: []kind{kindSparse}, check: checkSparse},
	SparseWand:     {kinds: []kind{kindSparse}, check: checkSparse},
}

// autoIndex is what AUTOINDEX becomes per vector kind, with the build
// params Milvus's autoIndex config uses.
var autoIndex = map[kind]Spec{
	kindDense:  {Type: HNSW, Params: map[string]string{"M": "18", "efConstruction": "240"}},
	kindInt8:   {Type: HNSW, Params: map[string]string{"M": "18", "efConstruction": "240"}},
	kindBinary: {Type: BinIVFFlat, Params: map[string]string{"nlist": "1024"}},
	kindSparse: {Type: SparseInverted, Params: map[string]string{}},
}

// ValidateSpec checks index type, metric (valid for the field's vector type)
// and build params with Milvus's error messages, fills the default metric,
// and resolves AUTOINDEX to the type Milvus picks.
func ValidateSpec(spec Spec, vectorType schema.DataType, dim int) (Spec, error) {
	k, ok := kindOf(vectorType)
	if !ok {
		return spec, paramErrorf("data type %s can't build with this index %s", vectorType, spec.Type)
	}
	out := Spec{Type: spec.Type, Metric: spec.Metric, Params: maps.Clone(spec.Params)}
	if out.Params == nil {
		out.Params = map[string]string{}
	}
	if out.Metric == "" {
		out.Metric = DefaultMetric(vectorType)
	}
	if out.Type == AutoIndex || out.Type == "" {
		out = resolveAuto(out, k)
	}
	if !IsVectorType(out.Type) {
		return spec, paramErrorf("invalid parameter[expected=valid index][actual=invalid index type: %s]", out.Type)
	}
	if err := checkMetricFamily(out.Metric, k); err != nil { // Milvus asks before the index type's own checks
		return spec, err
	}
	info, ok := typeTable[out.Type]
	if !ok {
		return spec, notInKite(out.Type, k, vectorType)
	}
	return out, checkSpec(out, info, k, vectorType, dim)
}

func resolveAuto(s Spec, k kind) Spec {
	a := autoIndex[k]
	s.Type = a.Type
	for key, v := range a.Params {
		if _, set := s.Params[key]; !set {
			s.Params[key] = v
		}
	}
	return s
}

func checkSpec(s Spec, info typeInfo, k kind, t schema.DataType, dim int) error {
	if !slices.Contains(info.kinds, k) {
		return paramErrorf("data type %s can't build with this index %s", t, s.Type)
	}
	allowed := info.metrics
	if allowed == nil {
		allowed = metricsFor(t)
	}
	if !slices.Contains(allowed, s.Metric) {
		return metricNotSupported(s.Metric, allowed)
	}
	if info.check != nil {
		return info.check(s.Params, dim)
	}
	return nil
}

func metricNotSupported(metric string, allowed []string) error {
	return paramErrorf("metric type %s not found or not supported, supported: %v", metric, allowed)
}

func checkHNSW(p map[string]string, _ int) error {
	if err := intInRange(p, "M", 1, 2048); err != nil {
		return err
	}
	return intInRange(p, "efConstruction", 1, 2147483647)
}

func checkIVF(p map[string]string, _ int) error { return intInRange(p, "nlist", 1, 65536) }

func checkIVFPQ(p map[string]string, dim int) error {
	if err := checkIVF(p, dim); err != nil {
		return err
	}
	if err := intInRange(p, "nbits", 1, 16); err != nil {
		return err
	}
	m, ok := p["m"]
	if !ok {
		return paramErrorf("parameter `m` not found")
	}
	v, err := strconv.Atoi(m)
	switch {
	case err != nil || v == 0:
		return paramErrorf("invalid `m`: %s", m)
	case v < 0 || v > 65536:
		return paramErrorf("Out of range in json: param 'm' (%d) should be in range [1, 65536]", v)
	case dim%v != 0:
		return paramErrorf("The dimension of a vector (dim) should be a multiple of the number of subquantizers (m), dim: %d, m: %d"+badBuildParams, dim, v)
	}
	return nil
}

// intInRange checks an optional integer build param; absent params take
// the index's default later.
func intInRange(p map[string]string, key string, lo, hi int) error {
	s, ok := p[key]
	if !ok {
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return notInteger(key, s)
	}
	if v < int64(lo) || v > int64(hi) {
		return outOfRange(key, s, lo, hi)
	}
	return nil
}

// Build builds an index of spec (as ValidateSpec returned it) over vectors.
// FLAT and BIN_FLAT scan vectors they do not own; every other type builds
// its own structure, which Saver.Save persists and Load reopens, over the
// rows holding a vector (null rows are left out; a column of nulls only
// gets an index with nothing to search and nothing to save). Once ctx
// is done a build stops (HNSW between inserts, the IVF family between
// training, assignment and encoding) and returns ctx.Err().
func Build(ctx context.Context, spec Spec, vectors *column.Column) (Index, error) {
	if _, ok := typeTable[spec.Type]; !ok {
		return nil, fmt.Errorf("index: build %q: %w", spec.Type, ErrUnsupported)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if vectors.Len() > 0 && vectorRows(vectors) == 0 && spec.Type != FlatType && spec.Type != BinFlat {
		return noVectors{metric: spec.Metric}, nil
	}
	switch spec.Type {
	case HNSW:
		return buildHNSW(ctx, spec, vectors)
	case IVFFlat, IVFSQ8, IVFPQ:
		return buildIVF(ctx, spec, vectors)
	case BinIVFFlat:
		return buildBinIVF(ctx, spec, vectors)
	case SparseInverted, SparseWand:
		return buildSparse(spec, vectors)
	}
	return NewFlat(spec.Metric, vectors)
}

// Load opens an index that Build made and Saver.Save wrote to path, over
// the same vectors, without rebuilding: the file is mapped read-only and
// the index implements io.Closer. Indexes without saved state (FLAT,
// BIN_FLAT) ignore path.
func Load(spec Spec, path string, vectors *column.Column) (Index, error) {
	switch spec.Type {
	case HNSW:
		return loadHNSW(spec, path, vectors)
	case IVFFlat, IVFSQ8, IVFPQ:
		return loadIVF(spec, path, vectors)
	case BinIVFFlat:
		return loadBinIVF(spec, path, vectors)
	case SparseInverted, SparseWand:
		return loadSparse(spec, path, vectors)
	}
	return Build(context.Background(), spec, vectors) // FLAT: nothing to build, nothing to stop
}
