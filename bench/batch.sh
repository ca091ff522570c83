#!/usr/bin/env bash
# Batch benchmark for `vanban batch cam-ket --per dang-vien` (never run by .ci/run).
# Builds release, generates 1,000- and 10,000-row workbooks, runs the batch for docx, pdf and both, and
# prints documents per second and peak RSS; measures --merge-pdf and --zip at 1,000 rows; times the naive
# way (one `vanban render cam-ket-dang-vien --stt N` process per document, first 100 rows) and the ratio.
# Usage: bench/batch.sh [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-$(nproc)}
cargo build --release --quiet --bin vanban --example make-sample
BIN="$PWD/target/release/vanban"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for n in 1000 10000; do target/release/examples/make-sample "$W/dv-$n.xlsx" "$n" >/dev/null; done

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; commit $(git rev-parse --short HEAD); jobs $JOBS"
printf '%-7s %-10s %-9s %8s %9s %10s %12s\n' rows format extra docs seconds "docs/s" "peak RSS MB"
row() { # rows format extra
  local n=$1 fmt=$2 extra=$3 out="$W/out-$1-$2"
  rm -rf "$out"
  # shellcheck disable=SC2086
  read -r secs rss < <(python3 bench/measure.py "$BIN" batch cam-ket --per dang-vien --data "$W/dv-$n.xlsx" \
      --out "$out" --format "$fmt" --jobs "$JOBS" $extra)
  local docs=$n
  printf '%-7s %-10s %-9s %8d %9.2f %10.1f %12.1f\n' "$n" "$fmt" "${extra:--}" "$docs" "$secs" \
    "$(python3 -c "print($docs/$secs)")" "$rss"
}
for n in 1000 10000; do
  for fmt in docx pdf docx,pdf; do row "$n" "$fmt" ""; done
done
row 1000 docx,pdf "--merge-pdf"
row 1000 docx,pdf "--zip"

# The naive way: one process per document.
mkdir -p "$W/naive"
start=$(date +%s.%N)
for i in $(seq 1 100); do
  "$BIN" render cam-ket-dang-vien --stt "$i" --data "$W/dv-1000.xlsx" --out "$W/naive" >/dev/null
done
end=$(date +%s.%N)
python3 - "$start" "$end" "$W" "$BIN" "$JOBS" <<'PY'
import subprocess, sys, time
start, end, w, binary, jobs = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
naive = 100 / (end - start)
t = time.perf_counter()
subprocess.run([binary, "batch", "cam-ket", "--per", "dang-vien", "--data", f"{w}/dv-1000.xlsx",
                "--out", f"{w}/ratio", "--jobs", jobs], check=True, stdout=subprocess.DEVNULL)
batch = 1000 / (time.perf_counter() - t)
print(f"naive (one process per document, 100 docs, docx+pdf): {naive:.1f} docs/s; batch: {batch:.1f} docs/s; ratio {batch / naive:.1f}x")
PY
