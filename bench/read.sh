#!/bin/sh
# Reading benchmark (not run by CI): a 10,000-row "Đảng viên" sheet, open + read, load, aggregates.
# Target: total ≤ 1 s in release.
#   bench/read.sh [ROWS] [RUNS]
set -eu
cd "$(dirname "$0")/.."
rows="${1:-10000}"
runs="${2:-5}"
file="${TMPDIR:-/tmp}/dv-$rows.xlsx"
cargo build --release --example make-sample --example bench-read
cargo run --release --example make-sample -- "$file" "$rows" >/dev/null
ls -l "$file"
cargo run --release --example bench-read -- "$file" "$runs"
