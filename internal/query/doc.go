// Package query executes reads over a shard snapshot: it runs the filter per
// segment view as a bitset, intersects it with row visibility, searches each
// segment's vectors (built index or exact scan) and merges the per-segment
// top-k; or, for queries, collects the matching rows. It knows nothing of
// the API: callers resolve names, limits and the filter first.
//
// Every read takes the request's context. It is looked at before each
// segment (and in each parallel worker) and passed into the index search,
// which looks at it every so much work; once it is done a read returns
// ctx.Err() and no rows, never a partial answer.
package query
