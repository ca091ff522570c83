#!/usr/bin/env bash
# End-to-end: render the sample with the debug binary `cargo test` built, then check every output with
# independent clients. Installs what it needs; fails if a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need_apt+=(fonts-liberation2)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if ! command -v openxml-audit >/dev/null 2>&1 || ! python3 -c "import docx" 2>/dev/null; then
  echo "installing: python-docx openxml-audit (pip)"
  python3 -m pip install --quiet --disable-pip-version-check python-docx openxml-audit
fi
for tool in soffice pdftotext pdffonts pdftoppm pdfimages openxml-audit python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool" >&2; exit 1; }
done
python3 -c "import docx" || { echo "missing python module: docx" >&2; exit 1; }

TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
[ -x "$TARGET_DIR/debug/vanban" ] || cargo build --quiet
VANBAN="$TARGET_DIR/debug/vanban"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo run --quiet --example make-sample -- "$WORK/hostile.xlsx" --hostile >/dev/null

run() { echo "+ vanban $*" >&2; "$VANBAN" "$@"; }
run render ke-hoach --out "$WORK/dang" > "$WORK/dang.list"
run render ke-hoach --profile nha-nuoc --out "$WORK/nha-nuoc" > "$WORK/nha-nuoc.list"
run render so-ket --out "$WORK/so-ket" > "$WORK/so-ket.list"
run render tong-ket --out "$WORK/tong-ket" > "$WORK/tong-ket.list"
run render cam-ket-chi-bo --stt 1 --out "$WORK/cam-ket-chi-bo" > "$WORK/cam-ket-chi-bo.list"
run render cam-ket-dang-vien --stt 7 --out "$WORK/cam-ket-bi-thu" > "$WORK/cam-ket-bi-thu.list"
run render cam-ket-dang-vien --stt 8 --out "$WORK/cam-ket-dang-vien" > "$WORK/cam-ket-dang-vien.list"
run render quyet-dinh-xep-loai --out "$WORK/quyet-dinh-xep-loai" > "$WORK/quyet-dinh-xep-loai.list"
run render quyet-dinh-xep-loai --profile nha-nuoc --out "$WORK/quyet-dinh-nha-nuoc" > "$WORK/quyet-dinh-nha-nuoc.list"
run render to-trinh-khen-thuong --out "$WORK/to-trinh-khen-thuong" > "$WORK/to-trinh-khen-thuong.list"
run render thong-bao-xep-loai --stt 1 --out "$WORK/thong-bao-xep-loai" > "$WORK/thong-bao-xep-loai.list"
run render kiem-diem-ca-nhan --stt 7 --out "$WORK/kiem-diem-ca-nhan" > "$WORK/kiem-diem-ca-nhan.list"
run render kiem-diem-chi-bo --stt 1 --out "$WORK/kiem-diem-chi-bo" > "$WORK/kiem-diem-chi-bo.list"
run render phieu-danh-gia --stt 1 --out "$WORK/phieu-danh-gia" > "$WORK/phieu-danh-gia.list"
run render bien-ban-hop-chi-bo --stt 1 --out "$WORK/bien-ban-hop-chi-bo" > "$WORK/bien-ban-hop-chi-bo.list"
run render bien-ban-kiem-phieu --stt 1 --out "$WORK/bien-ban-kiem-phieu" > "$WORK/bien-ban-kiem-phieu.list"
# Every embedded kind renders (the list comes from `vanban kinds`, so a new kind file is covered too).
"$VANBAN" kinds --json > "$WORK/kinds.json"
run render ke-hoach --data "$WORK/hostile.xlsx" --out "$WORK/hostile" > "$WORK/hostile.list"
# A Word template with pictures (a PNG emblem, a JPEG photo cut from a rendered page).
pdftoppm -jpeg -r 40 -f 1 -l 1 -x 40 -y 60 -W 60 -H 80 "$WORK/dang/"*.pdf "$WORK/photo"
python3 .ci/make_picture_template.py "$WORK/giay-khen.docx" "$WORK/photo-1.jpg"
run render "$WORK/giay-khen.docx" --stt 3 --out "$WORK/giay-khen" > "$WORK/giay-khen.list"
if "$VANBAN" batch --help >/dev/null 2>&1; then
  run batch cam-ket --per chi-bo --out "$WORK/batch" --merge-pdf --zip > "$WORK/batch.out"
fi

# LibreOffice converts every DOCX (one call per output folder, private profile).
for d in "$WORK"/*/; do
  name=$(basename "$d")
  ls "$d"*.docx >/dev/null 2>&1 || continue
  mkdir -p "$WORK/lo/$name"
  soffice -env:UserInstallation="file://$WORK/lo-profile" --headless --convert-to pdf \
    --outdir "$WORK/lo/$name" "$d"*.docx >/dev/null 2>&1
done

VANBAN="$VANBAN" python3 .ci/check_outputs.py "$WORK"

# The Word template's two pictures are in vanban's PDF and in LibreOffice's reading of vanban's DOCX.
for pdf in "$WORK/giay-khen/"*.pdf "$WORK/lo/giay-khen/"*.pdf; do
  n=$(pdfimages -list "$pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
  [ "$n" -eq 2 ] || { echo "$pdf: $n pictures, expected the template's 2" >&2; pdfimages -list "$pdf" >&2; exit 1; }
  echo "pictures of a Word template: 2 in ${pdf#"$WORK"/}"
done

# Word kinds: every embedded kind exported as a Word template (init --word), opened and saved again by
# LibreOffice as a clerk editing it would, gives the same document (the same IR) as its Markdown.
run init "$WORK/ws-word" --word >/dev/null
soffice -env:UserInstallation="file://$WORK/lo-profile" --headless --convert-to 'docx:MS Word 2007 XML' \
  --outdir "$WORK/lo-resaved" "$WORK/ws-word/templates/"*.docx >/dev/null 2>&1
for tpl in "$WORK/ws-word/templates/"*.docx; do
  kind=$(basename "$tpl" .docx)
  resaved="$WORK/lo-resaved/$kind.docx"
  [ -s "$resaved" ] || { echo "LibreOffice did not re-save $kind.docx" >&2; exit 1; }
  stt=()
  per=$(python3 -c "import json,sys; print(next(k['per'] or '' for k in json.load(open(sys.argv[1])) if k['kind']==sys.argv[2]))" "$WORK/kinds.json" "$kind")
  [ -n "$per" ] && stt=(--stt 7)
  [ "$per" = chi-bo ] && stt=(--stt 1)
  "$VANBAN" render "$kind" "${stt[@]}" --format ir > "$WORK/ir-md.json"
  "$VANBAN" render "$resaved" "${stt[@]}" --format ir > "$WORK/ir-word.json"
  cmp -s "$WORK/ir-md.json" "$WORK/ir-word.json" \
    || { echo "$kind: the LibreOffice-saved Word template gives another document" >&2; diff "$WORK/ir-md.json" "$WORK/ir-word.json" | head -20 >&2; exit 1; }
  echo "word template $kind: re-saved by LibreOffice, same document"
done

# The web page, in a real browser: Debian's chromium driven by Playwright for Python (the browser is
# never downloaded: `playwright install` is not run). Screenshots go to $SERVE_SHOTS (default
# target/serve-e2e) for the CI log.
command -v chromium >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
}
python3 -c "import playwright" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check playwright
SHOTS=${SERVE_SHOTS:-$TARGET_DIR/serve-e2e}
python3 .ci/serve_e2e.py "$VANBAN" "$SHOTS"
ls "$SHOTS"/*.png
