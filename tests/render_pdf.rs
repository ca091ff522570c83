//! The PDF renderer: the fixture renders in both profiles, with the right content and no markup leaks.
use vanban::ir::{Block, Document, Inline};
use vanban::profile::Profile;
use vanban::render::pdf::{self, PdfEngine};

const HOSTILE: &str = r#"Tổng hợp <b>#x</b> $y$ *z* _w_ @r \ | & "q""#;

fn fixture() -> Document {
    serde_json::from_str(include_str!("fixtures/ke-hoach.ir.json")).expect("fixture parses")
}

fn nha_nuoc() -> Profile {
    Profile::builtin("nha-nuoc").expect("built-in profile")
}

/// The text of all pages, joined.
fn all_text(pages: &[String]) -> String {
    pages.join("\n")
}

fn assert_no_leaks(text: &str) {
    for leak in ["Trang", "#let", "#set", "json(", "data.json", "layout.typ"] {
        assert!(!text.contains(leak), "leak {leak:?} in:\n{text}");
    }
}

#[test]
fn party_fixture_renders() {
    let doc = fixture();
    let profile = Profile::dang();
    let bytes = pdf::write(
        &vanban::render::layout::resolve(&doc, &profile),
        Default::default(),
    )
    .unwrap();
    assert!(bytes.starts_with(b"%PDF"));

    let engine = PdfEngine::global().unwrap();
    let ins = engine
        .session()
        .inspect(&vanban::render::layout::resolve(&doc, &profile))
        .unwrap();
    assert!(!ins.pages.is_empty());
    assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
    let text = all_text(&ins.pages);
    for needle in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY",
        "Số 09-KH/ĐU",
        "Vĩnh Phúc, ngày 29 tháng 7 năm 2022",
        "KẾ HOẠCH",
        "xây dựng mô hình chi bộ “4 tốt”",
        "-----",
        "I. MỤC ĐÍCH, YÊU CẦU",
        HOSTILE,
        "T/M ĐẢNG ỦY",
        "BÍ THƯ",
        "Trần Việt Cường",
        "Nơi nhận:",
        "- Lưu Văn phòng Đảng ủy.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert_no_leaks(&text);
    // The header is on page 1 only, and page 1 carries no page number.
    assert!(ins.pages[0].starts_with("ĐẢNG BỘ KHỐI"), "{}", ins.pages[0]);
}

#[test]
fn state_fixture_renders() {
    let doc = fixture();
    let profile = nha_nuoc();
    let bytes = pdf::write(
        &vanban::render::layout::resolve(&doc, &profile),
        Default::default(),
    )
    .unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let ins = PdfEngine::global()
        .unwrap()
        .session()
        .inspect(&vanban::render::layout::resolve(&doc, &profile))
        .unwrap();
    assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
    let text = all_text(&ins.pages);
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 09/KH-ĐU",
        "KẾ HOẠCH",
        HOSTILE,
        "TM. ĐẢNG ỦY",
        "- Lưu: VT, ĐU.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(!text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert_no_leaks(&text);
}

#[test]
fn code_in_data_is_printed_literally() {
    let mut doc = fixture();
    let evil = r#"#eval("1+1") ]#[ $x^2$ \ #set page(width: 1cm) <l> @l"#;
    doc.blocks.insert(
        0,
        Block::Paragraph {
            content: vec![Inline::plain(evil)],
            align: Default::default(),
        },
    );
    doc.header.co_quan = "Chi bộ #eval(\"2+2\")".into();
    let pages = pdf::page_texts(&vanban::render::layout::resolve(&doc, &Profile::dang())).unwrap();
    let text = all_text(&pages);
    assert!(text.contains(evil), "{text}");
    assert!(text.contains("CHI BỘ #EVAL(\"2+2\")"), "{text}");
}

#[test]
fn a_session_renders_different_documents_in_a_row() {
    let engine = PdfEngine::new().unwrap();
    let mut session = engine.session();
    let profile = Profile::dang();
    let first = fixture();
    let mut second = fixture();
    second.header.number.as_mut().unwrap().so = Some("15".into());
    second.signatures.right.ho_ten = "Nguyễn Thị Lan".into();
    second.title.ten_loai = "Báo cáo".into();

    let a = session
        .inspect(&vanban::render::layout::resolve(&first, &profile))
        .unwrap();
    let b = session
        .inspect(&vanban::render::layout::resolve(&second, &profile))
        .unwrap();
    let c = session
        .inspect(&vanban::render::layout::resolve(&first, &profile))
        .unwrap();
    let (a, b, c) = (all_text(&a.pages), all_text(&b.pages), all_text(&c.pages));
    assert!(a.contains("Số 09-KH/ĐU") && a.contains("Trần Việt Cường") && a.contains("KẾ HOẠCH"));
    assert!(b.contains("Số 15-KH/ĐU") && b.contains("Nguyễn Thị Lan") && b.contains("BÁO CÁO"));
    assert!(!b.contains("Trần Việt Cường") && !b.contains("KẾ HOẠCH"));
    assert_eq!(a, c);

    // The same session switches profiles too, and PDF output is deterministic.
    let state = session
        .inspect(&vanban::render::layout::resolve(&second, &nha_nuoc()))
        .unwrap();
    assert!(all_text(&state.pages).contains("Số: 15/KH-ĐU"));
    let p1 = session
        .write(
            &vanban::render::layout::resolve(&first, &profile),
            Default::default(),
        )
        .unwrap();
    let p2 = engine
        .session()
        .write(
            &vanban::render::layout::resolve(&first, &profile),
            Default::default(),
        )
        .unwrap();
    assert_eq!(p1, p2);
}

/// The layout reaches Typst as JSON Lines, one piece a line: line breaks, carriage returns and text
/// that looks like JSON inside the data stay inside their piece.
#[test]
fn line_breaks_and_json_in_the_data_stay_in_their_piece() {
    let mut doc = fixture();
    let tricky = "một}\n{\"type\": \"heading\"} \r hai";
    doc.blocks.insert(
        0,
        Block::Paragraph {
            content: vec![Inline::plain(tricky), Inline::plain("\nba\r\nbốn")],
            align: Default::default(),
        },
    );
    doc.title.ten_loai = "Kế hoạch\nmới".into();
    let pages = pdf::page_texts(&vanban::render::layout::resolve(&doc, &Profile::dang())).unwrap();
    let text = all_text(&pages);
    for needle in [
        "KẾ HOẠCH",
        "MỚI",
        "một}",
        "{\"type\": \"heading\"}",
        "ba",
        "bốn",
    ] {
        assert!(text.contains(needle), "{needle:?} in:\n{text}");
    }
}

/// A session starts each document's layout from the previous document's page numbering
/// (src/render/pdf/compile.rs); documents of other lengths, with appendices numbered anew, come out
/// byte for byte as from a new session.
#[test]
fn a_document_is_the_same_whatever_the_session_laid_out_before() {
    let profile = Profile::dang();
    let short = fixture();
    let mut long = fixture();
    let para = long.blocks[0].clone();
    for _ in 0..14 {
        long.blocks.push(para.clone());
    }
    let mut annexed = fixture();
    for n in 0..2 {
        annexed.appendices.push(vanban::ir::Appendix {
            title: vec![Inline::plain(format!("Danh sách {n}"))],
            kem_theo: true,
            orientation: Default::default(),
            blocks: vec![para.clone(); 10 + n],
        });
    }
    let docs = [&short, &long, &annexed, &short, &annexed, &long, &short];
    let engine = PdfEngine::new().unwrap();
    let mut session = engine.session();
    for (i, doc) in docs.iter().enumerate() {
        let layout = vanban::render::layout::resolve(doc, &profile);
        let in_row = session.write(&layout, Default::default()).unwrap();
        let alone = engine.session().write(&layout, Default::default()).unwrap();
        assert!(
            in_row == alone,
            "document {i} differs after the ones before it"
        );
    }
    let pages = pdf::page_texts(&vanban::render::layout::resolve(&annexed, &profile)).unwrap();
    assert!(pages.len() >= 4, "{}", pages.len());
}

#[test]
fn long_body_gets_page_numbers_from_page_two() {
    let mut doc = fixture();
    let para = doc.blocks[0].clone();
    for _ in 0..12 {
        doc.blocks.push(para.clone());
    }
    let pages = pdf::page_texts(&vanban::render::layout::resolve(&doc, &Profile::dang())).unwrap();
    assert!(pages.len() >= 2, "{}", pages.len());
    // Page 1 has no number; page 2 has its number (drawn over the page, so its last text).
    assert!(!pages[0].lines().any(|l| l == "1"));
    assert_eq!(pages[1].lines().last(), Some("2"), "{}", pages[1]);
}

#[test]
fn page_texts_snapshot() {
    let pages = pdf::page_texts(&vanban::render::layout::resolve(
        &fixture(),
        &Profile::dang(),
    ))
    .unwrap();
    insta::assert_snapshot!(pages.join("\n=== page break ===\n"));
}

#[test]
fn a_form_without_number_date_or_recipients_renders() {
    use vanban::ir::{Authority, Signature};
    let mut doc = fixture();
    doc.header.cap_tren = None;
    doc.header.number = None;
    doc.header.ngay = None;
    doc.title.ten_loai = "Bản cam kết".into();
    doc.title.trich_yeu.clear();
    doc.noi_nhan = None;
    doc.signatures.left = Some(Signature {
        label: Some("Xác nhận của Đảng ủy".into()),
        authority: Some(Authority::ThayMat),
        to_chuc: Some("Đảng ủy".into()),
        ..Signature::default()
    });
    doc.signatures.right = Signature {
        label: Some("Người cam kết".into()),
        ghi_chu: Some("(Ký, ghi rõ họ tên)".into()),
        ..Signature::default()
    };
    for profile in [Profile::dang(), nha_nuoc()] {
        let ins = PdfEngine::global()
            .unwrap()
            .session()
            .inspect(&vanban::render::layout::resolve(&doc, &profile))
            .unwrap();
        assert!(ins.warnings.is_empty(), "{:?}", ins.warnings);
        let text = all_text(&ins.pages);
        assert!(text.contains("BẢN CAM KẾT"), "{text}");
        assert!(text.contains("XÁC NHẬN CỦA ĐẢNG ỦY"), "{text}");
        assert!(text.contains("NGƯỜI CAM KẾT"), "{text}");
        assert!(text.contains("(Ký, ghi rõ họ tên)"), "{text}");
        assert!(!text.contains("Nơi nhận"), "{text}");
        assert!(
            pdf::write(
                &vanban::render::layout::resolve(&doc, &profile),
                Default::default()
            )
            .unwrap()
            .starts_with(b"%PDF")
        );
    }
}

#[test]
fn layout_errors_name_the_line_of_layout_typ() {
    let mut profile = Profile::dang();
    profile.fonts.language = "không-hợp-lệ".into();
    let err = pdf::write(
        &vanban::render::layout::resolve(&fixture(), &profile),
        Default::default(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, vanban::Error::Render { format: "pdf", .. }),
        "{err:?}"
    );
    assert!(msg.contains("layout.typ:"), "{msg}");
}

#[test]
fn an_unknown_pdf_font_family_is_a_profile_error() {
    let mut profile = Profile::dang();
    profile.fonts.pdf_family = "Times New Roman".into();
    let err = pdf::write(
        &vanban::render::layout::resolve(&fixture(), &profile),
        Default::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("fonts.pdf_family"), "{err}");
    assert_eq!(err.exit_code(), 1);
    // The family name is matched case-insensitively.
    profile.fonts.pdf_family = "liberation serif".into();
    assert!(
        pdf::write(
            &vanban::render::layout::resolve(&fixture(), &profile),
            Default::default()
        )
        .is_ok()
    );
}

#[test]
fn sessions_work_on_rayon_workers_with_small_stacks() {
    use rayon::prelude::*;
    // Workers with small stacks: compiling on them directly would overflow (and Typst's own rayon
    // work would nest further batch jobs on them); sessions compile on their own threads.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .stack_size(256 * 1024)
        .build()
        .unwrap();
    let engine = PdfEngine::global().unwrap();
    let profile = Profile::dang();
    let docs: Vec<Document> = (0..24)
        .map(|i| {
            let mut d = fixture();
            d.signatures.right.ho_ten = format!("Đảng viên số {i}");
            d
        })
        .collect();
    let texts: Vec<String> = pool.install(|| {
        docs.par_iter()
            .map_init(
                || engine.session(),
                |s, d| {
                    assert!(
                        s.write(
                            &vanban::render::layout::resolve(d, &profile),
                            Default::default()
                        )
                        .unwrap()
                        .starts_with(b"%PDF")
                    );
                    all_text(
                        &s.inspect(&vanban::render::layout::resolve(d, &profile))
                            .unwrap()
                            .pages,
                    )
                },
            )
            .collect()
    });
    for (i, t) in texts.iter().enumerate() {
        assert!(
            t.contains(&format!("Đảng viên số {i}\n")) || t.ends_with(&format!("Đảng viên số {i}"))
        );
    }
}
