//! Word documents built in code, as Word writes them: a package with the parts Word saves, and
//! WordprocessingML paragraphs whose typed text Word has split into runs (spell-check marks, revision
//! ids, bookmarks, language changes), tables, a Thông số văn bản table.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text (`rpr`: run properties XML such as `<w:b/>`), with a revision id as Word writes one.
pub fn r(text: &str, rpr: &str) -> String {
    format!(
        "<w:r w:rsidR=\"00A1B2C3\"><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

/// Plain runs.
pub fn t(text: &str) -> String {
    r(text, "")
}

/// Bold runs.
pub fn b(text: &str) -> String {
    r(text, "<w:b/><w:bCs/>")
}

/// A paragraph of runs (`ppr`: paragraph properties XML such as `<w:jc w:val="center"/>`).
pub fn p(ppr: &str, runs: &[String]) -> String {
    format!(
        "<w:p w:rsidR=\"00D4E5F6\" w:rsidRDefault=\"00D4E5F6\"><w:pPr>{ppr}</w:pPr>{}</w:p>",
        runs.concat()
    )
}

/// A paragraph of plain text.
pub fn pt(text: &str) -> String {
    p("", &[t(text)])
}

/// A centred paragraph of bold text.
pub fn centred_bold(text: &str) -> String {
    p("<w:jc w:val=\"center\"/>", &[b(text)])
}

/// A table cell of paragraphs.
pub fn tc(paragraphs: &[String]) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
        paragraphs.concat()
    )
}

/// A table row of cells.
pub fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// A table (bordered as Word's "Table Grid", or borderless) of rows.
pub fn tbl(bordered: bool, grid: &[u32], rows: &[String]) -> String {
    let borders = if bordered {
        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>"
    } else {
        "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
    };
    let cols: String = grid
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>{borders}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

/// The Thông số văn bản table: a title row, then key | value rows.
pub fn thong_so(rows: &[(&str, &str)]) -> String {
    let mut out = vec![tr(&[tc(&[pt("Thông số văn bản")]), tc(&[pt("")])])];
    for (k, v) in rows {
        out.push(tr(&[tc(&[pt(k)]), tc(&[pt(v)])]));
    }
    tbl(true, &[3000, 6000], &out)
}

/// A whole `document.xml` of body blocks, with the section properties Word ends a body with.
pub fn document(body: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        body.concat()
    )
}

/// A `.docx` package of parts (name, XML); the package's own parts are added.
pub fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(n, x)| (*n, x.clone().into_bytes()))
        .collect();
    package_bytes(&parts)
}

/// A `.docx` package of parts (name, bytes); the package's own parts are added.
pub fn package_bytes(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(content_types.as_bytes()).unwrap();
    zip.start_file("_rels/.rels", options).unwrap();
    zip.write_all(rels.as_bytes()).unwrap();
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A `.docx` of body blocks only.
pub fn docx(body: &[String]) -> Vec<u8> {
    package(&[("word/document.xml", document(body))])
}

/// A Party header table: bodies, "*", number on the left; the Party line and the date line on the
/// right (each as given, tags allowed).
pub fn header(left: &[&str], right_date: &str) -> String {
    let mut l: Vec<String> = left
        .iter()
        .map(|x| p("<w:jc w:val=\"center\"/>", &[t(x)]))
        .collect();
    l.push(p("<w:jc w:val=\"center\"/>", &[t("*")]));
    let rr = vec![
        p("<w:jc w:val=\"center\"/>", &[b("ĐẢNG CỘNG SẢN VIỆT NAM")]),
        p("<w:jc w:val=\"center\"/>", &[r(right_date, "<w:i/>")]),
    ];
    tbl(false, &[4200, 5154], &[tr(&[tc(&l), tc(&rr)])])
}

/// A signature table: the nơi nhận (left), the signature lines (right) with blank lines before the
/// name.
pub fn signature(noi_nhan: &[&str], top: &[&str], name: &str) -> String {
    let left: Vec<String> = noi_nhan.iter().map(|x| pt(x)).collect();
    let mut right: Vec<String> = top
        .iter()
        .map(|x| p("<w:jc w:val=\"center\"/>", &[b(x)]))
        .collect();
    for _ in 0..3 {
        right.push(p("<w:jc w:val=\"center\"/>", &[]));
    }
    right.push(p("<w:jc w:val=\"center\"/>", &[b(name)]));
    tbl(false, &[4677, 4677], &[tr(&[tc(&left), tc(&right)])])
}

/// A thư khen as a clerk types it in Word: a Thông số table choosing the đảng viên rated "xuất sắc"
/// (typed with Word's smart quotes), tags split over runs by spell-check marks, a bookmark, a language
/// change and revision ids, the name's tag in bold.
pub fn thu_khen() -> Vec<u8> {
    let name_tag = [
        b("{{ dv."),
        "<w:proofErr w:type=\"spellStart\"/>".to_owned(),
        r("ho_", "<w:b/><w:lang w:val=\"en-US\"/>"),
        "<w:bookmarkStart w:id=\"0\" w:name=\"ten\"/>".to_owned(),
        r("ten }", "<w:b/><w:noProof/>"),
        "<w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"0\"/>".to_owned(),
        b("}"),
    ]
    .concat();
    docx(&[
        thong_so(&[
            ("per", "dang-vien"),
            ("chon", "dv.xep_loai == \u{2018}xuat_sac\u{2019}"),
            ("ten_tep", "thu-khen-{{ dv.stt|pad(3) }}"),
        ]),
        header(
            &["{{ org.cap_tren }}", "{{ org.co_quan }}"],
            "{{ org.dia_danh }}, {{ org.ngay_bao_cao|ngay_dai }}",
        ),
        centred_bold("THƯ KHEN"),
        p(
            "<w:jc w:val=\"both\"/>",
            &[
                t("Đồng chí "),
                name_tag,
                t(", Chi bộ {{ dv.chi_bo }}, được xếp loại "),
                t("{{ dv.xep_loai|xep_loai|lower }} năm {{\u{a0}nam }}, "),
                t(
                    "được {{ org.co_quan|replace(\u{201c}Đảng ủy\u{201d}, \u{201c}Đảng ủy\u{201d}) }} khen.",
                ),
            ],
        ),
        signature(
            &[
                "Nơi nhận:",
                "- Đồng chí {{ dv.ho_ten }};",
                "- Lưu Văn phòng Đảng ủy.",
            ],
            &[
                "{{ org.quyen_han_ky }} Đảng ủy",
                "{{ org.chuc_vu_nguoi_ky }}",
            ],
            "{{ org.nguoi_ky }}",
        ),
    ])
}

/// A run holding a picture in line with the text, as Word writes one: `rid` names its media part, `cx`,
/// `cy` its size in EMUs (360,000 per centimetre).
pub fn drawing(rid: &str, cx: u64, cy: u64) -> String {
    format!(
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"1\" name=\"Picture 1\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"logo.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
}

/// A `.docx` of body blocks and pictures: each (relationship id, target under `word/`, bytes) is a
/// media part the body's drawings name; a target starting with `file:` is linked, not embedded.
pub fn docx_with_media(body: &[String], media: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let rels: String = media
        .iter()
        .map(|(rid, target, _)| {
            let mode = if target.starts_with("file:") {
                " TargetMode=\"External\""
            } else {
                ""
            };
            format!("<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{target}\"{mode}/>")
        })
        .collect();
    let rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    );
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        ("word/document.xml", document(body).into_bytes()),
        ("word/_rels/document.xml.rels", rels.into_bytes()),
    ];
    let names: Vec<String> = media.iter().map(|(_, t, _)| format!("word/{t}")).collect();
    for ((_, target, bytes), name) in media.iter().zip(&names) {
        if !target.starts_with("file:") {
            parts.push((name.as_str(), bytes.clone()));
        }
    }
    package_bytes(&parts)
}
