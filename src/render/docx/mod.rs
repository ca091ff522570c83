//! DOCX renderer.
//!
//! It places the resolved page of [`crate::render::layout`] with docx-rs, one module per area
//! ([`header`], [`body`] with [`table`], [`signature`], [`sections`] for the appendices' own pages) on top of the text primitives of [`text`] and the
//! named paragraph styles of [`styles`], then
//! [`package`] runs every XML part through the schema pass of [`schema_order`] (ECMA-376 element order,
//! `w:lang`, `w:tblHeader`) and writes a deflate-compressed, byte-for-byte reproducible package that
//! validates without errors. Every size, margin and width comes from the [`Profile`].

mod body;
mod header;
mod images;
mod package;
pub mod schema_order;
mod sections;
mod signature;
mod styles;
mod table;
mod text;
mod units;
mod zip_out;

use crate::error::{Error, Result};
use crate::ir::Document;
use crate::profile::Profile;
use crate::render::layout;
use docx_rs::{BuildXML, Docx, LineSpacing, LineSpacingType, RunFonts};
use units::pt_to_half_points;

/// Renders a document to DOCX bytes.
pub fn render(doc: &Document, profile: &Profile) -> Result<Vec<u8>> {
    let layout = layout::resolve(doc, profile);
    let page = &profile.page;
    let family = profile.fonts.docx_family.as_str();

    let mut docx = Docx::new()
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
    // (a first-page header without a number, `w:titlePg`). Every section refers to these two headers.
    if page.page_number_from >= 1 {
        docx = docx.header(header::page_number_header(profile));
        if page.page_number_from >= 2 {
            docx = docx.first_header(header::empty_header());
        }
    }
    let headers = docx.document.section_property.clone();
    let main_section = sections::section(
        &headers,
        &layout.page,
        page.page_number_from >= 2,
        None,
        profile,
    );

    body::push_table(&mut docx, header::header_table(&layout, profile));
    for p in body::title(&layout, profile) {
        body::push_paragraph(&mut docx, p);
    }
    if let Some(a) = &layout.addressees {
        for p in body::addressees(a) {
            body::push_paragraph(&mut docx, p);
        }
    }
    body::add_blocks(&mut docx, &layout.blocks, profile, true);
    signature::add_signature_area(&mut docx, &layout, profile);

    // Each appendix is a section of its own: the previous section ends with a paragraph carrying its
    // properties; the last section's properties are the body's.
    let mut current = main_section;
    for a in &layout.appendices {
        body::push_paragraph(&mut docx, sections::section_break(current));
        for p in body::appendix_heading(a, profile) {
            body::push_paragraph(&mut docx, p);
        }
        body::add_blocks(&mut docx, &a.blocks, profile, false);
        let hide_first = page.page_number_from >= 1 && !a.number_first_page;
        current = sections::section(&headers, &a.page, hide_first, Some(1), profile);
    }
    docx.document.section_property = current;

    // The IR's text is clean already (`ir::text`); the package writer only escapes.
    let meta = &layout.meta;
    let (title, author, subject) = (
        meta.title.clone(),
        meta.author.clone(),
        meta.subject.clone(),
    );
    let created = meta.date.map(|d| format!("{}T00:00:00Z", d.iso()));
    let media = images::media(doc);
    let info = package::PackageInfo {
        lang: &profile.fonts.language,
        title: &title,
        author: &author,
        subject: &subject,
        created: created.as_deref(),
        media: &media,
        repeat_header_style: styles::REPEAT_HEADER_TABLE,
        font_family: family,
    };
    let mut parts = build_parts(&docx);
    parts.document = images::fix_anchors(&parts.document);
    package::write(&parts, &info).map_err(|e| Error::Render {
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
