// Package schema holds Kite's own description of collections and fields: data
// types (numbered as in Milvus, so conversion at the API edge is a cast), field
// and collection schemas, and the checks Milvus applies when a schema is created.
//
// Nothing here imports protobuf: the API layer converts milvus-proto schemas to
// these structs, and everything below it works with them.
package schema
