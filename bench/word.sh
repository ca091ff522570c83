#!/usr/bin/env bash
# Word kinds benchmark (never run by .ci/run):
#  1. reading a Word template of about fifty pages (the kế hoạch's body repeated, exported as
#     `vanban init --word` does): read, read + compile, an engine with every kind (bench/word.rs);
#  2. a batch of `cam-ket-dang-vien` (1,000 rows, DOCX and PDF) from its Word template against the same
#     kind in Markdown, in turn (A B A B …), printing each run and the medians.
# Usage: bench/word.sh [RUNS] (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
cargo build --release --quiet --bin vanban --example make-sample --example bench-word
BIN="$PWD/target/release/vanban"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"

echo "== 1. a fifty-page Word template"
target/release/examples/bench-word 50 "$RUNS"

echo "== 2. batch cam-ket-dang-vien, 1,000 rows, docx,pdf: Word template vs Markdown"
target/release/examples/make-sample "$W/dv-1000.xlsx" 1000 >/dev/null
"$BIN" init "$W/md" >/dev/null
"$BIN" init "$W/word" --word >/dev/null
for i in $(seq "$RUNS"); do
  for t in word md; do
    rm -rf "$W/out"
    read -r secs rss < <(python3 bench/measure.py "$BIN" batch cam-ket-dang-vien --templates "$W/$t/templates" \
      --data "$W/dv-1000.xlsx" --out "$W/out" --format docx,pdf)
    echo "$t $secs $rss" | tee -a "$W/runs.txt"
  done
done
python3 - "$W/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    t, secs, rss = line.split()
    runs.setdefault(t, []).append((float(secs), float(rss)))
for t in ("word", "md"):
    s = statistics.median(r[0] for r in runs[t])
    m = statistics.median(r[1] for r in runs[t])
    print(f"{t:5} median {s:.2f} s ({1000 / s:.0f} documents/s), peak RSS {m:.1f} MB")
print(f"word/md time: {statistics.median(r[0] for r in runs['word']) / statistics.median(r[0] for r in runs['md']):.3f}")
PY
