//! DOCX renderer.
//!
//! It places the resolved page of [`crate::render::layout`] with docx-rs, one module per area
//! ([`header`], [`body`] with [`table`], [`signature`]) on top of the text primitives of [`text`] and the
//! named paragraph styles of [`styles`], then
//! [`package`] runs every XML part through the schema pass of [`schema_order`] (ECMA-376 element order,
//! `w:lang`, `w:tblHeader`) and writes a deflate-compressed, byte-for-byte reproducible package that
//! validates without errors. Every size, margin and width comes from the [`Profile`].

mod body;
mod header;
mod package;
pub mod schema_order;
mod signature;
mod styles;
mod table;
mod text;
mod units;
mod zip_out;

use crate::error::{Error, Result};
use crate::ir::{self, Document};
use crate::profile::Profile;
use crate::render::layout;
use docx_rs::{BuildXML, Docx, LineSpacing, LineSpacingType, PageMargin, RunFonts};
use units::{mm_to_twips, pt_to_half_points};

/// Renders a document to DOCX bytes.
pub fn render(doc: &Document, profile: &Profile) -> Result<Vec<u8>> {
    let layout = layout::resolve(doc, profile);
    let page = &profile.page;
    let family = profile.fonts.docx_family.as_str();
    let size = |mm: f32| u32::try_from(mm_to_twips(mm).max(0)).unwrap_or(0);

    let mut docx = Docx::new()
        .page_size(size(page.width_mm), size(page.height_mm))
        .page_margin(
            PageMargin::new()
                .top(mm_to_twips(page.margin_top_mm))
                .bottom(mm_to_twips(page.margin_bottom_mm))
                .left(mm_to_twips(page.margin_left_mm))
                .right(mm_to_twips(page.margin_right_mm))
                .header(mm_to_twips(page.page_number_top_mm))
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(family)
                .hi_ansi(family)
                .east_asia(family)
                .cs(family),
        )
        .default_size(pt_to_half_points(profile.body.size_pt))
        // Paragraphs outside the body (header, title, signature) are single-spaced with no gaps
        // unless they say otherwise; 240 is OOXML's "single" (240ths of a line).
        .default_line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        );
    docx = styles::add_styles(docx, profile);

    // Page numbers: none when page_number_from is 0, from page 1 when it is 1, otherwise from page 2
    // (a first-page header without a number, `w:titlePg`).
    if page.page_number_from >= 1 {
        docx = docx.header(header::page_number_header(profile));
        if page.page_number_from >= 2 {
            docx = docx.first_header(header::empty_header());
        }
    }

    body::push_table(&mut docx, header::header_table(&layout, profile));
    for p in body::title(&layout, profile) {
        body::push_paragraph(&mut docx, p);
    }
    body::add_blocks(&mut docx, &layout, profile);
    body::push_table(&mut docx, signature::signature_table(&layout, profile));

    let title = {
        let trich_yeu = ir::plain_text(&doc.title.trich_yeu);
        let t = format!("{} {}", doc.title.ten_loai, trich_yeu);
        t.trim().to_owned()
    };
    let info = package::PackageInfo {
        lang: &profile.fonts.language,
        title: &title,
        repeat_header_style: styles::REPEAT_HEADER_TABLE,
        font_family: family,
    };
    package::write(&build_parts(&docx), &info).map_err(|e| Error::Render {
        format: "docx",
        message: format!("đóng gói DOCX thất bại: {}", e.0),
    })
}

/// Serialises only the parts the package contains (see [`package`]).
fn build_parts(docx: &Docx) -> package::Parts {
    let mut headers = docx.document.section_property.get_headers();
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    package::Parts {
        document: docx.document.build(),
        styles: docx.styles.build(),
        font_table: docx.font_table.build(),
        headers: headers.iter().map(|h| h.1.build()).collect(),
    }
}
