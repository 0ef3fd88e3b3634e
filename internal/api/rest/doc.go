// Package rest serves Milvus's REST API v2 — POST /v2/vectordb/<resource>/<verb>
// with JSON bodies — over the same service layer as the gRPC API.
//
// Every answer is HTTP 200 with Milvus's envelope {"code", "data", "message"}:
// code 0 and data on success, the Milvus error code and its reason on failure
// (apierr.Status makes both, so REST and gRPC clients read the same words).
// Endpoints Kite lacks answer code 10 naming the endpoint.
//
// Handlers are thin: decode the body, convert JSON values to Kite columns
// (rows_in.go) or columns to JSON rows (rows_out.go), call the service and
// fill the envelope. The database comes from the body's "dbName", else the
// DB-Name header, else "default". Int64 values are JSON numbers unless the
// client sends "Accept-Type-Allow-Int64: false", as in Milvus.
package rest
