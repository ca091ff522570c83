//! The signature area after the body, as the layout arranged it: a borderless table with the nơi nhận
//! (or a second signature, or nothing) on the left and the issuer's signature on the right, kept on one
//! page; under two signatures, the nơi nhận follows as paragraphs.

use super::body::{push_paragraph, push_table};
use super::header::layout_table;
use super::images;
use super::text::{Spacing, blank_paragraph, line_paragraph};
use super::units::mm_to_twips;
use crate::render::layout::{
    Layout, NoiNhanBlock, SignatureArea, SignatureColumn, SigningRow, Style,
};
use docx_rs::{AlignmentType, Docx, Paragraph, TableCell, TableRow, WidthType};

/// Adds the signature area to the document.
pub(super) fn add_signature_area(docx: &mut Docx, layout: &Layout) {
    let st = &layout.style.signature;
    let w = &layout.signature_widths;
    let before = Spacing::before(st.space_before_pt);
    let blank = || vec![blank_paragraph(st.name_size_pt, before)];
    let (left, right, below) = match &layout.signature {
        SignatureArea::None => return,
        SignatureArea::SignatureOnly { right } => (blank(), signature_column(right, before), None),
        SignatureArea::NoiNhanAndSignature { noi_nhan, right } => (
            noi_nhan_lines(noi_nhan, before),
            signature_column(right, before),
            None,
        ),
        SignatureArea::TwoSignatures { left, right } => (
            signature_column(left, before),
            signature_column(right, before),
            None,
        ),
        SignatureArea::TwoSignaturesThenNoiNhan {
            left,
            right,
            noi_nhan,
        } => (
            signature_column(left, before),
            signature_column(right, before),
            Some(noi_nhan),
        ),
    };
    let pad = mm_to_twips(st.cell_margin_mm);
    // The gap takes the rounding, so the three columns are exactly as wide as the text block.
    let (l, r) = (mm_to_twips(w.left_mm), mm_to_twips(w.right_mm));
    let g = mm_to_twips(w.left_mm + w.gap_mm + w.right_mm) - l - r;
    let mut cells = vec![cell(left, l)];
    let mut grid = vec![l];
    if g > 0 {
        cells.push(cell(vec![blank_paragraph(st.name_size_pt, before)], g));
        grid.push(g);
    }
    cells.push(cell(right, r));
    grid.push(r);
    push_table(
        docx,
        layout_table(vec![TableRow::new(cells).cant_split()], &grid, pad),
    );
    // Under two signatures the nơi nhận is a run of paragraphs as wide as the layout says (a table right
    // after the signature table would merge with it in LibreOffice).
    if let Some(nn) = below {
        let right_indent = mm_to_twips(layout.page.text_width_mm() - w.noi_nhan_below_mm).max(0);
        for p in noi_nhan_lines(nn, before) {
            push_paragraph(
                docx,
                p.indent(None, None, Some(right_indent), None)
                    .keep_next(true)
                    .keep_lines(true),
            );
        }
    }
}

/// A row of signature blocks in the body: a borderless table of one row that never splits, its
/// paragraphs kept together, the columns as wide as the layout says (an absent block's column left
/// out), then a paragraph of the row's space after (which also keeps a table that follows apart).
pub(super) fn signing_row(docx: &mut Docx, row: &SigningRow, style: &Style) {
    let st = &style.signature;
    let before = Spacing::before(row.space_before_pt);
    let column = |c: &Option<SignatureColumn>| match c {
        Some(c) => signature_column(c, before),
        None => vec![blank_paragraph(st.name_size_pt, before)],
    };
    let (l, r) = (mm_to_twips(row.left_mm), mm_to_twips(row.right_mm));
    let g = mm_to_twips(row.left_mm + row.gap_mm + row.right_mm) - l - r;
    let mut cells = Vec::new();
    let mut grid = Vec::new();
    if l > 0 {
        cells.push(cell(column(&row.left), l));
        grid.push(l);
    }
    if g > 0 {
        cells.push(cell(vec![blank_paragraph(st.name_size_pt, before)], g));
        grid.push(g);
    }
    if r > 0 {
        cells.push(cell(column(&row.right), r));
        grid.push(r);
    }
    if cells.is_empty() {
        return;
    }
    let pad = mm_to_twips(st.cell_margin_mm);
    push_table(
        docx,
        layout_table(vec![TableRow::new(cells).cant_split()], &grid, pad),
    );
    let gap = row.space_after_pt;
    push_paragraph(
        docx,
        blank_paragraph(
            gap,
            Spacing {
                exact_pt: Some(gap.max(1.0)),
                ..Spacing::default()
            },
        ),
    );
}

fn cell(paragraphs: Vec<Paragraph>, width: i32) -> TableCell {
    paragraphs.into_iter().fold(
        TableCell::new().width(super::units::unsigned(width), WidthType::Dxa),
        |c, p| c.add_paragraph(p.keep_next(true).keep_lines(true)),
    )
}

/// A signature column: the top lines centred, blank lines of the name's size, then the name.
fn signature_column(sig: &SignatureColumn, before: Spacing) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(sig.top.len() + sig.blank_lines as usize + 1);
    for (i, line) in sig.top.iter().enumerate() {
        let s = if i == 0 { before } else { Spacing::default() };
        out.push(line_paragraph(line, AlignmentType::Center, s));
    }
    // Blank lines of an exact height, the same as in the PDF, so that the images anchored in the first
    // one land where the layout placed them.
    let blank = Spacing {
        exact_pt: Some(sig.blank_line_pt),
        ..Spacing::default()
    };
    let first_blank = out.len();
    for _ in 0..sig.blank_lines {
        out.push(blank_paragraph(sig.name.style.size_pt, blank));
    }
    let s = if out.is_empty() {
        before
    } else {
        Spacing::default()
    };
    out.push(line_paragraph(&sig.name, AlignmentType::Center, s));
    if let Some(anchor) = out.get_mut(first_blank) {
        for (z, img) in sig.images.iter().enumerate() {
            *anchor = anchor.clone().add_run(images::anchored_run(img, z as u32));
        }
    }
    out
}

/// The nơi nhận block: the label, one line per recipient, flush left; then blank lines and the drafter's
/// line.
fn noi_nhan_lines(nn: &NoiNhanBlock, before: Spacing) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(nn.items.len() + 3);
    let first = |out: &Vec<Paragraph>| {
        if out.is_empty() {
            before
        } else {
            Spacing::default()
        }
    };
    if let Some(label) = &nn.label {
        out.push(line_paragraph(label, AlignmentType::Left, first(&out)));
    }
    for item in &nn.items {
        out.push(line_paragraph(item, AlignmentType::Left, first(&out)));
    }
    if let Some(d) = &nn.drafter {
        if !out.is_empty() {
            for _ in 0..nn.drafter_blank_lines {
                out.push(blank_paragraph(d.style.size_pt, Spacing::default()));
            }
        }
        out.push(line_paragraph(d, AlignmentType::Left, first(&out)));
    }
    out
}
