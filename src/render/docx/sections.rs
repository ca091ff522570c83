//! Section properties: each section's page size, orientation, margins, page-number headers and
//! numbering restart, from the page box the layout decided. The main text is one section; each appendix
//! is another, on a new page.

use super::units::{margin_mm_to_twips, mm_to_twips, pt_to_half_points};
use crate::render::layout::PageBox;
use docx_rs::{
    LineSpacing, LineSpacingType, PageMargin, PageNumType, PageOrientationType, PageSize,
    Paragraph, SectionProperty,
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
