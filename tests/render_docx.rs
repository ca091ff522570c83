//! The DOCX renderer on the hand-written kế hoạch fixture, Party and State profiles: package structure,
//! literal text, the schema fixes, focused facts (header table, fonts, page numbers, nơi nhận), and a
//! snapshot of the pretty-printed document part (which only says that something changed).
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use std::collections::BTreeMap;
use vanban::ir::Document;
use vanban::profile::Profile;

/// The parts of a package: name → (compression method, text).
fn unzip(bytes: &[u8]) -> BTreeMap<String, (zip::CompressionMethod, String)> {
    common::docx::entries(bytes)
        .into_iter()
        .map(|(name, (method, bytes))| (name, (method, String::from_utf8(bytes).unwrap())))
        .collect()
}

fn part<'a>(parts: &'a BTreeMap<String, (zip::CompressionMethod, String)>, name: &str) -> &'a str {
    &parts
        .get(name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
}

fn render(doc: &Document, profile: &Profile) -> BTreeMap<String, (zip::CompressionMethod, String)> {
    unzip(&vanban::render::docx::write(&vanban::render::layout::resolve(doc, profile)).unwrap())
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

/// The text of each paragraph of a WordprocessingML part, in order (`w:t` runs joined, `w:br` as `\n`).
fn paragraphs(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "w:p" => current = Some(String::new()),
            Event::End(e) if e.name().as_ref() == "w:p" => out.extend(current.take()),
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == "w:br" => {
                if let Some(p) = current.as_mut() {
                    p.push('\n');
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    let c = match r.resolve_char_ref().unwrap() {
                        Some(c) => c,
                        None => match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "quot" => '"',
                            "apos" => '\'',
                            other => panic!("unknown entity {other}"),
                        },
                    };
                    p.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

/// The fixture made longer (its body four times and a long table) so that it runs to several pages.
fn long_fixture() -> Document {
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
    doc
}

/// Every part of a package written to disk reads back and is well-formed XML (what Word and
/// LibreOffice need before anything else), in both profiles, for the fixture and a long document.
#[test]
fn written_packages_read_back_as_well_formed_xml() {
    let dir = tempfile::tempdir().unwrap();
    for (doc_name, doc) in [("ke-hoach", fixture()), ("ke-hoach-dai", long_fixture())] {
        for (name, profile) in [("dang", Profile::dang()), ("nha-nuoc", state())] {
            let path = dir.path().join(format!("{doc_name}-{name}.docx"));
            std::fs::write(
                &path,
                vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile))
                    .unwrap(),
            )
            .unwrap();
            let parts = unzip(&std::fs::read(&path).unwrap());
            assert_eq!(parts.len(), 12, "{doc_name}-{name}");
            for (part_name, (_, text)) in &parts {
                let mut reader = quick_xml::Reader::from_str(text);
                reader.config_mut().check_end_names = true;
                let mut depth = 0i32;
                loop {
                    match reader.read_event() {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                        Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                        Ok(_) => {}
                        Err(e) => panic!("{doc_name}-{name} {part_name}: {e}"),
                    }
                }
                assert_eq!(depth, 0, "{doc_name}-{name} {part_name}: unclosed elements");
            }
        }
    }
}

/// A document longer than a page: the page number shows from page 2 (a first-page header without it),
/// and the table's header row repeats on every page while its data rows all follow it.
#[test]
fn long_document_numbers_pages_from_two_and_repeats_the_table_header() {
    for profile in [Profile::dang(), state()] {
        assert_eq!(profile.page.page_number_from, 2);
        let parts = render(&long_fixture(), &profile);
        let doc = part(&parts, "word/document.xml");
        let rels = part(&parts, "word/_rels/document.xml.rels");
        let header_of = |kind: &str| {
            let at = doc
                .find(&format!("<w:headerReference w:type=\"{kind}\" r:id=\""))
                .unwrap_or_else(|| panic!("no {kind} header"));
            let id = &doc[at..].split("r:id=\"").nth(1).unwrap();
            let id = &id[..id.find('"').unwrap()];
            let rel = &rels[rels.find(&format!("Id=\"{id}\"")).unwrap()..];
            let target = rel.split("Target=\"").nth(1).unwrap();
            part(
                &parts,
                &format!("word/{}", &target[..target.find('"').unwrap()]),
            )
            .to_owned()
        };
        let sect = &doc[doc.rfind("<w:sectPr>").unwrap()..];
        assert!(sect.contains("<w:titlePg"), "page 1 has its own header");
        let default = header_of("default");
        assert!(default.contains("PAGE"), "{default}");
        let size = format!("<w:sz w:val=\"{}\"", profile.page.page_number_size_pt * 2.0);
        assert!(default.contains(&size), "page number size: {default}");
        assert!(!header_of("first").contains("PAGE"));

        // The long table: one header row marked to repeat, and 40 more data rows than the fixture's.
        let long_table = doc
            .split("<w:tbl>")
            .skip(1)
            .map(|t| &t[..t.find("</w:tbl>").unwrap()])
            .max_by_key(|t| t.matches("<w:tr>").count())
            .unwrap();
        assert_eq!(long_table.matches("<w:tblHeader/>").count(), 1);
        let first_row = &long_table[long_table.find("<w:tr>").unwrap()..];
        let first_row = &first_row[..first_row.find("</w:tr>").unwrap()];
        assert!(
            first_row.contains("<w:tblHeader/>"),
            "the header row is the first"
        );
        let texts = paragraphs(long_table);
        for i in 3..43 {
            assert!(texts.contains(&i.to_string()), "row {i} missing");
        }
    }
}

/// What the document snapshots show, stated on its own for both profiles: a two-column header table,
/// every run in the profile's family at the body size unless a role says otherwise, and the nơi nhận
/// lines punctuated as the profile says.
#[test]
fn header_fonts_and_noi_nhan_follow_the_profile() {
    let ir = fixture();
    for profile in [Profile::dang(), state()] {
        let parts = render(&ir, &profile);
        let doc = part(&parts, "word/document.xml");
        let styles = part(&parts, "word/styles.xml");

        // The header is a table of two columns: issuing body on the left, national/Party line right.
        let header = &doc[doc.find("<w:tbl>").unwrap()..];
        let header = &header[..header.find("</w:tbl>").unwrap()];
        let grid =
            &header[header.find("<w:tblGrid>").unwrap()..header.find("</w:tblGrid>").unwrap()];
        assert_eq!(grid.matches("<w:gridCol").count(), 2, "{grid}");
        let left = &header[..header.find("</w:tc>").unwrap()];
        assert!(
            paragraphs(left)
                .iter()
                .any(|p| p == &ir.header.co_quan.to_uppercase()),
            "{:?}",
            paragraphs(left)
        );

        // One family everywhere: the document defaults name it, no run names another.
        let family = &profile.fonts.docx_family;
        let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..];
        assert!(
            defaults[..defaults.find("</w:docDefaults>").unwrap()]
                .contains(&format!("w:ascii=\"{family}\"")),
            "{defaults}"
        );
        assert!(!doc.contains("<w:rFonts"), "a run names its own font");
        // Body text at the body size (half-points).
        let body_style = &styles[styles.find("w:styleId=\"VanBan\"").unwrap()..];
        let body_style = &body_style[..body_style.find("</w:style>").unwrap()];
        let sz = format!("<w:sz w:val=\"{}\"", profile.body.size_pt * 2.0);
        assert!(body_style.contains(&sz), "{body_style}");

        // Nơi nhận: the label, then each recipient with the marker and separator, the archive line last.
        let noi_nhan = ir.noi_nhan.as_ref().unwrap();
        let style = &profile.noi_nhan;
        let texts = paragraphs(doc);
        let at = texts.iter().position(|p| p == &style.label_text).unwrap();
        let mut want: Vec<String> = noi_nhan
            .items
            .iter()
            .map(|i| format!("{}{i}{}", style.marker, style.separator))
            .collect();
        let luu = style
            .luu_pattern
            .replace("{luu}", noi_nhan.luu.as_deref().unwrap_or_default())
            .replace("{ky_hieu}", "ĐU");
        want.push(format!("{}{luu}{}", style.marker, style.last));
        assert_eq!(texts[at + 1..at + 1 + want.len()], want[..]);
    }
}

#[test]
fn same_bytes_every_time() {
    let a = vanban::render::docx::write(&vanban::render::layout::resolve(
        &fixture(),
        &Profile::dang(),
    ))
    .unwrap();
    let _ = vanban::render::docx::write(&vanban::render::layout::resolve(&fixture(), &state()))
        .unwrap();
    let b = vanban::render::docx::write(&vanban::render::layout::resolve(
        &fixture(),
        &Profile::dang(),
    ))
    .unwrap();
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
    // Every part is compressed but the document's small properties (stored: deflate's restart would
    // cost more than it saves).
    for (name, (method, _)) in &parts {
        let expected = if name == "docProps/core.xml" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(*method, expected, "{name}");
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
    // One rule (under the Party line), drawn as a Word line shape (DrawingML, wps), never a paragraph
    // border (offices' checkers count only line shapes); the only underline is "Nơi nhận:".
    assert_eq!(doc.matches("<w:pBdr>").count(), 0);
    assert_eq!(line_shapes(doc), 1);
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
    // The only date is the document's own (reproducible output, never the clock).
    let core = part(&parts, "docProps/core.xml");
    assert_eq!(core.matches("2022-07-29T00:00:00Z").count(), 2, "{core}");
    assert_eq!(core.matches("dcterms:W3CDTF").count(), 2, "{core}");
}

/// The Word line shapes of a document part: DrawingML shapes (`wps:wsp`) with the preset geometry
/// `line`, black, solid, anchored and centred on their column.
fn line_shapes(doc: &str) -> usize {
    let shapes: Vec<&str> = doc.split("<wps:wsp>").skip(1).collect();
    for s in &shapes {
        let s = &s[..s.find("</wps:wsp>").unwrap()];
        assert!(s.contains("<a:prstGeom prst=\"line\">"), "{s}");
        assert!(
            s.contains("<a:srgbClr val=\"000000\"/>") && s.contains("<a:prstDash val=\"solid\"/>"),
            "{s}"
        );
    }
    assert_eq!(
        doc.matches("<wp:align>center</wp:align>").count(),
        shapes.len()
    );
    shapes.len()
}

#[test]
fn state_package_structure() {
    let parts = render(&fixture(), &state());
    let doc = part(&parts, "word/document.xml");
    // Rules under the issuing body, the tiêu ngữ and the trích yếu, as line shapes; no underline anywhere.
    assert_eq!(doc.matches("<w:pBdr>").count(), 0);
    assert_eq!(line_shapes(doc), 3);
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

/// The IR's text invariant (established by `Document::clean` where documents are built) reaches the
/// DOCX as it is; a newline in data prints as a line break.
#[test]
fn cleaned_data_text_prints_as_is() {
    let mut doc = fixture();
    // A control character, a line break, a decomposed letter (e + dot below + circumflex).
    doc.header.co_quan = "Chi bộ A\u{1}B\nVi\u{0065}\u{0323}\u{0302}t".into();
    let parts = render(&doc.clean(), &Profile::dang());
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
