#!/usr/bin/env python3
"""Browser test of `vanban serve`: Debian's chromium driven by Playwright (never a downloaded browser).

Usage: serve_e2e.py VANBAN_BINARY OUT_DIR
Opens the page, uploads the sample workbook, sees the figures, opens the kế hoạch preview, edits one word
of the template and sees it in the preview, downloads the DOCX and checks it opens; downloads a kind as a
Word template and drops it back; drops a thư khen written with python-docx (a Word kind that exists only in
the upload) and downloads a letter from it; saves a screenshot of each step in OUT_DIR.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile

from playwright.sync_api import sync_playwright, expect

VANBAN, OUT = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "chi-bo-4-tot.xlsx")
os.makedirs(OUT, exist_ok=True)


def thu_khen(path):
    """A thư khen as another program writes a Word template: python-docx, a tag split over runs with
    the name's runs in bold, a Thông số table choosing the đảng viên rated xuất sắc (smart quotes)."""
    import docx
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "Thông số văn bản"
    t.cell(1, 0).text, t.cell(1, 1).text = "per", "dang-vien"
    t.cell(2, 0).text, t.cell(2, 1).text = "chon", "dv.xep_loai == \u2018xuat_sac\u2019"
    d.add_paragraph()
    h = d.add_table(rows=1, cols=2)
    h.cell(0, 0).text = "{{ org.cap_tren }}\n{{ org.co_quan }}\n*"
    h.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\n{{ org.dia_danh }}, {{ org.ngay_bao_cao|ngay_dai }}"
    title = d.add_paragraph()
    title.alignment = 1
    title.add_run("THƯ KHEN").bold = True
    body = d.add_paragraph("Đồng chí ")
    for piece in ["{{ dv.", "ho_", "ten }}"]:
        body.add_run(piece).bold = True
    body.add_run(", Chi bộ {{ dv.chi_bo }}, được xếp loại {{ dv.xep_loai|xep_loai|lower }} năm {{ nam }}.")
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- Đồng chí {{ dv.ho_ten }};\n- Lưu Văn phòng Đảng ủy."
    sig.cell(0, 1).text = "{{ org.quyen_han_ky }} ĐẢNG ỦY\n{{ org.chuc_vu_nguoi_ky }}\n{{ org.nguoi_ky }}"
    d.save(path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
REGISTER_DIR = tempfile.mkdtemp(prefix="vanban-so-")
REGISTER = os.path.join(REGISTER_DIR, "so-dang-ky.sqlite")
server = subprocess.Popen([VANBAN, "serve", "--port", str(port), "--no-open", "--so-dang-ky", REGISTER],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    assert line.startswith("Mở trình duyệt: http://127.0.0.1:"), line
    url = line.split(": ", 1)[1].strip()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not (
            r.url.startswith(url) or r.url.startswith("blob:") or r.url.startswith("data:")) else None)
        page.goto(url)
        page.screenshot(path=f"{OUT}/1-mo-trang.png")

        # A file that is not a spreadsheet: the report says so, in Vietnamese, and the steps stay closed.
        bad = os.path.join(OUT, "khong-phai-bang-tinh.xlsx")
        with open(bad, "w") as f:
            f.write("đây không phải bảng tính")
        page.set_input_files("#file", bad)
        expect(page.locator("#bao-cao")).to_contain_text("chưa dùng được")
        expect(page.locator("#bao-cao table.diag")).to_be_visible()
        assert page.locator("#buoc-loai").is_hidden()
        page.screenshot(path=f"{OUT}/1b-tep-hong.png")

        # Step 1: upload the sample; the check report shows its figures.
        page.set_input_files("#file", SAMPLE)
        expect(page.locator("#bao-cao")).to_contain_text("dùng được")
        expect(page.locator("#bao-cao .card").first).to_be_visible()
        expect(page.locator("#bao-cao")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
        page.screenshot(path=f"{OUT}/2-kiem-tra.png")

        # Steps 2-3: the kế hoạch and its preview.
        page.select_option("#loai", "ke-hoach")
        expect(page.locator('#trang img[data-doc="ke-hoach"]').first).to_be_visible(timeout=30000)
        expect(page.locator("#so-trang")).to_contain_text("trang")
        # The first page image has arrived and decodes (not only its placeholder box).
        page.wait_for_function(
            """() => { const i = document.querySelector('#trang img[data-doc="ke-hoach"]');
                       return i && i.complete && i.naturalWidth > 0; }""",
            timeout=30000,
        )
        page.screenshot(path=f"{OUT}/3-xem-ke-hoach.png")

        # A per-row kind shows its rows; pick the second đảng viên.
        page.select_option("#loai", "cam-ket-dang-vien")
        expect(page.locator("#bang-hang tbody tr").nth(2)).to_be_visible()
        stt = page.locator("#bang-hang tbody tr").nth(2).get_attribute("data-value")
        page.locator("#bang-hang tbody tr").nth(2).click()
        expect(page.locator(f'#trang img[data-doc="cam-ket-dang-vien STT {stt}"]').first).to_be_visible(timeout=30000)
        page.screenshot(path=f"{OUT}/4-cam-ket.png")

        # Step 5: change one word of the kế hoạch template; the preview changes.
        page.select_option("#loai", "ke-hoach")
        expect(page.locator('#trang img[data-doc="ke-hoach"]').first).to_be_visible(timeout=30000)
        page.click("#mo-sua")
        editor = page.locator("#mau-van-ban")
        expect(editor).not_to_have_value("")
        text = editor.input_value()
        assert "Thực hiện Nghị quyết" in text
        before = page.locator("#trang img").first.get_attribute("src")
        editor.fill(text.replace("Thực hiện Nghị quyết", "Quán triệt Nghị quyết", 1))
        page.wait_for_function(
            "(before) => { const i = document.querySelector('#trang img'); return i && i.src !== before; }",
            arg=before, timeout=30000)
        expect(page.locator("#loi-mau .error-box")).to_have_count(0)
        page.screenshot(path=f"{OUT}/5-sua-mau.png")

        # Step 4: download the DOCX (with the edit); it opens and has the new word.
        with page.expect_download() as dl:
            page.click("#tai-docx")
        path = f"{OUT}/{dl.value.suggested_filename}"
        dl.value.save_as(path)
        assert path.endswith(".docx"), path
        with zipfile.ZipFile(path) as z:
            assert "word/document.xml" in z.namelist()
        import docx  # python-docx
        body = "\n".join(p.text for p in docx.Document(path).paragraphs)
        assert "Quán triệt Nghị quyết" in body, body[:500]
        page.screenshot(path=f"{OUT}/6-tai-ve.png")

        # Kiểm tra thể thức: the DOCX just downloaded passes against the 05-HD profile.
        page.set_input_files("#tep-kiem-tra", path)
        expect(page.locator("#ket-qua-kiem-tra")).to_contain_text("Đúng thể thức", timeout=30000)
        page.locator("#kiem-tra").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/6b-kiem-tra-the-thuc.png")

        # The templates set with the edit, as a zip usable with --templates.
        with page.expect_download() as dl:
            page.click("#tai-mau")
        tpath = f"{OUT}/{dl.value.suggested_filename}"
        dl.value.save_as(tpath)
        with zipfile.ZipFile(tpath) as z:
            assert "Quán triệt Nghị quyết" in z.read("templates/ke-hoach.md").decode()

        # A broken template shows its line beside the editor.
        editor.fill(text + "\n{% for x in %}\n")
        expect(page.locator("#loi-mau")).to_contain_text("Dòng", timeout=30000)
        page.screenshot(path=f"{OUT}/7-mau-loi.png")
        page.click("#khoi-phuc")
        expect(page.locator("#loi-mau .error-box")).to_have_count(0, timeout=30000)

        # "Tải mẫu Word": the kế hoạch as an editable Word template, then dropped back on the editor: the
        # preview now comes from the .docx and has as many pages.
        expect(page.locator("#so-trang")).to_have_text(re.compile(r"\d+ trang"), timeout=30000)
        pages_md = page.locator("#so-trang").inner_text()
        with page.expect_download() as dl:
            page.click("#tai-word")
        assert dl.value.suggested_filename == "ke-hoach.docx", dl.value.suggested_filename
        wpath = f"{OUT}/ke-hoach.docx"
        dl.value.save_as(wpath)
        import docx  # python-docx opens it
        assert any("KẾ HOẠCH" in p.text for p in docx.Document(wpath).paragraphs)
        before = page.locator("#trang img").first.get_attribute("src")
        page.set_input_files("#tep-word", wpath)
        expect(page.locator("#word-dang-dung")).to_contain_text("ke-hoach.docx")
        assert page.locator("#mau-van-ban").is_hidden()
        page.wait_for_function(
            "(before) => { const i = document.querySelector('#trang img'); return i && i.src !== before; }",
            arg=before, timeout=30000)
        expect(page.locator("#so-trang")).to_have_text(pages_md, timeout=30000)
        expect(page.locator("#loi-mau .error-box")).to_have_count(0)
        page.click("#bo-word")
        expect(page.locator("#mau-van-ban")).to_be_visible()

        # A thư khen written in Word (python-docx here): a kind that exists only in the upload, one
        # letter per đảng viên rated xuất sắc, the name in bold.
        tpath = os.path.join(OUT, "Thư khen.docx")
        thu_khen(tpath)
        # The same letter as python-docx saves it (Letter paper, 1-inch margins, Calibri) is not in the
        # thể thức: the check lists where, each with what the profile wants.
        page.set_input_files("#tep-kiem-tra", tpath)
        expect(page.locator("#ket-qua-kiem-tra")).to_contain_text("chỗ chưa đúng thể thức", timeout=30000)
        assert page.locator("#ket-qua-kiem-tra table.diag tbody tr").count() > 0
        page.locator("#kiem-tra").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/6c-kiem-tra-loi.png")
        page.evaluate("window.scrollTo(0, 0)")
        page.set_input_files("#tep-word", tpath)
        expect(page.locator("#loai")).to_have_value("thu-khen", timeout=30000)
        expect(page.locator("#word-dang-dung")).to_contain_text("Thư khen.docx")
        expect(page.locator("#bang-hang tbody tr").nth(1)).to_be_visible()
        chosen = page.locator("#bang-hang tbody tr").count() - 1
        assert 0 < chosen < 20, chosen
        stt = page.locator("#bang-hang tbody tr").nth(1).get_attribute("data-value")
        expect(page.locator(f'#trang img[data-doc="thu-khen STT {stt}"]').first).to_be_visible(timeout=30000)
        page.wait_for_function(
            """() => { const i = document.querySelector('#trang img'); return i && i.complete && i.naturalWidth > 0; }""",
            timeout=30000)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=f"{OUT}/7b-mau-word.png")
        with page.expect_download() as dl:
            page.click("#tai-docx")
        lpath = f"{OUT}/thu-khen-{dl.value.suggested_filename}"
        dl.value.save_as(lpath)
        letter = docx.Document(lpath)
        bold = [r.text for p in letter.paragraphs for r in p.runs if r.bold]
        name = next(p.text for p in letter.paragraphs if p.text.startswith("Đồng chí "))
        assert any(b and b in name for b in bold), (bold, name)
        page.click("#bo-word")
        expect(page.locator("#loai option[value=thu-khen]")).to_have_count(0)

        # A batch: the zip, with its progress bar.
        page.select_option("#loai", "cam-ket-chi-bo")
        expect(page.locator("#bang-hang tbody tr").first).to_be_visible()
        page.locator("#bang-hang tbody tr").first.click()
        with page.expect_download(timeout=120000) as dl:
            page.click("#tai-zip")
        zpath = f"{OUT}/{dl.value.suggested_filename}"
        dl.value.save_as(zpath)
        with zipfile.ZipFile(zpath) as z:
            assert any(n.endswith(".pdf") for n in z.namelist())
        expect(page.locator("#tien-do-chu")).to_contain_text("Xong")
        page.screenshot(path=f"{OUT}/8-tai-zip.png")

        # Cấp số: the thông báo of every chi bộ numbered from the register, then the Sổ văn bản đi view.
        expect(page.locator("#bang-so")).to_contain_text("Chưa có số nào")
        page.select_option("#loai", "thong-bao-xep-loai")
        expect(page.locator("#bang-hang tbody tr").first).to_be_visible()
        page.locator("#bang-hang tbody tr").first.click()
        page.check("#cap-so")
        assert page.locator("#tai-docx").is_hidden()
        page.fill("#nguoi-lay", "Nguyễn Thị Lan")
        with page.expect_download(timeout=120000) as dl:
            page.click("#tai-zip")
        npath = f"{OUT}/so-{dl.value.suggested_filename}"
        dl.value.save_as(npath)
        with zipfile.ZipFile(npath) as z:
            assert len([n for n in z.namelist() if n.endswith(".pdf")]) == 6, z.namelist()
        expect(page.locator("#loi-tai")).to_contain_text("Đã cấp số: 01-TB/ĐU")
        expect(page.locator("#so-dong")).to_contain_text("6 số")
        expect(page.locator("#bang-so")).to_contain_text("06-TB/ĐU")
        # One chi bộ's thông báo, DOCX and PDF under the next number.
        page.locator("#bang-hang tbody tr").nth(2).click()
        with page.expect_download(timeout=120000) as dl:
            page.click("#tai-cap-so")
        assert dl.value.suggested_filename.endswith(".zip"), dl.value.suggested_filename
        expect(page.locator("#loi-tai")).to_contain_text("Đã cấp số: 07-TB/ĐU")
        expect(page.locator("#so-dong")).to_contain_text("7 số")
        page.locator("#so-van-ban-di").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/9-cap-so.png", full_page=True)
        with page.expect_download() as dl:
            page.click("#so-xlsx")
        assert dl.value.suggested_filename == "so-dang-ky-van-ban-di.xlsx", dl.value.suggested_filename

        assert not outside, f"the page fetched outside itself: {outside}"
        browser.close()
    print(f"serve e2e: ok; screenshots in {OUT}")
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    # The register the server numbered into lives only for this run.
    shutil.rmtree(REGISTER_DIR, ignore_errors=True)
