package index

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// window is the score interval a search keeps. Without radius every score
// passes; with it, Milvus range search keeps, for distances (L2, HAMMING,
// JACCARD), range_filter <= d < radius, and for similarities (IP, COSINE),
// radius < s <= range_filter.
type window struct {
	ranged    bool
	higher    bool
	radius    float64
	filter    float64
	hasFilter bool
}

// contains reports whether score s lies in the window.
func (w window) contains(s float32) bool {
	if !w.ranged {
		return true
	}
	v := float64(s)
	if w.higher {
		return v > w.radius && (!w.hasFilter || v <= w.filter)
	}
	return v < w.radius && (!w.hasFilter || v >= w.filter)
}

// CheckRange checks a search's range bounds (radius, range_filter) for
// metric before any segment is searched, so a bad bound is refused even
// where nothing would be scored.
func CheckRange(metric string, params map[string]any) error {
	_, err := parseWindow(metric, params)
	return err
}

// parseWindow reads radius and range_filter from search params and checks
// them the way Milvus's proxy does.
func parseWindow(metric string, params map[string]any) (window, error) {
	w := window{higher: HigherIsBetter(metric)}
	r, ok, err := paramFloat(params, "radius")
	if err != nil || !ok {
		return w, err
	}
	w.ranged, w.radius = true, r
	if w.filter, w.hasFilter, err = paramFloat(params, "range_filter"); err != nil || !w.hasFilter {
		return w, err
	}
	if w.higher && w.radius >= w.filter {
		return w, paramErrorf("range_filter must be greater than radius for IP/COSINE, range_filter:%f, radius:%f: invalid parameter", w.filter, w.radius)
	}
	if !w.higher && w.radius <= w.filter {
		return w, paramErrorf("range_filter must be less than radius for L2/HAMMING/JACCARD, range_filter:%f, radius:%f: invalid parameter", w.filter, w.radius)
	}
	return w, nil
}

// paramFloat reads a number that may arrive as any JSON-decoded or
// string-typed value.
func paramFloat(params map[string]any, key string) (float64, bool, error) {
	v, ok := params[key]
	if !ok || v == nil {
		return 0, false, nil
	}
	f, err := toFloat(v)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) { // "NaN" and "Inf" parse as strings
		return 0, false, paramErrorf("invalid %s: %v: invalid parameter", key, v)
	}
	return f, true, nil
}

// paramInt reads an integer search parameter such as ef or nprobe.
func paramInt(params map[string]any, key string) (int, bool, error) {
	f, ok, err := paramFloat(params, key)
	if err != nil || !ok {
		return 0, ok, err
	}
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, false, paramErrorf("invalid %s: %v: invalid parameter", key, params[key])
	}
	return int(f), true, nil
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case json.Number:
		return x.Float64()
	case string:
		return strconv.ParseFloat(x, 64)
	}
	return 0, fmt.Errorf("not a number: %T", v)
}
