package index

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// knowhere's bounds for the IVF search params.
const (
	maxNprobe          = 65536
	defaultMaxEmpty    = 2
	maxFloat32RangeMsg = "340282346638528859811704183484516925440.000000"
)

// ivfParams are an IVF search's settings.
type ivfParams struct {
	nprobe   int     // lists scanned at least (capped at nlist)
	maxEmpty int     // range search: stop after this many lists in a row add nothing
	refineK  float64 // > 0: gather ceil(refineK·K) candidates and re-rank exactly
}

// parseIVFSearch reads nprobe, max_empty_result_buckets and refine_k,
// rejecting bad values with knowhere's messages (which Milvus passes on).
func parseIVFSearch(params map[string]any, nlist int, refine bool) (ivfParams, error) {
	sp := ivfParams{nprobe: defaultNprobe, maxEmpty: defaultMaxEmpty}
	var err error
	if sp.nprobe, err = knowhereInt(params, "nprobe", defaultNprobe, 1, maxNprobe); err != nil {
		return sp, err
	}
	sp.nprobe = min(sp.nprobe, nlist)
	if sp.maxEmpty, err = knowhereInt(params, "max_empty_result_buckets", defaultMaxEmpty, 1, maxNprobe); err != nil {
		return sp, err
	}
	v, ok := params["refine_k"]
	if !ok || v == nil {
		if refine {
			sp.refineK = 1
		}
		return sp, nil
	}
	f, err := toFloat(v)
	if err != nil || math.IsNaN(f) {
		return sp, paramErrorf("Type conflict in json: param 'refine_k' (%s) should be a number", jsonText(v))
	}
	if f < 1 || f > math.MaxFloat32 {
		return sp, paramErrorf("Out of range in json: param 'refine_k' (%s) should be in range [1.000000, %s]", jsonText(v), maxFloat32RangeMsg)
	}
	sp.refineK = f
	return sp, nil
}

// knowhereInt reads an integer search param the way knowhere's config
// checks it: numbers and numeric strings are accepted; anything else, or a
// fraction, is a type conflict; values outside [lo, hi] are out of range.
func knowhereInt(params map[string]any, key string, def, lo, hi int) (int, error) {
	v, ok := params[key]
	if !ok || v == nil {
		return def, nil
	}
	f, err := toFloat(v)
	if err != nil || f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, paramErrorf("Type conflict in json: param '%s' (%s) should be integer", key, jsonText(v))
	}
	if f < float64(lo) || f > float64(hi) {
		return 0, paramErrorf("Out of range in json: param '%s' (%s) should be in range [%d, %d]", key, jsonText(v), lo, hi)
	}
	return int(f), nil
}

// jsonText prints a param value as JSON would: numbers bare, strings quoted.
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case json.Number:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
