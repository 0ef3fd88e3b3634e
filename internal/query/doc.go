// Package query executes reads over a shard snapshot: it runs the filter per
// segment view as a bitset, intersects it with row visibility, searches each
// segment's vectors (built index or exact scan) and merges the per-segment
// top-k; or, for queries, collects the matching rows. It knows nothing of
// the API: callers resolve names, limits and the filter first.
package query
