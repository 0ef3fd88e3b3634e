#!/usr/bin/env bash
# Run Milvus's tests/go_client suite against bin/kite. See README.md.
set -euo pipefail
: "${MILVUS_SRC:?set MILVUS_SRC to a Milvus checkout (branch 2.6)}"
KITE_BIN=${KITE_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/bin/kite}
OUT=${OUT:-/tmp/milvus-suite}
RUN=${RUN:-.}
here=$(cd "$(dirname "$0")" && pwd)
suite="$MILVUS_SRC/tests/go_client"
mkdir -p "$OUT"
rm -f "$OUT/results.json"

# The suite pins a milvus/pkg pseudo-version the module proxy does not serve.
if ! grep -q '^replace github.com/milvus-io/milvus/pkg/v2' "$suite/go.mod"; then
  echo 'replace github.com/milvus-io/milvus/pkg/v2 => ../../pkg' >> "$suite/go.mod"
  (cd "$suite" && go mod tidy)
fi
(cd "$suite" && go test -c -o "$OUT/go_client.test" ./testcases/)

read -r port mport < <(python3 -c 'import socket
a=socket.socket(); a.bind(("127.0.0.1", 0)); b=socket.socket(); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')
data=$(mktemp -d)
"$KITE_BIN" serve --data-dir "$data/kite" --host 127.0.0.1 --port "$port" --metrics-port "$mport" > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "127.0.0.1:$mport/healthz" > /dev/null && break; sleep 0.2; done

cd "$suite/testcases"
"$OUT/go_client.test" -test.list "$RUN" -addr "127.0.0.1:$port" | grep '^Test' > "$OUT/tests.txt" || true
while read -r t; do
  timeout 300 "$OUT/go_client.test" -test.v -test.timeout 280s -test.run "^${t}\$" -addr "127.0.0.1:$port" 2>&1 \
    | go tool test2json -t >> "$OUT/results.json" || true
  # A test killed by its timeout or a panic reports no result: count it failed.
  grep -q "\"Test\":\"$t\",\"Elapsed\"" "$OUT/results.json" || echo "{\"Action\":\"fail\",\"Test\":\"$t\"}" >> "$OUT/results.json"
done < "$OUT/tests.txt"
python3 "$here/summarize.py" "$OUT/results.json" "$suite/testcases" "$OUT/failures.txt"
