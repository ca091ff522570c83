//! Page 1's header: the national or Party line(s) and the rule under them, the superior and issuing
//! bodies and the issuing body's mark, the number, the place and date.

use super::parts::{HeaderParts, Parts, is_blank, is_upper};
use super::pattern::{read, well_formed};
use super::{Checker, emphasis, mm, pt};
use crate::fonts;
use crate::profile::{TextStyle, ToneStyle, apply_tone_style};
use crate::word::format::FParagraph;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Checks the header.
pub(super) fn check(parts: &Parts<'_>, c: &mut Checker<'_>) {
    let Some(h) = &parts.header else {
        c.at(
            "đầu văn bản",
            "dong-dau",
            "Phần đầu văn bản",
            "không có bảng hai cột ở đầu trang 1",
            "tên cơ quan bên trái, dòng tiêu đề (quốc hiệu) bên phải, số và ngày tháng dưới chúng",
        );
        return;
    };
    national(h, c);
    bodies(h, c);
    number(h, c);
    date(h, c);
}

/// The dominant size of a paragraph's text (the size of most of its characters).
pub(super) fn size_of(p: &FParagraph) -> f32 {
    let mut best: Vec<(f32, usize)> = Vec::new();
    for r in p.text_runs() {
        let n = r.text.chars().count();
        match best.iter_mut().find(|(s, _)| (*s - r.size_pt).abs() < 0.01) {
            Some(e) => e.1 += n,
            None => best.push((r.size_pt, n)),
        }
    }
    best.into_iter().max_by_key(|(_, n)| *n).map_or(0.0, |(s, _)| s)
}

/// Whether every run with text is bold / italic / underlined.
pub(super) fn all(p: &FParagraph, f: impl Fn(&crate::word::format::FRun) -> bool) -> bool {
    let mut any = false;
    for r in p.text_runs() {
        if !f(r) {
            return false;
        }
        any = true;
    }
    any
}

/// Checks a line's size, emphasis and case against a style; `what` names the part.
pub(super) fn style(
    p: &FParagraph,
    st: &TextStyle,
    rule: &'static str,
    what: &str,
    c: &mut Checker<'_>,
) {
    let size = size_of(p);
    if !c.same_size(size, st.size_pt) {
        c.para(p, rule, what, format!("cỡ {}", pt(size)), format!("cỡ {}", pt(st.size_pt)));
    }
    let (b, i, u) = (all(p, |r| r.bold), all(p, |r| r.italic), all(p, |r| r.underline));
    if b != st.bold || i != st.italic || (st.underline && !u) {
        c.para(
            p,
            rule,
            what,
            emphasis(b, i, u),
            emphasis(st.bold, st.italic, st.underline),
        );
    }
    if st.upper && !is_upper(&p.text()) {
        c.para(p, rule, what, format!("\"{}\" không in hoa", p.text().trim()), "chữ in hoa");
    }
}

/// Text compared as people read it: NFC, one tone style, spaces folded.
fn norm(s: &str) -> String {
    apply_tone_style(s, ToneStyle::New)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The widest line of a paragraph in points (Times New Roman metrics, its runs' sizes and emphasis).
pub(super) fn width_pt(p: &FParagraph) -> f32 {
    let mut widest = 0f32;
    let mut line = 0f32;
    for r in &p.runs {
        for (k, seg) in r.text.split('\n').enumerate() {
            if k > 0 {
                widest = widest.max(line);
                line = 0.0;
            }
            line += fonts::text_width_pt(seg, r.size_pt, r.bold, r.italic);
        }
    }
    widest.max(line)
}

/// Checks the rule under a line: a line shape (or a paragraph border) in the line's paragraph or the
/// next one of its column, `fraction` of the text's width long (within the profile's range for a short
/// rule).
pub(super) fn rule_under(
    line: &FParagraph,
    next: Option<&FParagraph>,
    fraction: f32,
    what: &str,
    c: &mut Checker<'_>,
) {
    let shapes: Vec<_> = line
        .lines
        .iter()
        .chain(next.into_iter().flat_map(|n| n.lines.iter()))
        .collect();
    let border = line.border_bottom || next.is_some_and(|n| n.border_bottom && is_blank(n));
    let text = width_pt(line);
    let Some(shape) = shapes.first() else {
        if !border {
            c.para(
                line,
                "duong-ke",
                what,
                "không có đường kẻ dưới dòng này",
                format!(
                    "một đường kẻ nét liền dưới dòng, dài {}",
                    mm(text * fraction / PT_PER_MM)
                ),
            );
        }
        return;
    };
    let tol = c.profile.kiem_tra.length_tolerance_mm * PT_PER_MM;
    let (lo, hi) = if fraction >= 0.999 {
        (text - tol, text + tol)
    } else {
        let [a, b] = c.profile.kiem_tra.short_rule;
        (text * a - tol, text * b + tol)
    };
    if shape.length_pt < lo || shape.length_pt > hi {
        let want = if fraction >= 0.999 {
            format!("dài bằng dòng chữ ({})", mm(text / PT_PER_MM))
        } else {
            let [a, b] = c.profile.kiem_tra.short_rule;
            format!(
                "dài từ {} đến {} độ dài dòng chữ ({} – {})",
                super::num(a, 2),
                super::num(b, 2),
                mm(text * a / PT_PER_MM),
                mm(text * b / PT_PER_MM)
            )
        };
        c.para(
            line,
            "duong-ke",
            what,
            format!("đường kẻ dài {}", mm(shape.length_pt / PT_PER_MM)),
            want,
        );
    }
}

/// The national or Party line(s) in the right column, and their rule.
fn national(h: &HeaderParts<'_>, c: &mut Checker<'_>) {
    let want = c.profile.header.national.clone();
    let lines: Vec<&FParagraph> = h.right.iter().copied().filter(|p| !is_blank(p)).collect();
    for (k, n) in want.iter().enumerate() {
        let Some(p) = lines.get(k) else {
            let noi = h
                .right
                .first()
                .map_or_else(|| "đầu văn bản".to_owned(), |p| super::place(p.place));
            c.at(noi, "dong-dau", "Dòng tiêu đề", "thiếu dòng", format!("\"{}\"", n.text));
            continue;
        };
        let what = if k == 0 { "Dòng tiêu đề (quốc hiệu)" } else { "Tiêu ngữ" };
        if norm(&p.text()) != norm(&n.text) {
            c.para(
                p,
                "dong-dau",
                what,
                format!("\"{}\"", p.text().trim()),
                format!("\"{}\"", n.text),
            );
        }
        let st = TextStyle {
            size_pt: n.size_pt,
            bold: n.bold,
            italic: n.italic,
            ..TextStyle::default()
        };
        style(p, &st, "dong-dau", what, c);
        if let Some(f) = n.rule {
            let at = h.right.iter().position(|q| std::ptr::eq(*q, *p)).unwrap_or(0);
            rule_under(p, h.right.get(at + 1).copied(), f, what, c);
        }
    }
}

/// The superior body, the issuing body and its mark, in the left column.
fn bodies(h: &HeaderParts<'_>, c: &mut Checker<'_>) {
    let hs = c.profile.header.clone();
    let text: Vec<(usize, &FParagraph)> = h
        .left
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, p)| !is_blank(p))
        .collect();
    let mark_text = hs.co_quan_mark.text.clone();
    let is_mark = |p: &FParagraph| mark_text.as_deref().is_some_and(|m| p.text().trim() == m);
    // The issuing body: the last line before the mark (or the last line), bold in the profile.
    let Some(&(at, co_quan)) = text.iter().rev().find(|(_, p)| !is_mark(p)) else {
        return;
    };
    style(co_quan, &hs.co_quan, "co-quan", "Tên cơ quan ban hành", c);
    for (_, p) in text.iter().take_while(|(i, _)| *i < at) {
        style(p, &hs.cap_tren, "co-quan", "Tên cơ quan cấp trên", c);
    }
    match (&hs.co_quan_mark.text, hs.co_quan_mark.rule) {
        (Some(m), _) => {
            let next = h.left[at + 1..].iter().find(|p| !is_blank(p));
            if next.is_none_or(|p| p.text().trim() != m) {
                c.para(
                    co_quan,
                    "co-quan",
                    "Dấu dưới tên cơ quan",
                    next.map_or("không có".to_owned(), |p| format!("\"{}\"", p.text().trim())),
                    format!("dấu \"{m}\" ở giữa, dưới tên cơ quan"),
                );
            }
        }
        (None, Some(f)) => rule_under(co_quan, h.left.get(at + 1).copied(), f, "Tên cơ quan ban hành", c),
        _ => {}
    }
}

/// The number line: the profile's pattern ("Số 09-KH/ĐU", "Số: 09/KH-UBND") and size.
fn number(h: &HeaderParts<'_>, c: &mut Checker<'_>) {
    let Some(p) = h.number else { return };
    let hs = c.profile.header.clone();
    let text = p.text().trim().to_owned();
    if !text.starts_with("Số") {
        return;
    }
    let ok = read(&hs.number_pattern, &text).is_some_and(|m| well_formed(&m));
    if !ok {
        let example = hs
            .number_pattern
            .replace("{so}", "09")
            .replace("{loai}", "KH")
            .replace("{ky_hieu}", "ĐU");
        let colon = hs.number_pattern.starts_with("Số:");
        let why = if colon {
            "có dấu hai chấm sau \"Số\""
        } else {
            "không có dấu hai chấm sau \"Số\""
        };
        c.para(
            p,
            "so-ky-hieu",
            "Số, ký hiệu",
            format!("\"{text}\""),
            format!("dạng \"{example}\" ({why}; số dưới 10 có số 0 đứng trước)"),
        );
    }
    style(p, &hs.number, "so-ky-hieu", "Số, ký hiệu", c);
}

/// The place and date: the profile's pattern (days below 10 and months 1–2 with a leading zero, a comma
/// after the place) and style.
fn date(h: &HeaderParts<'_>, c: &mut Checker<'_>) {
    let Some(p) = h.date else { return };
    let hs = c.profile.header.clone();
    let text = p.text().trim_end().to_owned();
    let ok = [&hs.date_pattern, &hs.date_blank]
        .iter()
        .any(|pat| read(pat, text.trim_start()).is_some_and(|m| well_formed(&m)));
    if !ok {
        c.para(
            p,
            "ngay-thang",
            "Địa danh, ngày tháng năm",
            format!("\"{}\"", text.trim()),
            "dạng \"Vĩnh Phúc, ngày 05 tháng 02 năm 2026\" (dấu phẩy sau địa danh; ngày dưới 10 và tháng 1, 2 có số 0 đứng trước)",
        );
    }
    style(p, &hs.date, "ngay-thang", "Địa danh, ngày tháng năm", c);
}
