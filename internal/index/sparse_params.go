package index

import (
	"math"
	"strconv"
)

// parseFloatParam parses a build param sent as a string.
func parseFloatParam(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// inverted_index_algo values.
const (
	algoTAAT     = "TAAT_NAIVE"
	algoWAND     = "DAAT_WAND"
	algoMaxScore = "DAAT_MAXSCORE"
)

// checkSparse validates the sparse build params as Milvus's proxy does.
func checkSparse(p map[string]string, _ int) error {
	if a, ok := p["inverted_index_algo"]; ok && a != algoTAAT && a != algoWAND && a != algoMaxScore {
		return paramErrorf("sparse inverted index algo %s not found or not supported, supported: [%s %s %s]", a, algoTAAT, algoWAND, algoMaxScore)
	}
	s, ok := p["drop_ratio_build"]
	if !ok {
		return nil
	}
	f, err := parseFloatParam(s)
	if err != nil || math.IsNaN(f) {
		return paramErrorf("Type conflict in json: param 'drop_ratio_build' (%q) should be a number"+badBuildParams, s)
	}
	if f < 0 || f >= 1 { // knowhere's words
		return paramErrorf("Out of range in json: param 'drop_ratio_build' (%s) should be in range [0.000000, 1.000000)"+badBuildParams, strconv.FormatFloat(f, 'f', 6, 64))
	}
	return nil
}

// parseDropRatioSearch reads drop_ratio_search, in [0, 1), with knowhere's
// messages.
func parseDropRatioSearch(params map[string]any) (float64, error) {
	v, ok := params["drop_ratio_search"]
	if !ok || v == nil {
		return 0, nil
	}
	f, err := toFloat(v)
	if err != nil || math.IsNaN(f) {
		return 0, paramErrorf("Type conflict in json: param 'drop_ratio_search' (%s) should be a number", jsonText(v))
	}
	if f < 0 || f >= 1 {
		return 0, paramErrorf("Out of range in json: param 'drop_ratio_search' (%s) should be in range [0.000000, 1.000000)", strconv.FormatFloat(f, 'f', 6, 64))
	}
	return f, nil
}
