// Package hnsw is a Hierarchical Navigable Small World graph (Malkov &
// Yashunin, 2016) over row numbers. It knows nothing of vectors: callers
// supply distances (smaller is closer) between rows and from a query to a
// row, so one graph serves float32, float16, bfloat16, int8 and binary rows
// under any metric turned into a distance.
//
// Usage:
//
//	g, err := hnsw.Build(ctx, hnsw.Config{M: 16, EfConstruction: 200}, space, n, threads)
//	// or: g := hnsw.New(cfg, n); g.Add(space) for rows 0..n-1 in order
//	res, err := g.Search(ctx, distToQuery, k, ef, allow) // err: ctx.Err() once ctx is done
//	g.WriteFile(path); g2, _ := hnsw.Open(path) // g2 reads an mmap
//
// Invariants:
//   - Rows are added in order 0, 1, ..., n-1; a graph never holds a row
//     twice and never forgets one (deletes are the caller's filter).
//     Build leaves out the rows Config.Skip names (null vectors): they
//     keep their number and an empty link block, no row links to them and
//     none is the entry, so no search reaches them.
//   - Level 0 keeps at most 2·M links per row, upper levels M.
//   - Add is single-writer. Build inserts from several goroutines, each
//     row's link blocks guarded by its own lock and the entry point by
//     another (as in hnswlib); with one thread it builds exactly what Add
//     does. Search is safe for concurrent use once building is done and
//     reads links without locks (each search takes its own scratch from a
//     pool).
//   - A search gathers an expanded row's unvisited neighbours and scores
//     them in one call when the Query has the BatchQuery ability.
//   - A graph opened from a file is read-only and valid until Close.
//   - A search looks at its context every expandsPerCheck expansions and
//     stops with ctx.Err(); Build looks at it between inserts. An insert
//     itself is never cut short.
//
// File layout (little-endian; all arrays start 4-byte aligned):
//
//	magic "KITEHNSW" | version u32 | n u32 | M u32 | maxLevel i32 | entry i32
//	| upperLen u32 | levels [n]u8 padded to 4 | upperOff [n]u32
//	| level0 [n·(2M+1)]u32 | upper [upperLen]u32 | crc32c u32 of all before
//
// A row's level-0 links are level0[row·(2M+1):], first the count, then the
// neighbours. A row with level L ≥ 1 has L blocks of M+1 words (count,
// neighbours) at upper[upperOff[row]:], level 1 first.
package hnsw
