//! The optional marks, placed once for both formats: khẩn, mật, the draft mark and the circulation mark
//! under the number, at page 1's top right or on the last page, as the profile says; and the drafter's
//! line with the number of copies; the contact details under a full-width rule, at the end of the
//! document or at the foot of page 1, as the profile says.

use super::{Line, PT_PER_MM, PageBox, fixed_line};
use crate::fonts;
use crate::ir::{Align, DoKhan, DoMat, Document};
use crate::profile::{ContactPlace, Levels, MarkPlace, MarkStyle, Profile};
use serde::Serialize;

/// A mark's line, in a box when the format draws it as a stamp.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkLine {
    /// The line.
    pub line: Line,
    /// Drawn in a single-line box.
    pub boxed: bool,
    /// Space between the text and its box.
    pub pad_pt: f32,
}

/// A mark placed on a page by its distance from an edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageMark {
    /// The mark.
    pub mark: MarkLine,
    /// Distance of the line's top from the page's top edge.
    pub top_mm: f32,
    /// Right-aligned on the text block (page 1's top right) or centred (the last page).
    pub align: Align,
}

/// Where the marks go.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Marks {
    /// In the header's left column, under the number, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub under_number: Vec<MarkLine>,
    /// On page 1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub first_page: Vec<PageMark>,
    /// On the last page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub last_page: Vec<PageMark>,
    /// The contact details under a full-width rule, at the end of the document or at the foot of page 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lien_he: Option<ContactBlock>,
}

/// The contact details: a full-width solid rule, the line `gap_pt` below it, flush left; placed as
/// `place` says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactBlock {
    /// The text, in its style.
    pub line: Line,
    /// Space between the rule and the text.
    pub gap_pt: f32,
    /// Where the block stands.
    #[serde(flatten)]
    pub place: ContactAt,
}

/// Where the contact details stand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "place", rename_all = "kebab-case")]
pub enum ContactAt {
    /// After the document's last part (the signatures, the last appendix), on its last page, the rule
    /// `before_pt` below that part (05-HD §II.6).
    End {
        /// Space above the rule.
        before_pt: f32,
    },
    /// At the foot of page 1 only, in its footer: the block's foot (the bottom of its last line)
    /// `bottom_mm` above the page's bottom edge, growing upwards; page 1's text ends above the
    /// block's top where that is higher than the bottom margin (as Word does with a tall footer), and
    /// the other pages are untouched (NĐ 30 Phụ lục I, box 13).
    #[serde(rename = "page1-footer")]
    Page1Footer {
        /// Distance of the block's foot from the page's bottom edge.
        bottom_mm: f32,
    },
}

impl Marks {
    /// True when the document has no mark.
    pub fn is_empty(&self) -> bool {
        self.under_number.is_empty()
            && self.first_page.is_empty()
            && self.last_page.is_empty()
            && self.lien_he.is_none()
    }
}

fn level(l: &Levels, n: usize) -> &str {
    match n {
        1 => &l.muc_1,
        2 => &l.muc_2,
        _ => &l.muc_3,
    }
}

/// The document's marks, placed; `last_page` is the page the document ends on (an appendix's).
pub(super) fn marks(doc: &Document, profile: &Profile, last_page: &PageBox) -> Marks {
    let st = &profile.marks;
    let m = &doc.marks;
    let mut out = Marks::default();
    let mut put = |text: &str, style: &MarkStyle, place: MarkPlace| {
        let mark = MarkLine {
            line: fixed_line(text, style.style, profile),
            boxed: style.khung,
            pad_pt: st.khung_pad_pt,
        };
        let height_mm = mark.line.style.size_pt * fonts::line_metrics().single_em / PT_PER_MM;
        match place {
            MarkPlace::DuoiSo => out.under_number.push(mark),
            MarkPlace::TrenPhai => out.first_page.push(PageMark {
                mark,
                top_mm: st.top_mm,
                align: Align::Right,
            }),
            MarkPlace::CuoiTrang => out.last_page.push(PageMark {
                mark,
                top_mm: last_page.height_mm - st.bottom_mm - height_mm,
                align: Align::Center,
            }),
        }
    };
    if let Some(mat) = m.mat {
        let n = match mat {
            DoMat::Mat => 1,
            DoMat::ToiMat => 2,
            DoMat::TuyetMat => 3,
        };
        put(level(&st.mat_text, n), &st.mat, st.mat.place);
    }
    if let Some(khan) = m.khan {
        let n = match khan {
            DoKhan::Khan => 1,
            DoKhan::ThuongKhan => 2,
            DoKhan::HoaToc => 3,
        };
        put(level(&st.khan_text, n), &st.khan, st.khan.place);
    }
    if let Some(n) = m.du_thao {
        put(
            &st.du_thao_pattern.replace("{n}", &n.to_string()),
            &st.du_thao,
            st.du_thao.place,
        );
    }
    if let Some(text) = m.luu_hanh.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let at_end = st
            .luu_hanh_cuoi
            .iter()
            .any(|p| text.to_lowercase().starts_with(&p.to_lowercase()));
        let place = if at_end {
            MarkPlace::CuoiTrang
        } else {
            st.luu_hanh.place
        };
        put(text, &st.luu_hanh, place);
    }
    if let Some(text) = m.lien_he.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let place = match (st.lien_he_place, st.lien_he_bottom_mm) {
            (ContactPlace::Page1Footer, Some(bottom_mm)) => ContactAt::Page1Footer { bottom_mm },
            // A profile places the block in page 1's footer only with its distance (checked on load).
            _ => ContactAt::End {
                before_pt: st.lien_he_before_pt,
            },
        };
        out.lien_he = Some(ContactBlock {
            line: fixed_line(text, st.lien_he, profile),
            gap_pt: st.lien_he_gap_pt,
            place,
        });
    }
    out
}

/// The drafter's line (05-HD box 12, NĐ 30 box 13) with the number of copies when the document gives
/// it: "NguyenVanAn-26"; the number alone when there is no drafter ("Số bản: 26").
pub(super) fn drafter_text(doc: &Document, profile: &Profile) -> Option<String> {
    let st = &profile.marks;
    let drafter = doc.drafter.as_deref().map(str::trim).filter(|d| !d.is_empty());
    match (drafter, doc.marks.so_ban) {
        (Some(d), Some(n)) => Some(
            st.so_ban_pattern
                .replace("{nguoi_soan_thao}", d)
                .replace("{so_ban}", &n.to_string()),
        ),
        (Some(d), None) => Some(d.to_owned()),
        (None, Some(n)) => Some(st.so_ban_alone.replace("{so_ban}", &n.to_string())),
        (None, None) => None,
    }
}
