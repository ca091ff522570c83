//! The centred title, the addressee block and the body blocks: justified paragraphs with a first-line
//! indent and an exact line pitch, headings, literal list markers, notes, centred lines and tables; and
//! the heading of an appendix.

use super::styles;
use super::table::body_table;
use super::text::{
    RunStyle, Spacing, blank_paragraph, centred_line, inline_runs, line_paragraph, push_text,
};
use super::units::{mm_to_twips, pt_to_half_points};
use crate::ir::Inline;
use crate::profile::RuleStyle;
use crate::render::layout::{AddresseeBlock, AppendixLayout, LBlock, Layout, Line, PageBox, Style};
use docx_rs::{
    AlignmentType, DocumentChild, Docx, Paragraph, ParagraphChild, SpecialIndentType, Tab,
    TabValueType, Table,
};

/// The width of a page's text block in twips.
pub(super) fn text_twips(page: &PageBox) -> i32 {
    mm_to_twips(page.text_width_mm())
}

/// The title lines: tên loại, trích yếu and the separator (a "-----" line or a rule).
pub(super) fn title(layout: &Layout) -> Vec<Paragraph> {
    let t = &layout.style.title;
    centred_lines(
        &layout.title,
        text_twips(&layout.page),
        t.space_before_pt,
        t.space_after_pt,
        &layout.style.rule,
    )
}

/// The heading of an appendix: label, title, reference line, separator; on a new page (the section
/// break before it starts one).
pub(super) fn appendix_heading(a: &AppendixLayout, rule: &RuleStyle) -> Vec<Paragraph> {
    centred_lines(&a.heading, text_twips(&a.page), 0.0, a.space_after_pt, rule)
}

fn centred_lines(
    lines: &[Line],
    avail: i32,
    before_pt: f32,
    after_pt: f32,
    rule: &RuleStyle,
) -> Vec<Paragraph> {
    let n = lines.len();
    let mut out = Vec::with_capacity(n + 1);
    for (i, line) in lines.iter().enumerate() {
        let spacing = Spacing {
            before_pt: if i == 0 { before_pt } else { 0.0 },
            after_pt: if i + 1 == n { after_pt } else { 0.0 },
            exact_pt: None,
        };
        out.extend(centred_line(line, avail, spacing, rule));
    }
    out
}

/// The addressee block: the label and the first recipient on one line, the recipients in a column that
/// starts where the label's column ends (a hanging indent with a tab stop there), the block indented as
/// the layout decided.
pub(super) fn addressees(a: &AddresseeBlock) -> Vec<Paragraph> {
    let indent = mm_to_twips(a.indent_mm);
    let label = mm_to_twips(a.label_mm);
    let n = a.items.len().max(1);
    (0..n)
        .map(|i| {
            let spacing = Spacing {
                before_pt: if i == 0 { a.space_before_pt } else { 0.0 },
                after_pt: if i + 1 == n { a.space_after_pt } else { 0.0 },
                exact_pt: None,
            };
            let mut p = Paragraph::new()
                .align(AlignmentType::Left)
                .line_spacing(spacing.to_docx())
                .indent(
                    Some(indent + label),
                    Some(SpecialIndentType::Hanging(label)),
                    None,
                    None,
                )
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Left)
                        .pos(usize::try_from((indent + label).max(0)).unwrap_or(0)),
                );
            let item = a.items.get(i);
            let size = item.map_or(a.label.style.size_pt, |l| l.style.size_pt);
            p = p.size(pt_to_half_points(size));
            if i == 0 {
                p = p.add_run(push_text(
                    RunStyle::from(a.label.style).run(),
                    &a.label.text,
                ));
            }
            let mut run = RunStyle::from(item.map_or(a.label.style, |l| l.style)).run();
            run = run.add_tab();
            if let Some(item) = item {
                run = push_text(run, &item.text);
            }
            p.add_run(run)
        })
        .collect()
}

/// Adds blocks to the document, in order. With `keep_last`, the last
/// block stays with what follows (the signatures), so a signature never stands alone on a page.
pub(super) fn add_blocks(docx: &mut Docx, blocks: &[LBlock], style: &Style, keep_last: bool) {
    let last = blocks.len().saturating_sub(1);
    for (i, block) in blocks.iter().enumerate() {
        let keep = keep_last && i == last;
        match block {
            LBlock::Heading { runs, .. } => {
                // Headings stay with what follows.
                push_paragraph(docx, styled_paragraph(styles::BODY, runs).keep_next(true));
            }
            LBlock::Paragraph { runs } | LBlock::ListItem { runs, .. } => {
                push_paragraph(docx, styled_paragraph(styles::BODY, runs).keep_next(keep));
            }
            LBlock::Note { runs } => {
                push_paragraph(docx, styled_paragraph(styles::NOTE, runs).keep_next(keep))
            }
            LBlock::Centred {
                line,
                space_before_pt,
                space_after_pt,
            } => {
                let spacing = Spacing {
                    before_pt: *space_before_pt,
                    after_pt: *space_after_pt,
                    exact_pt: None,
                };
                push_paragraph(
                    docx,
                    line_paragraph(line, AlignmentType::Center, spacing).keep_next(true),
                );
            }
            LBlock::Table(t) => {
                push_table(docx, body_table(t, &style.table));
                // Space after the table; the paragraph also keeps two tables in a row from merging.
                let gap = style.table.space_after_pt;
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
pub(super) fn push_paragraph(docx: &mut Docx, p: Paragraph) {
    docx.document
        .children
        .push(DocumentChild::Paragraph(Box::new(p)));
}

/// Appends a table to the body.
pub(super) fn push_table(docx: &mut Docx, t: Table) {
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
