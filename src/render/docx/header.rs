//! Page 1's two-column header and the page-number header of the following pages.

use super::text::{self, RunStyle, Spacing, centred_line};
use super::units::{mm_to_twips, pt_to_half_points, unsigned};
use crate::render::layout::{Layout, Line, PageNumbers};
use docx_rs::{
    AlignmentType, FieldCharType, Header, InstrPAGE, InstrText, Paragraph, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// The header table: a borderless table with a fixed grid of the layout's column widths (a gap column
/// between the two when there is space left). Row 1 holds the bodies (left) and
/// the national or Party line (right); row 2 the number (left) and the place-and-date line (right).
pub(super) fn header_table(layout: &Layout) -> Table {
    let h = &layout.style.header;
    let c = &layout.header_columns;
    let left = mm_to_twips(c.left_mm);
    let right = mm_to_twips(c.right_mm);
    // The gap takes the rounding, so the columns are exactly as wide as the layout's sum.
    let gap = mm_to_twips(c.left_mm + c.gap_mm + c.right_mm) - left - right;
    let pad = mm_to_twips(h.cell_margin_mm);

    let column = |lines: &[Line], width: i32, spacing: Spacing| {
        let mut cell = TableCell::new().width(unsigned(width), WidthType::Dxa);
        let mut any = false;
        for (i, line) in lines.iter().enumerate() {
            let s = if i == 0 { spacing } else { Spacing::default() };
            for p in centred_line(line, width - 2 * pad, s, &layout.style.rule) {
                cell = cell.add_paragraph(p);
                any = true;
            }
        }
        if !any {
            cell = cell.add_paragraph(text::blank_paragraph(h.number_size_pt, spacing));
        }
        cell
    };
    let row = |l: TableCell, r: TableCell, spacing: Spacing| {
        let mut cells = vec![l];
        if gap > 0 {
            cells.push(column(&[], gap, spacing));
        }
        cells.push(r);
        TableRow::new(cells)
    };

    let top = row(
        column(&layout.header_left, left, Spacing::default()),
        column(&layout.header_right, right, Spacing::default()),
        Spacing::default(),
    );
    let gap_spacing = Spacing::before(h.gap_pt);
    let bottom = row(
        column(layout.number.as_slice(), left, gap_spacing),
        column(std::slice::from_ref(&layout.date), right, gap_spacing),
        gap_spacing,
    );
    let mut rows = vec![top, bottom];
    // Khẩn, mật, draft and circulation marks under the number, in the left column.
    if !layout.marks.under_number.is_empty() {
        let avail = left - 2 * pad;
        let mut cell = TableCell::new().width(unsigned(left), WidthType::Dxa);
        for m in &layout.marks.under_number {
            cell = cell.add_paragraph(super::marks::mark_paragraph(m, avail, &layout.style.rule));
        }
        rows.push(row(cell, column(&[], right, Spacing::default()), Spacing::default()));
    }
    let grid: Vec<i32> = if gap > 0 {
        vec![left, gap, right]
    } else {
        vec![left, right]
    };
    layout_table(rows, &grid, pad)
}

/// A borderless table with a fixed grid (header and signature areas).
pub(super) fn layout_table(rows: Vec<TableRow>, grid: &[i32], pad_twips: i32) -> Table {
    let total: i32 = grid.iter().sum();
    let pad = unsigned(pad_twips);
    Table::without_borders(rows)
        .set_grid(grid.iter().map(|&w| unsigned(w)).collect())
        .width(unsigned(total), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

/// The header of pages after the first: the page number, centred.
pub(super) fn page_number_header(page: &PageNumbers) -> Header {
    let size = page.page_number_size_pt;
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
pub(super) fn empty_header() -> Header {
    Header::new().add_paragraph(Paragraph::new())
}
