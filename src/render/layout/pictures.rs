//! The document's own pictures (a Word template's logo, a photo), sized once for both writers: at the
//! size the template gave each, scaled down (keeping its proportions) when it is wider or taller than
//! the text block of any section it may print in.

use super::PageBox;
use crate::ir::{Document, PictureFormat};
use serde::Serialize;
use std::sync::Arc;

/// Micrometres per pixel at 96 dpi: the size of a picture whose template states none.
const UM_PER_PX_96DPI: f32 = 264.583;

/// A picture sized: what [`Inline::Picture`] prints, inline with the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LPicture {
    /// Its printed width.
    pub width_mm: f32,
    /// Its printed height.
    pub height_mm: f32,
    /// How its bytes are encoded (the extension of its name in either file).
    pub format: PictureFormat,
    /// Whether the document prints it (a picture of the template that this document's text leaves
    /// out is not embedded).
    pub used: bool,
    /// Its pixel size.
    pub width_px: u32,
    /// See `width_px`.
    pub height_px: u32,
    /// The encoded bytes, embedded as they are.
    #[serde(skip)]
    pub bytes: Arc<[u8]>,
}

/// Sizes the document's pictures for the sections `pages` (the main text's page and each appendix's).
pub(super) fn pictures(doc: &Document, pages: &[PageBox]) -> Vec<LPicture> {
    if doc.pictures.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; doc.pictures.len()];
    for n in doc.picture_uses() {
        if let Some(u) = used.get_mut(n) {
            *u = true;
        }
    }
    let max_w = pages
        .iter()
        .map(PageBox::text_width_mm)
        .fold(f32::INFINITY, f32::min);
    let max_h = pages
        .iter()
        .map(|p| p.height_mm - p.margin_top_mm - p.margin_bottom_mm)
        .fold(f32::INFINITY, f32::min);
    doc.pictures
        .iter()
        .zip(used)
        .map(|(p, used)| {
            let (w, h) = match p.extent_um {
                Some((w, h)) => (w as f32 / 1000.0, h as f32 / 1000.0),
                None => (
                    p.width_px as f32 * UM_PER_PX_96DPI / 1000.0,
                    p.height_px as f32 * UM_PER_PX_96DPI / 1000.0,
                ),
            };
            let (w, h) = (w.max(0.1), h.max(0.1));
            let scale = 1f32.min(max_w / w).min(max_h / h);
            let round = |v: f32| (v * scale * 100.0).round() / 100.0;
            LPicture {
                width_mm: round(w),
                height_mm: round(h),
                format: p.format,
                used,
                width_px: p.width_px,
                height_px: p.height_px,
                bytes: p.bytes.clone(),
            }
        })
        .collect()
}

/// The printed size of a picture in points (width, height); (0, 0) for an index out of range.
pub fn size_pt(pictures: &[LPicture], index: usize) -> (f32, f32) {
    pictures.get(index).map_or((0.0, 0.0), |p| {
        (p.width_mm * super::PT_PER_MM, p.height_mm * super::PT_PER_MM)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Block, Inline, Picture};

    fn doc_with(extent_um: Option<(u32, u32)>, printed: bool) -> Document {
        Document {
            pictures: vec![Picture {
                file: "word/media/image1.png".into(),
                width_px: 300,
                height_px: 400,
                extent_um,
                ..Picture::default()
            }],
            blocks: vec![Block::Paragraph {
                content: if printed {
                    vec![Inline::Picture { picture: 0 }]
                } else {
                    Vec::new()
                },
                align: Default::default(),
            }],
            ..Document::default()
        }
    }

    fn a4() -> PageBox {
        PageBox {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            landscape: false,
        }
    }

    #[test]
    fn a_picture_keeps_its_template_size_when_it_fits() {
        let p = pictures(&doc_with(Some((30_000, 40_000)), true), &[a4()]);
        assert_eq!((p[0].width_mm, p[0].height_mm), (30.0, 40.0));
        assert!(p[0].used);
        assert!(!pictures(&doc_with(Some((30_000, 40_000)), false), &[a4()])[0].used);
    }

    #[test]
    fn a_picture_wider_than_the_text_shrinks_in_proportion() {
        let p = pictures(&doc_with(Some((330_000, 110_000)), true), &[a4()]);
        assert_eq!((p[0].width_mm, p[0].height_mm), (165.0, 55.0));
        // A landscape appendix is lower: a tall picture fits its text height.
        let mut turned = a4();
        (turned.width_mm, turned.height_mm) = (297.0, 210.0);
        let p = pictures(&doc_with(Some((100_000, 340_000)), true), &[a4(), turned]);
        assert_eq!(p[0].height_mm, 170.0);
        assert_eq!(p[0].width_mm, 50.0);
    }

    #[test]
    fn without_a_size_a_picture_prints_at_96_dpi() {
        let p = pictures(&doc_with(None, true), &[a4()]);
        assert_eq!((p[0].width_mm, p[0].height_mm), (79.37, 105.83));
    }
}
