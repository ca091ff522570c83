//! The centred title, the addressee block and the body blocks: justified paragraphs with a first-line
//! indent and an exact line pitch, headings, literal list markers, notes, centred lines and tables; and
//! the heading of an appendix.

use super::signature::signing_row;
use super::styles;
use super::table::body_table;
use super::text::{
    RunStyle, Spacing, blank_paragraph, centred_line, fill_tab, has_fill, has_picture, inline_runs,
    line_paragraph, push_text,
};
use super::units::{mm_to_twips, pt_to_half_points, pt_to_twips};
use crate::ir::Inline;
use crate::profile::RuleStyle;
use crate::render::layout::{
    AddresseeBlock, AppendixLayout, LBlock, LPicture, Layout, Line, PageBox, Style,
};
use crate::ir::Align;
use docx_rs::{
    AlignmentType, BreakType, DocumentChild, Docx, LineSpacing, LineSpacingType, Paragraph,
    ParagraphChild, Run, SpecialIndentType, Tab, TabValueType, Table,
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

/// Adds blocks to the document, in order, on a page whose text block is `width_twips` wide. With
/// `keep_last`, the last block stays with what follows (the signatures), so a signature never stands
/// alone on a page.
pub(super) fn add_blocks(
    docx: &mut Docx,
    blocks: &[LBlock],
    style: &Style,
    pictures: &[LPicture],
    width_twips: i32,
    keep_last: bool,
) {
    let last = blocks.len().saturating_sub(1);
    // A fill line runs to the right margin: a tab stop there (a first-line indent does not move it).
    // A picture needs a line as tall as itself: the pitch becomes a minimum.
    let body = |name: &str, runs: &[Inline]| {
        let mut p = styled_paragraph(name, runs, style, pictures);
        if has_fill(runs) {
            p = p.add_tab(fill_tab(width_twips, style.fill.kind));
        }
        if has_picture(runs) {
            p = p.line_spacing(
                LineSpacing::new()
                    .line(pt_to_twips(style.body.line_pitch_pt))
                    .line_rule(LineSpacingType::AtLeast),
            );
        }
        p
    };
    for (i, block) in blocks.iter().enumerate() {
        // The last block stays with the signatures; a block stays with a row of signature blocks after
        // it.
        let keep = (keep_last && i == last)
            || matches!(blocks.get(i + 1), Some(LBlock::Signing(_)));
        match block {
            LBlock::Signing(row) => signing_row(docx, row, style),
            LBlock::Heading { runs, .. } => {
                // Headings stay with what follows.
                push_paragraph(docx, body(styles::BODY, runs).keep_next(true));
            }
            LBlock::Paragraph {
                runs,
                align,
                keep_with_next,
            } => {
                let mut p = body(styles::BODY, runs).keep_next(keep || *keep_with_next);
                if let Some(a) = aligned(*align) {
                    p = p.align(a).indent(None, Some(SpecialIndentType::FirstLine(0)), None, None);
                }
                push_paragraph(docx, p);
            }
            LBlock::ListItem {
                runs,
                keep_with_next,
                ..
            } => {
                push_paragraph(
                    docx,
                    body(styles::BODY, runs).keep_next(keep || *keep_with_next),
                );
            }
            LBlock::Note {
                runs,
                keep_with_next,
            } => push_paragraph(
                docx,
                body(styles::NOTE, runs).keep_next(keep || *keep_with_next),
            ),
            LBlock::PageBreak => push_paragraph(docx, page_break()),
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
                push_table(docx, body_table(t, style, pictures));
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

/// The alignment of a paragraph the document aligns itself; `None` for body text (the style's).
fn aligned(a: Align) -> Option<AlignmentType> {
    match a {
        Align::Center => Some(AlignmentType::Center),
        Align::Right => Some(AlignmentType::Right),
        Align::Left => Some(AlignmentType::Left),
        Align::Default => None,
    }
}

/// A page break: a paragraph one point high holding the break, so the next page starts with what
/// follows it.
fn page_break() -> Paragraph {
    Paragraph::new()
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
        .add_run(Run::new().add_break(BreakType::Page))
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
fn styled_paragraph(name: &str, runs: &[Inline], style: &Style, pictures: &[LPicture]) -> Paragraph {
    let mut p = Paragraph::new().style(name);
    p.children.extend(
        inline_runs(runs, RunStyle::default(), &style.check_box, pictures)
            .into_iter()
            .map(|r| ParagraphChild::Run(Box::new(r))),
    );
    p
}
