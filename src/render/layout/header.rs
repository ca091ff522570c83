//! Page 1's header (the bodies and their mark on the left, the national or Party line on the right, the
//! number and the place-and-date line under them, the columns' widths), the title block and the
//! addressee block under it.

use super::numbering::number_text;
use super::{Line, MarkKind, PT_PER_MM, cased, fixed_line, mark_line};
use crate::fonts;
use crate::ir::{self, AddresseeLabel, Document};
use crate::profile::{Profile, TextStyle, apply_tone_style};
use serde::Serialize;

/// The widths of page 1's header columns, in millimetres: left (bodies, number), gap, right (national
/// line, date), summing to the text width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeaderColumns {
    /// The left column.
    pub left_mm: f32,
    /// The space between them.
    pub gap_mm: f32,
    /// The right column.
    pub right_mm: f32,
}

/// The header's lines and columns.
pub(super) struct Header {
    /// Left column, top rows.
    pub left: Vec<Line>,
    /// Right column, top rows.
    pub right: Vec<Line>,
    /// Left column, bottom row.
    pub number: Option<Line>,
    /// Right column, bottom row.
    pub date: Line,
    /// The columns' widths.
    pub columns: HeaderColumns,
}

/// The header of page 1, its columns sized for a text block `text_width_mm` wide.
pub(super) fn header(doc: &Document, profile: &Profile, text_width_mm: f32) -> Header {
    let h = &profile.header;
    let line = |text: &str, style: TextStyle| fixed_line(text, style, profile);
    let mut left = Vec::new();
    if let Some(cap_tren) = doc
        .header
        .cap_tren
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        left.push(line(cap_tren, h.cap_tren));
    }
    let mut co_quan = line(&doc.header.co_quan, h.co_quan);
    match mark_line(&h.co_quan_mark, h.co_quan) {
        MarkKind::Text(mark) => {
            left.push(co_quan);
            left.push(mark);
        }
        MarkKind::Rule(f) => {
            co_quan.rule = Some(f);
            left.push(co_quan);
        }
        MarkKind::None => left.push(co_quan),
    }
    let right: Vec<Line> = h
        .national
        .iter()
        .map(|n| Line {
            text: apply_tone_style(&n.text, profile.text.tone_style),
            style: TextStyle {
                size_pt: n.size_pt,
                bold: n.bold,
                italic: n.italic,
                ..TextStyle::default()
            },
            rule: n.rule,
        })
        .collect();
    let number = doc
        .header
        .number
        .as_ref()
        .map(|n| line(&number_text(&h.number_pattern, n, &h.number_blank), h.number));
    let date_text = match doc.header.ngay {
        Some(d) => fill_date(&h.date_pattern, &doc.header.dia_danh, Some(d)),
        None => fill_date(&h.date_blank, &doc.header.dia_danh, None),
    };
    let date = line(&date_text, h.date);
    let left_lines: Vec<&Line> = left.iter().chain(number.iter()).collect();
    let right_lines: Vec<&Line> = right.iter().chain(std::iter::once(&date)).collect();
    let columns = header_columns(&left_lines, &right_lines, text_width_mm, profile);
    Header {
        left,
        right,
        number,
        date,
        columns,
    }
}

/// The centred title lines: tên loại, trích yếu, and the separator (a "-----" line, or a rule under the
/// last line).
pub(super) fn title(doc: &Document, profile: &Profile) -> Vec<Line> {
    let t = &profile.title;
    let line = |text: &str, style: TextStyle| fixed_line(text, style, profile);
    let mut title = vec![line(&doc.title.ten_loai, t.ten_loai)];
    let mut trich_yeu = ir::plain_text(&doc.title.trich_yeu);
    if t.trich_yeu_capitalize {
        trich_yeu = capitalize_first(&trich_yeu);
    }
    let mut last_style = t.ten_loai;
    if !trich_yeu.trim().is_empty() {
        title.push(line(&trich_yeu, t.trich_yeu));
        last_style = t.trich_yeu;
    }
    match mark_line(&t.separator, last_style) {
        MarkKind::Text(mark) => title.push(mark),
        MarkKind::Rule(f) => {
            if let Some(last) = title.last_mut() {
                last.rule = Some(f);
            }
        }
        MarkKind::None => {}
    }
    title
}

/// The first letter in upper case, the rest as written ("xây dựng …" → "Xây dựng …").
fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The widest line of a column, unbroken, in millimetres.
fn natural_mm(lines: &[&Line]) -> f32 {
    lines
        .iter()
        .flat_map(|l| l.text.split('\n').map(move |t| (t, l.style)))
        .map(|(t, st)| fonts::text_width_pt(t, st.size_pt, st.bold, st.italic) / PT_PER_MM)
        .fold(0.0, f32::max)
}

/// The header columns take the profile's widths. When one column's longest line does not fit in its
/// width, it first takes the free space between the columns and then the other column's spare width
/// (what that column's own longest line leaves), so a long name stays on one line whenever the header
/// has room.
fn header_columns(
    left: &[&Line],
    right: &[&Line],
    text_width_mm: f32,
    profile: &Profile,
) -> HeaderColumns {
    let h = &profile.header;
    let pad = 2.0 * h.cell_margin_mm;
    let (mut l, mut r) = (h.left_width_mm, h.right_width_mm);
    let gap = (text_width_mm - l - r).max(0.0);
    let left_need = natural_mm(left) + pad - l;
    let right_need = natural_mm(right) + pad - r;
    let mut taken = 0.0;
    if left_need > 0.0 {
        let from_gap = left_need.min(gap);
        let from_right = (left_need - from_gap).min(-right_need).max(0.0);
        l += from_gap + from_right;
        r -= from_right;
        taken = from_gap;
    } else if right_need > 0.0 {
        let from_gap = right_need.min(gap);
        let from_left = (right_need - from_gap).min(-left_need).max(0.0);
        r += from_gap + from_left;
        l -= from_left;
        taken = from_gap;
    }
    HeaderColumns {
        left_mm: l,
        gap_mm: gap - taken,
        right_mm: r,
    }
}

pub(super) fn fill_date(pattern: &str, dia_danh: &str, date: Option<ir::Date>) -> String {
    let out = pattern.replace("{dia_danh}", dia_danh.trim());
    match date {
        Some(d) => out
            .replace("{ngay}", &format!("{:02}", d.day))
            .replace(
                "{thang}",
                &if d.month <= 2 {
                    format!("{:02}", d.month)
                } else {
                    d.month.to_string()
                },
            )
            .replace("{nam}", &d.year.to_string()),
        // A blank date keeps the year blank too.
        None => out.replace("{nam}", "20    "),
    }
}

/// "Kính gửi:" / "Kính trình:" and the bodies addressed, under the title block: the label, then the
/// recipients in a column that starts on the label's line, the block centred on the text width.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddresseeBlock {
    /// The label ("Kính trình:").
    pub label: Line,
    /// The recipients, marker and punctuation included; the first stands on the label's line.
    pub items: Vec<Line>,
    /// Distance of the label from the left edge of the text block.
    pub indent_mm: f32,
    /// The width of the label's column (the label and a space); the recipients start there, and their
    /// wrapped lines too.
    pub label_mm: f32,
    /// Space above.
    pub space_before_pt: f32,
    /// Space below.
    pub space_after_pt: f32,
}

/// The addressee block, when the document names at least one body.
pub(super) fn addressees(
    doc: &Document,
    text_width_mm: f32,
    profile: &Profile,
) -> Option<AddresseeBlock> {
    doc.addressees
        .as_ref()
        .filter(|a| a.items.iter().any(|i| !i.trim().is_empty()))
        .map(|a| addressee_block(a, text_width_mm, profile))
}

/// The addressee block: one recipient on the label's line without a marker; several as "- …;" lines,
/// the first on the label's line. The block is centred on the text width when it fits on one line each.
fn addressee_block(a: &ir::Addressees, text_width_mm: f32, profile: &Profile) -> AddresseeBlock {
    let st = &profile.addressees;
    let fix = |t: &str| apply_tone_style(t, profile.text.tone_style);
    let label_text = match a.label {
        AddresseeLabel::KinhGui => &st.kinh_gui,
        AddresseeLabel::KinhTrinh => &st.kinh_trinh,
    };
    let label = Line {
        text: cased(&fix(label_text), st.label.upper),
        style: st.label,
        rule: None,
    };
    let texts: Vec<&str> = a
        .items
        .iter()
        .map(|i| i.trim().trim_end_matches([',', ';', '.']))
        .filter(|i| !i.is_empty())
        .collect();
    let n = texts.len();
    let items: Vec<Line> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = if n == 1 {
                format!("{t}{}", st.single_end)
            } else {
                let end = if i + 1 == n { &st.last } else { &st.separator };
                format!("{}{t}{end}", st.marker)
            };
            Line {
                text: cased(&fix(&text), st.item.upper),
                style: st.item,
                rule: None,
            }
        })
        .collect();
    let width = |l: &Line| {
        fonts::text_width_pt(&l.text, l.style.size_pt, l.style.bold, l.style.italic) / PT_PER_MM
    };
    let label_mm = width(&Line {
        text: format!("{} ", label.text),
        ..label.clone()
    });
    let widest = items.iter().map(width).fold(0.0, f32::max);
    let indent_mm = ((text_width_mm - label_mm - widest) / 2.0).max(0.0);
    AddresseeBlock {
        label,
        items,
        indent_mm,
        label_mm,
        space_before_pt: st.space_before_pt,
        space_after_pt: st.space_after_pt,
    }
}
