// Package service holds Kite's use cases — DDL, writes, reads, load and
// index management — behind one Service that both the gRPC and REST layers
// call. Requests and results are Kite's own structs; errors are apierr
// values carrying Milvus codes and messages.
package service
