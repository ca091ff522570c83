//! The part of a profile the writers still need once the layout is decided: fonts, the page number, the
//! body's paragraph style, notes, tables, rules and a few spacings. Every other convention of the
//! profile is already applied in the [`Layout`](super::Layout)'s lines; the writers never see the
//! profile itself.
//!
//! The PDF writer hands this to its Typst program as `/style.json`; its field names are the profile's,
//! so the program reads `S.body.line_pitch_pt` where the profile says `[body] line_pitch_pt`.

use crate::profile::{
    BodyStyle, CheckBoxStyle, FillStyle, Fonts, Profile, RuleStyle, TableStyle, TextStyle,
};
use serde::Serialize;

/// Page-number placement (the profile's `[page]` keys about page numbers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageNumbers {
    /// Distance of the page number from the top edge.
    pub page_number_top_mm: f32,
    /// Its size.
    pub page_number_size_pt: f32,
    /// The first numbered page: 0 never, 1 from page 1, 2 from page 2.
    pub page_number_from: u32,
}

/// Space above and below the title block.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TitleSpacing {
    /// Space between the header and the title.
    pub space_before_pt: f32,
    /// Space between the title block and what follows.
    pub space_after_pt: f32,
}

/// What the header table needs beyond its lines and column widths.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeaderSpacing {
    /// Space between the header's top rows and the number/date row.
    pub gap_pt: f32,
    /// Inner left and right margin of the header's cells.
    pub cell_margin_mm: f32,
    /// The size of the number line (an empty number cell keeps its height).
    pub number_size_pt: f32,
}

/// What the signature area needs beyond its lines and column widths.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignatureSpacing {
    /// Space between the body and the signature area.
    pub space_before_pt: f32,
    /// Inner left and right margin of the signature area's cells.
    pub cell_margin_mm: f32,
    /// The size of the signer's name (empty cells take its height).
    pub name_size_pt: f32,
}

/// The profile's values both writers place with; built once per document by [`Style::of`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Style {
    /// The profile's name (for messages and the PDF's identifier).
    pub profile_name: String,
    /// Font families and the document's language.
    pub fonts: Fonts,
    /// Page numbers.
    pub page: PageNumbers,
    /// Body paragraphs.
    pub body: BodyStyle,
    /// Notes.
    pub note: TextStyle,
    /// Body tables.
    pub table: TableStyle,
    /// Solid rules under header and title lines.
    pub rule: RuleStyle,
    /// Fill lines.
    pub fill: FillStyle,
    /// Check boxes.
    pub check_box: CheckBoxStyle,
    /// The title block's spacing.
    pub title: TitleSpacing,
    /// The header table's spacing.
    pub header: HeaderSpacing,
    /// The signature area's spacing.
    pub signature: SignatureSpacing,
}

impl Style {
    /// The writers' share of a profile.
    pub fn of(profile: &Profile) -> Style {
        Style {
            profile_name: profile.name.clone(),
            fonts: profile.fonts.clone(),
            page: PageNumbers {
                page_number_top_mm: profile.page.page_number_top_mm,
                page_number_size_pt: profile.page.page_number_size_pt,
                page_number_from: profile.page.page_number_from,
            },
            body: profile.body.clone(),
            note: profile.note,
            table: profile.table.clone(),
            rule: profile.rule.clone(),
            fill: profile.fill,
            check_box: profile.check_box.clone(),
            title: TitleSpacing {
                space_before_pt: profile.title.space_before_pt,
                space_after_pt: profile.title.space_after_pt,
            },
            header: HeaderSpacing {
                gap_pt: profile.header.gap_pt,
                cell_margin_mm: profile.header.cell_margin_mm,
                number_size_pt: profile.header.number.size_pt,
            },
            signature: SignatureSpacing {
                space_before_pt: profile.signature.space_before_pt,
                cell_margin_mm: profile.signature.cell_margin_mm,
                name_size_pt: profile.signature.name.size_pt,
            },
        }
    }
}
