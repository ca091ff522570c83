//! Page setup: each section's paper and margins (turned sections as the profile turns appendix pages),
//! the page numbers, and the font every run of text is set in.

use super::{Checker, mm, pt};
use crate::profile::{LandscapeMargins, MarginRanges};
use crate::word::Align;
use crate::word::format::{FBlock, FParagraph, FSection, FormatDoc};
use std::collections::BTreeMap;

/// Checks paper, margins, page numbers and fonts.
pub(super) fn check(doc: &FormatDoc, c: &mut Checker<'_>) {
    for (i, s) in doc.sections.iter().enumerate() {
        section(i, s, c);
    }
    fonts(doc, c);
}

/// "phần 1 của văn bản (các trang từ đoạn 1)".
fn where_(i: usize, s: &FSection) -> String {
    if i == 0 {
        "phần 1 của văn bản (trang đầu)".to_owned()
    } else {
        format!("phần {} của văn bản (từ khối thứ {})", i + 1, s.first_block + 1)
    }
}

fn section(i: usize, s: &FSection, c: &mut Checker<'_>) {
    let p = c.profile;
    let tol = p.kiem_tra.length_tolerance_mm;
    let noi = where_(i, s);
    let landscape = s.width_mm > s.height_mm;
    let (w, h) = if landscape {
        (p.page.height_mm, p.page.width_mm)
    } else {
        (p.page.width_mm, p.page.height_mm)
    };
    if (s.width_mm - w).abs() > tol || (s.height_mm - h).abs() > tol {
        c.at(
            &noi,
            "kho-giay",
            "Khổ giấy",
            format!("{} × {}", mm(s.width_mm), mm(s.height_mm)),
            format!("{} × {} (A4{})", mm(w), mm(h), if landscape { ", khổ ngang" } else { "" }),
        );
    }
    // The margins the profile wants: a range the guide allows, or the profile's own; a turned page's
    // as the profile turns them.
    let own = [
        p.page.margin_top_mm,
        p.page.margin_bottom_mm,
        p.page.margin_left_mm,
        p.page.margin_right_mm,
    ];
    let ranges: [[f32; 2]; 4] = match p.kiem_tra.margins_mm {
        Some(MarginRanges {
            top,
            bottom,
            left,
            right,
        }) => [top, bottom, left, right],
        None => own.map(|v| [v, v]),
    };
    let ranges = if landscape && p.appendix.landscape_margins == LandscapeMargins::PhysicalEdges {
        // Turned clockwise: top ← left, right ← top, bottom ← right, left ← bottom.
        [ranges[2], ranges[3], ranges[1], ranges[0]]
    } else {
        ranges
    };
    let names = ["trên", "dưới", "trái", "phải"];
    for k in 0..4 {
        let [lo, hi] = ranges[k];
        let v = s.margins_mm[k];
        if v < lo - tol || v > hi + tol {
            let want = if (hi - lo).abs() < f32::EPSILON {
                mm(lo)
            } else {
                format!("từ {} đến {}", mm(lo), mm(hi))
            };
            c.at(
                &noi,
                "le",
                &format!("Lề {}", names[k]),
                mm(v),
                want,
            );
        }
    }
    // Page numbers: none on page 1 (a first-page header without one), from page 2 in the header.
    let pn = &p.page;
    if pn.page_number_from == 0 {
        return;
    }
    match &s.page_number {
        None => c.at(
            &noi,
            "so-trang",
            "Số trang",
            "không có số trang ở đầu trang",
            format!(
                "số trang ở đầu trang, căn giữa, cỡ {}, cách mép trên {}",
                pt(pn.page_number_size_pt),
                mm(pn.page_number_top_mm)
            ),
        ),
        Some(f) => {
            if f.align != Align::Center {
                c.at(&noi, "so-trang", "Số trang", "số trang không căn giữa", "căn giữa");
            }
            if !c.same_size(f.size_pt, pn.page_number_size_pt) {
                c.at(
                    &noi,
                    "so-trang",
                    "Số trang",
                    format!("cỡ {}", pt(f.size_pt)),
                    format!("cỡ {}", pt(pn.page_number_size_pt)),
                );
            }
            if (s.header_mm - pn.page_number_top_mm).abs() > tol {
                c.at(
                    &noi,
                    "so-trang",
                    "Số trang",
                    format!("cách mép trên {}", mm(s.header_mm)),
                    format!("cách mép trên {}", mm(pn.page_number_top_mm)),
                );
            }
        }
    }
    if i == 0 && pn.page_number_from >= 2 && (!s.title_page || s.first_page_number) {
        c.at(
            &noi,
            "so-trang",
            "Số trang",
            "trang 1 có số trang",
            "không đánh số trang 1 (trang đầu có đầu trang riêng, không số)",
        );
    }
}

/// Every run with text is in the profile's font: one finding per other font, at its first paragraph.
fn fonts(doc: &FormatDoc, c: &mut Checker<'_>) {
    let want = c.profile.fonts.docx_family.clone();
    let mut other: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut visit = |p: &FParagraph| {
        for r in p.text_runs() {
            let font = r.font.clone().unwrap_or_else(|| "(không ghi phông)".to_owned());
            if !font.eq_ignore_ascii_case(&want) {
                let e = other
                    .entry(font)
                    .or_insert_with(|| (super::place(p.place), 0));
                e.1 += 1;
            }
        }
    };
    for b in &doc.blocks {
        match b {
            FBlock::Paragraph(p) => visit(p),
            FBlock::Table(t) => t
                .rows
                .iter()
                .flatten()
                .flat_map(|cell| &cell.paragraphs)
                .for_each(&mut visit),
        }
    }
    for (font, (first, n)) in other {
        let more = if n > 1 {
            format!(" (và {} chỗ khác)", n - 1)
        } else {
            String::new()
        };
        c.at(
            format!("{first}{more}"),
            "phong-chu",
            "Phông chữ",
            font,
            format!("{want} (TCVN 6909:2001, Unicode)"),
        );
    }
}
