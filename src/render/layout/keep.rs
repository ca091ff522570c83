//! What stays together across a page break, decided once for both formats: a paragraph that introduces
//! what follows (it ends with ":"), a table's caption (a centred or bold paragraph, or a note, right
//! before a table) stays on the page of the next block; a table keeps its first and last rows together
//! as the profile says ([`LTable::keep_rows`]). Headings and the enacting line always stay with what
//! follows; the writers know that from their kind.

use super::LBlock;
use crate::ir::{Align, Inline};

/// Marks the body blocks that stay with the block after them.
pub(super) fn keep_with_next(blocks: &mut [LBlock]) {
    for i in 0..blocks.len().saturating_sub(1) {
        let next_is_table = matches!(blocks[i + 1], LBlock::Table(_));
        match &mut blocks[i] {
            LBlock::Paragraph {
                runs,
                align,
                keep_with_next,
            } => {
                *keep_with_next = lead_in(runs)
                    || (next_is_table && (*align != Align::Default || all_bold(runs)));
            }
            LBlock::ListItem {
                runs,
                keep_with_next,
                ..
            } => *keep_with_next = lead_in(runs),
            LBlock::Note {
                runs,
                keep_with_next,
            } => *keep_with_next = lead_in(runs) || next_is_table,
            _ => {}
        }
    }
}

/// True when a paragraph's text ends with ":" (it introduces what follows).
fn lead_in(runs: &[Inline]) -> bool {
    crate::ir::plain_text(runs).trim_end().ends_with(':')
}

/// True when every run with text is bold (a caption set in bold).
fn all_bold(runs: &[Inline]) -> bool {
    let mut any = false;
    for r in runs {
        if let Inline::Text { text, bold, .. } = r
            && !text.trim().is_empty()
        {
            if !*bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The spans of a table's body rows (first and last row, 0-based, inclusive) that must share a page:
/// the first `first` rows (so a table never starts a page with fewer, the header with them), and the
/// last `last` rows (so none is left alone at the top of a page). Overlapping or touching spans join.
pub(super) fn row_spans(rows: usize, first: usize, last: usize) -> Vec<[usize; 2]> {
    let mut spans: Vec<[usize; 2]> = Vec::new();
    if rows >= 2 && first >= 2 {
        spans.push([0, first.min(rows) - 1]);
    }
    if rows >= 2 && last >= 2 {
        let start = rows.saturating_sub(last);
        match spans.last_mut() {
            Some(s) if start <= s[1] + 1 => s[1] = rows - 1,
            _ => spans.push([start, rows - 1]),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_join_when_they_touch() {
        assert_eq!(row_spans(10, 2, 2), [[0, 1], [8, 9]]);
        assert_eq!(row_spans(4, 2, 2), [[0, 3]]);
        assert_eq!(row_spans(3, 2, 2), [[0, 2]]);
        assert_eq!(row_spans(2, 2, 2), [[0, 1]]);
        assert!(row_spans(1, 2, 2).is_empty());
        assert_eq!(row_spans(5, 2, 0), [[0, 1]]);
        assert!(row_spans(5, 0, 0).is_empty());
    }

    #[test]
    fn lead_ins_and_captions_stay_with_what_follows() {
        let p = |t: &str, align: Align, bold: bool| LBlock::Paragraph {
            runs: vec![Inline::styled(t, bold, false)],
            align,
            keep_with_next: false,
        };
        let table = LBlock::Table(super::super::LTable {
            columns_mm: vec![10.0],
            align: vec![Align::Left],
            header_align: Align::Center,
            header: vec![vec![]],
            rows: vec![],
            keep_rows: vec![],
            merges: vec![],
            header_body_rows: 0,
        });
        let mut blocks = vec![
            p("Kết quả xếp loại:", Align::Default, false),
            p("Đoạn văn.", Align::Default, false),
            p("Bảng 1. Kết quả", Align::Center, false),
            table.clone(),
            p("Đoạn cuối:", Align::Default, false),
        ];
        keep_with_next(&mut blocks);
        let kept: Vec<bool> = blocks
            .iter()
            .map(|b| matches!(b, LBlock::Paragraph { keep_with_next: true, .. }))
            .collect();
        assert_eq!(kept, [true, false, true, false, false]);
    }
}
