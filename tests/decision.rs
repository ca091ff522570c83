//! A quyết định with every new structure (căn cứ, enacting line, run-in articles, Kính trình, drafter's
//! line, a landscape phụ lục with a long table) rendered to DOCX and PDF: the DOCX has a landscape section
//! with its own page numbering, the PDF has landscape pages numbered from 1, the header row repeats, and
//! both files carry the same words. The files are written to the temp directory
//! (vanban-quyet-dinh-{dang,nha-nuoc}.{docx,pdf}) to be checked by hand.
#![allow(clippy::unwrap_used)]

mod common;

use common::docx::{counts, document_xml, docx_words};
use vanban::ir::{
    AddresseeLabel, Addressees, Align, Appendix, Authority, Block, Date, DocNumber, Document,
    Header, Inline, NoiNhan, Orientation, Signature, Signatures, Table, Title,
};
use vanban::profile::Profile;

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::plain(s)]
}

const CHI_BO: [&str; 6] = [
    "Tổng hợp",
    "Tài chính – Kế toán",
    "Hành chính – Lưu trữ",
    "Cơ yếu – CNTT",
    "Quản trị",
    "Nhà khách Đầm Vạc",
];

fn decision() -> Document {
    let rows = (1..=70)
        .map(|i| {
            vec![
                text(&i.to_string()),
                text(&format!("Đảng viên số {i}")),
                text(CHI_BO[i % CHI_BO.len()]),
                text("Hoàn thành tốt nhiệm vụ"),
                text(if i % 7 == 0 { "HTXSNV" } else { "HTTNV" }),
                text("Không"),
            ]
        })
        .collect();
    let table = Table {
        align: vec![
            Align::Center,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Center,
            Align::Center,
        ],
        header: [
            "STT",
            "Họ và tên",
            "Chi bộ",
            "Kết quả thực hiện nhiệm vụ",
            "Xếp loại",
            "Ghi chú",
        ]
        .iter()
        .map(|s| text(s))
        .collect(),
        rows,
        ..Table::default()
    };
    Document {
        file_stem: "quyet-dinh-05-QD-DU".into(),
        header: Header {
            cap_tren: Some("Đảng bộ Khối các cơ quan tỉnh".into()),
            co_quan: "Đảng ủy Văn phòng Tỉnh ủy".into(),
            number: Some(DocNumber {
                so: Some("05".into()),
                loai: "QĐ".into(),
                ky_hieu: "ĐU".into(),
            }),
            dia_danh: "Vĩnh Phúc".into(),
            ngay: Date::new(2025, 12, 3),
        },
        title: Title {
            ten_loai: "Quyết định".into(),
            trich_yeu: text("công nhận kết quả xếp loại chất lượng đảng viên năm 2025"),
        },
        addressees: Some(Addressees {
            label: AddresseeLabel::KinhTrinh,
            items: vec!["Ban Thường vụ Đảng ủy Khối".into()],
        }),
        can_cu: vec![
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam".into(),
            "Căn cứ Quy định số 366-QĐ/TW, ngày 30/8/2025 của Bộ Chính trị".into(),
            "Xét đề nghị của Văn phòng Đảng ủy".into(),
        ],
        enacting: Some("Đảng ủy Văn phòng Tỉnh ủy quyết định:".into()),
        blocks: vec![
            Block::Article {
                content: text(
                    "Công nhận kết quả xếp loại chất lượng năm 2025 đối với 70 đảng viên (có danh sách kèm theo).",
                ),
            },
            Block::Article {
                content: text("Quyết định có hiệu lực kể từ ngày ký."),
            },
            Block::Article {
                content: text(
                    "Văn phòng Đảng ủy, các chi bộ trực thuộc và đảng viên có tên tại Điều 1 thi hành Quyết định này.",
                ),
            },
        ],
        signatures: Signatures {
            left: None,
            right: Signature {
                authority: Some(Authority::ThayMat),
                to_chuc: Some("Đảng ủy".into()),
                chuc_vu: Some("Bí thư".into()),
                ho_ten: "Trần Việt Cường".into(),
                ..Signature::default()
            },
        },
        noi_nhan: Some(NoiNhan {
            items: vec![
                "Như Điều 3".into(),
                "Đảng ủy Khối các cơ quan tỉnh (để b/c)".into(),
            ],
            luu: Some("Văn phòng Đảng ủy".into()),
        }),
        drafter: Some("NguyenVanAn-26".into()),
        appendices: vec![Appendix {
            title: text("Danh sách đảng viên được xếp loại chất lượng năm 2025"),
            kem_theo: true,
            orientation: Orientation::Landscape,
            blocks: vec![Block::Table(table)],
        }],
        images: None,
        ..Document::default()
    }
}

#[test]
fn decision_with_landscape_appendix_in_both_formats() {
    let doc = decision();
    for (name, profile) in [
        ("dang", Profile::dang()),
        ("nha-nuoc", Profile::builtin("nha-nuoc").unwrap()),
    ] {
        let docx =
            vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile)).unwrap();
        let pdf = vanban::render::pdf::write(
            &vanban::render::layout::resolve(&doc, &profile),
            Default::default(),
        )
        .unwrap();
        let dir = std::env::temp_dir();
        std::fs::write(dir.join(format!("vanban-quyet-dinh-{name}.docx")), &docx).unwrap();
        std::fs::write(dir.join(format!("vanban-quyet-dinh-{name}.pdf")), &pdf).unwrap();

        // DOCX: a portrait section ending in a paragraph, then the landscape section (the body's) that
        // numbers its pages from 1; the appendix table's header row repeats.
        let xml = document_xml(&docx);
        assert_eq!(xml.matches("<w:sectPr>").count(), 2, "{name}");
        let (main, appendix) = xml.split_once("</w:sectPr>").unwrap();
        assert!(!main.contains("w:orient=\"landscape\""), "{name}");
        assert!(appendix.contains("w:orient=\"landscape\""), "{name}");
        assert!(
            appendix.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\""),
            "{name}: landscape page size"
        );
        assert!(appendix.contains("<w:pgNumType w:start=\"1\""), "{name}");
        assert!(
            appendix.contains("<w:titlePg"),
            "{name}: first page hides its number"
        );
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1, "{name}");
        let docx_words = docx_words(&xml);

        // PDF: portrait pages, then landscape pages numbered from 1 (none on the appendix's first page).
        let ins = common::inspect(&vanban::render::layout::resolve(&doc, &profile));
        assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
        let first_appendix = ins
            .pages
            .iter()
            .position(|p| p.contains("DANH SÁCH ĐẢNG VIÊN"))
            .unwrap();
        assert!(first_appendix >= 1);
        assert!(ins.pages.len() >= first_appendix + 2, "a long table");
        for (i, (w, h)) in ins.page_sizes_pt.iter().enumerate() {
            assert_eq!(i >= first_appendix, w > h, "{name}: page {i} is {w} × {h}");
        }
        let mut pdf_words = Vec::new();
        for (i, page) in ins.pages.iter().enumerate() {
            let mut lines: Vec<&str> = page.lines().collect();
            // The page number, drawn over the page, is its last text.
            let number = if i < first_appendix {
                i + 1
            } else {
                i - first_appendix + 1
            };
            if number >= 2 {
                assert_eq!(
                    lines.last(),
                    Some(&number.to_string().as_str()),
                    "{name}: {page}"
                );
                lines.pop();
            } else {
                assert_ne!(lines.last(), Some(&"1"), "{name}: {page}");
            }
            if i > first_appendix {
                assert!(page.contains("Họ và tên"), "the header row repeats: {page}");
            }
            pdf_words.extend(
                lines
                    .iter()
                    .flat_map(|l| l.split_whitespace().map(str::to_owned)),
            );
        }

        // The same words in both files; the PDF repeats the header row on each appendix page.
        let (d, p) = (counts(&docx_words), counts(&pdf_words));
        assert_eq!(
            d.keys().collect::<Vec<_>>(),
            p.keys().collect::<Vec<_>>(),
            "{name}"
        );
        for (w, n) in &d {
            assert!(p[w] >= *n, "{name}: {w:?} {n} in DOCX, {} in PDF", p[w]);
        }
        // The Party enacting line is one line; NĐ 30 puts the authority above the căn cứ and
        // "QUYẾT ĐỊNH:" alone after them.
        let enacting = if name == "dang" {
            "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH:"
        } else {
            "\nQUYẾT ĐỊNH:\n"
        };
        for needle in [
            "Kính trình: Ban Thường vụ Đảng ủy Khối.",
            "Điều 1. Công nhận",
            enacting,
            "NguyenVanAn-26",
        ] {
            assert!(ins.pages.join("\n").contains(needle), "{name}: {needle}");
        }
    }
}

/// Two appendices, a portrait one and a landscape one: each is a section of its own, labelled
/// "PHỤ LỤC n", numbered from 1, in both formats.
#[test]
fn two_appendices_are_two_sections_numbered_from_one() {
    let mut doc = decision();
    let mut first = doc.appendices[0].clone();
    first.orientation = Orientation::Portrait;
    first.title = text("Danh sách chi bộ");
    doc.appendices.insert(0, first);
    let profile = Profile::dang();

    let docx =
        vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile)).unwrap();
    std::fs::write(
        std::env::temp_dir().join("vanban-quyet-dinh-hai-phu-luc.docx"),
        &docx,
    )
    .unwrap();
    let xml = document_xml(&docx);
    assert_eq!(xml.matches("<w:sectPr>").count(), 3);
    assert_eq!(xml.matches("<w:pgNumType w:start=\"1\"").count(), 2);
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 1);
    let (p1, p2) = (
        xml.find(">PHỤ LỤC 1<").unwrap(),
        xml.find(">PHỤ LỤC 2<").unwrap(),
    );
    let landscape = xml.find("w:orient=\"landscape\"").unwrap();
    assert!(p1 < p2 && p2 < landscape);
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 2);

    let ins = common::inspect(&vanban::render::layout::resolve(&doc, &profile));
    let starts: Vec<usize> = ins
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with("PHỤ LỤC"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 2, "{:#?}", ins.pages);
    let (w, h) = ins.page_sizes_pt[starts[0]];
    assert!(w < h, "the first appendix is upright");
    let (w, h) = ins.page_sizes_pt[starts[1]];
    assert!(w > h, "the second appendix is turned");
    // The first appendix's second page is its page 2; the second appendix starts again with no number.
    assert_eq!(ins.pages[starts[0] + 1].lines().last(), Some("2"));
    assert_ne!(ins.pages[starts[1]].lines().last(), Some("1"));
    assert_ne!(
        ins.pages[starts[1] - 1].lines().last(),
        ins.pages[starts[1]].lines().last()
    );
}

/// With `appendix.number_first_page`, an appendix's first page shows its number 1 in both formats.
#[test]
fn an_appendix_first_page_may_show_its_number() {
    let doc = decision();
    let mut profile = Profile::dang();
    profile.appendix.number_first_page = true;
    let xml = document_xml(
        &vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &profile)).unwrap(),
    );
    let (main, appendix) = xml.split_once("</w:sectPr>").unwrap();
    assert!(main.contains("<w:titlePg"), "page 1 still hides its number");
    assert!(!appendix.contains("<w:titlePg"));
    let pages =
        vanban::render::pdf::page_texts(&vanban::render::layout::resolve(&doc, &profile)).unwrap();
    let first = pages
        .iter()
        .position(|p| p.contains("DANH SÁCH ĐẢNG VIÊN"))
        .unwrap();
    assert_eq!(pages[first].lines().last(), Some("1"), "{}", pages[first]);
    assert_ne!(pages[0].lines().last(), Some("1"));
}

/// The sample's quyết định in each profile: the Party's one enacting line after the căn cứ; NĐ 30's
/// authority alone above the căn cứ (bold, upper case) and "QUYẾT ĐỊNH:" alone after them, then the
/// articles — in the layout, the PDF and the DOCX.
#[test]
fn the_state_decision_puts_its_authority_above_the_can_cu() {
    use vanban::render::layout::LBlock;
    for profile in ["dang", "nha-nuoc"] {
        let engine = vanban::pipeline::Engine::load(None, profile).unwrap();
        let data = vanban::pipeline::steps::load_data(
            &engine,
            &vanban::pipeline::Input::Sample,
            "quyet-dinh-xep-loai",
            vanban::pipeline::Strictness::Strict,
        )
        .unwrap();
        let doc =
            vanban::pipeline::steps::document(&engine, &data, "quyet-dinh-xep-loai", None).unwrap();
        let p = Profile::builtin(profile).unwrap();
        let layout = vanban::render::layout::resolve(&doc, &p);
        let centred: Vec<(usize, String, bool)> = layout
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                LBlock::Centred { line, .. } => Some((i, line.text.clone(), line.style.bold)),
                _ => None,
            })
            .collect();
        let first_can_cu = layout
            .blocks
            .iter()
            .position(|b| matches!(b, LBlock::Paragraph { runs, .. } if vanban::ir::plain_text(runs).contains("Căn cứ Điều lệ")))
            .unwrap();
        let pages = vanban::render::pdf::page_texts(&layout).unwrap();
        let page1 = &pages[0];
        let docx = vanban::render::docx::write(&layout).unwrap();
        let xml = document_xml(&docx);
        if profile == "dang" {
            assert_eq!(centred.len(), 1, "{centred:?}");
            assert!(centred[0].0 > first_can_cu);
            assert_eq!(centred[0].1, "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH");
            assert!(
                page1.contains("\nĐẢNG ỦY VĂN PHÒNG TỈNH ỦY QUYẾT ĐỊNH\n"),
                "{page1}"
            );
        } else {
            assert_eq!(centred.len(), 2, "{centred:?}");
            let (authority, verb) = (&centred[0], &centred[1]);
            assert_eq!(authority.0, 0, "the authority comes first");
            assert_eq!(authority.1, "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY");
            assert!(authority.2, "bold");
            assert_eq!(first_can_cu, 1, "the căn cứ follow the authority");
            assert!(verb.0 > first_can_cu);
            assert_eq!(verb.1, "QUYẾT ĐỊNH:");
            assert!(verb.2, "bold");
            assert!(
                matches!(&layout.blocks[verb.0 + 1], LBlock::Paragraph { runs, .. } if vanban::ir::plain_text(runs).starts_with("Điều 1.")),
                "the articles follow"
            );
            let authority_at = page1.find("\nĐẢNG ỦY VĂN PHÒNG TỈNH ỦY\n").expect(page1);
            let can_cu_at = page1.find("Căn cứ Điều lệ").unwrap();
            let verb_at = page1.find("\nQUYẾT ĐỊNH:\n").expect(page1);
            assert!(authority_at < can_cu_at && can_cu_at < verb_at, "{page1}");
            assert!(!page1.contains("TỈNH ỦY QUYẾT ĐỊNH"), "{page1}");
            let words = docx_words(&xml).join(" ");
            assert!(
                words.contains("ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY Căn cứ Điều lệ"),
                "{words}"
            );
            assert!(words.contains("QUYẾT ĐỊNH: Điều 1."), "{words}");
        }
    }
}
