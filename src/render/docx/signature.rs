//! The signature area after the body: a borderless table with the nơi nhận block (or a second signature)
//! on the left and the issuer's signature on the right, kept on one page.

use super::header::layout_table;
use super::images;
use super::text::{Spacing, blank_paragraph, line_paragraph, text_block_twips};
use super::units::{mm_to_twips, unsigned};
use crate::profile::Profile;
use crate::render::layout::{Layout, NoiNhanBlock, SignatureColumn};
use docx_rs::{AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType};

/// The signature table.
pub fn signature_table(layout: &Layout, profile: &Profile) -> Table {
    let st = &profile.signature;
    let total = text_block_twips(profile);
    let pad = mm_to_twips(st.cell_margin_mm);
    let right = mm_to_twips(st.width_mm).min(total);
    let left_wanted = if layout.signature_left.is_some() {
        st.width_mm
    } else {
        profile.noi_nhan.width_mm
    };
    let left = mm_to_twips(left_wanted).min(total - right);
    let gap = total - left - right;
    let before = Spacing::before(st.space_before_pt);

    let left_paragraphs = match (&layout.signature_left, &layout.noi_nhan) {
        (Some(sig), _) => signature_column(sig, before),
        (None, Some(nn)) => noi_nhan(nn, before),
        (None, None) => vec![blank_paragraph(st.name.size_pt, before)],
    };
    let right_paragraphs = signature_column(&layout.signature_right, before);

    let cell = |paragraphs: Vec<Paragraph>, width: i32| {
        paragraphs.into_iter().fold(
            TableCell::new().width(unsigned(width), WidthType::Dxa),
            |c, p| c.add_paragraph(p.keep_next(true).keep_lines(true)),
        )
    };
    let (cells, grid) = if gap > 0 {
        (
            vec![
                cell(left_paragraphs, left),
                cell(vec![blank_paragraph(st.name.size_pt, before)], gap),
                cell(right_paragraphs, right),
            ],
            vec![left, gap, right],
        )
    } else {
        (
            vec![cell(left_paragraphs, left), cell(right_paragraphs, right)],
            vec![left, right],
        )
    };
    layout_table(vec![TableRow::new(cells).cant_split()], &grid, pad)
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

/// The nơi nhận block: the label, then one line per recipient, flush left.
fn noi_nhan(nn: &NoiNhanBlock, before: Spacing) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(nn.items.len() + 1);
    out.push(line_paragraph(&nn.label, AlignmentType::Left, before));
    for item in &nn.items {
        out.push(line_paragraph(
            item,
            AlignmentType::Left,
            Spacing::default(),
        ));
    }
    out
}
