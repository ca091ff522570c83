//! Page 1's two-column header and the page-number header of the following pages.

use super::text::{self, RunStyle, Spacing, centred_line};
use super::units::{mm_to_twips, pt_to_half_points, unsigned};
use crate::profile::Profile;
use crate::render::layout::{Layout, Line};
use docx_rs::{
    AlignmentType, FieldCharType, Header, InstrPAGE, InstrText, Paragraph, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// The header table: a borderless two-column table with a fixed grid. Row 1 holds the bodies (left) and
/// the national or Party line (right); row 2 the number (left) and the place-and-date line (right).
pub fn header_table(layout: &Layout, profile: &Profile) -> Table {
    let h = &profile.header;
    let left = mm_to_twips(h.left_width_mm);
    let right = mm_to_twips(h.right_width_mm);
    let pad = mm_to_twips(h.cell_margin_mm);

    let column = |lines: &[Line], width: i32, spacing: Spacing| {
        let mut cell = TableCell::new().width(unsigned(width), WidthType::Dxa);
        let mut any = false;
        for (i, line) in lines.iter().enumerate() {
            let s = if i == 0 { spacing } else { Spacing::default() };
            for p in centred_line(line, width - 2 * pad, s, profile) {
                cell = cell.add_paragraph(p);
                any = true;
            }
        }
        if !any {
            cell = cell.add_paragraph(text::blank_paragraph(h.number.size_pt, spacing));
        }
        cell
    };

    let top = TableRow::new(vec![
        column(&layout.header_left, left, Spacing::default()),
        column(&layout.header_right, right, Spacing::default()),
    ]);
    let gap = Spacing::before(h.gap_pt);
    let bottom = TableRow::new(vec![
        column(layout.number.as_slice(), left, gap),
        column(std::slice::from_ref(&layout.date), right, gap),
    ]);
    layout_table(vec![top, bottom], &[left, right], pad)
}

/// A borderless table with a fixed grid (header and signature areas).
pub fn layout_table(rows: Vec<TableRow>, grid: &[i32], pad_twips: i32) -> Table {
    let total: i32 = grid.iter().sum();
    let pad = unsigned(pad_twips);
    Table::without_borders(rows)
        .set_grid(grid.iter().map(|&w| unsigned(w)).collect())
        .width(unsigned(total), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

/// The header of pages after the first: the page number, centred.
pub fn page_number_header(profile: &Profile) -> Header {
    let size = profile.page.page_number_size_pt;
    let style = RunStyle {
        size_pt: Some(size),
        ..RunStyle::default()
    };
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .size(pt_to_half_points(size))
        .add_run(style.run().add_field_char(FieldCharType::Begin, false))
        .add_run(
            style
                .run()
                .add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        )
        .add_run(style.run().add_field_char(FieldCharType::Separate, false))
        .add_run(style.run().add_text("2"))
        .add_run(style.run().add_field_char(FieldCharType::End, false));
    Header::new().add_paragraph(p)
}

/// The header of page 1: nothing (one empty paragraph, as a header part needs one).
pub fn empty_header() -> Header {
    Header::new().add_paragraph(Paragraph::new())
}
