#!/usr/bin/env bash
# Seeds each fuzz corpus from the repository's fixtures and samples (corpora are not committed).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/workbook corpus/template corpus/markdown corpus/profile corpus/multipart corpus/word
cp ../tests/fixtures/messy.xlsx ../tests/fixtures/messy.xls ../tests/fixtures/messy.ods ../samples/*.xlsx corpus/workbook/
for f in ../templates/*.md; do
  cp "$f" "corpus/template/$(basename "$f")"
  # The body alone, for the Markdown reader.
  awk 'BEGIN{n=0} /^\+\+\+$/{n++; next} n>=2' "$f" > "corpus/markdown/$(basename "$f")"
done
cp ../templates/profiles/*.toml corpus/profile/
# Multipart bodies (boundary "XyZ", as the target sends them): a workbook upload with a kind, a kind alone.
{
  printf -- '--XyZ\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncam-ket-dang-vien\r\n'
  printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'
  cat ../tests/fixtures/messy.xlsx
  printf -- '\r\n--XyZ--\r\n'
} > corpus/multipart/upload
printf -- '--XyZ\r\nContent-Disposition: form-data; name="kind"\r\n\r\nthong-bao-xep-loai\r\n--XyZ--\r\n' > corpus/multipart/kind
# Word kinds (first byte 0: a whole .docx; 1: word/document.xml alone): every embedded kind exported by
# `vanban init --word`, and each one's main part.
word_ws=$(mktemp -d)
cargo run --quiet --manifest-path ../Cargo.toml -- init "$word_ws/ws" --word >/dev/null
for f in "$word_ws"/ws/templates/*.docx; do
  name=$(basename "$f" .docx)
  { printf '\x00'; cat "$f"; } > "corpus/word/$name.docx"
  { printf '\x01'; python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' "$f"; } > "corpus/word/$name.xml"
done
rm -rf "$word_ws"
# A Word kind with pictures (a PNG in the body and in a table cell), when python-docx is at hand.
if python3 -c "import docx" 2>/dev/null; then
  pictures=$(mktemp -d)
  python3 ../.ci/make_picture_template.py "$pictures/giay-khen.docx"
  { printf '\x00'; cat "$pictures/giay-khen.docx"; } > corpus/word/giay-khen.docx
  rm -rf "$pictures"
fi
echo "seeded: $(ls corpus/workbook | wc -l) workbooks, $(ls corpus/template | wc -l) templates, $(ls corpus/markdown | wc -l) bodies, $(ls corpus/profile | wc -l) profiles, $(ls corpus/multipart | wc -l) multipart bodies, $(ls corpus/word | wc -l) Word kinds"
