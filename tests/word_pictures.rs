//! A Word template's own pictures (a logo, a photo in a table cell) print in both formats at the size
//! Word gave them; what cannot print (a vector EMF, a picture linked to a file outside the package) is
//! left out with a warning naming its place; a `<anh/>` tag naming a picture the kind lacks is a
//! template error.

#![allow(clippy::unwrap_used)]

mod common;

use common::pictures::png;
use common::word::*;
use std::io::Cursor;
use vanban::ir::{Align, Block, Document, Inline, PictureFormat};
use vanban::pipeline::{self, DocumentRequest, Format, Input, Library, ReadLimits, Rendered};

/// A 30 × 40 pixel JPEG photo.
fn jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_fn(30, 40, |x, y| {
        image::Rgb([(x * 8) as u8, (y * 6) as u8, 90])
    })
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
    .unwrap();
    out
}

/// The first bytes of an EMF file (a vector picture Word embeds for pasted clip art).
fn emf() -> Vec<u8> {
    let mut b = vec![1, 0, 0, 0];
    b.resize(40, 0);
    b.extend_from_slice(b" EMF");
    b.resize(108, 0);
    b
}

/// EMUs per centimetre.
const CM: u64 = 360_000;

/// A thư khen with a centred 2 cm logo, a 3 × 4 cm photo in a table cell, an EMF and a linked
/// picture.
fn template(logo: &[u8], photo: &[u8]) -> Vec<u8> {
    let centred = "<w:jc w:val=\"center\"/>";
    docx_with_media(
        &[
            thong_so(&[("per", "dang-vien")]),
            header(
                &["{{ org.cap_tren }}", "{{ org.co_quan }}"],
                "{{ org.dia_danh }}, {{ org.ngay_bao_cao|ngay_dai }}",
            ),
            centred_bold("THƯ KHEN"),
            p(centred, &[drawing("rIdLogo", 2 * CM, 2 * CM)]),
            p(
                "<w:jc w:val=\"both\"/>",
                &[t("Đồng chí "), b("{{ dv.ho_ten }}"), t(" được khen.")],
            ),
            tbl(
                true,
                &[3000, 6354],
                &[
                    tr(&[tc(&[pt("Ảnh")]), tc(&[pt("Họ và tên")])]),
                    tr(&[
                        tc(&[p("", &[drawing("rIdPhoto", 3 * CM, 4 * CM)])]),
                        tc(&[pt("{{ dv.ho_ten }}")]),
                    ]),
                ],
            ),
            p("", &[drawing("rIdClipArt", CM, CM)]),
            p("", &[drawing("rIdLinked", CM, CM)]),
            // The same logo again, smaller: a picture of its own size.
            p(centred, &[t("Hết. "), drawing("rIdLogo", CM, CM)]),
            signature(
                &["Nơi nhận:", "- Đồng chí {{ dv.ho_ten }};", "- Lưu."],
                &[
                    "{{ org.quyen_han_ky }} Đảng ủy",
                    "{{ org.chuc_vu_nguoi_ky }}",
                ],
                "{{ org.nguoi_ky }}",
            ),
        ],
        &[
            ("rIdLogo", "media/image1.png", logo.to_vec()),
            ("rIdPhoto", "media/image2.jpeg", photo.to_vec()),
            ("rIdClipArt", "media/image3.emf", emf()),
            ("rIdLinked", "file:///C:/anh/con-dau.png", Vec::new()),
        ],
    )
}

fn render(bytes: Vec<u8>, formats: &[Format]) -> vanban::Result<Rendered> {
    let library = Library::load(None)?.with_word_file("thu-khen.docx", bytes);
    let engine = library.engine("dang", ReadLimits::default())?;
    pipeline::render(
        &engine,
        &DocumentRequest::new("thu-khen", Some(1), Input::Sample),
        formats,
    )
}

#[test]
fn pictures_of_a_word_template_reach_the_ir_where_word_had_them() {
    let logo = png(60, 60, None);
    let r = render(template(&logo, &jpeg()), &[Format::Ir]).unwrap();
    let doc: Document = serde_json::from_slice(&r.files[0].1).unwrap();
    // The logo at two sizes is two pictures; the EMF and the linked one are left out.
    let sizes: Vec<_> = doc
        .pictures
        .iter()
        .map(|p| (p.format, p.extent_um))
        .collect();
    assert_eq!(
        sizes,
        vec![
            (PictureFormat::Png, Some((20_000, 20_000))),
            (PictureFormat::Jpeg, Some((30_000, 40_000))),
            (PictureFormat::Png, Some((10_000, 10_000))),
        ]
    );
    assert!(doc.blocks.iter().any(|b| matches!(b,
        Block::Paragraph { content, align: Align::Center }
            if content == &vec![Inline::Picture { picture: 0 }])));
    let table = common::first_table(&doc);
    assert_eq!(table.rows[0][0], vec![Inline::Picture { picture: 1 }]);
    let warnings: Vec<String> = r.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("EMF") && w.contains("đoạn")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("liên kết")),
        "{warnings:?}"
    );
}

#[test]
fn the_docx_embeds_each_picture_as_it_is_in_line_at_its_size() {
    let (logo, photo) = (png(60, 60, None), jpeg());
    let r = render(template(&logo, &photo), &[Format::Docx]).unwrap();
    let parts = common::docx::parts(&r.files[0].1);
    assert_eq!(parts["word/media/anh-1.png"], logo);
    assert_eq!(parts["word/media/anh-2.jpeg"], photo);
    assert_eq!(parts["word/media/anh-3.png"], logo);
    let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
    assert!(
        types.contains("Extension=\"jpeg\" ContentType=\"image/jpeg\""),
        "{types}"
    );
    let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).unwrap();
    assert!(rels.contains("Id=\"rIdPicture2\"") && rels.contains("Target=\"media/anh-2.jpeg\""));
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(
        xml.contains("<wp:inline"),
        "pictures are in line with the text"
    );
    assert!(
        xml.contains("cx=\"720000\" cy=\"720000\""),
        "the logo is 2 cm"
    );
    assert!(
        xml.contains("cx=\"1080000\" cy=\"1440000\""),
        "the photo is 3 × 4 cm"
    );
    // Every drawing has its own id, as Word requires.
    let ids: Vec<&str> = xml
        .match_indices("<wp:docPr id=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    // The logo's paragraph lets its line grow (an exact pitch would cut the picture off).
    let logo_at = xml.find("r:embed=\"rIdPicture1\"").unwrap();
    let para = &xml[xml[..logo_at]
        .rfind("<w:p>")
        .or(xml[..logo_at].rfind("<w:p "))
        .unwrap()..logo_at];
    assert!(para.contains("w:lineRule=\"atLeast\""), "{para}");
}

#[test]
fn the_pdf_holds_each_picture_it_prints() {
    let r = render(template(&png(60, 60, None), &jpeg()), &[Format::Pdf]).unwrap();
    let pdf = lopdf::Document::load_mem(&r.files[0].1).unwrap();
    let mut sizes: Vec<(i64, i64)> = pdf
        .objects
        .values()
        .filter_map(|o| {
            let s = o.as_stream().ok()?;
            (s.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Image").then_some(())?;
            // A transparency mask is a grey image of its own; the pictures are in colour.
            if s.dict.get(b"ColorSpace").ok()?.as_name().ok() == Some(b"DeviceGray".as_slice()) {
                return None;
            }
            Some((
                s.dict.get(b"Width").ok()?.as_i64().ok()?,
                s.dict.get(b"Height").ok()?.as_i64().ok()?,
            ))
        })
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    assert_eq!(sizes, vec![(30, 40), (60, 60)], "image XObjects");
}

#[test]
fn a_picture_tag_naming_no_picture_is_a_template_error() {
    let md = "+++\nten_tep = \"thong-bao-anh\"\nten_loai = \"Thông báo\"\n[header]\nco_quan = \"Đảng ủy Văn phòng Tỉnh ủy\"\ndia_danh = \"Vĩnh Phúc\"\n[signature]\nho_ten = \"Trần Việt Cường\"\n+++\nCó ảnh:\n\n<anh so=\"2\"/>\n";
    let library = Library::load(None)
        .unwrap()
        .with_file("thong-bao-anh.md", md);
    let engine = library.engine("dang", ReadLimits::default()).unwrap();
    let e = pipeline::render(
        &engine,
        &DocumentRequest::new("thong-bao-anh", None, Input::Sample),
        &[Format::Ir],
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 1);
    let text = e.to_string();
    assert!(
        text.contains("<anh so=\"2\"/>") && text.contains("0 hình ảnh"),
        "{text}"
    );
}
