#!/usr/bin/env bash
# Batch benchmark for `vanban batch cam-ket --per dang-vien` (never run by .ci/run).
# Builds release, generates 1,000- and 10,000-row workbooks, and prints:
#  1. documents per second and peak RSS for docx, pdf and docx,pdf at both sizes, --merge-pdf at both
#     sizes and --zip at 1,000;
#  2. where the time goes, per stage and per document (VANBAN_TIMINGS=1: workbook, plan, template, IR,
#     layout, DOCX, DOCX compression, PDF data, Typst layout, PDF export, write, merge, zip), for the
#     docx,pdf runs;
#  3. the share of compression inside the PDF export (which Typst's PDF writer does not expose): the
#     deflated streams of 200 written PDFs re-deflated at the writer's level 6 and at level 1;
#  4. the naive way (one `vanban render` process per document, first 100 rows) and the ratio.
# Usage: bench/batch.sh [JOBS] (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-2}
cargo build --release --quiet --bin vanban --example make-sample --example pdf-streams
BIN="$PWD/target/release/vanban"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for n in 1000 10000; do target/release/examples/make-sample "$W/dv-$n.xlsx" "$n" >/dev/null; done

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD); jobs $JOBS"
printf '%-7s %-10s %-11s %8s %9s %10s %12s\n' rows format extra docs seconds "docs/s" "peak RSS MB"
row() { # rows format extra
  local n=$1 fmt=$2 extra=$3 out="$W/out-$1-$2${3// /}"
  rm -rf "$out"
  # shellcheck disable=SC2086
  read -r secs rss < <(VANBAN_TIMINGS=1 python3 bench/measure.py --stderr "$W/stages-$n-$fmt${extra// /}.txt" \
      "$BIN" batch cam-ket --per dang-vien --data "$W/dv-$n.xlsx" --out "$out" --format "$fmt" --jobs "$JOBS" $extra)
  printf '%-7s %-10s %-11s %8d %9.2f %10.1f %12.1f\n' "$n" "$fmt" "${extra:--}" "$n" "$secs" \
    "$(python3 -c "print($n/$secs)")" "$rss"
}
for n in 1000 10000; do
  for fmt in docx pdf docx,pdf; do row "$n" "$fmt" ""; done
done
row 1000 docx,pdf "--merge-pdf"
row 10000 docx,pdf "--merge-pdf"
row 1000 docx,pdf "--zip"

for n in 1000 10000; do
  echo
  echo "== where the time goes: $n rows, docx,pdf, --jobs $JOBS (thread-seconds; stages exclusive) =="
  sed -n '/^thời gian theo công đoạn/,$p' "$W/stages-$n-docx,pdf.txt"
done
echo
echo "== --merge-pdf at 10000 rows =="
sed -n '/^thời gian theo công đoạn/,$p' "$W/stages-10000-docx,pdf--merge-pdf.txt" | grep -E 'công đoạn|merge-pdf'
echo
target/release/examples/pdf-streams "$W/out-1000-docx,pdf" --limit 200

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
print(f"\nnaive (one process per document, 100 docs, docx+pdf): {naive:.1f} docs/s; batch: {batch:.1f} docs/s; ratio {batch / naive:.1f}x")
PY
