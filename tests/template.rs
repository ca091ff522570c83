//! Template stage: workbook data → minijinja → IR. Hostile values print literally wherever they land.

#![allow(clippy::unwrap_used)]

use vanban::ir::{Block, Document, Inline, plain_text};
use vanban::model::{self, Needs, VnCollator};
use vanban::profile::Profile;
use vanban::sample::sample_data;
use vanban::template::{Templates, context};
use vanban::workbook::Workbook;

use vanban::sample::{HOSTILE_CHI_BO as HOSTILE, HOSTILE_PARENT, HOSTILE_SIGNER, hostile_data};

fn hostile_dataset() -> model::Dataset {
    let data = hostile_data();
    let wb =
        Workbook::from_bytes(data.to_xlsx().unwrap(), "hostile.xlsx", &Default::default()).unwrap();
    let loaded = model::load(&wb, Needs { dang_vien: true }, &Profile::dang().rules);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.dataset
}

fn render(kind: &str, ds: &model::Dataset, stt: Option<i64>) -> Document {
    let th = ds.tong_hop(&VnCollator::new());
    let base = context::base(ds, &th);
    let ctx = match kind {
        "cam-ket-chi-bo" => {
            let cb = &ds.chi_bo[stt.unwrap() as usize - 1];
            context::for_chi_bo(&base, cb, &ds.members_of(&cb.ten))
        }
        "cam-ket-dang-vien" => context::for_dang_vien(&base, ds, stt.unwrap() as usize - 1),
        _ => base,
    };
    Templates::new(None).unwrap().render(kind, &ctx).unwrap()
}

/// Every text of the body, one entry per paragraph, list item and table cell.
fn body_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Note { content }
            | Block::Article { content } => out.push(plain_text(content)),
            Block::List { items } => out.extend(items.iter().map(|i| plain_text(&i.content))),
            Block::Table(t) => {
                out.extend(t.header.iter().map(|c| plain_text(c)));
                out.extend(t.rows.iter().flatten().map(|c| plain_text(c)));
            }
            Block::PageBreak => {}
            Block::Signing(s) => out.extend(
                s.left
                    .iter()
                    .chain(s.right.iter())
                    .map(|s| s.ho_ten.clone()),
            ),
        }
    }
    out
}

#[test]
fn hostile_values_are_literal_everywhere() {
    let ds = hostile_dataset();
    assert_eq!(ds.chi_bo[0].ten, HOSTILE);

    let kh = render("ke-hoach", &ds, None);
    // In a list item (paragraph-like), the signature and a nơi nhận line.
    assert!(
        body_texts(&kh)
            .iter()
            .any(|t| t.contains(&format!("Chi bộ {HOSTILE} (Bí thư"))),
        "{:#?}",
        body_texts(&kh)
    );
    assert_eq!(kh.signatures.right.ho_ten, HOSTILE_SIGNER);
    assert_eq!(kh.header.cap_tren.as_deref(), Some(HOSTILE_PARENT));
    let nn = kh.noi_nhan.as_ref().unwrap();
    assert!(
        nn.items[0].contains("[a](b) <i>x</i> | $1$ @c ]#["),
        "{:?}",
        nn.items
    );
    // No markup was interpreted: no bold/italic runs were created from data.
    for b in &kh.blocks {
        if let Block::List { items } = b {
            for i in items {
                assert!(
                    i.content
                        .iter()
                        .all(|r| !matches!(r, Inline::Text { italic: true, .. }))
                );
            }
        }
    }

    // In a table cell.
    let sk = render("so-ket", &ds, None);
    assert!(
        body_texts(&sk).iter().any(|t| t == HOSTILE),
        "table cell holds the name exactly"
    );

    // In the header of a form.
    let ck = render("cam-ket-chi-bo", &ds, Some(1));
    assert_eq!(ck.header.co_quan, format!("Chi bộ {HOSTILE}"));
}

#[test]
fn ke_hoach_ir_snapshot() {
    let wb = Workbook::from_bytes(
        vanban::sample::SAMPLE_XLSX.to_vec(),
        "sample",
        &Default::default(),
    )
    .unwrap();
    let (ds, warnings) = model::load(&wb, Needs { dang_vien: false }, &Profile::dang().rules)
        .into_result()
        .unwrap();
    assert!(warnings.is_empty());
    let doc = render("ke-hoach", &ds, None);
    assert_eq!(doc.file_stem, "ke-hoach-09-KH-DU");
    insta::assert_json_snapshot!("ke_hoach_ir", doc);
}

#[test]
fn hostile_ir_snapshot() {
    let doc = render("cam-ket-dang-vien", &hostile_dataset(), Some(3));
    insta::assert_json_snapshot!("cam_ket_dang_vien_hostile_ir", doc);
}

#[test]
fn so_ket_says_what_the_seed_says() {
    let wb = Workbook::from_bytes(
        vanban::sample::SAMPLE_XLSX.to_vec(),
        "sample",
        &Default::default(),
    )
    .unwrap();
    let (ds, _) = model::load(&wb, Needs { dang_vien: true }, &Profile::dang().rules)
        .into_result()
        .unwrap();
    let doc = render("so-ket", &ds, None);
    let all = body_texts(&doc).join("\n");
    for needle in [
        "Thực hiện Kế hoạch số 09-KH/ĐU, ngày 29/7/2022 của Đảng ủy Văn phòng Tỉnh ủy",
        "Có 6/6 chi bộ trực thuộc đã ký cam kết",
        "Tập thể tiêu biểu: Chi bộ Tổng hợp, Chi bộ Cơ yếu – CNTT.",
        "Đồng chí Tô Trọng Hân",
        "Giải Nhất Hội thi Bí thư chi bộ giỏi năm 2022",
        "Có 13 đảng viên hoàn thành xuất sắc nhiệm vụ năm 2022",
        "83,33%",
    ] {
        assert!(all.contains(needle), "missing {needle:?}");
    }
    assert_eq!(doc.title.ten_loai, "Báo cáo");
    assert_eq!(doc.header.number.as_ref().unwrap().loai, "BC");
}

#[test]
fn missing_prose_prints_placeholder() {
    let mut data = sample_data();
    data.nhan_dinh.retain(|(m, _)| m != "Hạn chế");
    let wb = Workbook::from_bytes(data.to_xlsx().unwrap(), "x.xlsx", &Default::default()).unwrap();
    let (ds, _) = model::load(&wb, Needs { dang_vien: true }, &Profile::dang().rules)
        .into_result()
        .unwrap();
    let doc = render("so-ket", &ds, None);
    let texts = body_texts(&doc);
    let i = texts
        .iter()
        .position(|t| t == "Hạn chế, khuyết điểm")
        .unwrap();
    assert_eq!(texts[i + 1], "(…)");
}

#[test]
fn template_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ke-hoach.md"),
        "+++\nten_tep = \"x\"\nten_loai = \"Kế hoạch\"\n[header]\nco_quan = \"a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\nDòng một\n\n{{ org.khong_co_truong }}\n",
    )
    .unwrap();
    let t = Templates::new(Some(dir.path())).unwrap();
    let ds = hostile_dataset();
    let th = ds.tong_hop(&VnCollator::new());
    let e = t.render("ke-hoach", &context::base(&ds, &th)).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("ke-hoach.md:12"), "{msg}");
    assert_eq!(e.exit_code(), 1);

    std::fs::write(
        dir.path().join("ke-hoach.md"),
        "+++\nten_tep = \"x\"\n+++\n{% for x in %}\n",
    )
    .unwrap();
    // A broken kind is listed, and reported with its line when used.
    let t = Templates::new(Some(dir.path())).unwrap();
    assert!(t.has("ke-hoach"));
    let e = t.kind("ke-hoach").unwrap_err();
    assert!(e.to_string().contains("ke-hoach.md:4"), "{e}");
    assert_eq!(e.exit_code(), 1);
}
