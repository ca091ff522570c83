//! The DOCX renderer on the hand-written kế hoạch fixture, Party and State profiles: package structure,
//! literal text, the schema fixes, and a snapshot of the pretty-printed document part.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use vanban::ir::Document;
use vanban::profile::Profile;

/// The parts of a package: name → (compression method, text).
fn unzip(bytes: &[u8]) -> BTreeMap<String, (zip::CompressionMethod, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        out.insert(f.name().unwrap().to_string(), (f.compression(), text));
    }
    out
}

fn part<'a>(parts: &'a BTreeMap<String, (zip::CompressionMethod, String)>, name: &str) -> &'a str {
    &parts
        .get(name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
}

fn render(doc: &Document, profile: &Profile) -> BTreeMap<String, (zip::CompressionMethod, String)> {
    unzip(&vanban::render::docx::render(doc, profile).unwrap())
}

/// document.xml indented, for the snapshot.
fn pretty(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            e => writer.write_event(e).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

fn fixture() -> Document {
    serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).unwrap()
}

fn state() -> Profile {
    Profile::builtin("nha-nuoc").unwrap()
}

/// Writes the fixture DOCX files to the temp directory (vanban-ke-hoach-dang.docx,
/// vanban-ke-hoach-nha-nuoc.docx) so they can be checked by hand with openxml-audit or LibreOffice.
#[test]
fn writes_fixture_docx_to_temp_dir() {
    for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
        let bytes = vanban::render::docx::render(&fixture(), &profile).unwrap();
        let path = std::env::temp_dir().join(format!("vanban-ke-hoach-{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
    }
}

/// A longer document (the fixture's body four times and a long table) to see page 2: the page number
/// and the repeated table header row. Written as vanban-ke-hoach-dai-{dang,nha-nuoc}.docx.
#[test]
fn writes_long_docx_to_temp_dir() {
    let mut doc = fixture();
    let body = doc.blocks.clone();
    for _ in 0..3 {
        doc.blocks.extend(body.iter().cloned());
    }
    if let Some(vanban::ir::Block::Table(t)) = body
        .iter()
        .find(|b| matches!(b, vanban::ir::Block::Table(_)))
    {
        let mut long = t.clone();
        for i in 0..40 {
            let mut row = t.rows[0].clone();
            row[0] = vec![vanban::ir::Inline::plain((i + 3).to_string())];
            long.rows.push(row);
        }
        doc.blocks.push(vanban::ir::Block::Table(long));
    }
    for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
        let bytes = vanban::render::docx::render(&doc, &profile).unwrap();
        let path = std::env::temp_dir().join(format!("vanban-ke-hoach-dai-{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
    }
}

#[test]
fn same_bytes_every_time() {
    let a = vanban::render::docx::render(&fixture(), &Profile::dang()).unwrap();
    let _ = vanban::render::docx::render(&fixture(), &state()).unwrap();
    let b = vanban::render::docx::render(&fixture(), &Profile::dang()).unwrap();
    assert!(a == b, "two renders of the same document differ");
}

const HOSTILE_ESCAPED: &str =
    "Tổng hợp &lt;b&gt;#x&lt;/b&gt; $y$ *z* _w_ @r \\ | &amp; &quot;q&quot;";

#[test]
fn party_package_structure() {
    let parts = render(&fixture(), &Profile::dang());
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
        ]
    );
    for (name, (method, _)) in &parts {
        assert_eq!(
            *method,
            zip::CompressionMethod::Deflated,
            "{name} is not compressed"
        );
    }
    // Every part but the relationships and content types is declared, every relationship target exists.
    let ct = part(&parts, "[Content_Types].xml");
    for name in parts
        .keys()
        .filter(|n| !n.ends_with(".rels") && !n.starts_with('['))
    {
        assert!(
            ct.contains(&format!("PartName=\"/{name}\"")),
            "{name} not in content types"
        );
    }
    let rels = part(&parts, "word/_rels/document.xml.rels");
    for target in rels
        .split("Target=\"")
        .skip(1)
        .map(|t| &t[..t.find('"').unwrap()])
    {
        assert!(
            parts.contains_key(&format!("word/{target}")),
            "dangling {target}"
        );
    }

    let doc = part(&parts, "word/document.xml");
    // Data is never markup: the hostile name prints literally (XML-escaped), in the list and the table.
    assert_eq!(doc.matches(HOSTILE_ESCAPED).count(), 2, "{doc}");
    assert!(!doc.contains("w:numPr"), "no Word numbering");
    assert!(doc.contains("<w:t xml:space=\"preserve\">- </w:t>"));
    assert!(doc.contains("<w:t xml:space=\"preserve\">+ </w:t>"));
    assert!(doc.contains("<w:titlePg"));
    assert!(doc.contains("w:type=\"first\""));
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 1);
    assert!(
        doc.contains("<w:br w:type=\"textWrapping\""),
        "Inline::LineBreak is a w:br"
    );
    // Body paragraphs use the named body style, which is justified with an exact line pitch.
    assert!(doc.contains("<w:pStyle w:val=\"VanBan\""));
    assert!(doc.contains("<w:pStyle w:val=\"GhiChu\""));
    // One rule (under the Party line), drawn as a paragraph border; the only underline is "Nơi nhận:".
    assert_eq!(doc.matches("<w:pBdr>").count(), 1);
    assert_eq!(doc.matches("<w:u ").count(), 1);
    assert!(!doc.contains("____"));
    assert!(doc.contains(">-----<"));
    assert!(doc.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(doc.contains("Vĩnh Phúc, ngày 29 tháng 7 năm 2022"));

    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains(
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\""
    ));
    assert!(styles.contains("<w:lang w:val=\"vi-VN\""));
    assert!(styles.contains("<w:color w:val=\"000000\"/>"));
    let body_style = &styles[styles.find("w:styleId=\"VanBan\"").unwrap()..];
    let body_style = &body_style[..body_style.find("</w:style>").unwrap()];
    assert!(body_style.contains("<w:jc w:val=\"both\""), "{body_style}");
    assert!(
        body_style.contains("w:line=\"360\" w:lineRule=\"exact\""),
        "{body_style}"
    );
    assert!(body_style.contains("w:firstLine=\"567\""), "{body_style}");
    assert!(part(&parts, "word/header1.xml").contains("PAGE"));
    assert!(!part(&parts, "word/header2.xml").contains("PAGE"));
    assert!(
        !part(&parts, "docProps/core.xml").contains("dcterms:"),
        "no timestamps"
    );
}

#[test]
fn state_package_structure() {
    let parts = render(&fixture(), &state());
    let doc = part(&parts, "word/document.xml");
    // Rules under the issuing body, the tiêu ngữ and the trích yếu; no underline anywhere.
    assert_eq!(doc.matches("<w:pBdr>").count(), 3);
    assert_eq!(doc.matches("<w:u ").count(), 0);
    assert!(doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(doc.contains("Số: 09/KH-ĐU"));
    assert!(!doc.contains(">-----<"));
    assert_eq!(doc.matches(HOSTILE_ESCAPED).count(), 2);
    // "Nơi nhận:" 12 pt bold italic.
    let label = doc.find(">Nơi nhận:<").unwrap();
    let run = &doc[doc[..label].rfind("<w:r>").unwrap()..label];
    assert!(
        run.contains("<w:b />") && run.contains("<w:i />") && run.contains("w:val=\"24\""),
        "{run}"
    );
}

#[test]
fn data_text_is_cleaned() {
    let mut doc = fixture();
    // A control character, a line break, a decomposed letter (e + dot below + circumflex).
    doc.header.co_quan = "Chi bộ A\u{1}B\nVi\u{0065}\u{0323}\u{0302}t".into();
    let parts = render(&doc, &Profile::dang());
    let xml = part(&parts, "word/document.xml");
    assert!(
        xml.contains(
            "CHI BỘ AB</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">VIỆT</w:t>"
        ),
        "{xml}"
    );
    assert!(!xml.contains('\u{1}'));
}

#[test]
fn document_snapshots() {
    for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
        let parts = render(&fixture(), &profile);
        insta::assert_snapshot!(
            format!("document-{name}"),
            pretty(part(&parts, "word/document.xml"))
        );
    }
}

/// A bản cam kết shape: no number, no date yet, a confirming signature on the left instead of nơi nhận.
#[test]
fn left_signature_and_blanks() {
    use vanban::ir::{Authority, Signature};
    let mut doc = fixture();
    doc.header.number = None;
    doc.header.ngay = None;
    doc.noi_nhan = None;
    doc.signatures.left = Some(Signature {
        label: Some("Xác nhận của Đảng ủy".into()),
        authority: Some(Authority::ThayMat),
        to_chuc: Some("Đảng ủy".into()),
        chuc_vu: Some("Bí thư".into()),
        ho_ten: "Nguyễn Văn An".into(),
        ..Signature::default()
    });
    for profile in [Profile::dang(), state()] {
        let parts = render(&doc, &profile);
        let xml = part(&parts, "word/document.xml");
        assert!(xml.contains("XÁC NHẬN CỦA ĐẢNG ỦY"));
        assert!(xml.contains(">Nguyễn Văn An<") && xml.contains(">Trần Việt Cường<"));
        assert!(!xml.contains("Nơi nhận"));
        assert!(
            xml.contains("ngày      tháng      năm 20    "),
            "blank date line"
        );
        // Header table, body table, signature table.
        assert_eq!(xml.matches("<w:tbl>").count(), 3);
    }
}

/// A second signature and a nơi nhận: both print, the nơi nhận under the two signatures (as in the PDF).
#[test]
fn left_signature_and_noi_nhan_both_print() {
    use vanban::ir::{Authority, Signature};
    let mut doc = fixture();
    doc.signatures.left = Some(Signature {
        label: Some("Xác nhận của Đảng ủy".into()),
        authority: Some(Authority::ThayMat),
        to_chuc: Some("Đảng ủy".into()),
        chuc_vu: Some("Bí thư".into()),
        ho_ten: "Nguyễn Văn An".into(),
        ..Signature::default()
    });
    for profile in [Profile::dang(), state()] {
        let parts = render(&doc, &profile);
        let xml = part(&parts, "word/document.xml");
        let sig = xml.find("XÁC NHẬN CỦA ĐẢNG ỦY").unwrap();
        let nn = xml.find("Nơi nhận").unwrap();
        assert!(sig < nn, "the nơi nhận follows the signatures");
        // Header table, body table, signature table; the nơi nhận is paragraphs (two tables in a row
        // would merge in LibreOffice).
        assert_eq!(xml.matches("<w:tbl>").count(), 3);
        assert!(xml[xml.rfind("</w:tbl>").unwrap()..].contains("Nơi nhận"));
    }
}
