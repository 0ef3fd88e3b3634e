#!/usr/bin/env bash
# Run the Milvus quick start (test_quickstart.py) against Kite with the newest
# pymilvus 3.x, in a venv of its own so the suite's pinned 2.6 client stays put.
#
#   tests/python/quickstart_v3.sh            # quick start only
#   ALL=1 tests/python/quickstart_v3.sh      # the whole pymilvus suite
#
# VENV3 (default /tmp/venv3) is created on first use; KITE_BIN defaults to
# bin/kite of this repository (run `make build` first). See PYMILVUS3.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
VENV3="${VENV3:-/tmp/venv3}"
KITE_BIN="${KITE_BIN:-$repo/bin/kite}"
SPEC="${PYMILVUS3_SPEC:-pymilvus>=3,<4}"

if [[ ! -x "$KITE_BIN" ]]; then
  echo "kite binary not found at $KITE_BIN: run 'make build' or set KITE_BIN" >&2
  exit 2
fi
if [[ ! -x "$VENV3/bin/python" ]]; then
  python3 -m venv "$VENV3"
  "$VENV3/bin/pip" install --quiet --upgrade pip
fi
"$VENV3/bin/pip" install --quiet "$SPEC" pytest numpy
ver="$("$VENV3/bin/python" -c 'import pymilvus; print(pymilvus.__version__)')"
case "$ver" in
  3.*) ;;
  *) echo "expected pymilvus 3.x in $VENV3, got $ver" >&2; exit 2 ;;
esac
echo "pymilvus $ver against $KITE_BIN"
targets=("$here/test_quickstart.py")
if [[ "${ALL:-0}" == 1 ]]; then
  targets=("$here")
fi
cd "$repo"
KITE_BIN="$KITE_BIN" exec "$VENV3/bin/python" -m pytest -q "${targets[@]}"
