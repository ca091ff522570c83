//! Body tables: cell text resolved (case, tone style, the header row's emphasis) and the column widths
//! decided once, in millimetres, from the content measured with the embedded font metrics.

use crate::fonts;
use crate::ir::{Align, Inline, Merge, Table};
use super::pictures::LPicture;
use crate::profile::Profile;
use serde::Serialize;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;
/// The width a fill line asks of its column, at 12 pt (it takes what the column has beyond that).
const FILL_MIN_PT: f32 = 36.0;
/// The most rows a header may grow to when its cells are merged down into the rows below (a header
/// taller than this is a merge in the body, clipped at the header's edge).
const MAX_HEADER_ROWS: usize = 4;

/// A table ready to place: every cell's runs final, every column's width and alignment decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LTable {
    /// The width of each column in millimetres; they sum to the width of the text block the table is in.
    pub columns_mm: Vec<f32>,
    /// The alignment of each column's body cells (`left`, `center` or `right`, never `default`).
    pub align: Vec<Align>,
    /// The alignment of the header row's cells.
    pub header_align: Align,
    /// The header row's cells; the profile's header emphasis is already on the runs. The header row
    /// repeats on every page the table runs over.
    pub header: Vec<Vec<Inline>>,
    /// The body rows, each with exactly as many cells as there are columns.
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Spans of body rows (indices into `rows`, first and last, inclusive) that share a page: the first
    /// data rows with the header, and the last rows, as the profile's `table.rows_together_first/last`
    /// say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keep_rows: Vec<[usize; 2]>,
    /// Merged cells (row 0 is the header row), checked: each inside the table, spanning more than one
    /// cell, none overlapping another. A writer prints the first cell over the span and skips the
    /// others.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<Merge>,
    /// How many body rows belong to the header, because a header cell is merged down over them: they
    /// take the header's emphasis and alignment and repeat with it on every page.
    #[serde(skip_serializing_if = "is_zero")]
    pub header_body_rows: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl LTable {
    /// The merge starting at `row`, `col` (row 0: the header row).
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| m.row == row && m.col == col)
    }

    /// Whether the cell at `row`, `col` is covered by a merge that starts elsewhere.
    pub fn covered(&self, row: usize, col: usize) -> bool {
        self.merges
            .iter()
            .any(|m| m.covers(row, col) && (m.row, m.col) != (row, col))
    }
}

/// Lays out a table `width_mm` wide; `cell` resolves the text of one cell (case, tone marks).
pub fn table(
    t: &Table,
    width_mm: f32,
    profile: &Profile,
    pictures: &[LPicture],
    cell: impl Fn(&[Inline]) -> Vec<Inline>,
) -> LTable {
    let st = &profile.table;
    let ncols = t
        .header
        .len()
        .max(t.align.len())
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let fill = |cells: &[Vec<Inline>], bold: bool| -> Vec<Vec<Inline>> {
        (0..ncols)
            .map(|i| {
                let runs = cell(cells.get(i).map(Vec::as_slice).unwrap_or(&[]));
                if bold { embolden(runs) } else { runs }
            })
            .collect()
    };
    let (merges, header_body_rows) = checked_merges(&t.merges, t.rows.len() + 1, ncols);
    let header = fill(&t.header, st.header_bold);
    let rows: Vec<_> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| fill(r, i < header_body_rows && st.header_bold))
        .collect();
    let align = (0..ncols)
        .map(|i| concrete(t.align.get(i).copied().unwrap_or_default()))
        .collect();
    let columns_mm = if t.widths.len() == ncols {
        given_widths(&t.widths, width_mm)
    } else {
        // A merged cell's text is not measured against one column.
        let spanned = |row: usize, cells: &[Vec<Inline>]| -> Vec<Vec<Inline>> {
            (0..ncols)
                .map(|col| {
                    let wide = merges
                        .iter()
                        .any(|m| m.covers(row, col) && (m.cols > 1 || (m.row, m.col) != (row, col)));
                    if wide { Vec::new() } else { cells[col].clone() }
                })
                .collect()
        };
        let head = spanned(0, &header);
        let body: Vec<_> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| spanned(i + 1, r))
            .collect();
        column_widths(&head, &body, ncols, width_mm, profile, pictures)
    };
    // The spans count data rows; the rows merged into the header come before them.
    let keep_rows = super::keep::row_spans(
        rows.len().saturating_sub(header_body_rows),
        st.rows_together_first,
        st.rows_together_last,
    )
    .into_iter()
    .map(|[a, b]| [a + header_body_rows, b + header_body_rows])
    .collect();
    LTable {
        columns_mm,
        align,
        header_align: concrete(st.header_align),
        header,
        rows,
        merges,
        header_body_rows,
        keep_rows,
    }
}

/// The merges a table can print, in the order given: each clipped to the table's `nrows` rows (the
/// header row included) and `ncols` columns, those covering one cell or overlapping an earlier one left
/// out. A header cell merged down makes the rows it covers part of the header (at most
/// [`MAX_HEADER_ROWS`] rows in all); a merge crossing the header's lower edge from inside is clipped
/// there. Returns the merges and how many body rows joined the header.
fn checked_merges(given: &[Merge], nrows: usize, ncols: usize) -> (Vec<Merge>, usize) {
    let clip = |m: &Merge| Merge {
        rows: m.rows.min(nrows.saturating_sub(m.row)),
        cols: m.cols.min(ncols.saturating_sub(m.col)),
        ..*m
    };
    let header_body_rows = given
        .iter()
        .filter(|m| m.row == 0 && m.col < ncols)
        .map(|m| clip(m).rows.saturating_sub(1))
        .max()
        .unwrap_or(0)
        .min(MAX_HEADER_ROWS - 1);
    let header_end = header_body_rows + 1;
    let mut out: Vec<Merge> = Vec::new();
    for m in given {
        if m.row >= nrows || m.col >= ncols {
            continue;
        }
        let mut m = clip(m);
        if m.row < header_end {
            m.rows = m.rows.min(header_end - m.row);
        }
        let overlaps = out.iter().any(|o| {
            o.row < m.row + m.rows
                && m.row < o.row + o.rows
                && o.col < m.col + m.cols
                && m.col < o.col + o.cols
        });
        if m.rows * m.cols > 1 && !overlaps {
            out.push(m);
        }
    }
    (out, header_body_rows)
}

/// Column widths in millimetres in the proportions given, summing to `total_mm`.
fn given_widths(weights: &[u32], total_mm: f32) -> Vec<f32> {
    let sum: f32 = weights.iter().map(|w| *w as f32).sum::<f32>().max(1.0);
    rounded(
        weights.iter().map(|w| total_mm * *w as f32 / sum).collect(),
        total_mm,
    )
}

fn concrete(a: Align) -> Align {
    match a {
        Align::Default => Align::Left,
        other => other,
    }
}

fn embolden(runs: Vec<Inline>) -> Vec<Inline> {
    runs.into_iter()
        .map(|r| match r {
            Inline::Text {
                text,
                italic,
                underline,
                ..
            } => Inline::Text {
                text,
                bold: true,
                italic,
                underline,
            },
            br => br,
        })
        .collect()
}

/// Column widths in millimetres summing to `total_mm`. Each column needs at least its longest
/// unbreakable word plus its two cell paddings and a border; when every cell fits on one line the spare
/// width is shared in proportion to the columns' natural widths (their longest lines); otherwise the
/// narrow columns keep their natural width (in order, while it is within a fair share of what is left)
/// and the wide ones get their minimum plus a share of the rest in proportion to what they lack to be
/// one line wide.
fn column_widths(
    header: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    ncols: usize,
    total_mm: f32,
    profile: &Profile,
    pictures: &[LPicture],
) -> Vec<f32> {
    let st = &profile.table;
    let mut natural = vec![0f32; ncols];
    let mut min = vec![0f32; ncols];
    for cells in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in cells.iter().take(ncols).enumerate() {
            let (n, m) = measure(cell, st.size_pt, pictures);
            natural[i] = natural[i].max(n);
            min[i] = min[i].max(m);
        }
    }
    // A column of check boxes (a ballot's: every body cell a lone box) is as narrow as its header's
    // longest word: its header wraps, as ballots print them, and it takes none of the spare width.
    let mut ticks = vec![false; ncols];
    for (i, (n, m)) in natural.iter_mut().zip(&min).enumerate() {
        let all_boxes = !rows.is_empty()
            && rows.iter().all(|r| {
                r.get(i).is_some_and(|c| {
                    c.iter().any(|x| matches!(x, Inline::CheckBox { .. }))
                        && c.iter().all(|x| match x {
                            Inline::CheckBox { .. } => true,
                            Inline::Text { text, .. } => text.trim().is_empty(),
                            _ => false,
                        })
                })
            });
        if all_boxes {
            *n = m.max(st.size_pt);
            ticks[i] = true;
        }
    }
    let extra = 2.0 * st.cell_margin_mm + st.border_pt / PT_PER_MM;
    let natural: Vec<f32> = natural.iter().map(|w| w / PT_PER_MM + extra).collect();
    let min: Vec<f32> = min.iter().map(|w| w / PT_PER_MM + extra).collect();
    let sum_nat: f32 = natural.iter().sum();
    let sum_min: f32 = min.iter().sum();
    let grows: f32 = (0..ncols).filter(|i| !ticks[*i]).map(|i| natural[i]).sum();
    let raw: Vec<f32> = if sum_nat <= total_mm && grows > 0.0 {
        (0..ncols)
            .map(|i| {
                let n = natural[i];
                if ticks[i] {
                    n
                } else {
                    n + (total_mm - sum_nat) * n / grows
                }
            })
            .collect()
    } else if sum_nat <= total_mm {
        natural
            .iter()
            .map(|n| n + (total_mm - sum_nat) * n / sum_nat)
            .collect()
    } else if sum_min < total_mm {
        // Narrow columns (a name, a number) stay on one line: in order of natural width, a column whose
        // natural width is within a fair share of what is left keeps it. The wide columns that remain
        // (prose) get their minimum plus a share of the rest in proportion to what they lack.
        let mut order: Vec<usize> = (0..ncols).collect();
        order.sort_by(|a, b| natural[*a].total_cmp(&natural[*b]));
        let mut fixed = vec![false; ncols];
        let mut left = total_mm;
        for (k, &i) in order.iter().enumerate() {
            let others_min: f32 = order[k + 1..].iter().map(|&j| min[j]).sum();
            let fair = left / (ncols - k) as f32;
            if natural[i] <= fair && natural[i] + others_min <= left {
                fixed[i] = true;
                left -= natural[i];
            } else {
                break;
            }
        }
        let lack: Vec<f32> = (0..ncols)
            .map(|i| if fixed[i] { 0.0 } else { natural[i] - min[i] })
            .collect();
        let flex_min: f32 = (0..ncols).filter(|i| !fixed[*i]).map(|i| min[i]).sum();
        let sum_lack: f32 = lack.iter().sum::<f32>().max(f32::EPSILON);
        (0..ncols)
            .map(|i| {
                if fixed[i] {
                    natural[i]
                } else {
                    min[i] + (left - flex_min) * lack[i] / sum_lack
                }
            })
            .collect()
    } else {
        min.iter().map(|m| total_mm * m / sum_min).collect()
    };
    rounded(raw, total_mm)
}

/// Widths in hundredths of a millimetre, the rounding remainder on the widest column, so the sum is
/// exactly `total_mm`.
fn rounded(raw: Vec<f32>, total_mm: f32) -> Vec<f32> {
    let mut out: Vec<f32> = raw.iter().map(|w| (w * 100.0).floor() / 100.0).collect();
    let rest = total_mm - out.iter().sum::<f32>();
    if let Some(widest) = out
        .iter_mut()
        .max_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
    {
        *widest += rest;
    }
    out
}

/// (widest line, widest word) of a cell in points.
fn measure(cell: &[Inline], size: f32, pictures: &[LPicture]) -> (f32, f32) {
    let mut widest_line = 0f32;
    let mut widest_word = 0f32;
    let mut line = 0f32;
    for i in cell {
        match i {
            Inline::Fill => line += FILL_MIN_PT * size / 12.0,
            // A square about as wide as a capital, and the space after it.
            Inline::CheckBox { .. } => line += size,
            // A picture is one unbreakable word of its width.
            Inline::Picture { picture } => {
                let (w, _) = super::pictures::size_pt(pictures, *picture);
                line += w;
                widest_word = widest_word.max(w);
            }
            Inline::Text {
                text, bold, italic, ..
            } => {
                for (k, seg) in text.split('\n').enumerate() {
                    if k > 0 {
                        widest_line = widest_line.max(line);
                        line = 0.0;
                    }
                    line += fonts::text_width_pt(seg, size, *bold, *italic);
                    for word in seg.split_whitespace() {
                        widest_word =
                            widest_word.max(fonts::text_width_pt(word, size, *bold, *italic));
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

    fn lay(t: &Table, width: f32) -> LTable {
        table(t, width, &Profile::dang(), &[], <[Inline]>::to_vec)
    }

    #[test]
    fn widths_fill_the_text_block_by_content() {
        let t = Table {
            align: vec![Align::Center, Align::Default, Align::Right],
            header: vec![cell("STT"), cell("Chi bộ"), cell("Số đảng viên")],
            rows: vec![vec![
                cell("1"),
                cell("Chi bộ Hành chính – Lưu trữ và Công nghệ thông tin"),
                cell("18"),
            ]],
            ..Default::default()
        };
        let l = lay(&t, 165.0);
        let w = &l.columns_mm;
        assert!((w.iter().sum::<f32>() - 165.0).abs() < 0.001, "{w:?}");
        assert!(w[0] < w[2] && w[2] < w[1], "{w:?}");
        assert_eq!(l.align, vec![Align::Center, Align::Left, Align::Right]);
        assert_eq!(l.header_align, Align::Center);
        // Too much text for one line each: every column still gets at least its longest word.
        let long = "rất dài ".repeat(40);
        let t = Table {
            rows: vec![vec![cell("1"), cell(&long), cell(&long)]],
            ..t
        };
        let w = lay(&t, 165.0).columns_mm;
        assert!((w.iter().sum::<f32>() - 165.0).abs() < 0.001, "{w:?}");
        assert!(w[0] > 0.0 && (w[1] - w[2]).abs() < 165.0 / 20.0, "{w:?}");
    }

    /// The tờ trình's cá nhân table: names and titles stay on one line, the prose column wraps.
    #[test]
    fn narrow_columns_keep_one_line_and_prose_wraps() {
        let t = Table {
            align: vec![
                Align::Center,
                Align::Default,
                Align::Default,
                Align::Default,
            ],
            header: vec![
                cell("STT"),
                cell("Họ và tên"),
                cell("Chức vụ"),
                cell("Thành tích"),
            ],
            rows: vec![vec![
                cell("1"),
                cell("Tô Trọng Hân"),
                cell("Bí thư chi bộ"),
                cell(&"Giải Nhất Hội thi Bí thư chi bộ giỏi năm 2022; ".repeat(4)),
            ]],
            ..Default::default()
        };
        let p = Profile::dang();
        let w = lay(&t, 165.0).columns_mm;
        assert!((w.iter().sum::<f32>() - 165.0).abs() < 0.001, "{w:?}");
        let extra = 2.0 * p.table.cell_margin_mm + p.table.border_pt / PT_PER_MM;
        for (i, text) in [(1, "Tô Trọng Hân"), (2, "Bí thư chi bộ")] {
            let one_line =
                fonts::text_width_pt(text, p.table.size_pt, false, false) / PT_PER_MM + extra;
            assert!(w[i] + 0.01 >= one_line, "column {i} {w:?} < {one_line}");
        }
        assert!(w[3] > w[1] + w[2], "{w:?}");
    }

    /// The sơ kết criteria table: a narrow last column headed by a long unbreakable word ("HTXSNV",
    /// bold) next to a long text column. The last column must hold the word, its paddings and a border.
    #[test]
    fn a_column_is_never_narrower_than_its_longest_word() {
        let mut header: Vec<_> = ["STT", "Tiêu chí", "Tốt", "HT", "KHT", "HTXSNV"]
            .iter()
            .map(|s| cell(s))
            .collect();
        header[1] = cell("Nội dung tiêu chí đánh giá chi bộ");
        let row: Vec<_> = [
            "1",
            &"Lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan, đơn vị; ".repeat(3),
            "5",
            "1",
            "0",
            "2",
        ]
        .iter()
        .map(|s| cell(s))
        .collect();
        let t = Table {
            align: vec![Align::Center; 6],
            header,
            rows: vec![row; 4],
            ..Default::default()
        };
        let l = lay(&t, 165.0);
        let p = Profile::dang();
        let word = fonts::text_width_pt("HTXSNV", p.table.size_pt, true, false) / PT_PER_MM;
        let need = word + 2.0 * p.table.cell_margin_mm;
        assert!(l.columns_mm[5] >= need, "{:?} < {need}", l.columns_mm);
        // The header runs carry the header's bold.
        assert!(matches!(&l.header[5][0], Inline::Text { bold: true, .. }));
        assert!(matches!(&l.rows[0][5][0], Inline::Text { bold: false, .. }));
    }

    /// A ballot: four columns of check boxes under long headers stay narrow (the headers wrap), and what
    /// they leave goes to the text columns.
    #[test]
    fn check_box_columns_are_as_narrow_as_their_header_s_longest_word() {
        let mut header = vec![cell("TT"), cell("Họ và tên"), cell("Chức vụ")];
        header.extend(
            [
                "Hoàn thành xuất sắc nhiệm vụ",
                "Hoàn thành tốt nhiệm vụ",
                "Hoàn thành nhiệm vụ",
                "Không hoàn thành nhiệm vụ",
            ]
            .map(cell),
        );
        let mut row = vec![
            cell("7"),
            cell("Nguyễn Thị Lan Hương"),
            cell("Phó Chánh Văn phòng Tỉnh ủy"),
        ];
        row.extend((0..4).map(|_| vec![Inline::CheckBox { checked: false }]));
        let t = Table {
            align: vec![Align::Center; 7],
            header,
            rows: vec![row; 18],
            ..Default::default()
        };
        let p = Profile::dang();
        let w = lay(&t, 165.0).columns_mm;
        assert!((w.iter().sum::<f32>() - 165.0).abs() < 0.001, "{w:?}");
        let extra = 2.0 * p.table.cell_margin_mm + p.table.border_pt / PT_PER_MM;
        for (i, h) in t.header.iter().enumerate().skip(3) {
            let Inline::Text { text, .. } = &h[0] else {
                panic!()
            };
            let word = text
                .split_whitespace()
                .map(|w| fonts::text_width_pt(w, p.table.size_pt, true, false))
                .fold(0.0, f32::max)
                / PT_PER_MM;
            assert!((w[i] - (word + extra)).abs() < 0.05, "{i}: {w:?}");
        }
        // What the ticks leave goes to the text columns.
        assert!(w[1] > 2.0 * w[3] && w[2] > 2.0 * w[3], "{w:?}");
    }

    #[test]
    fn short_rows_are_padded_to_the_column_count() {
        let t = Table {
            align: vec![],
            header: vec![cell("A"), cell("B")],
            rows: vec![vec![cell("1")]],
            ..Default::default()
        };
        let l = lay(&t, 100.0);
        assert_eq!(l.rows[0].len(), 2);
        assert_eq!(l.columns_mm.len(), 2);
    }
}
