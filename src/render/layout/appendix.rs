//! Phụ lục: each a section of its own after the signatures, on a new page, with its own orientation and
//! margins, its own page numbering from 1 and its own heading ("PHỤ LỤC n" when there are two or more,
//! the title, the "(Kèm theo …)" reference line, the separator).

use super::body::resolve_blocks;
use super::pictures::LPicture;
use super::numbering::{number_text, roman};
use super::{LBlock, Line, MarkKind, PageBox, fix_inlines, fixed_line, mark_line};
use crate::ir::{self, Document, Orientation};
use crate::profile::{LandscapeMargins, Profile, TextStyle};
use serde::Serialize;

/// One appendix, ready to place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppendixLayout {
    /// Its pages (turned for a landscape appendix, margins per the profile).
    pub page: PageBox,
    /// Whether its first page shows its number; its pages are numbered from 1 either way.
    pub number_first_page: bool,
    /// The centred heading lines: label (with two or more appendices), title, reference line, and the
    /// separator (a "-----" line, or a rule on the last line).
    pub heading: Vec<Line>,
    /// Space under the heading.
    pub space_after_pt: f32,
    /// Its body; tables take this page's text width.
    pub blocks: Vec<LBlock>,
}

/// The document's appendices, each on its page box (`pages`, one per appendix in order, from
/// [`page_box`]).
pub(super) fn appendices(
    doc: &Document,
    pages: &[PageBox],
    profile: &Profile,
    pictures: &[LPicture],
) -> Vec<AppendixLayout> {
    let many = doc.appendices.len() >= 2;
    doc.appendices
        .iter()
        .zip(pages)
        .enumerate()
        .map(|(i, (a, page))| {
            let number = if many { Some(i + 1) } else { None };
            appendix(doc, a, *page, number, profile, pictures)
        })
        .collect()
}

fn appendix(
    doc: &Document,
    a: &ir::Appendix,
    page: PageBox,
    number: Option<usize>,
    profile: &Profile,
    pictures: &[LPicture],
) -> AppendixLayout {
    let st = &profile.appendix;
    let line = |text: &str, style: TextStyle| fixed_line(text, style, profile);
    let mut heading = Vec::new();
    if let Some(n) = number {
        let label = st
            .label_pattern
            .replace("{n_roman}", &roman(n as u32))
            .replace("{n}", &n.to_string());
        heading.push(line(&label, st.label));
    }
    let title = ir::plain_text(&fix_inlines(&a.title, profile, false));
    if !title.trim().is_empty() {
        heading.push(line(title.trim(), st.title));
    }
    if a.kem_theo {
        heading.push(line(&kem_theo(doc, profile), st.kem_theo));
    }
    let last_style = heading.last().map_or(st.title, |l| l.style);
    match mark_line(&st.separator, last_style) {
        MarkKind::Text(mark) => heading.push(mark),
        MarkKind::Rule(f) => {
            if let Some(last) = heading.last_mut() {
                last.rule = Some(f);
            }
        }
        MarkKind::None => {}
    }
    AppendixLayout {
        page,
        number_first_page: st.number_first_page,
        heading,
        space_after_pt: st.space_after_pt,
        blocks: resolve_blocks(&a.blocks, page.text_width_mm(), profile, pictures),
    }
}

/// The page of an appendix: the profile's page, turned for a landscape appendix. With
/// [`LandscapeMargins::PhysicalEdges`] the sheet is turned clockwise and each margin stays on its edge
/// (portrait left → landscape top, top → right, right → bottom, bottom → left).
pub(super) fn page_box(orientation: Orientation, profile: &Profile) -> PageBox {
    let p = PageBox::portrait(profile);
    match orientation {
        Orientation::Portrait => p,
        Orientation::Landscape => {
            let (top, right, bottom, left) = match profile.appendix.landscape_margins {
                LandscapeMargins::PhysicalEdges => (
                    p.margin_left_mm,
                    p.margin_top_mm,
                    p.margin_right_mm,
                    p.margin_bottom_mm,
                ),
                LandscapeMargins::Reading => (
                    p.margin_top_mm,
                    p.margin_right_mm,
                    p.margin_bottom_mm,
                    p.margin_left_mm,
                ),
            };
            PageBox {
                width_mm: p.height_mm.max(p.width_mm),
                height_mm: p.height_mm.min(p.width_mm),
                margin_top_mm: top,
                margin_bottom_mm: bottom,
                margin_left_mm: left,
                margin_right_mm: right,
                landscape: true,
            }
        }
    }
}

/// "(Kèm theo Quyết định số 05-QĐ/ĐU, ngày 10/12/2025 của Đảng ủy …)" from the parent's type, number,
/// date and issuer, in the profile's wording.
fn kem_theo(doc: &Document, profile: &Profile) -> String {
    let st = &profile.appendix;
    let number = doc.header.number.as_ref().map_or_else(String::new, |n| {
        number_text(&st.number_pattern, n, &profile.header.number_blank)
    });
    let (ngay, thang, nam) = match doc.header.ngay {
        Some(d) => (d.day_padded(), d.month_padded(), d.year.to_string()),
        None => (
            st.kem_theo_blank.clone(),
            st.kem_theo_blank.clone(),
            st.kem_theo_blank.clone(),
        ),
    };
    st.kem_theo_pattern
        .replace("{ten_loai}", &sentence_case(doc.title.ten_loai.trim()))
        .replace("{number}", &number)
        .replace("{ngay}", &ngay)
        .replace("{thang}", &thang)
        .replace("{nam}", &nam)
        .replace("{co_quan}", doc.header.co_quan.trim())
}

/// "QUYẾT ĐỊNH" or "quyết định" → "Quyết định"; text already in mixed case is kept.
fn sentence_case(s: &str) -> String {
    let all_upper = s.chars().all(|c| !c.is_lowercase());
    let all_lower = s.chars().all(|c| !c.is_uppercase());
    if !(all_upper || all_lower) {
        return s.to_owned();
    }
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Appendix, Block, DocNumber, Inline, Table};

    /// The appendices laid out on the page boxes `resolve` gives them.
    fn laid(doc: &Document, profile: &Profile) -> Vec<AppendixLayout> {
        let pages: Vec<PageBox> = doc
            .appendices
            .iter()
            .map(|a| page_box(a.orientation, profile))
            .collect();
        appendices(doc, &pages, profile, &[])
    }

    fn decision(appendices: usize, orientation: Orientation) -> Document {
        let mut doc = Document::default();
        doc.header.co_quan = "Đảng ủy Văn phòng Tỉnh ủy".into();
        doc.header.number = Some(DocNumber {
            so: Some("05".into()),
            loai: "QĐ".into(),
            ky_hieu: "ĐU".into(),
        });
        doc.header.ngay = ir::Date::new(2025, 12, 3);
        doc.title.ten_loai = "Quyết định".into();
        doc.appendices = (0..appendices)
            .map(|i| Appendix {
                title: vec![Inline::plain(format!("Danh sách số {}", i + 1))],
                kem_theo: true,
                orientation,
                blocks: vec![Block::Table(Table {
                    align: vec![],
                    header: vec![vec![Inline::plain("STT")], vec![Inline::plain("Họ tên")]],
                    rows: vec![],
                    ..Default::default()
                })],
            })
            .collect();
        doc
    }

    #[test]
    fn one_appendix_has_no_label_and_a_reference_line() {
        let p = Profile::dang();
        let a = laid(&decision(1, Orientation::Portrait), &p);
        let texts: Vec<&str> = a[0].heading.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "DANH SÁCH SỐ 1",
                "(Kèm theo Quyết định số 05-QĐ/ĐU, ngày 03/12/2025 của Đảng ủy Văn phòng Tỉnh ủy)",
                "-----",
            ]
        );
        assert!(a[0].heading[0].style.bold);
        assert!(a[0].heading[1].style.italic);
        assert!(!a[0].page.landscape);
        assert!(!a[0].number_first_page);
    }

    #[test]
    fn two_appendices_are_numbered_in_arabic_party_and_roman_state() {
        let a = laid(&decision(2, Orientation::Portrait), &Profile::dang());
        assert_eq!(a[0].heading[0].text, "PHỤ LỤC 1");
        assert_eq!(a[1].heading[0].text, "PHỤ LỤC 2");
        let state = Profile::builtin("nha-nuoc").unwrap();
        let a = laid(&decision(2, Orientation::Portrait), &state);
        assert_eq!(a[1].heading[0].text, "Phụ lục II");
        assert!(
            a[1].heading[2]
                .text
                .starts_with("(Kèm theo Quyết định số 05/QĐ-ĐU ngày 03 tháng 12")
        );
        // The State separator is a rule under the reference line.
        assert!(a[1].heading[2].rule.is_some());
    }

    #[test]
    fn landscape_pages_turn_and_keep_margins_on_their_edges() {
        let mut p = Profile::dang();
        let a = laid(&decision(1, Orientation::Landscape), &p);
        let pg = a[0].page;
        assert!(pg.landscape && pg.width_mm > pg.height_mm);
        assert_eq!((pg.width_mm, pg.height_mm), (297.0, 210.0));
        // The 30 mm binding margin is on top.
        assert_eq!(
            (
                pg.margin_top_mm,
                pg.margin_right_mm,
                pg.margin_bottom_mm,
                pg.margin_left_mm
            ),
            (30.0, 20.0, 15.0, 20.0)
        );
        let super::LBlock::Table(t) = &a[0].blocks[0] else {
            panic!("{:?}", a[0].blocks)
        };
        let sum: f32 = t.columns_mm.iter().sum();
        assert!((sum - 257.0).abs() < 0.01, "{sum}");
        p.appendix.landscape_margins = LandscapeMargins::Reading;
        let pg = laid(&decision(1, Orientation::Landscape), &p)[0].page;
        assert_eq!((pg.margin_top_mm, pg.margin_left_mm), (20.0, 30.0));
        assert!((pg.text_width_mm() - 252.0).abs() < 0.01);
    }

    #[test]
    fn a_missing_number_and_date_leave_blanks() {
        let mut doc = decision(1, Orientation::Portrait);
        doc.header.ngay = None;
        doc.header.number.as_mut().unwrap().so = None;
        doc.title.ten_loai = "QUYẾT ĐỊNH".into();
        let a = laid(&doc, &Profile::dang());
        let line = &a[0].heading[1].text;
        assert!(line.starts_with("(Kèm theo Quyết định số"), "{line}");
        assert!(line.contains("-QĐ/ĐU, ngày     /    /     của"), "{line}");
    }
}
