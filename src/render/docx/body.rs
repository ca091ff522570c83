//! The centred title and the body blocks: justified paragraphs with a first-line indent and an exact
//! line pitch, headings, literal list markers, notes and tables.

use super::table::body_table;
use super::text::{
    RunStyle, Spacing, blank_paragraph, centred_line, inline_runs, text_block_twips,
};
use super::units::{mm_to_twips, pt_to_half_points};
use crate::ir::Inline;
use crate::profile::Profile;
use crate::render::layout::{LBlock, Layout};
use docx_rs::{AlignmentType, Docx, Paragraph, SpecialIndentType};

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
pub fn add_blocks(mut docx: Docx, layout: &Layout, profile: &Profile) -> Docx {
    let body = RunStyle {
        size_pt: profile.body.size_pt,
        bold: false,
        italic: false,
        underline: false,
    };
    for block in &layout.blocks {
        docx = match block {
            LBlock::Heading { runs, .. } => {
                docx.add_paragraph(body_paragraph(runs, body, profile).keep_next(true))
            }
            LBlock::Paragraph { runs } | LBlock::ListItem { runs, .. } => {
                docx.add_paragraph(body_paragraph(runs, body, profile))
            }
            LBlock::Note { runs } => {
                docx.add_paragraph(body_paragraph(runs, RunStyle::from(profile.note), profile))
            }
            LBlock::Table(t) => {
                // Space after the table; the paragraph also keeps two tables in a row from merging.
                let gap = profile.table.space_after_pt;
                docx.add_table(body_table(t, profile))
                    .add_paragraph(blank_paragraph(
                        gap,
                        Spacing {
                            exact_pt: (gap > 0.0).then_some(gap),
                            ..Spacing::default()
                        },
                    ))
            }
        };
    }
    docx
}

/// A body paragraph: justified (per profile), first-line indent, exact line pitch, profile spacing.
fn body_paragraph(runs: &[Inline], style: RunStyle, profile: &Profile) -> Paragraph {
    let b = &profile.body;
    let mut p = Paragraph::new()
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
        .size(pt_to_half_points(style.size_pt))
        .line_spacing(
            Spacing {
                before_pt: b.space_before_pt,
                after_pt: b.space_after_pt,
                exact_pt: Some(b.line_pitch_pt),
            }
            .to_docx(),
        );
    for r in inline_runs(runs, style) {
        p = p.add_run(r);
    }
    p
}
