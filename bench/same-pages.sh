#!/usr/bin/env bash
# Page identity of two sets of PDFs, for a change that alters PDF bytes (object order, compression) but
# must not alter pages: every PDF under DIR1 is compared with the PDF of the same path under DIR2 as
# PNG images at 150 dpi (pdftoppm, every page) and as text (pdftotext -layout). Make the sets with
# bench/same-output.sh and KEEP=DIR on the two commits. Needs poppler-utils.
#
# Usage: bench/same-pages.sh DIR1 DIR2     (prints one line per differing file, then a summary)
# ALL=1 renders and compares files with identical bytes too (otherwise they count as the same at once).
set -euo pipefail
A=$1
B=$2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
n=0
bad=0
while IFS= read -r -d '' f; do
  rel=${f#"$A"/}
  n=$((n + 1))
  if [ ! -f "$B/$rel" ]; then
    echo "missing in $B: $rel"
    bad=$((bad + 1))
    continue
  fi
  if [ -z "${ALL:-}" ] && cmp -s "$f" "$B/$rel"; then
    continue # same bytes, same pages
  fi
  rm -f "$W"/a-* "$W"/b-*
  pdftoppm -r 150 -png "$f" "$W/a" 2>/dev/null
  pdftoppm -r 150 -png "$B/$rel" "$W/b" 2>/dev/null
  pages_a=$(find "$W" -name 'a-*.png' | wc -l)
  pages_b=$(find "$W" -name 'b-*.png' | wc -l)
  same=1
  if [ "$pages_a" != "$pages_b" ]; then
    same=0
  else
    for pa in "$W"/a-*.png; do
      pb="$W/b-${pa##*/a-}"
      cmp -s "$pa" "$pb" || same=0
    done
  fi
  cmp -s <(pdftotext -layout "$f" - 2>/dev/null) <(pdftotext -layout "$B/$rel" - 2>/dev/null) || same=0
  if [ "$same" = 0 ]; then
    echo "pages differ: $rel"
    bad=$((bad + 1))
  fi
done < <(find "$A" -name '*.pdf' -print0 | sort -z)
echo "$n PDFs compared, $bad differ (same bytes, or same pages at 150 dpi and same text)"
[ "$bad" = 0 ]
