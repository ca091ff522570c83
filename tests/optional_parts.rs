//! The optional parts of 05-HD and NĐ 30 (issue 19): khẩn and mật marks, the draft mark (never
//! numbered), the circulation mark and the number of copies from Thông tin, and the bản sao block with
//! its own number (`--so-ban-sao`, or the register's BS series with `--cap-so`) — each in both formats
//! and both families of profiles.
#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use common::docx::{document_xml, part};
use std::path::Path;
use vanban::ir::Document;
use vanban::profile::Profile;
use vanban::render::layout;

/// `vanban render ARGS --format ir` in `dir`: the document model.
fn ir(args: &[&str], dir: &Path) -> Document {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "ir"]);
    let o = vanban(&all, dir);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The PDF page texts and the DOCX document part of a document in a profile.
fn both(doc: &Document, profile: &str) -> (Vec<String>, String) {
    let p = Profile::builtin(profile).unwrap();
    let l = layout::resolve(doc, &p);
    let pages = vanban::render::pdf::page_texts(&l).unwrap();
    let xml = document_xml(&vanban::render::docx::write(&l).unwrap());
    (pages, xml)
}

/// The text of the DOCX part's first table (page 1's header).
fn header_table(xml: &str) -> &str {
    let start = xml.find("<w:tbl>").unwrap();
    let end = xml[start..].find("</w:tbl>").unwrap() + start;
    &xml[start..end]
}

#[test]
fn khan_and_mat_stand_under_the_number_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    for profile in ["dang", "nha-nuoc"] {
        let doc = ir(
            &[
                "thong-bao-xep-loai",
                "--stt",
                "1",
                "--khan",
                "thuong-khan",
                "--mat",
                "--profile",
                profile,
            ],
            dir.path(),
        );
        assert!(doc.marks.khan.is_some() && doc.marks.mat.is_some());
        let (pages, xml) = both(&doc, profile);
        let page1 = &pages[0];
        let so = page1.find("Số").unwrap();
        let mat = page1.find("\nMẬT").expect(page1);
        let khan = page1.find("THƯỢNG KHẨN").expect(page1);
        let title = page1.find("THÔNG BÁO").unwrap();
        assert!(so < mat && mat < khan && khan < title, "{profile}: {page1}");
        let header = header_table(&xml);
        assert!(
            header.contains(">MẬT<") && header.contains(">THƯỢNG KHẨN<"),
            "{profile}"
        );
        // NĐ 30 draws them as stamps (a box); the Party's are plain bold lines.
        let boxed = header.contains("<w:pBdr>");
        assert_eq!(boxed, profile == "nha-nuoc", "{profile}");
    }
    // Hỏa tốc and tuyệt mật; a word that is not a level is a usage error.
    let doc = ir(
        &["ke-hoach", "--khan", "hoa-toc", "--mat", "tuyet-mat"],
        dir.path(),
    );
    let (pages, _) = both(&doc, "dang");
    assert!(pages[0].contains("TUYỆT MẬT") && pages[0].contains("HỎA TỐC"));
    let o = vanban(&["render", "ke-hoach", "--khan", "gap"], dir.path());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--khan"), "{}", stderr(&o));
}

#[test]
fn a_draft_is_marked_and_never_numbered() {
    let dir = tempfile::tempdir().unwrap();
    for profile in ["dang", "nha-nuoc"] {
        let doc = ir(
            &[
                "to-trinh-khen-thuong",
                "--du-thao",
                "2",
                "--profile",
                profile,
            ],
            dir.path(),
        );
        assert_eq!(doc.marks.du_thao, Some(2));
        let (pages, xml) = both(&doc, profile);
        let page1 = &pages[0];
        let so = page1.find("Số").unwrap();
        let draft = page1.find("Dự thảo lần 2").expect(page1);
        assert!(
            so < draft && draft < page1.find("TỜ TRÌNH").unwrap(),
            "{page1}"
        );
        assert!(header_table(&xml).contains(">Dự thảo lần 2<"));
    }
    // A draft takes no number: refused before the register is touched.
    let o = vanban(
        &[
            "render",
            "to-trinh-khen-thuong",
            "--du-thao",
            "2",
            "--cap-so",
            "--so-dang-ky",
            "so.sqlite",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!dir.path().join("so.sqlite").exists());
    // The same for a kind whose own front matter makes it a draft.
    let t = dir.path().join("mau");
    std::fs::create_dir_all(&t).unwrap();
    let src = vanban::pipeline::Library::load(None)
        .unwrap()
        .text("to-trinh-khen-thuong")
        .unwrap()
        .replacen("+++\n", "+++\ndu_thao = \"1\"\n", 1);
    std::fs::write(t.join("to-trinh-khen-thuong.md"), src).unwrap();
    let o = vanban(
        &[
            "render",
            "to-trinh-khen-thuong",
            "--templates",
            "mau",
            "--cap-so",
            "--so-dang-ky",
            "so.sqlite",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("dự thảo"), "{}", stderr(&o));
    assert!(!dir.path().join("out").exists() || bin_files(&dir.path().join("out")).is_empty());
    assert!(!dir.path().join("so.sqlite").exists());
}

fn bin_files(dir: &Path) -> Vec<String> {
    files(dir)
}

/// The sample workbook with more Thông tin rows.
fn sample_with(rows: &[(&str, vanban::sample::Cell)]) -> Vec<u8> {
    let mut data = vanban::sample::sample_data();
    for (k, v) in rows {
        data.thong_tin.retain(|(key, _)| key != k);
        data.thong_tin.push(((*k).to_owned(), v.clone()));
    }
    data.to_xlsx().unwrap()
}

#[test]
fn circulation_and_copies_come_from_thong_tin() {
    use vanban::sample::Cell;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("du-lieu.xlsx"),
        sample_with(&[
            ("Phạm vi lưu hành", Cell::from("Tài liệu lưu hành nội bộ")),
            ("Số bản", Cell::from(26i64)),
            ("Người soạn thảo", Cell::from("NguyenVanAn")),
        ]),
    )
    .unwrap();
    for (profile, drafter) in [("dang", "NguyenVanAn-26"), ("nha-nuoc", "NguyenVanAn.(26)")] {
        let doc = ir(
            &[
                "to-trinh-khen-thuong",
                "--data",
                "du-lieu.xlsx",
                "--profile",
                profile,
            ],
            dir.path(),
        );
        assert_eq!(doc.marks.so_ban, Some(26));
        let (pages, xml) = both(&doc, profile);
        let all = pages.join("\n");
        assert!(all.contains(drafter), "{profile}: {all}");
        assert!(xml.contains(&format!(">{drafter}<")), "{profile}");
        assert!(pages[0].contains("TÀI LIỆU LƯU HÀNH NỘI BỘ"), "{profile}");
        if profile == "dang" {
            // 05-HD box 11a: page 1, top right, 10 mm from the top edge (above the header).
            assert!(
                pages[0].starts_with("TÀI LIỆU LƯU HÀNH NỘI BỘ"),
                "{}",
                pages[0]
            );
            let frame = xml.find("<w:framePr").unwrap();
            assert!(
                frame > xml.find("</w:tbl>").unwrap(),
                "after the header table"
            );
            assert!(xml[frame..].starts_with("<w:framePr") && xml.contains("w:vAnchor=\"page\""));
            assert!(xml.contains("w:xAlign=\"right\"") && xml.contains("w:y=\"567\""));
        } else {
            assert!(header_table(&xml).contains(">TÀI LIỆU LƯU HÀNH NỘI BỘ<"));
        }
    }
    // "Không phổ biến …" stands on the last page (05-HD), centred near its foot.
    std::fs::write(
        dir.path().join("khong-pho-bien.xlsx"),
        sample_with(&[(
            "Phạm vi lưu hành",
            Cell::from("Không phổ biến trên phương tiện thông tin đại chúng"),
        )]),
    )
    .unwrap();
    let doc = ir(&["ke-hoach", "--data", "khong-pho-bien.xlsx"], dir.path());
    let (pages, xml) = both(&doc, "dang");
    let last = pages.last().unwrap();
    assert!(last.contains("KHÔNG PHỔ BIẾN"), "{last}");
    assert!(!pages[0].contains("KHÔNG PHỔ BIẾN"));
    assert!(xml.rfind("KHÔNG PHỔ BIẾN").unwrap() > xml.rfind("Trần Việt Cường").unwrap());
}

/// The lines of a copy block, in the last page's text, in order.
fn assert_in_order(text: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        let i = text[at..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} not after {at} in:\n{text}"));
        at += i + n.len();
    }
}

#[test]
fn a_copy_carries_its_own_number_place_date_signature_and_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let args = |profile: &'static str| {
        vec![
            "ke-hoach",
            "--ban-sao",
            "sao-y",
            "--so-ban-sao",
            "1",
            "--ngay-ban-sao",
            "05/01/2027",
            "--noi-nhan-ban-sao",
            "Chi bộ Tổng hợp",
            "--profile",
            profile,
        ]
    };
    for (profile, number, form) in [
        ("dang", "Số 01-BS/ĐU", "SAO Y"),
        ("nha-nuoc", "Số: 01/SY-ĐU", "SAO Y"),
    ] {
        let doc = ir(&args(profile), dir.path());
        let b = doc.ban_sao.as_ref().unwrap();
        assert_eq!(b.so.as_deref(), Some("01"));
        let (pages, xml) = both(&doc, profile);
        let last = pages.last().unwrap();
        let date = "Vĩnh Phúc, ngày 05 tháng 01 năm 2027";
        if profile == "dang" {
            assert_in_order(
                last,
                &[
                    "BẢN SAO VĂN BẢN",
                    "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY",
                    number,
                    form,
                    date,
                    "Nơi nhận:",
                    "- Chi bộ Tổng hợp;",
                ],
            );
        } else {
            assert!(
                last.contains(number) && last.contains(form) && last.contains(date),
                "{last}"
            );
            assert!(last.contains("- Chi bộ Tổng hợp;"), "{last}");
        }
        // After the document, whose own number is unchanged.
        assert!(pages[0].contains(if profile == "dang" {
            "Số 09-KH/ĐU"
        } else {
            "Số: 09/KH-ĐU"
        }));
        let sig_page = pages.iter().position(|p| p.contains("Nơi nhận:")).unwrap();
        let copy_page = pages.iter().position(|p| p.contains(number)).unwrap();
        assert!(copy_page >= sig_page);
        // DOCX: a line shape over the block, then the number and the date after the signature.
        let copy_at = xml.find(&format!(">{number}<")).unwrap();
        assert!(copy_at > xml.find(">Trần Việt Cường<").unwrap());
        assert!(xml[..copy_at].rfind("prst=\"line\"").is_some());
        assert!(xml.contains(&format!(">{date}<")), "{profile}");
    }
    // --so-ban-sao with --cap-so, or without --ban-sao, is a usage error.
    for bad in [
        vec![
            "render",
            "ke-hoach",
            "--ban-sao",
            "sao-y",
            "--so-ban-sao",
            "1",
            "--cap-so",
        ],
        vec!["render", "ke-hoach", "--so-ban-sao", "1"],
        vec!["render", "ke-hoach", "--ban-sao", "sao-chep"],
    ] {
        let o = vanban(&bad, dir.path());
        assert_eq!(code(&o), 2, "{bad:?}: {}", stderr(&o));
    }
}

#[test]
fn a_numbered_copy_takes_the_next_number_of_the_bs_series() {
    let dir = tempfile::tempdir().unwrap();
    let run = |form: &str| {
        let o = vanban(
            &[
                "render",
                "ke-hoach",
                "--ban-sao",
                form,
                "--cap-so",
                "--so-dang-ky",
                "so.sqlite",
                "--format",
                "docx",
                "--out",
                form,
            ],
            dir.path(),
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stderr(&o)
    };
    assert!(run("sao-y").contains("01-BS/ĐU"));
    // Sao lục shares the one series of copies (05-HD §III).
    assert!(run("sao-luc").contains("02-BS/ĐU"));
    let xml =
        document_xml(&std::fs::read(dir.path().join("sao-luc/ke-hoach-09-KH-DU.docx")).unwrap());
    assert!(
        xml.contains(">Số 02-BS/ĐU<"),
        "the copy's number is printed"
    );
    assert!(
        xml.contains(">Số 09-KH/ĐU<"),
        "the original keeps its number"
    );
    let o = vanban(
        &["register", "--so-dang-ky", "so.sqlite", "--json"],
        dir.path(),
    );
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let numbers: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["so_ky_hieu"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["01-BS/ĐU", "02-BS/ĐU"]);
}

/// The contact line the contact tests put in the workbook.
const CONTACT: &str = "Địa chỉ: số 1 đường Kim Ngọc, Vĩnh Yên; Điện thoại: 0211 3862 000";

/// A folder holding `du-lieu.xlsx`: the sample with [`CONTACT`] as its Thông tin liên hệ.
fn workbook_with_contact() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("du-lieu.xlsx"),
        sample_with(&[("Thông tin liên hệ", vanban::sample::Cell::from(CONTACT))]),
    )
    .unwrap();
    dir
}

/// The contact details (05-HD §II.6) from Thông tin: in the Party profiles at the end of the document,
/// on its last page, under a full-width solid line (a Word line shape in the DOCX), 10 pt; a kind's
/// `lien_he` front matter key gives them too. (The State profile puts them at the foot of page 1: the
/// next test.)
#[test]
fn contact_details_end_the_document_under_a_full_width_line() {
    let dir = workbook_with_contact();
    for (profile, size) in [("dang", 10.0), ("dang-36", 10.0)] {
        let doc = ir(
            &["ke-hoach", "--data", "du-lieu.xlsx", "--profile", profile],
            dir.path(),
        );
        assert_eq!(doc.marks.lien_he.as_deref(), Some(CONTACT));
        let p = Profile::builtin(profile).unwrap();
        let l = layout::resolve(&doc, &p);
        let ins = common::inspect(&l);
        let last = ins.lines.last().unwrap();
        let line = last.last().unwrap();
        assert_eq!(
            line.text.trim(),
            CONTACT,
            "{profile}: the last line of the last page"
        );
        assert!((line.size - size).abs() < 0.01, "{profile}: {}", line.size);
        let left = f64::from(p.page.margin_left_mm) * 72.0 / 25.4;
        assert!(
            (line.x0 - left).abs() < 0.5,
            "{profile}: flush left, {}",
            line.x0
        );
        // Below the signature.
        let name = last
            .iter()
            .position(|t| t.text.contains("Trần Việt Cường"))
            .unwrap();
        assert!(name + 1 < last.len());
        // DOCX: a full-width line shape right before the text, after the signature.
        let xml = document_xml(&vanban::render::docx::write(&l).unwrap());
        let text_at = xml.rfind(CONTACT).unwrap();
        let shape_at = xml[..text_at].rfind("<a:prstGeom prst=\"line\">").unwrap();
        assert!(shape_at > xml.rfind("Trần Việt Cường").unwrap());
        let width_emu = (f64::from(
            p.page.width_mm - p.page.margin_left_mm - p.page.margin_right_mm,
        ) * 36_000.0)
            .round() as i64;
        let extent = xml[..shape_at].rfind("<wp:extent cx=\"").unwrap();
        let cx: i64 = xml[extent + 15..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (cx - width_emu).abs() < 1_000,
            "{profile}: {cx} EMU, text width {width_emu}"
        );
        assert!(
            xml[text_at.saturating_sub(600)..text_at]
                .contains(&format!("w:val=\"{}\"", (size * 2.0) as i32)),
            "{profile}: the text's size"
        );
        // Nothing in a footer: the document has none.
        let bytes = vanban::render::docx::write(&l).unwrap();
        assert!(part(&bytes, "word/footer1.xml").is_none(), "{profile}");
        assert!(!xml.contains("w:footerReference"), "{profile}");
    }
    // Without it, no line is added at the end.
    let plain = ir(&["ke-hoach"], dir.path());
    assert!(plain.marks.lien_he.is_none());
}

/// The `w:sectPr`s of a document part, in order (each section's properties).
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr>")
        .map(|(at, _)| {
            let end = xml[at..].find("</w:sectPr>").unwrap() + at;
            &xml[at..end]
        })
        .collect()
}

/// NĐ 30 Phụ lục I (box 13): a State document's contact details stand at the foot of page 1 only,
/// 11 pt, under a full-width solid line, in the page's footer: in the PDF below every other line of
/// page 1 and below its text area, the block's foot the profile's distance above the page's bottom
/// edge; in the DOCX in page 1's own footer (`w:titlePg`), not in the body. The other pages, an
/// appendix's landscape pages included, have neither the block nor a footer, and keep their page
/// numbers.
#[test]
fn state_contact_details_stand_at_the_foot_of_page_one() {
    let dir = workbook_with_contact();
    let p = Profile::builtin("nha-nuoc").unwrap();
    let bottom_mm = p.marks.lien_he_bottom_mm.unwrap();
    let pt = |mm: f32| f64::from(mm) * 72.0 / 25.4;
    let text_width_mm = p.page.width_mm - p.page.margin_left_mm - p.page.margin_right_mm;
    for kind in ["ke-hoach", "quyet-dinh-xep-loai"] {
        let doc = ir(
            &[kind, "--data", "du-lieu.xlsx", "--profile", "nha-nuoc"],
            dir.path(),
        );
        assert_eq!(doc.marks.lien_he.as_deref(), Some(CONTACT));
        let l = layout::resolve(&doc, &p);

        // PDF.
        let ins = common::inspect(&l);
        assert!(ins.pages.len() >= 3, "{kind}: {} pages", ins.pages.len());
        let page1 = &ins.lines[0];
        let height = ins.page_sizes_pt[0].1;
        let line = page1.last().unwrap();
        assert_eq!(line.text.trim(), CONTACT, "{kind}: page 1's last line");
        assert!((line.size - 11.0).abs() < 0.01, "{kind}: {}", line.size);
        assert!(
            (line.x0 - pt(p.page.margin_left_mm)).abs() < 0.5,
            "{kind}: flush left, {}",
            line.x0
        );
        // Its baseline stands a descender above the block's foot.
        let foot = height - pt(bottom_mm);
        assert!(
            line.y < foot && line.y > foot - 0.3 * 11.0,
            "{kind}: baseline {} for a foot at {foot}",
            line.y
        );
        // The rest of page 1 stays in its text area, above the block.
        let text_bottom = height - pt(p.page.margin_bottom_mm);
        for other in &page1[..page1.len() - 1] {
            assert!(
                other.y < text_bottom,
                "{kind}: {:?} at {} runs under the text area ({text_bottom})",
                other.text,
                other.y
            );
        }
        // Page 1 only: the document ends with its signature or its appendix, never with them.
        for (i, page) in ins.pages.iter().enumerate().skip(1) {
            assert!(!page.contains("Địa chỉ"), "{kind}: page {}: {page}", i + 1);
        }

        // DOCX: page 1's own footer, the line shape then the text.
        let bytes = vanban::render::docx::write(&l).unwrap();
        let xml = document_xml(&bytes);
        assert!(
            !xml.contains("Địa chỉ"),
            "{kind}: the body holds no contact details"
        );
        let footer = part(&bytes, "word/footer1.xml").expect("page 1's footer");
        let text_at = footer.find(CONTACT).expect(&footer);
        let shape_at = footer[..text_at]
            .find("<a:prstGeom prst=\"line\">")
            .expect("a line shape over the text");
        let extent = footer[..shape_at].rfind("<wp:extent cx=\"").unwrap();
        let cx: i64 = footer[extent + 15..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let width_emu = (f64::from(text_width_mm) * 36_000.0).round() as i64;
        assert!(
            (cx - width_emu).abs() < 1_000,
            "{kind}: {cx} EMU, text width {width_emu}"
        );
        assert!(
            footer[shape_at..text_at].contains("<w:sz w:val=\"22\""),
            "{kind}: 11 pt"
        );
        // The first section shows it on its first page only, its foot where the profile says; its
        // pages keep the page-number header from page 2 and the empty one on page 1.
        let sects = sections(&xml);
        assert_eq!(sects.len(), 1 + doc.appendices.len(), "{kind}");
        let first = sects[0];
        assert!(
            first.contains("<w:footerReference w:type=\"first\" r:id=\"rIdFooter1\" />"),
            "{kind}: {first}"
        );
        assert!(first.contains("<w:titlePg />"), "{kind}: {first}");
        assert!(
            first.contains(&format!("w:footer=\"{}\"", (pt(bottom_mm) * 20.0).round())),
            "{kind}: {first}"
        );
        assert!(
            first.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\" />")
                && first.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\" />"),
            "{kind}: {first}"
        );
        assert!(
            !xml.contains("w:type=\"default\" r:id=\"rIdFooter"),
            "{kind}"
        );
        let rels = part(&bytes, "word/_rels/document.xml.rels").unwrap();
        assert!(
            rels.contains("Id=\"rIdFooter1\"") && rels.contains("Target=\"footer1.xml\""),
            "{kind}: {rels}"
        );
        let types = part(&bytes, "[Content_Types].xml").unwrap();
        assert!(types.contains("/word/footer1.xml"), "{kind}: {types}");
        // An appendix's section has an empty first-page footer of its own: it does not take page 1's.
        for s in &sects[1..] {
            assert!(
                s.contains("<w:footerReference w:type=\"first\" r:id=\"rIdFooter2\" />"),
                "{kind}: {s}"
            );
        }
        if sects.len() > 1 {
            let empty = part(&bytes, "word/footer2.xml").unwrap();
            assert!(!empty.contains("<w:t"), "{kind}: {empty}");
        } else {
            assert!(part(&bytes, "word/footer2.xml").is_none(), "{kind}");
        }
    }

    // A profile that numbers page 1 numbers it still: page 1's own header holds the number.
    let numbered = Profile::parse(
        "extends = \"nha-nuoc\"\nname = \"so-trang-1\"\n[page]\npage_number_from = 1\n",
        "so-trang-1.toml",
    )
    .unwrap();
    let doc = ir(
        &[
            "ke-hoach",
            "--data",
            "du-lieu.xlsx",
            "--profile",
            "nha-nuoc",
        ],
        dir.path(),
    );
    let bytes = vanban::render::docx::write(&layout::resolve(&doc, &numbered)).unwrap();
    let xml = document_xml(&bytes);
    let first = sections(&xml)[0];
    assert!(
        first.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\" />")
            && first.contains("<w:footerReference w:type=\"first\" r:id=\"rIdFooter1\" />"),
        "{first}"
    );
    let header = part(&bytes, "word/header2.xml").unwrap();
    assert!(header.contains("PAGE"), "{header}");

    // Without contact details a State document has no footer at all.
    let plain = ir(&["ke-hoach", "--profile", "nha-nuoc"], dir.path());
    let bytes = vanban::render::docx::write(&layout::resolve(&plain, &p)).unwrap();
    assert!(part(&bytes, "word/footer1.xml").is_none());
    assert!(!document_xml(&bytes).contains("w:footerReference"));
}
