#!/usr/bin/env bash
# Preview latency of `vanban serve` (never run by .ci/run): release build, server on loopback, page 1 of
# the kế hoạch and of a bản cam kết, one client then CLIENTS concurrent clients, REQUESTS requests per
# case (bounded: every request has a 120 s timeout and the script a 10-minute one); peak RSS of the server.
# Usage: bench/serve.sh [CLIENTS] [REQUESTS]; BIN=path/to/vanban measures that binary instead of building
# (e.g. the commit before, side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-20}
REQUESTS=${2:-200}
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release --quiet --bin vanban
  BIN=target/release/vanban
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --port "$PORT" --no-open >/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; commit $(git rev-parse --short HEAD)"
timeout 600 python3 bench/serve.py "http://127.0.0.1:$PORT/" "$SERVER" "$CLIENTS" "$REQUESTS"
