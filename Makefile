# Kite: one binary, embedded storage. `make run` serves, `make test` runs everything.
GO      ?= go
BIN     := $(CURDIR)/bin/kite
VENV    := $(CURDIR)/.venv
PY      := $(VENV)/bin/python
DATA    ?= ./kite-data

.PHONY: build run test test-go test-e2e test-python venv bench clean

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

clean:
	rm -rf bin $(VENV)
