# Kite: one binary, embedded storage. `make run` serves, `make test` runs everything.
GO      ?= go
BIN     := $(CURDIR)/bin/kite
VENV    := $(CURDIR)/.venv
PY      := $(VENV)/bin/python
DATA    ?= ./kite-data

.PHONY: build run test test-go test-e2e test-python venv bench bench-engine milvus-suite clean

build:
	$(GO) build -o $(BIN) ./cmd/kite

run: build
	$(BIN) serve --data-dir $(DATA)

$(PY): tests/python/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r tests/python/requirements.txt
	touch $(PY)

venv: $(PY)

# Every test: unit and package tests (plain and purego), then the Go SDK
# suite and the pymilvus suite against the built binary.
test: build venv test-go test-e2e test-python

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags purego ./internal/distance/... ./internal/index/...

test-e2e: build
	cd tests/e2e && KITE_BIN=$(BIN) $(GO) test -count=1 -timeout 20m ./...

test-python: build venv
	KITE_BIN=$(BIN) $(PY) -m pytest -q tests/python

bench: build
	cd tests/e2e && KITE_BIN=$(BIN) $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./...

# Vector-engine benchmark (README "Vector engine (kite bench)"): Kite in-process
# and end to end through the Go SDK, FAISS and hnswlib (bench/.venv) on the same
# protocol. Needs `apt-get install dataset-fashion-mnist`; e.g.
# BENCH_ARGS='--data synthetic --n 200000 --dim 128' or '--data glove-100'.
BENCH_ARGS ?= --data fashion-mnist --queries 2000 --index FLAT,HNSW,IVF_FLAT,IVF_PQ --e2e-index FLAT,HNSW

bench-engine: build
	$(BIN) bench --compare --e2e $(BENCH_ARGS)

# Milvus's own Go e2e suite against bin/kite (tests/milvus-suite/README.md);
# on demand, not in `make test`: it needs a Milvus checkout in MILVUS_SRC.
RUN ?= .
milvus-suite: build
	MILVUS_SRC=$(MILVUS_SRC) RUN='$(RUN)' KITE_BIN=$(BIN) tests/milvus-suite/run.sh

clean:
	rm -rf bin $(VENV)
