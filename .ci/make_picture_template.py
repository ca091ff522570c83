#!/usr/bin/env python3
"""Writes a giấy khen Word template with pictures, as a clerk makes one in Word (here with python-docx, a
third-party writer): a centred PNG emblem under the title and a JPEG photo in a table cell.

Usage: python3 .ci/make_picture_template.py OUT.docx [PHOTO.jpg]   (needs python-docx; the PNG is drawn
here, the JPEG is given because the standard library cannot write one; without it the photo is the PNG)
"""
import struct
import sys
import zlib

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

out = sys.argv[1]
emblem = out + ".emblem.png"
photo = sys.argv[2] if len(sys.argv) > 2 else emblem


def png(path, w, h, pixel):
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(w)) for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    head = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)


# A yellow disc on red.
png(emblem, 120, 120, lambda x, y: (255, 215, 0) if (x - 60) ** 2 + (y - 60) ** 2 < 36**2 else (200, 16, 46))

d = docx.Document()
st = d.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)
sec = d.sections[0]
sec.page_width, sec.page_height = Cm(21), Cm(29.7)


def cell_lines(cell, lines, bold=False):
    cell.text = ""
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = bold


t = d.add_table(rows=2, cols=2)
t.style = "Table Grid"
t.cell(0, 0).text = "Thông số văn bản"
t.cell(1, 0).text, t.cell(1, 1).text = "per", "dang-vien"
d.add_paragraph()
h = d.add_table(rows=1, cols=2)
cell_lines(h.cell(0, 0), ["{{ org.cap_tren|upper }}", "{{ org.co_quan|upper }}", "*"])
cell_lines(h.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM", "{{ org.dia_danh }}, {{ org.ngay_bao_cao|ngay_dai }}"])
d.add_paragraph()
p = d.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p.add_run("GIẤY KHEN").bold = True
p = d.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p.add_run().add_picture(emblem, width=Cm(2.5))
d.add_paragraph(
    "Ban Chấp hành Đảng bộ khen đồng chí {{ dv.ho_ten }}, đảng viên Chi bộ {{ dv.chi_bo }}, "
    "đã hoàn thành xuất sắc nhiệm vụ năm {{ nam }}."
)
tb = d.add_table(rows=2, cols=2)
tb.style = "Table Grid"
tb.cell(0, 0).text, tb.cell(0, 1).text = "Ảnh", "Thông tin"
tb.cell(1, 0).paragraphs[0].add_run().add_picture(photo, width=Cm(3), height=Cm(4))
tb.cell(1, 1).text = "Họ và tên: {{ dv.ho_ten }}"
d.add_paragraph("Chúc đồng chí mạnh khỏe, tiếp tục phấn đấu.")
s = d.add_table(rows=1, cols=2)
cell_lines(s.cell(0, 0), ["Nơi nhận:", "- Đồng chí {{ dv.ho_ten }},", "- Lưu Văn phòng Đảng ủy."])
cell_lines(
    s.cell(0, 1),
    ["{{ org.quyen_han_ky }} ĐẢNG ỦY", "{{ org.chuc_vu_nguoi_ky|upper }}", "", "", "{{ org.nguoi_ky }}"],
    bold=True,
)
d.save(out)
