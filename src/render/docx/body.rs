//! The centred title and the body blocks: justified paragraphs with a first-line indent and an exact
//! line pitch, headings, literal list markers, notes and tables.

use super::styles;
use super::table::body_table;
use super::text::{
    RunStyle, Spacing, blank_paragraph, centred_line, inline_runs, text_block_twips,
};
use crate::ir::Inline;
use crate::profile::Profile;
use crate::render::layout::{LBlock, Layout};
use docx_rs::{DocumentChild, Docx, Paragraph, ParagraphChild, Table};

/// The title lines: tên loại, trích yếu and the separator (a "-----" line or a rule).
pub fn title(layout: &Layout, profile: &Profile) -> Vec<Paragraph> {
    let t = &profile.title;
    let avail = text_block_twips(profile);
    let n = layout.title.len();
    let mut out = Vec::with_capacity(n + 1);
    for (i, line) in layout.title.iter().enumerate() {
        let spacing = Spacing {
            before_pt: if i == 0 { t.space_before_pt } else { 0.0 },
            after_pt: if i + 1 == n { t.space_after_pt } else { 0.0 },
            exact_pt: None,
        };
        out.extend(centred_line(line, avail, spacing, profile));
    }
    out
}

/// Adds the body blocks to the document, in order.
pub fn add_blocks(docx: &mut Docx, layout: &Layout, profile: &Profile) {
    let last = layout.blocks.len().saturating_sub(1);
    for (i, block) in layout.blocks.iter().enumerate() {
        // Headings stay with what follows; the last block stays with the signatures, so a signature
        // never stands alone on a page.
        let keep = i == last;
        match block {
            LBlock::Heading { runs, .. } => {
                push_paragraph(docx, styled_paragraph(styles::BODY, runs).keep_next(true));
            }
            LBlock::Paragraph { runs } | LBlock::ListItem { runs, .. } => {
                push_paragraph(docx, styled_paragraph(styles::BODY, runs).keep_next(keep));
            }
            LBlock::Note { runs } => {
                push_paragraph(docx, styled_paragraph(styles::NOTE, runs).keep_next(keep))
            }
            LBlock::Table(t) => {
                push_table(docx, body_table(t, profile));
                // Space after the table; the paragraph also keeps two tables in a row from merging.
                let gap = profile.table.space_after_pt;
                push_paragraph(
                    docx,
                    blank_paragraph(
                        gap,
                        Spacing {
                            exact_pt: (gap > 0.0).then_some(gap),
                            ..Spacing::default()
                        },
                    ),
                );
            }
        }
    }
}

/// Appends a paragraph to the body (in place: docx-rs's builder moves the whole document per call).
pub fn push_paragraph(docx: &mut Docx, p: Paragraph) {
    docx.document
        .children
        .push(DocumentChild::Paragraph(Box::new(p)));
}

/// Appends a table to the body.
pub fn push_table(docx: &mut Docx, t: Table) {
    docx.document
        .children
        .push(DocumentChild::Table(Box::new(t)));
}

/// A paragraph of a named style (the style holds alignment, indent, spacing, size); the runs carry only
/// their emphasis.
fn styled_paragraph(style: &str, runs: &[Inline]) -> Paragraph {
    let mut p = Paragraph::new().style(style);
    p.children.extend(
        inline_runs(runs, RunStyle::default())
            .into_iter()
            .map(|r| ParagraphChild::Run(Box::new(r))),
    );
    p
}
