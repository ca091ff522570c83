"""Checks vanban's outputs with independent clients: openxml-audit (schema), python-docx (opens),
LibreOffice (converts), poppler (text, embedded fonts). Prints 'N passed, M failed' and exits 1 on failure."""
import json
import os
import re
import subprocess
import sys
import unicodedata

work = sys.argv[1]
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {what}")
    else:
        failed += 1
        print(f"FAIL  {what}")


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    return norm(r.stdout)


def docx_text(path):
    import docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    for r in inner.rows:
                        for c in r.cells:
                            parts.extend(p.text for p in c.paragraphs)
    return norm(" ".join(parts))


def fonts_embedded(path):
    r = subprocess.run(["pdffonts", path], capture_output=True, text=True)
    rows = r.stdout.splitlines()[2:]
    if not rows:
        return False, "no fonts"
    bad = [row for row in rows if row.split()[-5] != "yes"]
    return not bad, "; ".join(bad)


CHI_BO = ["Tổng hợp", "Tài chính – Kế toán", "Hành chính – Lưu trữ", "Cơ yếu – CNTT", "Quản trị", "Nhà khách Đầm Vạc"]
NEEDLES = {
    "dang": ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 09-KH/ĐU", "KẾ HOẠCH", "xây dựng mô hình chi bộ “4 tốt”", "T/M ĐẢNG ỦY"] + CHI_BO,
    "nha-nuoc": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 09/KH-ĐU", "TM. ĐẢNG ỦY"],
    "so-ket": ["BÁO CÁO", "Số 15-BC/ĐU", "6/6 chi bộ", "Tô Trọng Hân", "Cơ yếu – CNTT", "83,33%"],
    "tong-ket": ["BÁO CÁO", "tổng kết năm 2022", "So sánh với năm trước"],
    "cam-ket-chi-bo": ["BẢN CAM KẾT", "CHI BỘ TỔNG HỢP", "T/M CHI BỘ", "XÁC NHẬN CỦA ĐẢNG ỦY"],
    "cam-ket-bi-thu": ["BẢN CAM KẾT", "Tô Trọng Hân", "NGƯỜI CAM KẾT", "XÁC NHẬN CỦA ĐẢNG ỦY", "T/M ĐẢNG ỦY"],
    "cam-ket-dang-vien": ["BẢN CAM KẾT", "NGƯỜI CAM KẾT", "XÁC NHẬN CỦA CHI ỦY", "T/M CHI BỘ"],
    "quyet-dinh-xep-loai": ["QUYẾT ĐỊNH", "Số 16-QĐ/ĐU", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam", "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH",
                            "Điều 1.", "Điều 3.", "Như Điều 3", "DANH SÁCH TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN", "Kèm theo Quyết định số 16-QĐ/ĐU", "Tô Trọng Hân"],
    "quyet-dinh-nha-nuoc": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 16/QĐ-ĐU", "Điều 1."],
    "to-trinh-khen-thuong": ["TỜ TRÌNH", "Số 18-TTr/ĐU", "Kính trình", "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh", "Như trên", "Tô Trọng Hân"],
    "thong-bao-xep-loai": ["THÔNG BÁO", "TB/ĐU", "đối với Chi bộ Tổng hợp", "Tô Trọng Hân", "Chi bộ Tổng hợp"],
    "hostile": ['Tổng hợp <b>#x</b> $y$ *z* _w_ @r \\ | & "q"'],
    "kiem-diem-ca-nhan": ["BẢN KIỂM ĐIỂM CÁ NHÂN", "CHI BỘ TỔNG HỢP", "(Dùng cho cá nhân giữ chức vụ lãnh đạo, quản lý)", "Tô Trọng Hân",
                          "Bí thư chi bộ", "Văn phòng Tỉnh ủy", "NGƯỜI TỰ KIỂM ĐIỂM", "T/M CHI ỦY (CHI BỘ)", "(Xác lập thời điểm, ký, ghi rõ họ tên)"],
    "kiem-diem-chi-bo": ["BÁO CÁO", "-BC/CB", "tập thể chi bộ năm 2022", "12/12 kỳ", "T/M CHI BỘ"],
    "phieu-danh-gia": ["PHIẾU ĐÁNH GIÁ, XẾP LOẠI", "Tô Trọng Hân", "Đặng Thị Lan Đào", "NGƯỜI GHI PHIẾU"],
    "bien-ban-hop-chi-bo": ["BIÊN BẢN", "-BB/CB", "đảng viên chính thức: 18", "THƯ KÝ", "CHỦ TRÌ", "T/M CHI BỘ"],
    "bien-ban-kiem-phieu": ["BIÊN BẢN KIỂM PHIẾU", "Tô Trọng Hân", "(94,44%)", "TỔ KIỂM PHIẾU", "CHỦ TRÌ"],
    "giay-khen": ["ĐẢNG CỘNG SẢN VIỆT NAM", "GIẤY KHEN", "Vũ Hữu Ánh", "Họ và tên: Vũ Hữu Ánh", "T/M ĐẢNG ỦY"],
}

for kind, needles in NEEDLES.items():
    listing = os.path.join(work, f"{kind}.list")
    paths = [l.strip() for l in open(listing, encoding="utf-8") if l.strip()]
    check(len(paths) == 2 and paths[0].endswith(".docx") and paths[1].endswith(".pdf"), f"{kind}: stdout lists the two files written")
    for p in paths:
        check(os.path.isfile(p), f"{kind}: {os.path.basename(p)} exists")
    docx_path = next((p for p in paths if p.endswith(".docx")), None)
    pdf_path = next((p for p in paths if p.endswith(".pdf")), None)
    if docx_path:
        r = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", docx_path], capture_output=True, text=True)
        try:
            report = json.loads(r.stdout)
            errors = sum(int(f.get("error_count", 1)) for f in report)
            detail = "; ".join(e.get("description", "") for f in report for e in f.get("errors", [])[:5])
        except ValueError:
            errors, detail = -1, r.stdout[:300] + r.stderr[:300]
        check(errors == 0, f"{kind}: openxml-audit schema errors = {errors} {detail}")
        try:
            text = docx_text(docx_path)
            check(True, f"{kind}: python-docx opens the DOCX")
        except Exception as e:  # noqa: BLE001
            text = ""
            check(False, f"{kind}: python-docx opens the DOCX ({e})")
        lo_pdf = os.path.join(work, "lo", os.path.basename(os.path.dirname(docx_path)), os.path.basename(docx_path)[:-5] + ".pdf")
        check(os.path.isfile(lo_pdf), f"{kind}: LibreOffice converts the DOCX")
        lo_text = pdf_text(lo_pdf) if os.path.isfile(lo_pdf) else ""
        for n in needles:
            check(norm(n) in text, f"{kind}: DOCX text has {n!r}")
            check(norm(n) in lo_text, f"{kind}: LibreOffice rendering has {n!r}")
    if pdf_path:
        text = pdf_text(pdf_path)
        for n in needles:
            check(norm(n) in text, f"{kind}: PDF text has {n!r}")
        ok, detail = fonts_embedded(pdf_path)
        check(ok, f"{kind}: every PDF font embedded {detail}")


def page_sizes(path):
    """(width, height) in points of every page, from pdfinfo."""
    r = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", path], capture_output=True, text=True)
    return [tuple(float(x) for x in m.groups()) for m in re.finditer(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", r.stdout)]


# The quyết định's phụ lục is on landscape pages after portrait ones, in the PDF and in LibreOffice's
# rendering of the DOCX.
for kind in ["quyet-dinh-xep-loai", "quyet-dinh-nha-nuoc"]:
    listing = os.path.join(work, f"{kind}.list")
    pdf_path = next(l.strip() for l in open(listing, encoding="utf-8") if l.strip().endswith(".pdf"))
    docx_path = next(l.strip() for l in open(listing, encoding="utf-8") if l.strip().endswith(".docx"))
    lo_pdf = os.path.join(work, "lo", os.path.basename(os.path.dirname(docx_path)), os.path.basename(docx_path)[:-5] + ".pdf")
    for what, path in [("PDF", pdf_path), ("LibreOffice", lo_pdf)]:
        sizes = page_sizes(path) if os.path.isfile(path) else []
        check(len(sizes) >= 2 and sizes[0][0] < sizes[0][1], f"{kind}: {what} page 1 is portrait {sizes[:1]}")
        check(len(sizes) >= 2 and sizes[-1][0] > sizes[-1][1], f"{kind}: {what} last page is landscape {sizes[-1:]}")

# Every kind `vanban kinds` lists renders from the sample (per-row kinds with --stt 1).
kinds = json.load(open(os.path.join(work, "kinds.json"), encoding="utf-8"))
check(len(kinds) >= 8, f"kinds: {len(kinds)} kinds listed")
vanban = os.environ.get("VANBAN", "vanban")
for k in kinds:
    args = [vanban, "render", k["kind"], "--out", os.path.join(work, "all-kinds", k["kind"])]
    if k["per"]:
        args += ["--stt", "1"]
    r = subprocess.run(args, capture_output=True, text=True)
    check(r.returncode == 0 and len(r.stdout.split()) == 2, f"kinds: {k['kind']} renders ({r.stderr.strip()[:200]})")

# The ballots: one per đảng viên chính thức of Chi bộ Tổng hợp (18) in the PDF, one in the DOCX.
listing = os.path.join(work, "phieu-danh-gia.list")
pdf_path = next(l.strip() for l in open(listing, encoding="utf-8") if l.strip().endswith(".pdf"))
check(pdf_text(pdf_path).count("NGƯỜI GHI PHIẾU") == 18, "phieu-danh-gia: 18 ballots in the PDF")

batch_out = os.path.join(work, "batch.out")
if os.path.exists(batch_out):
    bdir = os.path.join(work, "batch")
    files = sorted(os.listdir(bdir))
    check(len([f for f in files if re.match(r"^\d{3}-.*\.pdf$", f)]) == 6, "batch: 6 chi bộ PDF forms")
    check(len([f for f in files if re.match(r"^\d{3}-.*\.docx$", f)]) == 6, "batch: 6 chi bộ DOCX forms")
    check("tat-ca.pdf" in files and "tat-ca.zip" in files, "batch: tat-ca.pdf and tat-ca.zip")
    for f in files:
        if f.endswith(".docx"):
            r = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", os.path.join(bdir, f)], capture_output=True, text=True)
            try:
                errors = sum(int(x.get("error_count", 1)) for x in json.loads(r.stdout))
            except ValueError:
                errors = -1
            check(errors == 0, f"batch: {f} openxml-audit schema errors = {errors}")
        if f.endswith(".pdf"):
            ok, detail = fonts_embedded(os.path.join(bdir, f))
            check(ok, f"batch: {f} fonts embedded {detail}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
