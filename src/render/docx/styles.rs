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
/// style `w:tblHeader` (docx-rs cannot), so the header row repeats on each page. The same name followed
/// by a number N (see [`repeat_header_table`]) marks a table whose first N rows are its header.
pub(super) const REPEAT_HEADER_TABLE: &str = "BangDuLieu";

/// The most header rows a table style is defined for (the layout never makes more).
const MAX_HEADER_ROWS: usize = 4;

/// The table style of a body table whose header is its first `rows` rows: [`REPEAT_HEADER_TABLE`],
/// or for a taller header that name followed by the number of rows ("BangDuLieu2"), based on it.
pub(super) fn repeat_header_table(rows: usize) -> String {
    match rows.clamp(1, MAX_HEADER_ROWS) {
        1 => REPEAT_HEADER_TABLE.to_owned(),
        n => format!("{REPEAT_HEADER_TABLE}{n}"),
    }
}

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

/// Adds the styles to the document; `header_rows` is the tallest table header in it (1 for one row).
pub(super) fn add_styles(docx: Docx, style: &LayoutStyle, header_rows: usize) -> Docx {
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

    let mut docx = docx
        .add_style(body)
        .add_style(note)
        .add_style(table_text)
        .add_style(table);
    for rows in 2..=header_rows.min(MAX_HEADER_ROWS) {
        docx = docx.add_style(
            Style::new(repeat_header_table(rows), StyleType::Table)
                .name(format!("Bảng dữ liệu, {rows} hàng tiêu đề"))
                .based_on(REPEAT_HEADER_TABLE),
        );
    }
    docx
}
