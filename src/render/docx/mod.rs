//! DOCX renderer.
//!
//! It places the resolved page of [`crate::render::layout`] with docx-rs, one module per area
//! ([`header`], [`body`] with [`table`], [`signature`], [`sections`] for the appendices' own pages) on top of the text primitives of [`text`] and the
//! named paragraph styles of [`styles`], then
//! [`crate::ooxml`] runs every XML part through its schema pass (ECMA-376 element order, `w:lang`,
//! `w:tblHeader`) and writes a deflate-compressed, byte-for-byte reproducible package that validates
//! without errors. Every size, margin and width comes from the [`Layout`] and the narrow
//! [`Style`](crate::render::layout::Style) it carries; this writer never reads the profile.

mod body;
mod header;
mod images;
mod marks;
mod rules;
mod sections;
mod signature;
mod styles;
mod table;
mod text;
mod units;

use crate::error::{Error, Result};
use crate::ooxml;
use crate::render::layout::{ContactAt, LBlock, Layout};
use docx_rs::{
    BuildXML, Docx, Footer, Header, LineSpacing, LineSpacingType, RunFonts, create_footer_rid,
    create_header_rid,
};
use units::pt_to_half_points;

/// Writes a laid-out document as DOCX bytes.
pub fn write(layout: &Layout) -> Result<Vec<u8>> {
    let style = &layout.style;
    let page = &style.page;
    let family = style.fonts.docx_family.as_str();

    let mut docx = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(family)
                .hi_ansi(family)
                .east_asia(family)
                .cs(family),
        )
        .default_size(pt_to_half_points(style.body.size_pt))
        // Paragraphs outside the body (header, title, signature) are single-spaced with no gaps
        // unless they say otherwise; 240 is OOXML's "single" (240ths of a line).
        .default_line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        );
    // The tallest table header decides which header-row table styles the document needs.
    let header_rows = layout
        .blocks
        .iter()
        .chain(layout.appendices.iter().flat_map(|a| &a.blocks))
        .filter_map(|b| match b {
            LBlock::Table(t) => Some(1 + t.header_body_rows),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    docx = styles::add_styles(docx, style, header_rows);

    // Page numbers: none when page_number_from is 0, from page 1 when it is 1, otherwise from page 2
    // (a first-page header without a number, `w:titlePg`). Every section refers to these two headers.
    if page.page_number_from >= 1 {
        docx = docx.header(header::page_number_header(page));
        if page.page_number_from >= 2 {
            docx = docx.first_header(header::empty_header());
        }
    }
    let headers = docx.document.section_property.clone();
    let mut main_section = sections::section(
        &headers,
        &layout.page,
        page.page_number_from >= 2,
        None,
        page.page_number_top_mm,
    );
    // The header parts every section refers to, then those of the first section alone.
    let mut header_parts: Vec<(String, Header)> =
        headers.get_headers().into_iter().cloned().collect();
    let mut footer_parts: Vec<(String, Footer)> = Vec::new();
    // The contact details at the foot of page 1 (NĐ 30): the first section's first-page footer; page 1
    // then has its own header too, which repeats the page number when page 1 is numbered. The
    // appendices' sections get an empty first-page footer of their own (see `sections`).
    let page1_footer = layout.marks.lien_he.as_ref().and_then(|c| match c.place {
        ContactAt::Page1Footer { bottom_mm } => Some((c, bottom_mm)),
        ContactAt::End { .. } => None,
    });
    let appendix_footer_rid = create_footer_rid(2);
    if let Some((c, bottom_mm)) = page1_footer {
        let rid = create_footer_rid(1);
        let footer = marks::contact_footer(c, body::text_twips(&layout.page), style);
        footer_parts.push((rid.clone(), footer.clone()));
        // Page 1 numbered (a page-number header and no empty first-page one): a second part with
        // the number becomes page 1's own header.
        let number_header = (headers.header_reference.is_some()
            && headers.first_header_reference.is_none())
        .then(|| {
            (
                create_header_rid(header_parts.len() + 1),
                header::page_number_header(page),
            )
        });
        header_parts.extend(number_header.clone());
        main_section =
            sections::with_first_footer(main_section, (&rid, footer), bottom_mm, number_header);
        if !layout.appendices.is_empty() {
            footer_parts.push((appendix_footer_rid.clone(), sections::empty_footer()));
        }
    }

    body::push_table(&mut docx, header::header_table(layout));
    // Page 1's marks: frames anchored to the page (after the header table: LibreOffice drops a frame
    // that opens the document before a table).
    for m in &layout.marks.first_page {
        body::push_paragraph(&mut docx, marks::page_mark(m, &style.rule));
    }
    for p in body::title(layout) {
        body::push_paragraph(&mut docx, p);
    }
    if let Some(a) = &layout.addressees {
        for p in body::addressees(a) {
            body::push_paragraph(&mut docx, p);
        }
    }
    body::add_blocks(
        &mut docx,
        &layout.blocks,
        style,
        &layout.pictures,
        body::text_twips(&layout.page),
        true,
    );
    signature::add_signature_area(&mut docx, layout);

    // Each appendix is a section of its own: the previous section ends with a paragraph carrying its
    // properties; the last section's properties are the body's.
    let mut current = main_section;
    for a in &layout.appendices {
        body::push_paragraph(&mut docx, sections::section_break(current));
        for p in body::appendix_heading(a, &style.rule) {
            body::push_paragraph(&mut docx, p);
        }
        body::add_blocks(
            &mut docx,
            &a.blocks,
            style,
            &layout.pictures,
            body::text_twips(&a.page),
            false,
        );
        let hide_first = page.page_number_from >= 1 && !a.number_first_page;
        current = sections::section(
            &headers,
            &a.page,
            hide_first,
            Some(1),
            page.page_number_top_mm,
        );
        if page1_footer.is_some() {
            current = sections::without_first_footer(current, &appendix_footer_rid);
        }
    }
    // The contact details (when they end the document), the bản sao block and the last page's marks
    // end the last section.
    let last_page = layout.appendices.last().map_or(&layout.page, |a| &a.page);
    if let Some(c) = &layout.marks.lien_he {
        marks::add_contact(&mut docx, c, body::text_twips(last_page), style);
    }
    if let Some(b) = &layout.ban_sao {
        marks::add_ban_sao(&mut docx, b, body::text_twips(last_page), style);
    }
    for m in &layout.marks.last_page {
        body::push_paragraph(&mut docx, marks::page_mark(m, &style.rule));
    }
    docx.document.section_property = current;

    // The IR's text is clean already (`ir::text`); the package writer only escapes.
    let meta = &layout.meta;
    let created = meta.date.map(|d| format!("{}T00:00:00Z", d.iso()));
    let media = images::media(layout.images.as_ref(), &layout.pictures);
    let info = ooxml::PackageInfo {
        lang: &style.fonts.language,
        title: &meta.title,
        author: &meta.author,
        subject: &meta.subject,
        created: created.as_deref(),
        media: &media,
        repeat_header_style: styles::REPEAT_HEADER_TABLE,
        font_family: family,
    };
    let mut parts = build_parts(&docx, header_parts, &footer_parts);
    let mut ids = rules::LineIds::default();
    parts.document = rules::draw_lines(&images::fix_anchors(&parts.document), &mut ids);
    for f in &mut parts.footers {
        *f = rules::draw_lines(f, &mut ids);
    }
    ooxml::write(&parts, &info).map_err(|e| Error::Render {
        format: "docx",
        message: format!("đóng gói DOCX thất bại: {}", e.0),
    })
}

/// Serialises only the parts the package contains (see [`package`]): the header and footer parts are
/// given in the order of their relationship ids (`rIdHeader1`, `rIdHeader2`, …).
fn build_parts(
    docx: &Docx,
    mut headers: Vec<(String, Header)>,
    footers: &[(String, Footer)],
) -> ooxml::Parts {
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    ooxml::Parts {
        document: docx.document.build(),
        styles: docx.styles.build(),
        font_table: docx.font_table.build(),
        headers: headers.iter().map(|h| h.1.build()).collect(),
        footers: footers.iter().map(|f| f.1.build()).collect(),
    }
}
