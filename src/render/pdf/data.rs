//! `/data.json`: the document's [`Layout`] as JSON Lines, one piece of the document a line, so that
//! Typst reuses its work for the pieces that did not change since an earlier document.
//!
//! The layout program reads the file as text, splits it at newlines (compact JSON never holds a raw
//! newline: one inside a string is written `\n`) and hands each line to a helper of `/lib.typ` that
//! parses it and builds that piece's content. Typst memoises calls of a closure by their arguments, so
//! a line equal to one seen before (the header, the title, an unchanged paragraph, the signatures)
//! returns the content built then, without parsing it again; and since that content is the same value,
//! its layout is found in Typst's cache too. One JSON value for the whole document would be parsed and
//! turned into content again for every document, however little of it changed.
//!
//! The lines, in order:
//!
//! | line | holds |
//! |---|---|
//! | 0 | `{"page", "marks", "ban_sao", "copies", "blocks": n, "kept": […], "appendices": [{"blocks": m₁, "kept": […]}, …]}`: what the document's set rules need, how many copies, how many lines follow and which blocks stay with what follows them |
//! | 1 | the header: `{"columns", "left", "right", "number", "date", "under_number"}` |
//! | 2 | the title lines |
//! | 3 | the addressee block, or `null` |
//! | 4 | the signature area: `{"area", "widths"}` |
//! | 5 … 4 + n | the body blocks, one a line |
//! | then, per appendix | `{"page", "number_first_page", "heading", "space_after_pt"}`, then its mᵢ blocks, one a line |

use serde::Serialize;

use crate::render::layout::{
    AddresseeBlock, AppendixLayout, BanSaoBlock, HeaderColumns, LBlock, Layout, Line, MarkLine,
    Marks, PageBox, SignatureArea, SignatureWidths,
};

/// Line 0: the document's page, its copies, and how many lines of blocks follow. (The document's
/// properties are not handed to the layout program: see `document_info` in the parent module.)
#[derive(Serialize)]
struct Head<'a> {
    page: &'a PageBox,
    /// The optional marks placed on a page (those under the number are in the header's line).
    marks: &'a Marks,
    /// The bản sao block after the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    ban_sao: &'a Option<BanSaoBlock>,
    copies: u32,
    blocks: usize,
    kept: Vec<usize>,
    appendices: Vec<Blocks>,
}

/// How many blocks an appendix has, and which of them stay with what follows them.
#[derive(Serialize)]
struct Blocks {
    blocks: usize,
    kept: Vec<usize>,
}

/// The blocks that stay with what follows them (`sticky`): a block followed by a row of signature
/// blocks, and with `keep_last` the last block (it stays with the signature area). A flag outside the
/// block's own line, so that the line stays equal to the same block elsewhere.
fn kept(blocks: &[LBlock], keep_last: bool) -> Vec<usize> {
    (0..blocks.len())
        .filter(|&i| match blocks.get(i + 1) {
            None => keep_last,
            Some(next) => matches!(next, LBlock::Signing(_)),
        })
        .collect()
}

/// Line 1: page 1's header.
#[derive(Serialize)]
struct Header<'a> {
    columns: &'a HeaderColumns,
    left: &'a [Line],
    right: &'a [Line],
    number: &'a Option<Line>,
    date: &'a Line,
    /// Khẩn, mật, draft and circulation marks under the number.
    under_number: &'a [MarkLine],
}

/// Line 4: the signature area.
#[derive(Serialize)]
struct Signature<'a> {
    area: &'a SignatureArea,
    widths: &'a SignatureWidths,
}

/// An appendix's first line: everything but its blocks.
#[derive(Serialize)]
struct AppendixHead<'a> {
    page: &'a PageBox,
    number_first_page: bool,
    heading: &'a [Line],
    space_after_pt: f32,
}

/// The layout as JSON Lines (see the module documentation).
pub(super) fn json_lines(layout: &Layout) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(8 << 10);
    let line = |out: &mut Vec<u8>, value: &dyn erased::Value| -> serde_json::Result<()> {
        if !out.is_empty() {
            out.push(b'\n');
        }
        value.write(out)
    };
    line(
        &mut out,
        &Head {
            page: &layout.page,
            marks: &layout.marks,
            ban_sao: &layout.ban_sao,
            copies: layout.copies,
            blocks: layout.blocks.len(),
            kept: kept(
                &layout.blocks,
                !matches!(layout.signature, SignatureArea::None),
            ),
            appendices: layout
                .appendices
                .iter()
                .map(|a| Blocks {
                    blocks: a.blocks.len(),
                    kept: kept(&a.blocks, false),
                })
                .collect(),
        },
    )?;
    line(
        &mut out,
        &Header {
            columns: &layout.header_columns,
            left: &layout.header_left,
            right: &layout.header_right,
            number: &layout.number,
            date: &layout.date,
            under_number: &layout.marks.under_number,
        },
    )?;
    line(&mut out, &layout.title)?;
    line(&mut out, &layout.addressees as &Option<AddresseeBlock>)?;
    line(
        &mut out,
        &Signature {
            area: &layout.signature,
            widths: &layout.signature_widths,
        },
    )?;
    for b in &layout.blocks {
        line(&mut out, b as &LBlock)?;
    }
    for a in &layout.appendices as &[AppendixLayout] {
        line(
            &mut out,
            &AppendixHead {
                page: &a.page,
                number_first_page: a.number_first_page,
                heading: &a.heading,
                space_after_pt: a.space_after_pt,
            },
        )?;
        for b in &a.blocks {
            line(&mut out, b)?;
        }
    }
    Ok(out)
}

/// A serialisable value behind a `dyn` reference (serde's `Serialize` is not object safe).
mod erased {
    pub(super) trait Value {
        fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    }

    impl<T: serde::Serialize + ?Sized> Value for T {
        fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
            serde_json::to_writer(out, self)
        }
    }
}
