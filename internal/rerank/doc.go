// Package rerank re-scores and re-orders search hits the way Milvus 2.6's
// function-score rerankers do: RRF and weighted fusion of several searches,
// decay of a hit's score by the distance of a numeric field's value from an
// origin, and scores from an external rerank model service.
//
// A request names its reranker in a FunctionScore (one function of type
// Rerank whose "reranker" param is rrf, weighted, decay or model); the older
// hybrid-search rank params ("strategy" and "params") are translated into the
// same function by Legacy, so both forms run one implementation. Each
// reranker is declared once, in the registry (registry.go).
//
// New checks the function against the collection schema and returns a
// Ranker, or an error worded as Milvus words it. Ranker.Rank takes, per
// query, the hit lists of the searches (best first, each hit with its primary
// key, score and the values of the reranker's input fields) and returns the
// window of hits the client asked for: sorted by the new score (ties by
// primary key), optionally grouped by a field's value, offset and limit
// applied. Hits are identified by primary key, so a row found by several
// searches is one candidate.
//
// Boost functions ("reranker": "boost") are not rerankers but segment
// scorers: NewBoosts reads them (filter, weight, random_score and the
// function score's boost_mode and function_mode) and Boosts.Score gives a
// hit its boosted score; the caller evaluates the filters on each segment
// and applies the scores before segments' hits are merged.
//
// The package knows nothing of segments or the API: the caller reads the
// input field values for the candidates and maps results back to rows.
package rerank
