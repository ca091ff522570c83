//! Rule checks (spec §4): the xuất sắc quota and the score bands give warnings with the numbers and never
//! change the data; name lists come in Vietnamese order.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::*;
use rust_xlsxwriter::Workbook as XlsxBook;
use vanban::model::{VnCollator, XepLoai};

/// A workbook whose đảng viên are (name, chi bộ, tổng điểm, xếp loại); chi bộ rows are (name, điểm,
/// xếp loại).
fn book(
    chi_bo_rows: &[(&'static str, C, &'static str)],
    members: &[(&str, &str, C, &str)],
) -> Vec<u8> {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Chi bộ").unwrap();
    row(ws, 0, &[S("Tên chi bộ"), S("Tổng điểm"), S("Xếp loại")]);
    for (i, (ten, diem, x)) in chi_bo_rows.iter().enumerate() {
        row(ws, 1 + i as u32, &[S(ten), diem.clone(), S(x)]);
    }
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    row(
        ws,
        0,
        &[S("Họ và tên"), S("Chi bộ"), S("Tổng điểm"), S("Xếp loại")],
    );
    for (i, (name, cb, diem, x)) in members.iter().enumerate() {
        row(
            ws,
            1 + i as u32,
            &[
                T((*name).to_owned()),
                T((*cb).to_owned()),
                diem.clone(),
                T((*x).to_owned()),
            ],
        );
    }
    save(wb)
}

fn warnings(diags: &[vanban::Diagnostic]) -> Vec<(String, String, String)> {
    diags
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| {
            (
                d.code.clone(),
                d.location().unwrap_or_default(),
                d.message.clone(),
            )
        })
        .collect()
}

fn two_chi_bo() -> Vec<(&'static str, C, &'static str)> {
    vec![("Tổng hợp", E, "Tốt"), ("Quản trị", E, "Tốt")]
}

#[test]
fn quota_over_the_whole_workbook_warns_with_the_numbers() {
    // 3 xuất sắc, 10 tốt: at most floor(20% × 10) = 2.
    let mut members: Vec<(String, &str, &str)> = Vec::new();
    for i in 0..3 {
        members.push((format!("Xuất Sắc {i}"), "Tổng hợp", "HTXSNV"));
    }
    for i in 0..10 {
        members.push((format!("Hoàn Thành Tốt {i}"), "Quản trị", "HTTNV"));
    }
    let m: Vec<(&str, &str, C, &str)> = members
        .iter()
        .map(|(n, c, x)| (n.as_str(), *c, E, *x))
        .collect();
    let (ds, diags) = load_ok(book(&two_chi_bo(), &m));
    let w = warnings(&diags);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].0, "vuot_ty_le_xuat_sac");
    assert_eq!(w[0].1, "Đảng viên");
    assert_eq!(
        w[0].2,
        "Toàn đảng bộ: 3 đảng viên hoàn thành xuất sắc nhiệm vụ, vượt tỷ lệ 20% của 10 hoàn thành tốt nhiệm vụ (tối đa 2)"
    );
    // Never a cap: the three stay xuất sắc.
    let th = ds.tong_hop(&VnCollator::new());
    assert_eq!(th.dang_vien.xep_loai.xuat_sac, 3);
    assert_eq!(th.dang_vien_xuat_sac.len(), 3);
}

#[test]
fn quota_at_the_limit_is_fine() {
    // 2 xuất sắc, 10 tốt: exactly 20 %.
    let mut members: Vec<(String, &str)> = Vec::new();
    for i in 0..2 {
        members.push((format!("Xuất Sắc {i}"), "HTXSNV"));
    }
    for i in 0..10 {
        members.push((format!("Tốt {i}"), "HTTNV"));
    }
    let m: Vec<(&str, &str, C, &str)> = members
        .iter()
        .map(|(n, x)| (n.as_str(), "Tổng hợp", E, *x))
        .collect();
    let (_, diags) = load_ok(book(&two_chi_bo(), &m));
    assert!(warnings(&diags).is_empty(), "{diags:#?}");
}

#[test]
fn quota_per_chi_bo_when_the_profile_asks() {
    // Whole workbook: 2 xuất sắc of 10 tốt (fine). Tổng hợp alone: 2 of 2 (max 0).
    let mut members: Vec<(String, &str, &str)> = vec![
        ("Xuất Sắc Một".into(), "Tổng hợp", "HTXSNV"),
        ("Xuất Sắc Hai".into(), "Tổng hợp", "HTXSNV"),
        ("Tốt Một".into(), "Tổng hợp", "HTTNV"),
        ("Tốt Hai".into(), "Tổng hợp", "HTTNV"),
    ];
    for i in 0..8 {
        members.push((format!("Quản Trị {i}"), "Quản trị", "HTTNV"));
    }
    let m: Vec<(&str, &str, C, &str)> = members
        .iter()
        .map(|(n, c, x)| (n.as_str(), *c, E, *x))
        .collect();
    let bytes = book(&two_chi_bo(), &m);

    let loaded = load(bytes.clone());
    assert!(warnings(&loaded.diagnostics).is_empty());

    let mut rules = rules();
    rules.quota_per_chi_bo = true;
    let loaded = load_with(bytes, &rules);
    let w = warnings(&loaded.diagnostics);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(
        w[0].2,
        "Chi bộ Tổng hợp: 2 đảng viên hoàn thành xuất sắc nhiệm vụ, vượt tỷ lệ 20% của 2 hoàn thành tốt nhiệm vụ (tối đa 0)"
    );
}

#[test]
fn quota_for_chi_bo() {
    let chi_bo_rows = vec![
        ("Tổng hợp", E, "Xuất sắc"),
        ("Quản trị", E, "Xuất sắc"),
        ("Cơ yếu – CNTT", E, "Tốt"),
    ];
    let (_, diags) = load_ok(book(&chi_bo_rows, &[("A Một", "Tổng hợp", E, "Tốt")]));
    let w = warnings(&diags);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].1, "Chi bộ");
    assert_eq!(
        w[0].2,
        "Toàn đảng bộ: 2 chi bộ hoàn thành xuất sắc nhiệm vụ, vượt tỷ lệ 20% của 1 hoàn thành tốt nhiệm vụ (tối đa 0)"
    );
}

#[test]
fn score_bands_against_xep_loai() {
    let chi_bo_rows = vec![
        ("Tổng hợp", N(88.0), "Xuất sắc"),
        ("Quản trị", N(75.0), "Tốt"),
    ];
    let members = [
        ("Đúng Xuất Sắc", "Tổng hợp", N(90.0), "HTXSNV"),
        ("Đúng Tốt", "Tổng hợp", N(70.0), "HTTNV"),
        ("Đúng Hoàn Thành", "Tổng hợp", S("50"), "HTNV"),
        ("Đúng Không", "Tổng hợp", N(49.5), "KHTNV"),
        ("Sai Cao", "Tổng hợp", S("89,5"), "HTXSNV"),
        ("Sai Thấp", "Quản trị", N(95.0), "HTNV"),
        ("Không Điểm", "Quản trị", E, "HTTNV"),
        ("Không Xếp Loại", "Quản trị", N(40.0), ""),
        ("Tốt Thêm", "Quản trị", N(80.0), "HTTNV"),
        ("Tốt Nữa", "Quản trị", N(80.0), "HTTNV"),
        ("Tốt Nữa Hai", "Quản trị", N(80.0), "HTTNV"),
        ("Tốt Nữa Ba", "Quản trị", N(80.0), "HTTNV"),
        ("Tốt Nữa Bốn", "Quản trị", N(80.0), "HTTNV"),
    ];
    let (ds, diags) = load_ok(book(&chi_bo_rows, &members));
    let w = warnings(&diags);
    let bands: Vec<(&str, &str)> = w
        .iter()
        .filter(|(c, _, _)| c == "diem_khong_khop_xep_loai")
        .map(|(_, at, m)| (at.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        bands,
        [
            (
                "Chi bộ!C2",
                "Chi bộ Tổng hợp: tổng điểm 88 ứng với \"Hoàn thành tốt nhiệm vụ\" nhưng xếp loại \"Hoàn thành xuất sắc nhiệm vụ\""
            ),
            (
                "Đảng viên!D6",
                "Sai Cao: tổng điểm 89,5 ứng với \"Hoàn thành tốt nhiệm vụ\" nhưng xếp loại \"Hoàn thành xuất sắc nhiệm vụ\""
            ),
            (
                "Đảng viên!D7",
                "Sai Thấp: tổng điểm 95 ứng với \"Hoàn thành xuất sắc nhiệm vụ\" nhưng xếp loại \"Hoàn thành nhiệm vụ\""
            ),
        ]
    );
    // The xếp loại as written is kept.
    assert_eq!(ds.dang_vien[4].xep_loai, Some(XepLoai::XuatSac));
    assert_eq!(ds.dang_vien[5].xep_loai, Some(XepLoai::HoanThanh));
    assert_eq!(ds.chi_bo[0].xep_loai, Some(XepLoai::XuatSac));
}

#[test]
fn xuat_sac_list_in_vietnamese_name_order() {
    let names = [
        "Nguyễn Thị Bình",
        "Lê Bình",
        "Trần Văn An",
        "Phạm Văn Ánh",
        "Đỗ Thị Yến",
        "Hoàng Văn Đức",
        "Vũ Thị Dung",
        "Bùi Ngọc Ăn",
        "Ngô Thị Ân",
        "Đặng Văn Ơn",
        "Lý Thị Ông",
    ];
    let mut members: Vec<(&str, &str, C, &str)> = names
        .iter()
        .map(|n| (*n, "Tổng hợp", E, "HTXSNV"))
        .collect();
    // Enough hoàn thành tốt to stay inside the quota.
    let tot: Vec<String> = (0..60).map(|i| format!("Tốt Số {i}")).collect();
    members.extend(tot.iter().map(|n| (n.as_str(), "Quản trị", E, "HTTNV")));
    let (ds, diags) = load_ok(book(&two_chi_bo(), &members));
    assert!(warnings(&diags).is_empty(), "{diags:#?}");
    let th = ds.tong_hop(&VnCollator::new());
    let list: Vec<&str> = th
        .dang_vien_xuat_sac
        .iter()
        .map(|p| p.ho_ten.as_str())
        .collect();
    assert_eq!(
        list,
        [
            "Trần Văn An",     // An
            "Phạm Văn Ánh",    // Ánh: a tone only breaks the tie after the whole word
            "Bùi Ngọc Ăn",     // ă after a
            "Ngô Thị Ân",      // â after ă
            "Lê Bình",         // Bình, no tên đệm first
            "Nguyễn Thị Bình", // then tên đệm Thị
            "Vũ Thị Dung",     // d
            "Hoàng Văn Đức",   // đ after d
            "Lý Thị Ông",      // o, ô
            "Đặng Văn Ơn",     // ơ after ô
            "Đỗ Thị Yến",
        ]
    );
}

#[test]
fn warnings_name_the_sheet_as_written() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("CHI BO").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Tên chi bộ"), S("Xếp loại")],
            vec![S("Tổng hợp"), S("Tốt")],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("danh sach dang vien").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ"), S("Tổng điểm"), S("Xếp loại")],
            vec![S("A Một"), S("Tổng hợp"), N(60.0), S("Xuất sắc")],
        ],
    );
    let (_, diags) = load_ok(save(wb));
    let w = warnings(&diags);
    let at: Vec<&str> = w.iter().map(|(_, at, _)| at.as_str()).collect();
    assert_eq!(
        at,
        ["danh sach dang vien", "danh sach dang vien!D2"],
        "{w:#?}"
    );
}

/// A workbook whose Thông tin gives the issuing body (and the signer) as typed here.
fn book_with_names(co_quan: &'static str, nguoi_ky: &'static str) -> Vec<u8> {
    let mut wb = XlsxBook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Mục"), S("Giá trị")],
            vec![S("Cơ quan ban hành"), S(co_quan)],
            vec![S("Ký hiệu cơ quan"), S("ĐU")],
            vec![S("Địa danh"), S("Vĩnh Phúc")],
            vec![S("Người ký"), S(nguoi_ky)],
        ],
    );
    chi_bo(&mut wb, CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    row(ws, 0, &[S("Họ và tên"), S("Chi bộ")]);
    row(ws, 1, &[S("Tô Trọng Hân"), S("Tổng hợp")]);
    save(wb)
}

#[test]
fn a_name_typed_in_capitals_is_a_warning_with_the_cell_and_a_hint() {
    let input = |bytes| vanban::pipeline::Input::Bytes {
        bytes,
        name: "du-lieu.xlsx".into(),
    };
    let limits = vanban::workbook::ReadLimits::default();
    let (report, code) = vanban::pipeline::check::check(
        &input(book_with_names(
            "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY",
            "Trần Việt Cường",
        )),
        "dang",
        &limits,
    );
    assert_eq!(code, 0, "a warning, not an error: {:#?}", report.errors);
    let w: Vec<_> = report
        .warnings
        .iter()
        .filter(|d| d.code == "viet_hoa_toan_bo")
        .collect();
    assert_eq!(w.len(), 1, "{:#?}", report.warnings);
    assert_eq!(w[0].location().as_deref(), Some("Thông tin!B2"));
    assert!(
        w[0].message.contains("Cơ quan ban hành"),
        "{}",
        w[0].message
    );
    assert!(
        w[0].hint.as_deref().unwrap_or("").contains("viết thường"),
        "{:?}",
        w[0].hint
    );
    // A signer's name in capitals too; a name in normal case (with an acronym) is no warning.
    let (report, _) = vanban::pipeline::check::check(
        &input(book_with_names(
            "Đảng ủy Văn phòng UBND tỉnh",
            "TRẦN VIỆT CƯỜNG",
        )),
        "dang",
        &limits,
    );
    let cells: Vec<_> = report
        .warnings
        .iter()
        .filter(|d| d.code == "viet_hoa_toan_bo")
        .map(|d| d.location().unwrap_or_default())
        .collect();
    assert_eq!(cells, ["Thông tin!B5"]);
}
