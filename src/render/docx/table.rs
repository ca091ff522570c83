//! Bordered body tables: a fixed grid with the column widths the layout decided, the header row's
//! alignment and emphasis as the layout gives them, merged cells (`w:gridSpan`, `w:vMerge`), the header
//! rows repeating on every page (the table style [`styles::repeat_header_table`] marks how many for
//! the package pass, which writes `w:tblHeader`).

use super::styles;
use super::text::{RunStyle, fill_tab, has_fill, inline_runs};
use super::units::{mm_to_twips, unsigned};
use crate::ir::{Align, Inline};
use crate::render::layout::{LPicture, LTable, Style};
use docx_rs::{
    AlignmentType, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

/// A body table. A fill line in a cell runs to the cell's right edge (a tab stop at the width of the
/// cell's text, inside its paddings).
pub(super) fn body_table(t: &LTable, style: &Style, pictures: &[LPicture]) -> Table {
    let st = &style.table;
    let pad = mm_to_twips(st.cell_margin_mm);
    let widths = grid(&t.columns_mm);
    let docx_align = |a: Align| match a {
        Align::Default | Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    // A row whose paragraphs keep with the next stays on the page of the next row (Word's way of keeping
    // rows together): the header with the first rows, and each row of a span with the one after it.
    let row = |y: usize, cells: &[Vec<Inline>], align: &dyn Fn(usize) -> AlignmentType, keep: bool| {
        let mut out = Vec::with_capacity(widths.len());
        for x in 0..widths.len() {
            let merge = t.merge_at(y, x);
            // A cell covered by a merge: nothing in its row, or the continuation of a vertical merge
            // below the merge's first row, spanning the merge's columns.
            let continued = t
                .merges
                .iter()
                .find(|m| m.col == x && m.row < y && m.covers(y, x));
            if merge.is_none() && t.covered(y, x) && continued.is_none() {
                continue;
            }
            let span = merge.or(continued).map_or(1, |m| m.cols);
            let width: i32 = widths[x..(x + span).min(widths.len())].iter().sum();
            let mut cell = TableCell::new()
                .width(unsigned(width), WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if span > 1 {
                cell = cell.grid_span(span);
            }
            if continued.is_some() {
                out.push(
                    cell.vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(styles::TABLE_TEXT).keep_next(keep)),
                );
                continue;
            }
            if merge.is_some_and(|m| m.rows > 1) {
                cell = cell.vertical_merge(VMergeType::Restart);
            }
            let content = cells.get(x).map(Vec::as_slice).unwrap_or(&[]);
            let mut p = Paragraph::new()
                .style(styles::TABLE_TEXT)
                .align(align(x))
                .keep_next(keep);
            if has_fill(content) {
                p = p.add_tab(fill_tab(width - 2 * pad, style.fill.kind));
            }
            for r in inline_runs(content, RunStyle::default(), &style.check_box, pictures) {
                p = p.add_run(r);
            }
            out.push(cell.add_paragraph(p));
        }
        TableRow::new(out).cant_split()
    };
    let kept = |r: usize| t.keep_rows.iter().any(|s| s[0] <= r && r < s[1]);
    let header_kept = !t.rows.is_empty();
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    let header_align = |_| docx_align(t.header_align);
    rows.push(row(0, &t.header, &header_align, header_kept));
    let body_align = |i: usize| docx_align(t.align.get(i).copied().unwrap_or_default());
    rows.extend(t.rows.iter().enumerate().map(|(i, r)| {
        if i < t.header_body_rows {
            row(i + 1, r, &header_align, true)
        } else {
            row(i + 1, r, &body_align, kept(i))
        }
    }));

    let pad_u = unsigned(pad);
    Table::new(rows)
        .style(styles::repeat_header_table(1 + t.header_body_rows))
        .set_grid(widths.iter().map(|&w| unsigned(w)).collect())
        .width(unsigned(widths.iter().sum()), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(styles::table_borders(st))
        .margins(TableCellMargins::new().margin(pad_u, pad_u, pad_u, pad_u))
}

/// Column widths in twips, rounded so that they sum to the rounded total.
fn grid(columns_mm: &[f32]) -> Vec<i32> {
    let mut out = Vec::with_capacity(columns_mm.len());
    let mut edge_mm = 0.0;
    let mut edge = 0;
    for w in columns_mm {
        edge_mm += w;
        let next = mm_to_twips(edge_mm);
        out.push(next - edge);
        edge = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_sums_to_the_total() {
        let g = grid(&[10.33, 20.33, 134.34]);
        assert_eq!(g.iter().sum::<i32>(), mm_to_twips(165.0));
        assert_eq!(g[0], mm_to_twips(10.33));
    }
}
