//! Electronic documents and document properties, in both formats: the signature and seal images
//! (`--chu-ky`, `--con-dau`), PDF/A-2b (`--pdf-a`), the title/author/subject/date metadata, and margins
//! that never fall short of the profile.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
mod common;

use common::pictures::png;
use std::collections::BTreeMap;
use vanban::ir::{Document, Picture, SigningImages};
use vanban::profile::Profile;
use vanban::render::{self, RenderOptions};

fn fixture() -> Document {
    serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).unwrap()
}

fn picture(bytes: Vec<u8>, w: u32, h: u32, ppm: Option<u32>) -> Picture {
    let ppm = ppm.map(|p| (p, p));
    Picture {
        file: "test.png".into(),
        width_px: w,
        height_px: h,
        px_per_metre: ppm,
        bytes: bytes.into(),
        ..Picture::default()
    }
}

fn signed() -> Document {
    let mut doc = fixture();
    doc.images = Some(SigningImages {
        chu_ky: Some(picture(png(472, 236, Some(11811)), 472, 236, Some(11811))),
        con_dau: Some(picture(png(425, 425, Some(11811)), 425, 425, Some(11811))),
    });
    doc
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn docx_core_properties_and_margins() {
    for name in ["dang", "dang-36", "nha-nuoc"] {
        let profile = Profile::builtin(name).unwrap();
        let parts = common::docx::parts(
            &render::docx::write(&vanban::render::layout::resolve(&fixture(), &profile)).unwrap(),
        );
        let core = text(&parts, "docProps/core.xml");
        assert!(
            core.contains("<dc:title>Kế hoạch xây dựng mô hình chi bộ “4 tốt”</dc:title>"),
            "{core}"
        );
        assert!(
            core.contains("<dc:creator>Đảng ủy Văn phòng Tỉnh ủy</dc:creator>"),
            "{core}"
        );
        assert!(core.contains("<dc:subject>Kế hoạch số 09"), "{core}");
        assert!(core.contains("<dc:language>vi-VN</dc:language>"), "{core}");
        assert!(
            core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-07-29T00:00:00Z</dcterms:created>"),
            "{core}"
        );
        // 15 mm is 850.4 twips: the right margin is 851 (850 would be 14.99 mm).
        let doc = text(&parts, "word/document.xml");
        assert!(doc.contains("w:right=\"851\""), "{name}");
        assert!(
            doc.contains("w:left=\"1701\"") && doc.contains("w:top=\"1134\""),
            "{name}"
        );
    }
}

#[test]
fn docx_places_signature_and_seal_as_anchored_pictures() {
    let parts = common::docx::parts(
        &render::docx::write(&vanban::render::layout::resolve(
            &signed(),
            &Profile::dang(),
        ))
        .unwrap(),
    );
    assert!(parts.contains_key("word/media/chu-ky.png"));
    assert!(parts.contains_key("word/media/con-dau.png"));
    assert!(text(&parts, "[Content_Types].xml").contains("Extension=\"png\""));
    let rels = text(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdImageChuKy\"") && rels.contains("Target=\"media/con-dau.png\""));
    let doc = text(&parts, "word/document.xml");
    // Two pictures (the Party line's rule is a line shape anchored as well).
    assert_eq!(doc.matches("<pic:pic").count(), 2);
    // The seal is 425 px at 11811 px/m: 35.98 mm = 1,295,402 EMU, and reaches left of the column.
    let extents: Vec<i64> = doc
        .match_indices("<wp:extent cx=\"")
        .map(|(i, m)| {
            let rest = &doc[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(
        extents.iter().any(|&cx| (cx - 1_295_402).abs() < 50),
        "seal size: {extents:?}"
    );
    let seal = &doc[doc.find("rIdImageConDau").unwrap().saturating_sub(1500)..];
    assert!(seal.contains("<wp:posOffset>-"), "seal offset");
    // The seal comes after the signature in the same paragraph, and lies over it.
    assert!(doc.find("rIdImageChuKy").unwrap() < doc.find("rIdImageConDau").unwrap());
    // Without images: no media part.
    let plain = common::docx::parts(
        &render::docx::write(&vanban::render::layout::resolve(
            &fixture(),
            &Profile::dang(),
        ))
        .unwrap(),
    );
    assert!(!plain.keys().any(|k| k.starts_with("word/media/")));
}

fn pdf_info(bytes: &[u8]) -> (lopdf::Document, BTreeMap<String, String>) {
    let pdf = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = BTreeMap::new();
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let dict = pdf.get_dictionary(info).unwrap();
    for (k, v) in dict.iter() {
        if let Ok(s) = v.as_str() {
            out.insert(
                String::from_utf8_lossy(k).into_owned(),
                decode_pdf_string(s),
            );
        }
    }
    (pdf, out)
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
fn decode_pdf_string(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(s).into_owned()
    }
}

#[test]
fn pdf_document_information() {
    let bytes = vanban::render::pdf::write(
        &vanban::render::layout::resolve(&fixture(), &Profile::dang()),
        Default::default(),
    )
    .unwrap();
    let (_, info) = pdf_info(&bytes);
    assert_eq!(info["Title"], "Kế hoạch xây dựng mô hình chi bộ “4 tốt”");
    assert_eq!(info["Author"], "Đảng ủy Văn phòng Tỉnh ủy");
    assert_eq!(info["Subject"], "Kế hoạch số 09-KH/ĐU, ngày 29/7/2022");
    assert!(info["CreationDate"].starts_with("D:20220729"), "{info:?}");
}

#[test]
fn pdf_a_2b_identification_and_embedded_fonts() {
    let options = RenderOptions {
        pdf_a: true,
        ..Default::default()
    };
    let bytes = render::pdf::write(
        &render::layout::resolve(&signed(), &Profile::dang()),
        options,
    )
    .unwrap();
    let (pdf, info) = pdf_info(&bytes);
    assert_eq!(info["Author"], "Đảng ủy Văn phòng Tỉnh ủy");
    // The XMP metadata stream names PDF/A part 2, conformance B.
    let catalog = pdf.catalog().unwrap();
    let meta = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = pdf.get_object(meta).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&stream.content).into_owned();
    assert!(
        xmp.contains("pdfaid:part>2<") || xmp.contains("pdfaid:part=\"2\""),
        "{xmp}"
    );
    assert!(
        xmp.contains("pdfaid:conformance>B<") || xmp.contains("pdfaid:conformance=\"B\""),
        "{xmp}"
    );
    assert!(
        catalog.get(b"OutputIntents").is_ok(),
        "PDF/A needs an output intent"
    );
    // Every font descriptor carries an embedded font program.
    let mut descriptors = 0;
    for obj in pdf.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())
        {
            descriptors += 1;
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"),
                "font not embedded: {d:?}"
            );
        }
    }
    assert!(descriptors > 0);
    // Both images are in the file.
    let images = pdf
        .objects
        .values()
        .filter(|o| {
            o.as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Subtype").ok())
                .and_then(|t| t.as_name().ok())
                == Some(b"Image".as_slice())
        })
        .count();
    assert!(images >= 2, "{images} image XObjects");
}

#[test]
fn pdf_places_the_images_without_warnings() {
    let engine = vanban::render::pdf::PdfEngine::global().unwrap();
    let ins = engine
        .session()
        .inspect(&vanban::render::layout::resolve(
            &signed(),
            &Profile::dang(),
        ))
        .unwrap();
    assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
    // The signature block still reads in order.
    let text = ins.pages.join("\n");
    assert!(text.contains("BÍ THƯ"), "{text}");
}
