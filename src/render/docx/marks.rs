//! The optional parts as the layout placed them: marks under the number (a stamp's box as paragraph
//! borders around the text), marks at a fixed place on page 1 or on the last page (frames anchored to
//! the page), the contact details (a full-width line shape, then the text: at the end of the document,
//! or as page 1's own footer), and the bản sao block after the document (a full-width line shape, then
//! two columns in a borderless table, the stamp's cell boxed).

use super::body::{push_paragraph, push_table};
use super::header::layout_table;
use super::rules::rule_paragraph;
use super::signature::{noi_nhan_lines, signature_column};
use super::text::{Spacing, line_paragraph, text_width_pt};
use super::units::{mm_to_twips, pt_to_eighths, pt_to_twips, unsigned};
use crate::ir::Align;
use crate::profile::RuleStyle;
use crate::render::layout::{
    BanSaoBlock, ContactAt, ContactBlock, CopyColumn, MarkLine, PageMark, Style,
};
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, FrameProperty, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableRow, WidthType,
};

/// A mark's paragraph, centred in `avail_twips`; a stamp's box hugs its text (borders on four sides,
/// the indents making the box as wide as the text and its padding).
pub(super) fn mark_paragraph(m: &MarkLine, avail_twips: i32, rule: &RuleStyle) -> Paragraph {
    let p = line_paragraph(&m.line, AlignmentType::Center, Spacing::default());
    if !m.boxed {
        return p;
    }
    let text = pt_to_twips(text_width_pt(&m.line.text, m.line.style) + 2.0 * m.pad_pt);
    let side = ((avail_twips - text) / 2).max(0);
    let border = |pos| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(pt_to_eighths(rule.thickness_pt))
            .space(m.pad_pt.round().max(0.0) as usize)
            .color("000000")
    };
    let borders = [
        ParagraphBorderPosition::Top,
        ParagraphBorderPosition::Left,
        ParagraphBorderPosition::Bottom,
        ParagraphBorderPosition::Right,
    ]
    .into_iter()
    .fold(ParagraphBorders::with_empty(), |b, pos| b.set(border(pos)));
    let mut p = p.indent(Some(side), None, Some(side), None);
    p.property = p.property.set_borders(borders);
    p
}

/// A mark at a fixed place on its page: a frame anchored to the page's top edge at `top_mm`, on the
/// text block's right edge or centred on it.
pub(super) fn page_mark(m: &PageMark, rule: &RuleStyle) -> Paragraph {
    // The frame is as wide as its text (and a box's padding): LibreOffice drops a frame of no width.
    let pad = if m.mark.boxed { 2.0 * m.mark.pad_pt } else { 0.0 };
    let width = pt_to_twips(text_width_pt(&m.mark.line.text, m.mark.line.style) + pad + 1.0);
    let frame = FrameProperty::new()
        .width(u32::try_from(width.max(1)).unwrap_or(1))
        .wrap("around")
        .h_anchor("margin")
        .x_align(match m.align {
            Align::Right => "right",
            Align::Left => "left",
            _ => "center",
        })
        .v_anchor("page")
        .y(mm_to_twips(m.top_mm));
    let mut p = mark_paragraph(&m.mark, i32::MAX / 4, rule);
    if m.mark.boxed {
        // A frame is as wide as its text: the box needs no indents.
        p = line_paragraph(&m.mark.line, AlignmentType::Center, Spacing::default());
    }
    p.property = p.property.frame_property(frame);
    p
}

/// The contact details at the end of the document: a full-width line `before_pt` below the last
/// part, then the text flush left, kept together.
pub(super) fn add_contact(docx: &mut Docx, c: &ContactBlock, width_twips: i32, style: &Style) {
    let ContactAt::End { before_pt } = c.place else {
        return;
    };
    let rule = RuleStyle {
        gap_pt: before_pt,
        ..style.rule.clone()
    };
    push_paragraph(
        docx,
        rule_paragraph(width_twips, width_twips, c.gap_pt, &rule).keep_next(true),
    );
    push_paragraph(
        docx,
        line_paragraph(&c.line, AlignmentType::Left, Spacing::default()).keep_lines(true),
    );
}

/// The contact details as page 1's footer: a full-width line shape (the same line as every other rule:
/// offices' checkers count line shapes, not paragraph borders) in a paragraph as high as the line,
/// then the text flush left. The section's footer distance puts the last line's foot where the layout
/// said; Word grows a footer upwards, and ends the page's text above it when it reaches over the
/// bottom margin.
pub(super) fn contact_footer(c: &ContactBlock, width_twips: i32, style: &Style) -> Footer {
    let rule = RuleStyle {
        gap_pt: 0.0,
        ..style.rule.clone()
    };
    Footer::new()
        .add_paragraph(rule_paragraph(width_twips, width_twips, c.gap_pt, &rule).keep_next(true))
        .add_paragraph(line_paragraph(
            &c.line,
            AlignmentType::Left,
            Spacing::default(),
        ))
}

/// The bản sao block: the full-width line, then the two columns, kept on one page.
pub(super) fn add_ban_sao(docx: &mut Docx, b: &BanSaoBlock, width_twips: i32, style: &Style) {
    let rule = RuleStyle {
        gap_pt: b.space_before_pt,
        ..style.rule.clone()
    };
    push_paragraph(
        docx,
        rule_paragraph(width_twips, width_twips, b.rule_gap_pt, &rule).keep_next(true),
    );
    let (l, r) = (mm_to_twips(b.left_mm), mm_to_twips(b.right_mm));
    let g = (width_twips - l - r).max(0);
    let before = Spacing::default();
    let mut left = cell(column(&b.left, style), l);
    if b.left_boxed {
        let border = |pos| {
            TableCellBorder::new(pos)
                .border_type(BorderType::Single)
                .size(pt_to_eighths(style.rule.thickness_pt))
                .color("000000")
        };
        left = left.set_borders(
            [
                TableCellBorderPosition::Top,
                TableCellBorderPosition::Left,
                TableCellBorderPosition::Bottom,
                TableCellBorderPosition::Right,
            ]
            .into_iter()
            .fold(TableCellBorders::with_empty(), |bs, pos| bs.set(border(pos))),
        );
    }
    let mut cells = vec![left];
    let mut grid = vec![l];
    if g > 0 {
        cells.push(cell(
            vec![super::text::blank_paragraph(style.body.size_pt, before)],
            g,
        ));
        grid.push(g);
    }
    cells.push(cell(column(&b.right, style), r));
    grid.push(r);
    let pad = mm_to_twips(style.signature.cell_margin_mm.max(0.0)) + pt_to_twips(b.box_pad_pt);
    push_table(
        docx,
        layout_table(vec![TableRow::new(cells).cant_split()], &grid, pad),
    );
}

fn cell(paragraphs: Vec<Paragraph>, width: i32) -> TableCell {
    paragraphs.into_iter().fold(
        TableCell::new().width(unsigned(width), WidthType::Dxa),
        |c, p| c.add_paragraph(p.keep_next(true).keep_lines(true)),
    )
}

/// A column's paragraphs: its centred lines, its recipients, its signature.
fn column(c: &CopyColumn, style: &Style) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = c
        .lines
        .iter()
        .map(|l| line_paragraph(l, AlignmentType::Center, Spacing::default()))
        .collect();
    if let Some(nn) = &c.noi_nhan {
        out.extend(noi_nhan_lines(nn, Spacing::default()));
    }
    if let Some(sig) = &c.signature {
        out.extend(signature_column(sig, Spacing::default()));
    }
    if out.is_empty() {
        out.push(super::text::blank_paragraph(style.body.size_pt, Spacing::default()));
    }
    out
}
