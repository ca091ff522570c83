//! Bordered body tables: a fixed grid with the column widths the layout decided, the header row's
//! alignment and emphasis as the layout gives them, the header row repeating on every page (the table
//! style [`styles::REPEAT_HEADER_TABLE`] marks it for the package pass, which writes `w:tblHeader`).

use super::styles;
use super::text::{RunStyle, inline_runs};
use super::units::{mm_to_twips, unsigned};
use crate::ir::{Align, Inline};
use crate::profile::TableStyle;
use crate::render::layout::LTable;
use docx_rs::{
    AlignmentType, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

/// A body table.
pub(super) fn body_table(t: &LTable, st: &TableStyle) -> Table {
    let pad = mm_to_twips(st.cell_margin_mm);
    let widths = grid(&t.columns_mm);
    let docx_align = |a: Align| match a {
        Align::Default | Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    // A row whose paragraphs keep with the next stays on the page of the next row (Word's way of keeping
    // rows together): the header with the first rows, and each row of a span with the one after it.
    let row = |cells: &[Vec<Inline>], align: &dyn Fn(usize) -> AlignmentType, keep: bool| {
        let cells = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let content = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let mut p = Paragraph::new()
                    .style(styles::TABLE_TEXT)
                    .align(align(i))
                    .keep_next(keep);
                for r in inline_runs(content, RunStyle::default()) {
                    p = p.add_run(r);
                }
                TableCell::new()
                    .width(unsigned(w), WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(p)
            })
            .collect();
        TableRow::new(cells).cant_split()
    };
    let kept = |r: usize| t.keep_rows.iter().any(|s| s[0] <= r && r < s[1]);
    let header_kept = !t.rows.is_empty();
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    rows.push(row(&t.header, &|_| docx_align(t.header_align), header_kept));
    let body_align = |i: usize| docx_align(t.align.get(i).copied().unwrap_or_default());
    rows.extend(
        t.rows
            .iter()
            .enumerate()
            .map(|(r, cells)| row(cells, &body_align, kept(r))),
    );

    let pad_u = unsigned(pad);
    Table::new(rows)
        .style(styles::REPEAT_HEADER_TABLE)
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
