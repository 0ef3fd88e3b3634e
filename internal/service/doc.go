// Package service holds Kite's use cases — DDL, writes, reads, load and
// index management — behind one Service that both the gRPC and REST layers
// call. Requests and results are Kite's own structs; errors are apierr
// values carrying Milvus codes and messages.
//
// Every use case has one shape: Method(ctx context.Context, req Method)
// returns (Result, error) when it answers something — one value, a struct,
// pointer, slice or scalar, never several — or just error for a command;
// the request struct is named after the use case (Search, DropIndex,
// Write for Insert and Upsert). The API edge passes the RPC's or HTTP
// request's context, and reads honour it down to the index scan: a read
// whose context is done stops and returns ctx.Err() wrapped with what it
// was reading, which apierr answers with Milvus's canceled (10000) or
// timeout (10001) code — never a partial result. Lifecycle methods (Open,
// Close, Oracle) are not use cases and keep their own shapes.
package service
