module github.com/kite-db/kite/tests/e2e

go 1.26.8

replace github.com/kite-db/kite => ../..

require github.com/milvus-io/milvus/client/v2 v2.6.2 // indirect
