//! The PDF renderer: the fixture renders in both profiles, with the right content and no markup leaks.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;
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

/// Every embedded kind's document in a profile (a per-row kind: its first row), from the sample.
fn embedded_documents(profile: &str) -> Vec<(String, vanban::ir::Document)> {
    let engine = vanban::pipeline::Engine::load(None, profile).unwrap();
    let input = vanban::pipeline::Input::Sample;
    vanban::pipeline::kinds(None)
        .unwrap()
        .into_iter()
        .map(|k| {
            let stt = vanban::pipeline::row_infos(&engine, &k.kind, &input)
                .unwrap()
                .first()
                .map(|r| r.stt);
            let data = vanban::pipeline::steps::load_data(
                &engine,
                &input,
                &k.kind,
                vanban::pipeline::Strictness::Strict,
            )
            .unwrap();
            let doc = vanban::pipeline::steps::document(&engine, &data, &k.kind, stt).unwrap();
            (k.kind, doc)
        })
        .collect()
}

/// Every full line of a justified body paragraph (a line followed by one more line of the same
/// paragraph: the next baseline one body pitch lower, starting at the left edge of the text) ends at
/// the right edge of the text, in every embedded kind's PDF in every profile; and the DOCX justifies
/// the same paragraphs. (The last paragraph of a body, kept with the signatures, was set ragged.)
/// The year's forms (issue 18): mostly lines to write on, boxes and tables.
const FORMS: [&str; 5] = [
    "bien-ban-hop-chi-bo",
    "bien-ban-kiem-phieu",
    "kiem-diem-ca-nhan",
    "kiem-diem-chi-bo",
    "phieu-danh-gia",
];

#[test]
fn every_full_line_of_a_justified_paragraph_ends_at_the_text_edge() {
    const PT_PER_MM: f64 = 72.0 / 25.4;
    for profile in ["dang", "dang-36", "nha-nuoc"] {
        let p = Profile::builtin(profile).unwrap();
        let left = f64::from(p.page.margin_left_mm) * PT_PER_MM;
        let right = f64::from(p.page.width_mm - p.page.margin_right_mm) * PT_PER_MM;
        let pitch = f64::from(p.body.line_pitch_pt);
        let size = f64::from(p.body.size_pt);
        for (kind, doc) in embedded_documents(profile) {
            let layout = vanban::render::layout::resolve(&doc, &p);
            let ins = PdfEngine::global()
                .unwrap()
                .session()
                .inspect(&layout)
                .unwrap();
            let mut full = 0;
            for (n, lines) in ins.lines.iter().enumerate() {
                let (w, h) = ins.page_sizes_pt[n];
                if w > h {
                    continue; // a landscape appendix: other margins
                }
                for pair in lines.windows(2) {
                    let (a, b) = (&pair[0], &pair[1]);
                    let continues = (b.y - a.y - pitch).abs() < 0.05
                        && (b.x0 - left).abs() < 0.3
                        && (a.size - size).abs() < 0.01
                        && (b.size - size).abs() < 0.01;
                    if continues {
                        full += 1;
                        assert!(
                            (a.x1 - right).abs() < 0.5,
                            "{kind} ({profile}), page {}: a full line ends at {:.1} pt, the text edge is {right:.1}: {:?}",
                            n + 1,
                            a.x1,
                            a.text
                        );
                    }
                }
            }
            // The forms (a ballot, a biên bản) may hold no paragraph of two lines.
            assert!(
                full > 0 || FORMS.contains(&kind.as_str()),
                "{kind} ({profile}): no justified paragraph of two lines found"
            );
            // The DOCX: body paragraphs carry the justified body style, none set ragged on its own
            // (except a paragraph the document sets left itself, a form's line (`<trai/>`, without the
            // first-line indent), and a line to write on, a dot leader to the margin).
            let xml = common::docx::document_xml(&vanban::render::docx::write(&layout).unwrap());
            for para in xml.split("<w:p>").filter(|s| {
                s.contains("w:val=\"VanBan\"")
                    && !s.contains("w:leader=\"dot\"")
                    && !s.contains("w:firstLine=\"0\"")
            }) {
                let para = &para[..para.find("</w:pPr>").unwrap_or(para.len())];
                assert!(
                    !para.contains("<w:jc w:val=\"left\"")
                        && !para.contains("<w:jc w:val=\"start\""),
                    "{kind} ({profile}): a body paragraph set ragged: {para}"
                );
            }
        }
    }
}

/// The rows of a table block: 13-pt lines grouped into rows by the gap between baselines (lines of one
/// row are at most a single line apart; rows are further apart by the cell padding).
fn rows_of(lines: &[&vanban::render::pdf::TextLine], single: f64) -> usize {
    let mut rows = 0;
    let mut last: Option<f64> = None;
    for l in lines {
        if last.is_none_or(|y| l.y - y > single * 1.25) {
            rows += 1;
        }
        last = Some(l.y);
    }
    rows
}

/// Page breaks in the sơ kết and the tổng kết (the issue's examples) and every other embedded kind, in
/// every profile: no page ends with a lead-in line ("…:"), and a table split over two pages has its
/// header and at least two body rows on each (PDF); the DOCX marks the same with keep-with-next.
#[test]
fn lead_ins_stay_with_what_follows_and_tables_split_with_two_rows_each_side() {
    for profile in ["dang", "dang-36", "nha-nuoc"] {
        let p = Profile::builtin(profile).unwrap();
        let table_size = f64::from(p.table.size_pt);
        let single = table_size * 1.149;
        for (kind, doc) in embedded_documents(profile) {
            let layout = vanban::render::layout::resolve(&doc, &p);
            let ins = PdfEngine::global()
                .unwrap()
                .session()
                .inspect(&layout)
                .unwrap();
            let title = layout.title[0].text.clone();
            // Each page's content lines (the page number and page 1's header left out).
            let pages: Vec<Vec<&vanban::render::pdf::TextLine>> = ins
                .lines
                .iter()
                .enumerate()
                .map(|(n, lines)| {
                    let top = if n == 0 {
                        lines
                            .iter()
                            .find(|l| l.text.contains(&title))
                            .map_or(0.0, |l| l.y)
                    } else {
                        0.0
                    };
                    lines
                        .iter()
                        .filter(|l| l.y >= top && l.text.trim().parse::<u32>().is_err())
                        .collect()
                })
                .collect();
            for (n, lines) in pages.iter().enumerate() {
                if n + 1 == pages.len() || lines.is_empty() {
                    continue;
                }
                let last = lines.last().unwrap();
                assert!(
                    !last.text.trim_end().ends_with(':'),
                    "{kind} ({profile}): page {} ends with a lead-in: {:?}",
                    n + 1,
                    last.text
                );
                // A table running on to the next page: its rows at the foot of this page and at the
                // top of the next (each block starts with the header row).
                let is_table =
                    |l: &&&vanban::render::pdf::TextLine| (l.size - table_size).abs() < 0.01;
                let foot: Vec<_> = lines.iter().rev().take_while(is_table).copied().collect();
                let next = &pages[n + 1];
                let head: Vec<_> = next.iter().take_while(is_table).copied().collect();
                if foot.is_empty() || head.is_empty() {
                    continue;
                }
                let foot: Vec<_> = foot.into_iter().rev().collect();
                let (a, b) = (rows_of(&foot, single), rows_of(&head, single));
                assert!(
                    a >= 3 && b >= 3,
                    "{kind} ({profile}): a table split between pages {} and {} leaves {} body row(s) at the foot and {} at the top",
                    n + 1,
                    n + 2,
                    a - 1,
                    b - 1
                );
            }
            // DOCX: the lead-ins and the rows kept together carry keep-with-next.
            let xml = common::docx::document_xml(&vanban::render::docx::write(&layout).unwrap());
            for para in xml.split("<w:p>").skip(1) {
                let text: String = para
                    .split("<w:t xml:space=\"preserve\">")
                    .skip(1)
                    .map(|t| &t[..t.find("</w:t>").unwrap_or(0)])
                    .collect();
                // A body paragraph; one ending in a line to write on (a dot-leader tab) is no lead-in.
                let body = para.contains("w:val=\"VanBan\"") && !para.contains("w:leader=\"dot\"");
                if body && text.trim_end().ends_with(':') && !para.contains("</w:sectPr>") {
                    assert!(
                        para.contains("<w:keepNext"),
                        "{kind} ({profile}): {text:?} not kept with what follows"
                    );
                }
            }
        }
    }
    // The DOCX rows of the sơ kết's "theo từng chi bộ" table: the header and the first row, and the
    // last row but one, keep with the next row; the rows between do not.
    let p = Profile::dang();
    let (_, doc) = embedded_documents("dang")
        .into_iter()
        .find(|(k, _)| k == "so-ket")
        .unwrap();
    let xml = common::docx::document_xml(
        &vanban::render::docx::write(&vanban::render::layout::resolve(&doc, &p)).unwrap(),
    );
    let lead = xml.find("theo từng chi bộ:").unwrap();
    let table = &xml[lead..];
    let table = &table[table.find("<w:tbl>").unwrap()..table.find("</w:tbl>").unwrap()];
    let kept: Vec<bool> = table
        .split("<w:tr>")
        .skip(1)
        .map(|row| row.contains("<w:keepNext"))
        .collect();
    let n = kept.len();
    assert!(n >= 6, "{kept:?}");
    assert_eq!(&kept[..2], &[true, true], "header and first row: {kept:?}");
    assert!(!kept[2] && !kept[n - 3], "{kept:?}");
    assert_eq!(
        &kept[n - 2..],
        &[true, false],
        "the last two rows together: {kept:?}"
    );
}
