#!/usr/bin/env python3
"""Browser test of `vanban serve`: Debian's chromium driven by Playwright (never a downloaded browser).

Usage: serve_e2e.py VANBAN_BINARY OUT_DIR
Opens the page, uploads the sample workbook, sees the figures, opens the kế hoạch preview, edits one word
of the template and sees it in the preview, downloads the DOCX and checks it opens; saves a screenshot of
each step in OUT_DIR.
"""
import os
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
REGISTER = os.path.join(tempfile.mkdtemp(prefix="vanban-so-"), "so-dang-ky.sqlite")
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
