//! Recognising a document's parts: page 1's header table (the bodies and their mark on the left, the
//! national or Party line on the right, the number and the date under them), the title block under
//! it, the body of the main text, the signature table and the nơi nhận. What the check recognises is
//! what a person sees; a part it cannot find is left unchecked, or reported where the format needs it.

use crate::word::Align;
use crate::word::format::{FBlock, FParagraph, FTable, FormatDoc};

/// Page 1's header.
pub(super) struct HeaderParts<'d> {
    /// The left column's top paragraphs (superior body, issuing body, its mark).
    pub left: Vec<&'d FParagraph>,
    /// The right column's top paragraphs (the national or Party line and its rule).
    pub right: Vec<&'d FParagraph>,
    /// The number line.
    pub number: Option<&'d FParagraph>,
    /// The place-and-date line.
    pub date: Option<&'d FParagraph>,
}

/// The title block.
pub(super) struct TitleParts<'d> {
    /// Tên loại.
    pub ten_loai: &'d FParagraph,
    /// The trích yếu's paragraphs.
    pub trich_yeu: Vec<&'d FParagraph>,
    /// The paragraph after them (the separator, or a rule's paragraph).
    pub after: Option<&'d FParagraph>,
}

/// Everything recognised.
pub(super) struct Parts<'d> {
    /// Page 1's header, when the document opens with one.
    pub header: Option<HeaderParts<'d>>,
    /// The title block, when the document names its type.
    pub title: Option<TitleParts<'d>>,
    /// The main text's body paragraphs, in order (outside tables, not empty, not page frames), from the
    /// title (or the header) to the signature table.
    pub body: Vec<&'d FParagraph>,
    /// The signature table's columns (paragraphs of each cell that holds any text).
    pub signature: Vec<Vec<&'d FParagraph>>,
    /// The nơi nhận: its label and the paragraphs after it in the same column.
    pub noi_nhan: Vec<&'d FParagraph>,
}

/// True when a paragraph holds no visible text.
pub(super) fn is_blank(p: &FParagraph) -> bool {
    p.text().trim().is_empty()
}

/// The blocks of the main text (the first section).
fn main_blocks(doc: &FormatDoc) -> &[FBlock] {
    let end = doc
        .sections
        .get(1)
        .map_or(doc.blocks.len(), |s| s.first_block.min(doc.blocks.len()));
    &doc.blocks[..end]
}

/// Paragraphs of one cell that hold text or a line, in order.
fn cell_paragraphs(t: &FTable, row: usize, col: usize) -> Vec<&FParagraph> {
    t.rows
        .get(row)
        .and_then(|r| r.get(col))
        .map(|c| c.paragraphs.iter().collect())
        .unwrap_or_default()
}

/// Recognises the parts of a document.
pub(super) fn recognise(doc: &FormatDoc) -> Parts<'_> {
    let blocks = main_blocks(doc);
    // The header: the first table, before any paragraph with text (a page frame aside).
    let mut i = 0;
    while let Some(FBlock::Paragraph(p)) = blocks.get(i) {
        if !(is_blank(p) || p.frame) {
            break;
        }
        i += 1;
    }
    let header = match blocks.get(i) {
        Some(FBlock::Table(t)) if !t.bordered && t.rows.len() >= 2 => {
            let last = |row: usize| t.rows.get(row).map_or(0, |r| r.len().saturating_sub(1));
            let left = cell_paragraphs(t, 0, 0);
            let right = cell_paragraphs(t, 0, last(0));
            let number = cell_paragraphs(t, 1, 0)
                .into_iter()
                .find(|p| !is_blank(p));
            let date = cell_paragraphs(t, 1, last(1))
                .into_iter()
                .find(|p| !is_blank(p));
            i += 1;
            Some(HeaderParts {
                left,
                right,
                number,
                date,
            })
        }
        _ => None,
    };
    // The title: centred paragraphs right after the header; the first in upper case and bold is the
    // tên loại, the bold ones after it the trích yếu.
    let mut title = None;
    let mut j = i;
    while let Some(FBlock::Paragraph(p)) = blocks.get(j) {
        if !is_blank(p) || !p.lines.is_empty() {
            break;
        }
        j += 1;
    }
    if let Some(FBlock::Paragraph(first)) = blocks.get(j)
        && first.align == Align::Center
        && is_upper(&first.text())
        && first.text_runs().all(|r| r.bold)
    {
        let mut trich_yeu = Vec::new();
        let mut k = j + 1;
        while let Some(FBlock::Paragraph(p)) = blocks.get(k) {
            if is_blank(p) || p.align != Align::Center || !p.text_runs().all(|r| r.bold) {
                break;
            }
            trich_yeu.push(p);
            k += 1;
        }
        let after = match blocks.get(k) {
            Some(FBlock::Paragraph(p)) => Some(p),
            _ => None,
        };
        // The separator belongs to the title block.
        let end = match after {
            Some(p) if p.text().trim().chars().all(|c| c == '-') || !p.lines.is_empty() => k + 1,
            _ => k,
        };
        title = Some(TitleParts {
            ten_loai: first,
            trich_yeu,
            after,
        });
        j = end;
    }
    let body_start = if title.is_some() { j } else { i };
    // The signature table: the last table without borders in the main text.
    let sig_at = blocks
        .iter()
        .enumerate()
        .skip(body_start)
        .rev()
        .find(|(_, b)| matches!(b, FBlock::Table(t) if !t.bordered))
        .map(|(n, _)| n);
    let body_end = sig_at.unwrap_or(blocks.len());
    let body = blocks[body_start.min(body_end)..body_end]
        .iter()
        .filter_map(|b| match b {
            FBlock::Paragraph(p) if !is_blank(p) && !p.frame => Some(p),
            _ => None,
        })
        .collect();
    let mut signature = Vec::new();
    let mut columns: Vec<Vec<&FParagraph>> = Vec::new();
    if let Some(FBlock::Table(t)) = sig_at.and_then(|n| blocks.get(n)) {
        for row in &t.rows {
            for c in row {
                if c.paragraphs.iter().any(|p| !is_blank(p)) {
                    columns.push(c.paragraphs.iter().collect());
                }
            }
        }
    }
    // The nơi nhận: in a signature column, or in the paragraphs after the table.
    let after: Vec<&FParagraph> = sig_at
        .map(|n| {
            blocks[n + 1..]
                .iter()
                .filter_map(|b| match b {
                    FBlock::Paragraph(p) => Some(p),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut noi_nhan = Vec::new();
    for col in columns.iter().chain(std::iter::once(&after)) {
        if let Some(at) = col.iter().position(|p| is_noi_nhan_label(p)) {
            noi_nhan = col[at..].to_vec();
            break;
        }
    }
    for col in columns {
        if !col.iter().any(|p| is_noi_nhan_label(p)) {
            signature.push(col);
        }
    }
    Parts {
        header,
        title,
        body,
        signature,
        noi_nhan,
    }
}

/// "Nơi nhận:" (any case, with or without the colon).
pub(super) fn is_noi_nhan_label(p: &FParagraph) -> bool {
    let t = p.text().trim().to_lowercase();
    t == "nơi nhận:" || t == "nơi nhận"
}

/// True when a text has letters and none of them is lower case.
pub(super) fn is_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}
