//! The main text: the căn cứ lines (marker, ";" after each, the profile's ending on the last, italics
//! for NĐ 30) and the body paragraphs (justified, first-line indent, line spacing, space between
//! paragraphs, size). A body departing the same way in many paragraphs is one finding, at the first.

use super::header::{all, size_of};
use super::parts::Parts;
use super::{Checker, mm, num, pt};
use crate::word::Align;
use crate::word::format::{FParagraph, LineRule};
use std::collections::BTreeMap;

/// Millimetres per point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// Checks the căn cứ and the body paragraphs.
pub(super) fn check(parts: &Parts<'_>, c: &mut Checker<'_>) {
    let addressee = |p: &FParagraph| {
        let t = p.text();
        let a = &c.profile.addressees;
        t.starts_with('\t')
            || t.trim_start().starts_with(a.kinh_gui.trim_end_matches(':'))
            || t.trim_start().starts_with(a.kinh_trinh.trim_end_matches(':'))
    };
    let body: Vec<&FParagraph> = parts
        .body
        .iter()
        .copied()
        .filter(|p| !addressee(p))
        .collect();
    let can_cu = can_cu_group(&body, &c.profile.can_cu.marker);
    check_can_cu(&can_cu, c);
    let mut seen: BTreeMap<(&'static str, String), (String, String, usize)> = BTreeMap::new();
    for p in body.iter().filter(|p| !can_cu.iter().any(|q| std::ptr::eq(*q, **p))) {
        for (what, found, want) in departures(p, c) {
            seen.entry((what, found.clone()))
                .and_modify(|e| e.2 += 1)
                .or_insert((super::place(p.place), want, 1));
        }
    }
    let mut found: Vec<_> = seen.into_iter().collect();
    found.sort_by_key(|(_, (noi, _, _))| order_key(noi));
    for ((what, thay), (noi, can, n)) in found {
        let noi = if n > 1 {
            format!("{noi} (và {} đoạn khác)", n - 1)
        } else {
            noi
        };
        c.at(noi, "than-van-ban", what, thay, can);
    }
}

/// "đoạn 12" sorts by its number.
fn order_key(noi: &str) -> (usize, String) {
    let n = noi
        .trim_start_matches("đoạn ")
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|d| d.parse().ok())
        .unwrap_or(usize::MAX);
    (n, noi.to_owned())
}

/// The căn cứ: from the first paragraph starting "Căn cứ" (after its marker), with the "Xét …",
/// "Theo …" lines that follow, when the enacting line follows them.
fn can_cu_group<'d>(body: &[&'d FParagraph], marker: &str) -> Vec<&'d FParagraph> {
    let text = |p: &FParagraph| {
        let t = p.text();
        let t = t.trim();
        let t = t.strip_prefix(marker.trim()).unwrap_or(t).trim_start();
        t.to_owned()
    };
    let Some(start) = body.iter().position(|p| text(p).starts_with("Căn cứ")) else {
        return Vec::new();
    };
    let group: Vec<&FParagraph> = body[start..]
        .iter()
        .copied()
        .take_while(|p| {
            let t = text(p);
            t.starts_with("Căn cứ") || t.starts_with("Xét") || t.starts_with("Theo đề nghị")
        })
        .collect();
    // Căn cứ ban hành stand before the enacting line ("… QUYẾT ĐỊNH", centred, bold); "Căn cứ …"
    // sentences of a plan or a commitment are prose.
    let enacting = body
        .get(start + group.len())
        .is_some_and(|p| p.align == Align::Center && all(p, |r| r.bold));
    if enacting { group } else { Vec::new() }
}

fn check_can_cu(lines: &[&FParagraph], c: &mut Checker<'_>) {
    let st = c.profile.can_cu.clone();
    let n = lines.len();
    for (i, p) in lines.iter().enumerate() {
        let text = p.text();
        let text = text.trim();
        let marker = st.marker.trim();
        if !marker.is_empty() && !text.starts_with(marker) {
            c.para(
                p,
                "can-cu",
                "Căn cứ",
                format!("\"{}\"", short(text)),
                format!("mở đầu bằng \"{}\"", st.marker),
            );
        }
        let end = if i + 1 == n { &st.last } else { &st.separator };
        if !end.is_empty() && !text.ends_with(end.as_str()) {
            let last = text.chars().last().map(String::from).unwrap_or_default();
            c.para(
                p,
                "can-cu",
                "Căn cứ",
                format!("kết thúc bằng \"{last}\""),
                format!(
                    "kết thúc bằng \"{end}\"{}",
                    if i + 1 == n { " (căn cứ cuối)" } else { "" }
                ),
            );
        }
        if st.italic && !all(p, |r| r.italic) {
            c.para(p, "can-cu", "Căn cứ", "chữ đứng", "chữ nghiêng");
        }
    }
}

/// The first 60 characters of a text.
fn short(t: &str) -> String {
    let s: String = t.chars().take(60).collect();
    if s.chars().count() < t.chars().count() {
        format!("{s}…")
    } else {
        s
    }
}

/// The most characters of a line set left on purpose in a form ("Họ và tên: …"): one line of body
/// text. A longer paragraph set left is a departure.
const FORM_LINE_CHARS: usize = 70;

/// A form's line, set left without an indent on purpose (`<trai/>`): one that holds a tab (a line to
/// write on runs to a dot leader at the margin) or a check box, or a single short line.
fn form_line(p: &FParagraph) -> bool {
    let text = p.text();
    p.align == Align::Left
        && p.first_line_pt.abs() < 0.5
        && (text.contains('\t')
            || text.contains(['☐', '☒', '\u{F06F}', '\u{F078}', '\u{F0A8}', '\u{F0FD}'])
            || text.trim().chars().count() <= FORM_LINE_CHARS)
}

/// How a body paragraph departs from the profile: (what, found, wanted) for each departure.
fn departures(p: &FParagraph, c: &Checker<'_>) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let b = &c.profile.body;
    let k = &c.profile.kiem_tra;
    // A centred or right-aligned paragraph is set so on purpose (an enacting line, a caption); so is a
    // form's line set left without an indent (a field, a line to write on, a check box).
    if matches!(p.align, Align::Center | Align::Right) || form_line(p) {
        return out;
    }
    let want = if b.justify { Align::Both } else { Align::Left };
    if p.align != want {
        let name = |a: Align| match a {
            Align::Both => "căn đều hai bên",
            Align::Left | Align::Start => "căn trái",
            Align::Center => "căn giữa",
            Align::Right => "căn phải",
        };
        out.push(("Căn lề đoạn văn", name(p.align).to_owned(), name(want).to_owned()));
    }
    let [lo, hi] = k.first_line_indent_mm;
    let indent = p.first_line_pt * MM_PER_PT;
    if indent < lo - f32::EPSILON || indent > hi + f32::EPSILON {
        let want = if (hi - lo).abs() < f32::EPSILON {
            mm(lo)
        } else {
            format!("từ {} đến {}", mm(lo), mm(hi))
        };
        out.push(("Thụt đầu dòng", mm(indent), want));
    }
    let range = b.line_pitch_range_pt.unwrap_or([b.line_pitch_pt, b.line_pitch_pt]);
    let line_ok = match p.line {
        Some((v, LineRule::Exact | LineRule::AtLeast)) => {
            v >= range[0] - 0.05 && v <= range[1] + 0.05
        }
        Some((v, LineRule::Auto)) => k.line_auto.is_some_and(|[a, z]| v >= a - 0.01 && v <= z + 0.01),
        None => k.line_auto.is_some_and(|[a, _]| a <= 1.0),
    };
    if !line_ok {
        let found = match p.line {
            Some((v, LineRule::Exact)) => format!("chính xác {}", pt(v)),
            Some((v, LineRule::AtLeast)) => format!("ít nhất {}", pt(v)),
            Some((v, LineRule::Auto)) => format!("{} dòng", num(v, 2)),
            None => "một dòng (mặc định)".to_owned(),
        };
        let mut want = format!("chính xác (Exactly) từ {} đến {}", pt(range[0]), pt(range[1]));
        if let Some([a, z]) = k.line_auto {
            want.push_str(&format!(", hoặc từ {} đến {} dòng", num(a, 2), num(z, 2)));
        }
        out.push(("Khoảng cách dòng", found, want));
    }
    let gap = p.before_pt + p.after_pt;
    let min_gap = b.space_before_pt + b.space_after_pt;
    if gap + 0.05 < min_gap {
        out.push((
            "Khoảng cách giữa các đoạn",
            pt(gap),
            format!("ít nhất {}", pt(min_gap)),
        ));
    }
    let size = size_of(p);
    let note = c.profile.note;
    let is_note = all(p, |r| r.italic) && c.same_size(size, note.size_pt);
    let [a, z] = k.body_size_pt;
    if !is_note && (size < a - k.size_tolerance_pt || size > z + k.size_tolerance_pt) {
        out.push((
            "Cỡ chữ đoạn văn",
            pt(size),
            if (z - a).abs() < f32::EPSILON {
                pt(a)
            } else {
                format!("từ {} đến {}", pt(a), pt(z))
            },
        ));
    }
    out
}
