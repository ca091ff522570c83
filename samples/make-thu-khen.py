#!/usr/bin/env python3
"""Writes samples/thu-khen.docx: a thư khen as a clerk would type it in Word (here with python-docx, a
third-party writer): a Thông số table choosing the đảng viên rated xuất sắc, a header table, tags (one
split over three bold runs), an {% if %} paragraph block, the signature table with Nơi nhận.

Usage: python3 samples/make-thu-khen.py samples/thu-khen.docx   (needs python-docx)
"""
import docx, sys
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH
d = docx.Document()
st = d.styles["Normal"]; st.font.name = "Times New Roman"; st.font.size = Pt(13)
sec = d.sections[0]; sec.page_width, sec.page_height = Cm(21), Cm(29.7)
def cell_lines(cell, lines, bold=False, center=True):
    cell.text = ""
    p = cell.paragraphs[0]
    for i, l in enumerate(lines):
        if i: p = cell.add_paragraph()
        if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(l); r.bold = bold
t = d.add_table(rows=4, cols=2); t.style = "Table Grid"
t.cell(0, 0).text = "Thông số văn bản"
for i, (k, v) in enumerate([("per", "dang-vien"), ("chon", "dv.xep_loai == ‘xuat_sac’"), ("ten_tep", "thu-khen-{{ dv.stt|pad(3) }}")], 1):
    t.cell(i, 0).text, t.cell(i, 1).text = k, v
d.add_paragraph()
h = d.add_table(rows=1, cols=2)
cell_lines(h.cell(0, 0), ["{{ org.cap_tren|upper }}", "{{ org.co_quan|upper }}", "*", "Số: …-TK/ĐU"])
cell_lines(h.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM", "{{ org.dia_danh }}, {{ org.ngay_bao_cao|ngay_dai }}"])
h.cell(0, 1).paragraphs[0].runs[0].bold = True
d.add_paragraph()
t1 = d.add_paragraph(); t1.alignment = WD_ALIGN_PARAGRAPH.CENTER; t1.add_run("THƯ KHEN").bold = True
t2 = d.add_paragraph(); t2.alignment = WD_ALIGN_PARAGRAPH.CENTER; t2.add_run("đồng chí {{ dv.ho_ten }}").bold = True
body = d.add_paragraph("Ban Chấp hành Đảng bộ ghi nhận và biểu dương đồng chí ")
for piece in ["{{ dv.", "ho_", "ten }}"]:
    body.add_run(piece).bold = True
body.add_run(", đảng viên Chi bộ {{ dv.chi_bo }}, đã hoàn thành xuất sắc nhiệm vụ năm {{ nam }}.")
d.add_paragraph("{% if dv.chuc_vu_dang != 'Đảng viên' %}")
d.add_paragraph("Là {{ dv.chuc_vu_dang|lower }}, đồng chí đã gương mẫu, đi đầu trong mọi phong trào của chi bộ.")
d.add_paragraph("{% endif %}")
d.add_paragraph("Chúc đồng chí mạnh khỏe, tiếp tục phấn đấu, rèn luyện, hoàn thành tốt nhiệm vụ được giao.")
d.add_paragraph()
s = d.add_table(rows=1, cols=2)
cell_lines(s.cell(0, 0), ["Nơi nhận:", "- Đồng chí {{ dv.ho_ten }},", "- Chi bộ {{ dv.chi_bo }},", "- Lưu Văn phòng Đảng ủy."], center=False)
cell_lines(s.cell(0, 1), ["{{ org.quyen_han_ky }} ĐẢNG ỦY", "{{ org.chuc_vu_nguoi_ky|upper }}", "", "", "{{ org.nguoi_ky }}"], bold=True)
d.save(sys.argv[1])
