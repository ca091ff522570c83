//! A Word template's pictures as the document's own: each embedded PNG, JPEG or GIF is checked by
//! decoding it once (within size limits) and kept with the size Word gave it; a BMP, TIFF or WebP is
//! re-encoded as PNG; what cannot print (a vector EMF/WMF, a picture linked to a file outside the
//! package, a file that does not decode) is left out with a note naming its place.

use crate::ir::{Picture, PictureFormat};
use crate::template::Note;
use crate::word::{Align, Block, Paragraph, Piece, Place, WordDoc, WordPicture};
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::sync::Arc;

/// EMUs per micrometre.
const EMU_PER_UM: u64 = 36;
/// The widest or tallest picture decoded, in pixels.
const MAX_SIDE_PX: u32 = 12_000;
/// The most memory one picture's decoding may take.
const MAX_DECODE_BYTES: u64 = 256 << 20;

/// The pictures kept, and the template with its picture pieces renumbered to them.
pub(super) struct Kept {
    /// The document with each picture piece pointing into `pictures` (a picture left out is gone).
    pub doc: WordDoc,
    /// The pictures that print, in order; the same part at the same size is kept once.
    pub pictures: Vec<Picture>,
    /// Where each kept picture first stands.
    pub places: Vec<Place>,
    /// What was left out and why, for the user.
    pub notes: Vec<Note>,
}

/// Checks every picture of the document and renumbers the pieces to the ones kept.
pub(super) fn keep(doc: &WordDoc) -> Kept {
    let mut pictures: Vec<Picture> = Vec::new();
    let mut places = Vec::new();
    let mut notes = Vec::new();
    let mut index: Vec<Option<usize>> = Vec::with_capacity(doc.pictures.len());
    for wp in &doc.pictures {
        match checked(wp) {
            Ok(p) => {
                let same = pictures
                    .iter()
                    .position(|q| q.file == p.file && q.extent_um == p.extent_um);
                index.push(Some(same.unwrap_or_else(|| {
                    pictures.push(p);
                    places.push(wp.place);
                    pictures.len() - 1
                })));
            }
            Err(why) => {
                notes.push(Note::new(format!(
                    "hình ảnh ở {} không được in: {why}",
                    wp.place
                )));
                index.push(None);
            }
        }
    }
    let mut doc = doc.clone();
    if !doc.pictures.is_empty() {
        for_each_paragraph(&mut doc.blocks, &mut |p| renumber(p, &index));
    }
    Kept {
        doc,
        pictures,
        places,
        notes,
    }
}

/// Points a paragraph's picture pieces at the kept pictures; a paragraph holding only pictures and
/// not aligned by Word stays at the left edge (no first-line indent), as Word shows it.
fn renumber(p: &mut Paragraph, index: &[Option<usize>]) {
    let mut any = false;
    p.pieces.retain_mut(|piece| match piece {
        Piece::Picture(n) => match index.get(*n).copied().flatten() {
            Some(k) => {
                *n = k;
                any = true;
                true
            }
            None => false,
        },
        _ => true,
    });
    let only_pictures = p.pieces.iter().all(|piece| match piece {
        Piece::Picture(_) | Piece::Tab => true,
        Piece::Text(t, _) => t.trim().is_empty(),
        _ => false,
    });
    if any && only_pictures && p.align == Align::Left {
        p.align = Align::Start;
    }
}

fn for_each_paragraph(blocks: &mut [Block], f: &mut impl FnMut(&mut Paragraph)) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => f(p),
            Block::Table(t) => t
                .rows
                .iter_mut()
                .flat_map(|r| r.cells.iter_mut())
                .flat_map(|c| c.paragraphs.iter_mut())
                .for_each(&mut *f),
        }
    }
}

/// A picture that prints, or why it cannot (a Vietnamese phrase with what to do).
fn checked(wp: &WordPicture) -> Result<Picture, String> {
    let part = wp.part.clone().unwrap_or_default();
    if wp.linked {
        return Err(format!(
            "ảnh liên kết tới tệp ngoài ({part}), không nằm trong tệp Word; trong Word chọn Tệp → Thông tin → Sửa liên kết tới tệp → Lưu ảnh trong tài liệu"
        ));
    }
    let Some(bytes) = &wp.bytes else {
        return Err("tệp Word không chứa ảnh này; chèn lại ảnh trong Word".into());
    };
    let mut reader = ImageReader::new(Cursor::new(&bytes[..]))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let Some(format) = reader.format() else {
        let kind = vector_kind(bytes).unwrap_or("không rõ");
        return Err(format!(
            "định dạng {kind} không in được; trong Word bấm chuột phải vào ảnh → Lưu thành ảnh (Save as Picture) dạng PNG rồi chèn ảnh PNG đó"
        ));
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| {
        format!("ảnh {part} hỏng hoặc quá lớn ({e}); lưu lại ảnh dạng PNG hoặc JPEG, tối đa {MAX_SIDE_PX} điểm ảnh mỗi cạnh")
    })?;
    let (format, bytes): (PictureFormat, Arc<[u8]>) = match format {
        ImageFormat::Png => (PictureFormat::Png, bytes.clone()),
        ImageFormat::Jpeg => (PictureFormat::Jpeg, bytes.clone()),
        ImageFormat::Gif => (PictureFormat::Gif, bytes.clone()),
        _ => {
            // BMP, TIFF, WebP: neither writer embeds them as they are everywhere; PNG is lossless.
            let mut out = Vec::new();
            image
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|e| format!("ảnh {part} không chuyển được sang PNG ({e})"))?;
            (PictureFormat::Png, out.into())
        }
    };
    let (w, h) = (image.width(), image.height());
    // The size Word gave it; a drawing that states none is left to the layout (96 dpi).
    let extent_um = wp
        .extent_emu
        .map(|(cx, cy)| (cx / EMU_PER_UM, cy / EMU_PER_UM))
        .filter(|(x, y)| *x > 0 && *y > 0);
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(Picture {
        file: part,
        format,
        width_px: w,
        height_px: h,
        px_per_metre: None,
        extent_um: extent_um.map(|(x, y)| (clamp(x), clamp(y))),
        bytes,
    })
}

/// The name of a vector picture format Word embeds (EMF, WMF, SVG), from its first bytes.
fn vector_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() >= 44 && bytes[0..4] == [1, 0, 0, 0] && &bytes[40..44] == b" EMF" {
        Some("EMF")
    } else if bytes.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || bytes.starts_with(&[1, 0, 9, 0]) {
        Some("WMF")
    } else if bytes.starts_with(b"<svg") || bytes.starts_with(b"<?xml") {
        Some("SVG")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30]))
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn word_picture(bytes: Option<Vec<u8>>, extent: Option<(u64, u64)>) -> WordPicture {
        WordPicture {
            place: Place::Paragraph(4),
            part: Some("word/media/image1.png".into()),
            linked: false,
            bytes: bytes.map(Into::into),
            extent_emu: extent,
        }
    }

    #[test]
    fn a_png_keeps_the_size_word_gave_it() {
        let p = checked(&word_picture(Some(png(30, 40)), Some((1_080_000, 1_440_000)))).unwrap();
        assert_eq!(p.format, PictureFormat::Png);
        assert_eq!((p.width_px, p.height_px), (30, 40));
        assert_eq!(p.extent_um, Some((30_000, 40_000)));
    }

    #[test]
    fn a_bmp_becomes_a_png_and_a_missing_size_is_left_to_the_layout() {
        let mut bmp = Vec::new();
        image::RgbImage::from_pixel(96, 48, image::Rgb([0, 0, 0]))
            .write_to(&mut Cursor::new(&mut bmp), ImageFormat::Bmp)
            .unwrap();
        let p = checked(&word_picture(Some(bmp), None)).unwrap();
        assert_eq!(p.format, PictureFormat::Png);
        assert!(p.bytes.starts_with(&[0x89, b'P', b'N', b'G']));
        assert_eq!(p.extent_um, None);
    }

    #[test]
    fn what_cannot_print_says_why() {
        let mut emf = vec![1, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend_from_slice(b" EMF");
        emf.resize(100, 0);
        let why = checked(&word_picture(Some(emf), None)).unwrap_err();
        assert!(why.contains("EMF") && why.contains("PNG"), "{why}");
        let mut broken = png(10, 10);
        broken.truncate(60);
        assert!(checked(&word_picture(Some(broken), None)).is_err());
        let mut linked = word_picture(None, None);
        linked.linked = true;
        assert!(checked(&linked).unwrap_err().contains("liên kết"));
    }
}
