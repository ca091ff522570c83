//! Section properties: each section's page size, orientation, margins, page-number headers, page 1's
//! own footer and numbering restart, from the page box the layout decided. The main text is one section;
//! each appendix is another, on a new page.

use super::units::{margin_mm_to_twips, mm_to_twips, pt_to_half_points};
use crate::render::layout::PageBox;
use docx_rs::{
    Footer, Header, LineSpacing, LineSpacingType, PageMargin, PageNumType, PageOrientationType,
    PageSize, Paragraph, SectionProperty,
};

/// The properties of a section on `page`. `headers` holds the document's header references (the page
/// number, and the empty first-page header when there is one); `hide_first` shows the empty header on
/// the section's first page (`w:titlePg`); `restart` numbers the section's pages from that number;
/// the page number stands `page_number_top_mm` from the top edge.
pub(super) fn section(
    headers: &SectionProperty,
    page: &PageBox,
    hide_first: bool,
    restart: Option<u32>,
    page_number_top_mm: f32,
) -> SectionProperty {
    let size = |mm: f32| u32::try_from(mm_to_twips(mm).max(0)).unwrap_or(0);
    let mut paper = PageSize::new().size(size(page.width_mm), size(page.height_mm));
    if page.landscape {
        paper = paper.orient(PageOrientationType::Landscape);
    }
    let mut s = headers.clone();
    s.page_size = paper;
    s.page_margin = PageMargin::new()
        .top(margin_mm_to_twips(page.margin_top_mm))
        .bottom(margin_mm_to_twips(page.margin_bottom_mm))
        .left(margin_mm_to_twips(page.margin_left_mm))
        .right(margin_mm_to_twips(page.margin_right_mm))
        .header(mm_to_twips(page_number_top_mm))
        .gutter(0);
    s.title_pg = hide_first && s.first_header_reference.is_some();
    s.page_num_type = restart.map(|n| PageNumType::new().start(n));
    s
}

/// The first section with page 1's own footer `footer` (relationship `footer_rid`), its foot
/// `bottom_mm` above the page's bottom edge, shown on the section's first page only (`w:titlePg`; the
/// other pages keep the section's headers and have no footer). `w:titlePg` gives page 1 its own header
/// too: when page 1 is numbered, `number_header` (a relationship and the page-number header) is that
/// header.
pub(super) fn with_first_footer(
    mut s: SectionProperty,
    (footer_rid, footer): (&str, Footer),
    bottom_mm: f32,
    number_header: Option<(String, Header)>,
) -> SectionProperty {
    s.page_margin = s.page_margin.footer(mm_to_twips(bottom_mm));
    if let Some((rid, h)) = number_header {
        s = s.first_header(h, &rid);
    }
    s.first_footer(footer, footer_rid)
}

/// An appendix's section when page 1 has its own footer: an empty first-page footer of its own
/// (relationship `rid`), so that a section whose first page is set apart (`w:titlePg`, its first page
/// unnumbered) does not take page 1's footer from the section before it (ECMA-376: a section without a
/// first-page footer reference inherits the previous section's).
pub(super) fn without_first_footer(s: SectionProperty, rid: &str) -> SectionProperty {
    s.first_footer_without_title_pg(empty_footer(), rid)
}

/// A footer with nothing in it (one empty paragraph, as a footer part needs one).
pub(super) fn empty_footer() -> Footer {
    Footer::new().add_paragraph(Paragraph::new())
}

/// The last paragraph of a section that ends before another: empty, one point high, carrying the
/// section's properties (the next section starts on a new page).
pub(super) fn section_break(properties: SectionProperty) -> Paragraph {
    Paragraph::new()
        .size(pt_to_half_points(1.0))
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
        .section_property(properties)
}
