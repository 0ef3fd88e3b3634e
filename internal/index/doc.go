// Package index is Kite's vector index layer: one interface that every index
// type (FLAT, HNSW, IVF family, binary, sparse) implements, a registry from
// Milvus index names to builders (Build), and validation of Milvus index and
// search parameters (ValidateSpec, DefaultMetric).
//
// Usage: the service validates CreateIndex with ValidateSpec, which fills
// the default metric and resolves AUTOINDEX, and stores the returned Spec.
// Sealed segments get Build(ctx, spec, column); growing segments are searched
// through NewFlat(metric, column). Search takes a batch of query vectors of
// the indexed column's type and returns hits per query.
//
// Invariants every index keeps:
//   - Hits are best first in Milvus's score convention: L2 squared distance,
//     HAMMING and JACCARD ascending; IP and COSINE similarity descending.
//     Equal scores rank the lower row first.
//   - Only rows set in SearchParams.Filter are returned (rows past the
//     filter's length count as filtered out).
//   - With "radius" in the search params a search is a Milvus range search:
//     distances keep range_filter <= d < radius, similarities keep
//     radius < s <= range_filter; at most K hits either way.
//   - Rows whose vector is null (column.Valid false; a zero vector holds
//     their slot) are in no structure a build makes: not in an HNSW
//     graph, an IVF list, k-means training or a sparse posting, so a zero
//     vector never scores NaN under COSINE inside a build. A column of
//     nulls only gets an index that finds nothing. Exact scans (FLAT, and
//     HNSW's exact fallbacks) score the rows their filter passes: callers
//     leave null rows out of it (internal/query does).
//   - A search naming a metric other than the index's fails with
//     MetricMismatchError, as Milvus does.
//   - Errors caused by a client's parameters wrap ErrInvalidParameter and
//     carry Milvus's message text.
//   - A search whose context is done stops and returns ctx.Err() and no
//     hits. Indexes look at the context every so much work, never per
//     row: FLAT every checkRows rows scored, HNSW before each query and
//     every expandsPerCheck expansions of a walk, the IVF family before
//     each probed list, sparse indexes per posting list (TAAT) or per
//     window of rows (MaxScore).
//
// HNSW (index/hnsw) serves FLOAT, FLOAT16, BFLOAT16, INT8 and BINARY
// vectors. It answers range searches, and filters passing fewer than 1/16
// of the rows (or at most 2·ef), with an exact scan: a graph walk bounded by
// ef cannot promise every row in a range, and a tiny filter strands it.
// Its graph persists with Saver.Save and reopens with Load as a read-only
// mmap; such an index implements io.Closer and must be closed after its
// last search.
//
// IVF_FLAT, IVF_SQ8 and IVF_PQ (float, float16, bfloat16) and
// BIN_IVF_FLAT (binary) cluster the rows with k-means (index/kmeans) into
// nlist lists and score the nprobe lists nearest each query (default 8,
// as Milvus), more while fewer than K rows pass the filter; a range search
// goes on until max_empty_result_buckets lists in a row add no hit.
// Filters passing no more rows than the probe would score are answered
// exactly. IVF_SQ8 and IVF_PQ store residuals quantized (index/quant) and
// score them without decoding, so their scores (and range-search windows)
// are approximate; refine_k (or refine=true at build) re-ranks refine_k·K
// candidates by exact score against the segment's vectors. COSINE
// normalizes rows and queries and scores by inner product. Builds use
// GOMAXPROCS goroutines for k-means and encoding.
//
// SPARSE_INVERTED_INDEX and SPARSE_WAND keep a posting list per dimension
// and search it term at a time (inverted_index_algo TAAT_NAIVE) or with
// windowed MaxScore (DAAT_MAXSCORE, the default, and DAAT_WAND);
// drop_ratio_build and drop_ratio_search drop the smallest values, and the
// top K over what is kept is exact.
//
// Every index but FLAT and BIN_FLAT persists with Saver.Save and reopens with Load as a
// read-only mmap (index/hnsw's graph file; index/indexfile for the rest,
// layouts in docs/format/index.md); such an index implements io.Closer and
// must be closed after its last search. Search is safe for concurrent use.
package index
