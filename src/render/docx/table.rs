//! Bordered body tables: a fixed grid as wide as the text block, column widths from the measured
//! content, a bold header row that repeats on every page.

use super::styles;
use super::text::{RunStyle, inline_runs, text_block_twips};
use super::units::{mm_to_twips, pt_to_twips_f32, unsigned};
use crate::fonts;
use crate::ir::{Align, Inline, Table as IrTable};
use crate::profile::Profile;
use docx_rs::{
    AlignmentType, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, WidthType,
};

/// A body table.
pub fn body_table(t: &IrTable, profile: &Profile) -> Table {
    let st = &profile.table;
    let ncols = t
        .header
        .len()
        .max(t.align.len())
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let pad = mm_to_twips(st.cell_margin_mm);
    let widths = column_widths(t, ncols, text_block_twips(profile), pad, profile);
    let align = |i: usize| match t.align.get(i).copied().unwrap_or_default() {
        Align::Default | Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    let header_style = RunStyle {
        bold: st.header_bold,
        ..RunStyle::default()
    };
    let body_style = RunStyle::default();
    let row = |cells: &[Vec<Inline>], style: RunStyle, header: bool| {
        let cells = (0..ncols)
            .map(|i| {
                let content = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let mut p = Paragraph::new().style(styles::TABLE_TEXT).align(if header {
                    AlignmentType::Center
                } else {
                    align(i)
                });
                for r in inline_runs(content, style) {
                    p = p.add_run(r);
                }
                TableCell::new()
                    .width(unsigned(widths[i]), WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(p)
            })
            .collect();
        TableRow::new(cells).cant_split()
    };
    let mut rows = Vec::with_capacity(t.rows.len() + 1);
    rows.push(row(&t.header, header_style, true));
    rows.extend(t.rows.iter().map(|r| row(r, body_style, false)));

    let pad_u = unsigned(pad);
    Table::new(rows)
        .style(styles::REPEAT_HEADER_TABLE)
        .set_grid(widths.iter().map(|&w| unsigned(w)).collect())
        .width(unsigned(widths.iter().sum()), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(styles::table_borders(profile))
        .margins(TableCellMargins::new().margin(pad_u, pad_u, pad_u, pad_u))
}

/// Column widths in twips summing to `total`: each column's natural width (its longest line) when they
/// all fit, otherwise its longest word plus a share of the rest in proportion to what it lacks.
fn column_widths(t: &IrTable, ncols: usize, total: i32, pad: i32, profile: &Profile) -> Vec<i32> {
    let size = profile.table.size_pt;
    let mut natural = vec![0f32; ncols];
    let mut min = vec![0f32; ncols];
    let all_rows = std::iter::once((&t.header, profile.table.header_bold))
        .chain(t.rows.iter().map(|r| (r, false)));
    for (cells, header_bold) in all_rows {
        for (i, cell) in cells.iter().take(ncols).enumerate() {
            let (n, m) = measure(cell, size, header_bold);
            natural[i] = natural[i].max(n);
            min[i] = min[i].max(m);
        }
    }
    // Each column also holds its two cell paddings and a border.
    let extra = 2.0 * pad as f32 + pt_to_twips_f32(profile.table.border_pt);
    let natural: Vec<f32> = natural
        .iter()
        .map(|&w| pt_to_twips_f32(w) + extra)
        .collect();
    let min: Vec<f32> = min.iter().map(|&w| pt_to_twips_f32(w) + extra).collect();
    let total_f = total as f32;
    let sum_nat: f32 = natural.iter().sum();
    let sum_min: f32 = min.iter().sum();
    let raw: Vec<f32> = if sum_nat <= total_f {
        // Everything fits on one line: share the spare width in proportion to the natural widths.
        natural
            .iter()
            .map(|n| n + (total_f - sum_nat) * n / sum_nat)
            .collect()
    } else if sum_min < total_f {
        let lack: Vec<f32> = natural.iter().zip(&min).map(|(n, m)| n - m).collect();
        let sum_lack: f32 = lack.iter().sum::<f32>().max(1.0);
        min.iter()
            .zip(&lack)
            .map(|(m, l)| m + (total_f - sum_min) * l / sum_lack)
            .collect()
    } else {
        min.iter().map(|m| total_f * m / sum_min).collect()
    };
    let mut out: Vec<i32> = raw.iter().map(|w| w.floor() as i32).collect();
    let rest = total - out.iter().sum::<i32>();
    if let Some(last) = out.last_mut() {
        *last += rest;
    }
    out
}

/// (widest line, widest word) of a cell in points.
fn measure(cell: &[Inline], size: f32, bold_all: bool) -> (f32, f32) {
    let mut widest_line = 0f32;
    let mut widest_word = 0f32;
    let mut line = 0f32;
    for i in cell {
        match i {
            Inline::Text { text, bold, italic } => {
                let (b, it) = (bold_all || *bold, *italic);
                for (k, seg) in text.split('\n').enumerate() {
                    if k > 0 {
                        widest_line = widest_line.max(line);
                        line = 0.0;
                    }
                    line += fonts::text_width_pt(seg, size, b, it);
                    for word in seg.split_whitespace() {
                        widest_word = widest_word.max(fonts::text_width_pt(word, size, b, it));
                    }
                }
            }
            Inline::LineBreak => {
                widest_line = widest_line.max(line);
                line = 0.0;
            }
        }
    }
    (widest_line.max(line), widest_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(s: &str) -> Vec<Inline> {
        vec![Inline::plain(s)]
    }

    #[test]
    fn widths_fill_the_text_block_by_content() {
        let p = Profile::dang();
        let t = IrTable {
            align: vec![Align::Center, Align::Default, Align::Right],
            header: vec![cell("STT"), cell("Chi bộ"), cell("Số đảng viên")],
            rows: vec![vec![
                cell("1"),
                cell("Chi bộ Hành chính – Lưu trữ và Công nghệ thông tin"),
                cell("18"),
            ]],
        };
        let total = text_block_twips(&p);
        let w = column_widths(&t, 3, total, 85, &p);
        assert_eq!(w.iter().sum::<i32>(), total);
        assert!(w[0] < w[2] && w[2] < w[1], "{w:?}");
        // Too much text for one line each: every column still gets at least its longest word.
        let long = "rất dài ".repeat(40);
        let t = IrTable {
            rows: vec![vec![cell("1"), cell(&long), cell(&long)]],
            ..t
        };
        let w = column_widths(&t, 3, total, 85, &p);
        assert_eq!(w.iter().sum::<i32>(), total);
        assert!(w[0] > 0 && (w[1] - w[2]).abs() < total / 20, "{w:?}");
    }
}
