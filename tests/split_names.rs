//! Names split over "Họ đệm" | "Tên", and two-digit years of past dates.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use rust_xlsxwriter::Format;
use vanban::model::{VnCollator, XepLoai};
use vanban::workbook::Workbook;

const XS: &str = "Hoàn thành xuất sắc nhiệm vụ";

/// Three members whose order by the written tên differs from their order by the last word of the full name.
fn members() -> Vec<Vec<C>> {
    vec![
        vec![
            N(1.0),
            S("Nguyễn Văn"),
            S("Minh Anh"),
            S("Tổng hợp"),
            S(XS),
            S("x"),
        ],
        vec![N(2.0), S("Lê Thị"), S("Bình"), S("Quản trị"), S(XS), S("x")],
        vec![N(3.0), S("Trần"), S("Hòa"), S("Quản trị"), S(XS), E],
    ]
}

fn check_split(bytes: Vec<u8>) {
    let (ds, _) = load_ok(bytes);
    assert_eq!(
        names(&ds),
        ["Nguyễn Văn Minh Anh", "Lê Thị Bình", "Trần Hòa"]
    );
    let an = &ds.dang_vien[0];
    assert_eq!(an.ho_dem.as_deref(), Some("Nguyễn Văn"));
    assert_eq!(an.ten.as_deref(), Some("Minh Anh"));
    assert_eq!(ds.dang_vien[2].xep_loai, Some(XepLoai::XuatSac));
    let th = ds.tong_hop(&VnCollator::new());
    // By the tên as written: Bình < Hòa < Minh Anh. Split from the full name, "Anh" would come first.
    let xs: Vec<&str> = th
        .dang_vien_xuat_sac
        .iter()
        .map(|p| p.ho_ten.as_str())
        .collect();
    assert_eq!(xs, ["Lê Thị Bình", "Trần Hòa", "Nguyễn Văn Minh Anh"]);
    let tb: Vec<&str> = th
        .ca_nhan_tieu_bieu
        .iter()
        .map(|p| p.ho_ten.as_str())
        .collect();
    assert_eq!(tb, ["Lê Thị Bình", "Nguyễn Văn Minh Anh"]);
}

#[test]
fn ho_dem_and_ten_in_one_header_row() {
    let bytes = with_dang_vien(|ws| {
        row(
            ws,
            0,
            &[
                S("STT"),
                S("Họ đệm"),
                S("Tên"),
                S("Chi bộ"),
                S("Xếp loại"),
                S("Tiêu biểu"),
            ],
        );
        rows(ws, 1, &members());
    });
    check_split(bytes);
}

#[test]
fn ho_dem_and_ten_under_a_merged_ho_va_ten() {
    let bytes = with_dang_vien(|ws| {
        let f = Format::new();
        ws.merge_range(0, 0, 1, 0, "STT", &f).unwrap();
        ws.merge_range(0, 1, 0, 2, "Họ và tên", &f).unwrap();
        ws.merge_range(0, 3, 1, 3, "Chi bộ", &f).unwrap();
        ws.merge_range(0, 4, 1, 4, "Xếp loại", &f).unwrap();
        ws.merge_range(0, 5, 1, 5, "Tiêu biểu", &f).unwrap();
        row(ws, 1, &[E, S("Họ đệm"), S("Tên")]);
        rows(ws, 2, &members());
    });
    check_split(bytes);
}

#[test]
fn ho_dem_and_ten_under_an_unmerged_title_as_ods_reads_it() {
    // .ods files record no merged ranges: the title sits in the first column only.
    let bytes = with_dang_vien(|ws| {
        row(
            ws,
            0,
            &[
                S("STT"),
                S("Họ và tên"),
                E,
                S("Chi bộ"),
                S("Xếp loại"),
                S("Tiêu biểu"),
            ],
        );
        row(ws, 1, &[E, S("Họ đệm"), S("Tên")]);
        rows(ws, 2, &members());
    });
    check_split(bytes);
}

#[test]
fn a_row_with_only_a_ten_and_a_row_without_a_name() {
    let bytes = with_dang_vien(|ws| {
        row(ws, 0, &[S("STT"), S("Họ đệm"), S("Tên"), S("Chi bộ")]);
        rows(
            ws,
            1,
            &[
                vec![N(1.0), E, S("Bình"), S("Quản trị")],
                vec![N(2.0), E, E, S("Quản trị")],
            ],
        );
    });
    let loaded = load(bytes);
    assert_eq!(names(&loaded.dataset), ["Bình"]);
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "thieu_gia_tri");
    assert!(errs[0].1.ends_with("!B3"), "{errs:?}");
}

#[test]
fn a_sheet_without_any_name_column_is_still_refused() {
    let bytes = with_dang_vien(|ws| {
        row(ws, 0, &[S("STT"), S("Họ đệm"), S("Chi bộ")]);
        row(ws, 1, &[N(1.0), S("Nguyễn Văn"), S("Quản trị")]);
    });
    let errs = errors(&load(bytes));
    assert!(
        errs.iter()
            .any(|(code, _, msg)| code == "thieu_cot" && msg.contains("Họ và tên")),
        "{errs:?}"
    );
}

fn dates_workbook(birth: &'static str, joined: &'static str) -> Vec<u8> {
    with_dang_vien(|ws| {
        row(
            ws,
            0,
            &[
                S("STT"),
                S("Họ và tên"),
                S("Ngày sinh"),
                S("Ngày vào Đảng"),
                S("Chi bộ"),
            ],
        );
        row(
            ws,
            1,
            &[
                N(1.0),
                S("Nguyễn Văn An"),
                S(birth),
                S(joined),
                S("Tổng hợp"),
            ],
        );
    })
}

#[test]
fn two_digit_years_of_past_dates_are_the_latest_year_not_after_today() {
    let bytes = dates_workbook("05/01/80", "2/9/05");
    let mut wb = Workbook::from_bytes(bytes, "nam.xlsx", &Default::default()).unwrap();
    wb.today = vanban::ir::Date::new(2026, 12, 1).unwrap();
    let loaded = vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules());
    assert!(!loaded.has_errors(), "{:?}", errors(&loaded));
    let an = &loaded.dataset.dang_vien[0];
    assert_eq!(an.ngay_sinh.as_deref(), Some("1980-01-05"));
    assert_eq!(an.ngay_vao_dang.as_deref(), Some("2005-09-02"));

    // Read on another day, the same text is the same century's year up to that day.
    wb.today = vanban::ir::Date::new(2004, 1, 1).unwrap();
    let loaded = vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules());
    assert_eq!(
        loaded.dataset.dang_vien[0].ngay_vao_dang.as_deref(),
        Some("1905-09-02")
    );
}

#[test]
fn the_real_today_is_used_by_default() {
    // 01/01/00 is 2000 for anyone running this between 2000 and 2099.
    let (ds, _) = load_ok(dates_workbook("01/01/00", "31/12/99"));
    assert_eq!(ds.dang_vien[0].ngay_sinh.as_deref(), Some("2000-01-01"));
    assert_eq!(ds.dang_vien[0].ngay_vao_dang.as_deref(), Some("1999-12-31"));
}

#[test]
fn a_two_digit_year_is_not_accepted_in_thong_tin_dates() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    info(&mut wb);
    let ws = wb.worksheet_from_name("Thông tin").unwrap();
    row(ws, 5, &[S("Ngày báo cáo"), S("30/03/23")]);
    chi_bo(&mut wb, CHI_BO);
    let errs = errors(&load_with_needs(save(wb)));
    assert!(
        errs.iter().any(|(_, at, _)| at == "Thông tin!B6"),
        "{errs:?}"
    );
}

fn load_with_needs(bytes: Vec<u8>) -> vanban::model::Loaded {
    let wb = Workbook::from_bytes(bytes, "t.xlsx", &Default::default()).unwrap();
    vanban::model::load(&wb, vanban::model::Needs { dang_vien: false }, &rules())
}
