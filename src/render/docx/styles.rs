//! The named styles body text uses, so each paragraph carries a style reference instead of repeating its
//! formatting (smaller parts, and a document a user can restyle in Word).

use super::text::Spacing;
use super::units::{mm_to_twips, pt_to_eighths, pt_to_half_points};
use crate::profile::TableStyle;
use crate::render::layout::Style as LayoutStyle;
use docx_rs::{
    AlignmentType, BorderType, Docx, SpecialIndentType, Style, StyleType, TableBorder,
    TableBorderPosition, TableBorders, TableProperty,
};

/// Body paragraphs, headings and list items: justified, first-line indent, exact line pitch.
pub(super) const BODY: &str = "VanBan";
/// Notes: the body paragraph, smaller and in italics.
pub(super) const NOTE: &str = "GhiChu";
/// Text in table cells.
pub(super) const TABLE_TEXT: &str = "ChuTrongBang";
/// The table style every body table carries. The package pass gives the first row of a table with this
/// style `w:tblHeader` (docx-rs cannot), so the header row repeats on each page.
pub(super) const REPEAT_HEADER_TABLE: &str = "BangDuLieu";

/// The borders of body tables.
pub(super) fn table_borders(table: &TableStyle) -> TableBorders {
    let size = pt_to_eighths(table.border_pt);
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, pos| {
        b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000"),
        )
    })
}

/// Adds the styles to the document.
pub(super) fn add_styles(docx: Docx, style: &LayoutStyle) -> Docx {
    let b = &style.body;
    let body = Style::new(BODY, StyleType::Paragraph)
        .name("Văn bản")
        .q_format(true)
        .align(if b.justify {
            AlignmentType::Both
        } else {
            AlignmentType::Left
        })
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm_to_twips(
                b.first_line_indent_mm,
            ))),
            None,
            None,
        )
        .line_spacing(
            Spacing {
                before_pt: b.space_before_pt,
                after_pt: b.space_after_pt,
                exact_pt: Some(b.line_pitch_pt),
            }
            .to_docx(),
        )
        .size(pt_to_half_points(b.size_pt));

    let n = &style.note;
    let mut note = Style::new(NOTE, StyleType::Paragraph)
        .name("Ghi chú")
        .based_on(BODY)
        .size(pt_to_half_points(n.size_pt));
    if n.bold {
        note = note.bold();
    }
    if n.italic {
        note = note.italic();
    }

    let table_text = Style::new(TABLE_TEXT, StyleType::Paragraph)
        .name("Chữ trong bảng")
        .size(pt_to_half_points(style.table.size_pt));

    let table = Style::new(REPEAT_HEADER_TABLE, StyleType::Table)
        .name("Bảng dữ liệu")
        .table_property(TableProperty::new().set_borders(table_borders(&style.table)));

    docx.add_style(body)
        .add_style(note)
        .add_style(table_text)
        .add_style(table)
}
