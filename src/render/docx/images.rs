//! Pictures in DOCX: the signature and seal images, anchored where [`crate::render::layout`] put them;
//! the document's own pictures (a Word template's), in line with the text at the size the layout
//! decided; and the media parts they need.
//!
//! Each picture is anchored in the first blank line of the signature column: horizontally from the
//! column (the table cell, `layoutInCell`), vertically from that paragraph, with no text wrapping, so it
//! lands at the same place as in the PDF. docx-rs writes offsets as unsigned numbers, every picture's
//! `docPr` id as 1 and `allowOverlap="0"`; [`fix_anchors`] repairs the serialised document.

use crate::ir::{ImageRole, SigningImages};
use crate::render::layout::{LPicture, PlacedImage};
use docx_rs::{Pic, RelativeFromHType, RelativeFromVType, Run};

/// EMUs (the DrawingML unit) per millimetre.
const EMU_PER_MM: f32 = 36_000.0;

pub(super) use crate::ooxml::Media;

fn names(role: ImageRole) -> (&'static str, &'static str) {
    match role {
        ImageRole::ChuKy => ("rIdImageChuKy", "chu-ky.png"),
        ImageRole::ConDau => ("rIdImageConDau", "con-dau.png"),
    }
}

/// The image parts of a document: the signing images, then the document's own pictures it prints.
pub(super) fn media(images: Option<&SigningImages>, pictures: &[LPicture]) -> Vec<Media> {
    let signing = images.into_iter().flat_map(|images| {
        [
            (ImageRole::ChuKy, &images.chu_ky),
            (ImageRole::ConDau, &images.con_dau),
        ]
        .into_iter()
        .filter_map(|(role, p)| {
            p.as_ref().map(|p| {
                let (rid, file) = names(role);
                Media {
                    rid: rid.to_owned(),
                    file: file.to_owned(),
                    bytes: p.bytes.clone(),
                }
            })
        })
    });
    let own = pictures
        .iter()
        .enumerate()
        .filter(|(_, p)| p.used)
        .map(|(i, p)| Media {
            rid: picture_rid(i),
            file: format!("anh-{}.{}", i + 1, p.format.extension()),
            bytes: p.bytes.clone(),
        });
    signing.chain(own).collect()
}

/// The relationship id of the document's picture at `index`.
fn picture_rid(index: usize) -> String {
    format!("rIdPicture{}", index + 1)
}

/// A run holding the document's picture at `index`, in line with the text, at the size the layout
/// decided; an index out of range (never made by the layout) gives an empty run.
pub(super) fn picture_run(index: usize, pictures: &[LPicture]) -> Run {
    let Some(p) = pictures.get(index) else {
        return Run::new();
    };
    let pic = Pic::new_with_dimensions(Vec::new(), p.width_px, p.height_px)
        .id(picture_rid(index))
        .size(extent(p.width_mm), extent(p.height_mm));
    Run::new().add_image(pic)
}

/// A picture's width or height in EMUs, at least 1.
fn extent(mm: f32) -> u32 {
    u32::try_from(emu(mm).max(1)).unwrap_or(1)
}

fn emu(mm: f32) -> i32 {
    (mm * EMU_PER_MM).round() as i32
}

/// A run holding one anchored picture; later pictures lie over earlier ones.
pub(super) fn anchored_run(img: &PlacedImage, z: u32) -> Run {
    let (rid, _) = names(img.role);
    let mut pic = Pic::new_with_dimensions(Vec::new(), 1, 1)
        .id(rid)
        .size(extent(img.width_mm), extent(img.height_mm))
        .floating()
        .overlapping()
        .offset_x(emu(img.x_mm))
        .offset_y(emu(img.y_mm))
        .relative_from_h(RelativeFromHType::Column)
        .relative_from_v(RelativeFromVType::Paragraph)
        .relative_height(251_659_264 + z);
    pic.layout_in_cell = true;
    Run::new().add_image(pic)
}

/// Repairs what docx-rs writes for pictures: negative offsets of anchored ones (written as their
/// unsigned two's complement), one `docPr` id for every picture (anchored or inline), and
/// `allowOverlap="0"`.
pub(super) fn fix_anchors(xml: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    if !text.contains("<wp:docPr") {
        return xml.to_vec();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut next_id = 1u32;
    const OFFSET: &str = "<wp:posOffset>";
    const DOC_PR: &str = "<wp:docPr id=\"1\"";
    loop {
        let o = rest.find(OFFSET);
        let d = rest.find(DOC_PR);
        match (o, d) {
            (Some(o), d) if d.is_none_or(|d| o < d) => {
                let start = o + OFFSET.len();
                out.push_str(&rest[..start]);
                rest = &rest[start..];
                let end = rest.find('<').unwrap_or(rest.len());
                let value = &rest[..end];
                match value.parse::<u32>() {
                    Ok(v) => out.push_str(&(v as i32).to_string()),
                    Err(_) => out.push_str(value),
                }
                rest = &rest[end..];
            }
            (_, Some(d)) => {
                out.push_str(&rest[..d]);
                out.push_str(&format!("<wp:docPr id=\"{next_id}\""));
                next_id += 1;
                rest = &rest[d + DOC_PR.len()..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out.replace("allowOverlap=\"0\"", "allowOverlap=\"1\"")
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_repaired() {
        let img = PlacedImage {
            role: ImageRole::ConDau,
            x_mm: -2.5,
            y_mm: -5.0,
            width_mm: 36.0,
            height_mm: 36.0,
        };
        let sig = PlacedImage {
            role: ImageRole::ChuKy,
            x_mm: 20.0,
            ..img.clone()
        };
        let p = docx_rs::Paragraph::new()
            .add_run(anchored_run(&sig, 0))
            .add_run(anchored_run(&img, 1));
        let xml = fix_anchors(&docx_rs::BuildXML::build(&p));
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains("<wp:posOffset>-90000</wp:posOffset>"), "{xml}");
        assert!(
            xml.contains("<wp:posOffset>-180000</wp:posOffset>"),
            "{xml}"
        );
        assert!(xml.contains("<wp:posOffset>720000</wp:posOffset>"), "{xml}");
        assert!(xml.contains("<wp:docPr id=\"1\"") && xml.contains("<wp:docPr id=\"2\""));
        assert!(!xml.contains("allowOverlap=\"0\""));
        assert!(xml.contains("layoutInCell=\"1\""));
        assert!(
            xml.contains("relativeFrom=\"column\"") && xml.contains("r:embed=\"rIdImageConDau\"")
        );
        assert!(
            xml.contains("<wp:extent cx=\"1296000\" cy=\"1296000\""),
            "{xml}"
        );
    }
}
