//! The evaluation-year kinds made from the sample: the bản kiểm điểm of every member (2B for a
//! leadership post), the báo cáo kiểm điểm of a chi bộ, the ballots of a chi bộ (one per voter, each
//! listing every member), the biên bản of its meeting (THƯ KÝ left, CHỦ TRÌ right) and of the count
//! (votes and shares from "Kết quả biểu quyết").
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::docx::{document_xml, docx_words};
use vanban::ir::{Block, Document, plain_text};
use vanban::pipeline::{self, DocumentRequest, Engine, Format, Input, RenderOptions, batch};
use vanban::profile::Profile;
use vanban::render::layout::resolve;

fn engine() -> Engine {
    Engine::load(None, "dang").unwrap()
}

/// The IR and the DOCX of one document of the sample.
fn made(kind: &str, stt: i64, options: RenderOptions) -> (Document, Vec<u8>, Vec<u8>) {
    let mut req = DocumentRequest::new(kind, Some(stt), Input::Sample);
    req.options = options;
    let r = pipeline::render(&engine(), &req, &[Format::Ir, Format::Docx, Format::Pdf]).unwrap();
    let doc: Document = serde_json::from_slice(&r.files[0].1).unwrap();
    (doc, r.files[1].1.clone(), r.files[2].1.clone())
}

fn pdf_pages(doc: &Document) -> Vec<String> {
    common::inspect(&resolve(doc, &Profile::dang())).pages
}

fn body_text(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                out.push_str(&plain_text(content));
            }
            Block::List { items } => items
                .iter()
                .for_each(|i| out.push_str(&plain_text(&i.content))),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .for_each(|c| out.push_str(&plain_text(c))),
            _ => {}
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_bản_kiểm_điểm_for_every_member_2b_for_a_leadership_post() {
    let e = engine();
    let mut req = batch::BatchRequest::new("kiem-diem-ca-nhan", Input::Sample);
    req.formats = vec![Format::Docx];
    let planned = batch::prepare(&e, &req).unwrap();
    assert_eq!(planned.jobs().len(), 96);
    assert!(planned.warnings().is_empty(), "{:?}", planned.warnings());
    let stems: Vec<&str> = planned.jobs().iter().map(|j| j.stem.as_str()).collect();
    assert!(stems.contains(&"kiem-diem-007-to-trong-han"), "{stems:?}");
    // STT 7: his name, birth date, Party post, unit; the 05-HD header; Mẫu 2B.
    let (doc, docx, pdf) = made("kiem-diem-ca-nhan", 7, RenderOptions::default());
    let ds = vanban::model::load(
        &vanban::workbook::Workbook::from_bytes(
            vanban::sample::SAMPLE_XLSX.to_vec(),
            "mẫu",
            &Default::default(),
        )
        .unwrap(),
        vanban::model::Needs { dang_vien: true },
        &Profile::dang().rules,
    )
    .dataset;
    let han = ds.dang_vien.iter().find(|d| d.stt == 7).unwrap();
    assert_eq!(han.ho_ten, "Tô Trọng Hân");
    let ngay_sinh = {
        let d = vanban::ir::Date::parse_iso(han.ngay_sinh.as_deref().unwrap()).unwrap();
        format!("{}/{}/{}", d.day, d.month, d.year)
    };
    let pages = pdf_pages(&doc).join("\n");
    let words = docx_words(&document_xml(&docx)).join(" ");
    for text in [&pages, &words] {
        for want in [
            "ĐẢNG BỘ VĂN PHÒNG TỈNH ỦY",
            "CHI BỘ TỔNG HỢP",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BẢN KIỂM ĐIỂM CÁ NHÂN",
            "(Dùng cho cá nhân giữ chức vụ lãnh đạo, quản lý)",
            "Tô Trọng Hân",
            ngay_sinh.as_str(),
            "Bí thư chi bộ",
            "Đơn vị công tác: Văn phòng Tỉnh ủy",
            "NGƯỜI TỰ KIỂM ĐIỂM",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
            "T/M CHI ỦY (CHI BỘ)",
            "T/M ĐẢNG ỦY (CHI ỦY)",
            "(Xác lập thời điểm, ký, ghi rõ họ tên)",
        ] {
            assert!(text.contains(want), "{want}: {text}");
        }
    }
    assert!(pdf.starts_with(b"%PDF"));
    let signings = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Signing(_)))
        .count();
    assert_eq!(signings, 4);
    // VII: his own rating ticked, the three others not.
    let body = body_text(&doc);
    assert!(body.contains("☒ Hoàn thành xuất sắc nhiệm vụ"), "{body}");
    assert!(body.contains("☐ Hoàn thành tốt nhiệm vụ"), "{body}");
    // A member without a leadership post: Mẫu 2A, without the sections of 2B.
    let (doc12, ..) = made("kiem-diem-ca-nhan", 12, RenderOptions::default());
    let t = plain_text(&doc12.title.trich_yeu);
    assert!(t.contains("không giữ chức vụ lãnh đạo"), "{t}");
    assert!(!body_text(&doc12).contains("nêu gương"));
    assert!(body_text(&doc).contains("nêu gương"));
}

#[test]
fn the_ballots_of_chi_bộ_tổng_hợp_one_per_member_each_listing_all_18() {
    let (doc, docx, _) = made("phieu-danh-gia", 1, RenderOptions::default());
    assert_eq!(doc.copies, Some(18));
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!()
    };
    assert_eq!(t.rows.len(), 18);
    // Four empty boxes in every row.
    for r in &t.rows {
        let boxes = r
            .iter()
            .flatten()
            .filter(|i| matches!(i, vanban::ir::Inline::CheckBox { checked: false }))
            .count();
        assert_eq!(boxes, 4);
    }
    let names: Vec<String> = t
        .rows
        .iter()
        .map(|r| plain_text(&r[1]).lines().next().unwrap().to_owned())
        .collect();
    let one = {
        let mut d = doc.clone();
        d.copies = None;
        pdf_pages(&d)
    };
    let all = pdf_pages(&doc);
    assert_eq!(all.len(), 18 * one.len());
    for copy in all.chunks(one.len()) {
        let text = copy.join("\n");
        for n in &names {
            assert!(text.contains(n.as_str()), "{n}");
        }
        assert!(text.contains("NGƯỜI GHI PHIẾU"));
    }
    // The DOCX holds one ballot.
    let words = docx_words(&document_xml(&docx)).join(" ");
    assert_eq!(words.matches("NGƯỜI GHI PHIẾU").count(), 1);
    // A chi bộ with a dự bị member: one ballot per đảng viên chính thức.
    let (nha_khach, ..) = made("phieu-danh-gia", 6, RenderOptions::default());
    assert_eq!(nha_khach.copies, Some(15));
    // --ban N replaces the kind's count in the PDF.
    let two = RenderOptions {
        copies: Some(2),
        ..Default::default()
    };
    let mut req = DocumentRequest::new("phieu-danh-gia", Some(1), Input::Sample);
    req.options = two;
    let r = pipeline::render(&engine(), &req, &[Format::Pdf]).unwrap();
    let pages = lopdf::Document::load_mem(&r.files[0].1)
        .unwrap()
        .get_pages()
        .len();
    assert_eq!(pages, 2 * one.len());
}

#[test]
fn the_biên_bản_puts_thư_ký_left_and_chủ_trì_right() {
    let (doc, docx, _) = made("bien-ban-hop-chi-bo", 1, RenderOptions::default());
    let Some(Block::Signing(s)) = doc.blocks.last() else {
        panic!("{:?}", doc.blocks.last())
    };
    assert_eq!(s.left.as_ref().unwrap().label.as_deref(), Some("Thư ký"));
    assert_eq!(s.right.as_ref().unwrap().ho_ten, "Tô Trọng Hân");
    let pages = pdf_pages(&doc);
    assert!(
        pages
            .iter()
            .any(|p| p.lines().any(|l| l.trim() == "THƯ KÝ CHỦ TRÌ")),
        "{pages:?}"
    );
    let xml = document_xml(&docx);
    let (a, b) = (xml.rfind("THƯ KÝ").unwrap(), xml.rfind("CHỦ TRÌ").unwrap());
    assert!(a < b);
    // Attendance from the workbook: 18 members, 18 chính thức, 0 dự bị; what it does not know left blank.
    let body = body_text(&doc);
    assert!(body.contains("Tổng số đảng viên của chi bộ: 18 đồng chí; đảng viên chính thức: 18; đảng viên dự bị: 0."), "{body}");
    assert!(body.contains("Có mặt: …… đồng chí"), "{body}");
}

#[test]
fn the_kiểm_phiếu_fills_votes_and_shares_from_the_results_sheet() {
    let (doc, docx, _) = made("bien-ban-kiem-phieu", 1, RenderOptions::default());
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!()
    };
    let han = t
        .rows
        .iter()
        .find(|r| plain_text(&r[1]) == "Tô Trọng Hân")
        .unwrap();
    assert_eq!(plain_text(&han[2]), "17\n(94,44%)");
    assert_eq!(plain_text(&han[3]), "1\n(5,56%)");
    assert_eq!(plain_text(&han[4]), "0");
    let pages = pdf_pages(&doc).join("\n");
    assert!(pages.contains("(94,44%)"), "{pages}");
    assert!(docx_words(&document_xml(&docx)).contains(&"(94,44%)".to_owned()));
    // Without the sheet the counts are left blank.
    let mut data = vanban::sample::sample_data();
    data.bieu_quyet.clear();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    std::fs::write(&path, data.to_xlsx().unwrap()).unwrap();
    let req = DocumentRequest::new("bien-ban-kiem-phieu", Some(1), Input::Path(path));
    let r = pipeline::render(&engine(), &req, &[Format::Ir]).unwrap();
    let doc: Document = serde_json::from_slice(&r.files[0].1).unwrap();
    let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!()
    };
    assert!(t.rows.iter().all(|r| r[2..].iter().all(|c| c.is_empty())));
}

#[test]
fn the_báo_cáo_kiểm_điểm_of_a_chi_bộ_uses_its_text_or_lines_to_write_on() {
    let (doc, ..) = made("kiem-diem-chi-bo", 1, RenderOptions::default());
    let body = body_text(&doc);
    assert!(
        body.contains("Duy trì nền nếp sinh hoạt chi bộ 12/12 kỳ"),
        "{body}"
    );
    assert!(body.contains("Tổng điểm tự chấm: 94/100 điểm"), "{body}");
    assert!(body.contains("☒ Hoàn thành xuất sắc nhiệm vụ"), "{body}");
    // Sections without text: lines to write on.
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph { content, .. } if content == &vec![vanban::ir::Inline::Fill])));
    assert_eq!(doc.header.number.as_ref().unwrap().loai, "BC");
    let (other, ..) = made("kiem-diem-chi-bo", 2, RenderOptions::default());
    assert!(!body_text(&other).contains("12/12 kỳ"));
}

/// The web page lists the kinds from `GET /api/kinds`: the new ones appear there with nothing changed in
/// the page, and a chi bộ's ballots download as one PDF with all its copies.
#[tokio::test]
async fn the_web_api_lists_the_new_kinds_and_renders_the_ballots() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let app = || {
        vanban::serve::router(std::sync::Arc::new(
            vanban::serve::AppState::new(&vanban::serve::Options::default()).unwrap(),
        ))
    };
    let resp = app()
        .oneshot(Request::get("/api/kinds").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let kinds: serde_json::Value = serde_json::from_slice(&body).unwrap();
    for (kind, per) in [
        ("kiem-diem-ca-nhan", "dang-vien"),
        ("kiem-diem-chi-bo", "chi-bo"),
        ("phieu-danh-gia", "chi-bo"),
        ("bien-ban-hop-chi-bo", "chi-bo"),
        ("bien-ban-kiem-phieu", "chi-bo"),
    ] {
        let k = kinds
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind}: {kinds}"));
        assert_eq!(k["per"], per, "{k}");
    }
    let boundary = "----vanban-forms";
    let mut form = Vec::new();
    for (name, value) in [("kind", "phieu-danh-gia"), ("format", "pdf"), ("stt", "1")] {
        form.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .into_bytes(),
        );
    }
    form.extend(format!("--{boundary}--\r\n").into_bytes());
    let req = Request::post("/api/render")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(form))
        .unwrap();
    let resp = app().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let pdf = resp.into_body().collect().await.unwrap().to_bytes();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert_eq!(pages % 18, 0, "{pages}");
    assert!(pages >= 18);
}

#[test]
fn batch_phieu_danh_gia_merge_pdf_prints_every_chi_bộ_s_ballots() {
    use common::bin::{code, files, stderr, vanban};
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &[
            "batch",
            "phieu-danh-gia",
            "--merge-pdf",
            "--format",
            "pdf",
            "--jobs",
            "2",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.path().join("out");
    let names = files(&out);
    let pages = |name: &str| {
        lopdf::Document::load_mem(&std::fs::read(out.join(name)).unwrap())
            .unwrap()
            .get_pages()
            .len()
    };
    let forms: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("phieu-danh-gia-"))
        .collect();
    assert_eq!(forms.len(), 6, "{names:?}");
    let tong_hop = pages("phieu-danh-gia-001-tong-hop.pdf");
    assert_eq!(tong_hop % 18, 0);
    let sum: usize = forms.iter().map(|n| pages(n)).sum();
    assert_eq!(pages("tat-ca.pdf"), sum);
    // --ban 2: two ballots a chi bộ.
    let o = vanban(
        &[
            "batch",
            "phieu-danh-gia",
            "--ban",
            "2",
            "--format",
            "pdf",
            "--out",
            "hai",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let two = lopdf::Document::load_mem(
        &std::fs::read(dir.path().join("hai/phieu-danh-gia-001-tong-hop.pdf")).unwrap(),
    )
    .unwrap()
    .get_pages()
    .len();
    assert_eq!(two * 9, tong_hop);
    let o = vanban(&["batch", "phieu-danh-gia", "--ban", "0"], dir.path());
    assert_eq!(code(&o), 2);
}
