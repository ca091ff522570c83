//! Reading evaluation workbooks as offices keep them (issue 3): each test builds a workbook in code with
//! rust_xlsxwriter and asserts the values read.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::*;
use rust_xlsxwriter::{Format, Workbook as XlsxBook};
use vanban::model::XepLoai;

const DV_HEADER: [C; 9] = [
    S("STT"),
    S("Họ và tên"),
    S("Ngày sinh"),
    S("Ngày vào Đảng"),
    S("Chi bộ"),
    S("Chức vụ"),
    S("Tổng điểm"),
    S("Xếp loại"),
    S("Tiêu biểu"),
];

#[test]
fn title_block_above_the_header() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![
                    S("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"),
                    E,
                    E,
                    E,
                    S("ĐẢNG CỘNG SẢN VIỆT NAM"),
                ],
                vec![S("ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY")],
                vec![],
                vec![E, E, S("DANH SÁCH ĐẢNG VIÊN VÀ KẾT QUẢ XẾP LOẠI NĂM 2022")],
                vec![E, E, S("(Kèm theo Báo cáo số 15-BC/ĐU)")],
                vec![],
                DV_HEADER.to_vec(),
                vec![
                    N(1.0),
                    S("Nguyễn Văn An"),
                    D(1980, 1, 5),
                    D(2005, 3, 2),
                    S("Tổng hợp"),
                    S("Chuyên viên"),
                    N(92.0),
                    S("Hoàn thành xuất sắc nhiệm vụ"),
                    S("x"),
                ],
                vec![
                    N(2.0),
                    S("Lê Thị Bình"),
                    D(1985, 12, 31),
                    D(2010, 6, 15),
                    S("Quản trị"),
                    S("Phó Trưởng phòng"),
                    N(80.0),
                    S("Hoàn thành tốt nhiệm vụ"),
                    E,
                ],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(names(&ds), ["Nguyễn Văn An", "Lê Thị Bình"]);
    let an = &ds.dang_vien[0];
    assert_eq!(an.row, 8);
    assert_eq!(an.ngay_sinh.as_deref(), Some("1980-01-05"));
    assert_eq!(an.ngay_vao_dang.as_deref(), Some("2005-03-02"));
    assert_eq!(an.chi_bo, "Tổng hợp");
    assert_eq!(an.chuc_vu.as_deref(), Some("Chuyên viên"));
    assert_eq!(an.tong_diem, Some(92.0));
    assert_eq!(an.xep_loai, Some(XepLoai::XuatSac));
    assert!(an.tieu_bieu);
    // The title text is not taken for a column.
    assert!(an.extra.is_empty(), "{:?}", an.extra);
    let binh = &ds.dang_vien[1];
    assert_eq!(binh.chi_bo, "Quản trị");
    assert_eq!(binh.ngay_sinh.as_deref(), Some("1985-12-31"));
    assert_eq!(binh.xep_loai, Some(XepLoai::Tot));
    assert!(!binh.tieu_bieu);
}

#[test]
fn two_row_merged_header() {
    let bytes = with_dang_vien(|ws| {
        let f = Format::new().set_bold();
        ws.merge_range(0, 0, 0, 9, "DANH SÁCH ĐẢNG VIÊN", &f)
            .unwrap();
        // Row 3 and 4: one-row titles merged down, group titles merged across.
        ws.merge_range(2, 0, 3, 0, "TT", &f).unwrap();
        ws.merge_range(2, 1, 3, 1, "Họ và tên", &f).unwrap();
        ws.merge_range(2, 2, 3, 2, "Ngày, tháng, năm sinh", &f)
            .unwrap();
        ws.merge_range(2, 3, 3, 3, "Chi bộ", &f).unwrap();
        ws.merge_range(2, 4, 2, 5, "Chức vụ", &f).unwrap();
        ws.write_string(3, 4, "Chính quyền").unwrap();
        ws.write_string(3, 5, "Đảng").unwrap();
        ws.merge_range(2, 6, 2, 8, "Kết quả đánh giá, xếp loại", &f)
            .unwrap();
        ws.write_string(3, 6, "Tổng điểm").unwrap();
        ws.write_string(3, 7, "Xếp loại").unwrap();
        ws.write_string(3, 8, "Tự đánh giá").unwrap();
        ws.merge_range(2, 9, 3, 9, "Ghi chú", &f).unwrap();
        rows(
            ws,
            4,
            &[
                vec![
                    N(1.0),
                    S("Tô Trọng Hân"),
                    S("12/3/1978"),
                    S("Tổng hợp"),
                    S("Chánh Văn phòng"),
                    S("Bí thư chi bộ"),
                    S("95"),
                    S("HTXSNV"),
                    S("HTXSNV"),
                    S("Giải Nhất"),
                ],
                vec![
                    N(2.0),
                    S("Phạm Thu Hà"),
                    S("01/02/1990"),
                    S("Quản trị"),
                    S("Chuyên viên"),
                    S("Đảng viên"),
                    N(75.5),
                    S("HTTNV"),
                    S("HTTNV"),
                    E,
                ],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(names(&ds), ["Tô Trọng Hân", "Phạm Thu Hà"]);
    let han = &ds.dang_vien[0];
    assert_eq!(han.row, 5);
    assert_eq!(han.stt, 1);
    assert_eq!(han.ngay_sinh.as_deref(), Some("1978-03-12"));
    assert_eq!(han.chi_bo, "Tổng hợp");
    // "Chức vụ" over "Chính quyền" / "Đảng" reads as "Chức vụ chính quyền" / "Chức vụ Đảng".
    assert_eq!(han.chuc_vu.as_deref(), Some("Chánh Văn phòng"));
    assert_eq!(han.chuc_vu_dang.as_deref(), Some("Bí thư chi bộ"));
    assert_eq!(han.tong_diem, Some(95.0));
    assert_eq!(han.xep_loai, Some(XepLoai::XuatSac));
    assert_eq!(han.ghi_chu.as_deref(), Some("Giải Nhất"));
    // The lower cell names an extra column.
    assert_eq!(
        han.extra.get("Tự đánh giá").map(String::as_str),
        Some("HTXSNV")
    );
    assert_eq!(ds.dang_vien[1].tong_diem, Some(75.5));
    assert_eq!(ds.dang_vien[1].chuc_vu_dang.as_deref(), Some("Đảng viên"));
}

#[test]
fn aliases_of_sheets_and_columns() {
    let mut wb = XlsxBook::new();
    info_named(&mut wb, "THONG TIN");
    let ws = wb.add_worksheet();
    ws.set_name("chi bo").unwrap();
    rows(
        ws,
        0,
        &[
            vec![
                S("TT"),
                S("Chi bộ"),
                S("Bí thư chi bộ"),
                S("Lãnh đạo hoàn thành tốt nhiệm vụ"),
                S("Chất lượng sinh hoạt tốt"),
                S("Đoàn kết, kỷ luật tốt"),
                S("Cán bộ, đảng viên tốt"),
                S("Tổng điểm"),
                S("Xếp loại chất lượng"),
                S("Đã ký cam kết"),
            ],
            vec![
                N(1.0),
                S("Chi bộ Tổng hợp"),
                S("Tô Trọng Hân"),
                N(24.0),
                N(23.5),
                S("23,5"),
                N(22.0),
                N(93.0),
                S("Xuất sắc"),
                S("x"),
            ],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("DANG VIEN").unwrap();
    rows(
        ws,
        0,
        &[
            vec![
                S("TT"),
                S("Họ tên"),
                S("Tên chi bộ"),
                S("Thành tích"),
                S("Kết quả xếp loại"),
            ],
            vec![
                N(1.0),
                S("Tô Trọng Hân"),
                S("Tổng hợp"),
                S("Giải Nhất Hội thi Bí thư chi bộ giỏi năm 2022"),
                S("Tốt"),
            ],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    assert_eq!(ds.org.co_quan, "Đảng ủy Văn phòng Tỉnh ủy");
    let cb = &ds.chi_bo[0];
    assert_eq!(cb.ten, "Tổng hợp");
    assert_eq!(cb.bi_thu.as_deref(), Some("Tô Trọng Hân"));
    assert_eq!(cb.diem.lanh_dao, Some(24.0));
    assert_eq!(cb.diem.sinh_hoat, Some(23.5));
    assert_eq!(cb.diem.doan_ket, Some(23.5));
    assert_eq!(cb.diem.dang_vien, Some(22.0));
    assert_eq!(cb.tong_diem, Some(93.0));
    assert_eq!(cb.xep_loai, Some(XepLoai::XuatSac));
    assert!(cb.ky_cam_ket);
    let dv = &ds.dang_vien[0];
    assert_eq!(dv.ho_ten, "Tô Trọng Hân");
    assert_eq!(dv.chi_bo, "Tổng hợp");
    assert_eq!(
        dv.ghi_chu.as_deref(),
        Some("Giải Nhất Hội thi Bí thư chi bộ giỏi năm 2022")
    );
    assert_eq!(dv.xep_loai, Some(XepLoai::Tot));
    let sheets: Vec<&str> = ds.sheets.iter().map(|s| s.sheet.as_str()).collect();
    assert_eq!(sheets, ["THONG TIN", "chi bo", "DANG VIEN"]);
}

#[test]
fn xep_loai_abbreviations_and_short_forms_in_any_case() {
    let cases: &[(&str, Option<XepLoai>)] = &[
        ("HTXSNV", Some(XepLoai::XuatSac)),
        ("htxsnv", Some(XepLoai::XuatSac)),
        ("Xuất sắc", Some(XepLoai::XuatSac)),
        ("HOÀN THÀNH XUẤT SẮC NHIỆM VỤ", Some(XepLoai::XuatSac)),
        ("HTTNV", Some(XepLoai::Tot)),
        ("Httnv", Some(XepLoai::Tot)),
        ("tốt", Some(XepLoai::Tot)),
        ("Hoàn thành tốt nhiệm vụ", Some(XepLoai::Tot)),
        ("HTNV", Some(XepLoai::HoanThanh)),
        ("hoàn thành", Some(XepLoai::HoanThanh)),
        ("Hoan thanh nhiem vu", Some(XepLoai::HoanThanh)),
        ("KHTNV", Some(XepLoai::KhongHoanThanh)),
        ("KHÔNG HOÀN THÀNH", Some(XepLoai::KhongHoanThanh)),
        ("Không hoàn thành nhiệm vụ", Some(XepLoai::KhongHoanThanh)),
        ("Chưa xếp loại", None),
        ("", None),
    ];
    let bytes = with_dang_vien(|ws| {
        row(ws, 0, &[S("Họ và tên"), S("Chi bộ"), S("Xếp loại")]);
        for (i, (x, _)) in cases.iter().enumerate() {
            row(
                ws,
                1 + i as u32,
                &[T(format!("Đảng viên Số {i}")), S("Tổng hợp"), S(x)],
            );
        }
    });
    let (ds, _) = load_ok(bytes);
    let read: Vec<Option<XepLoai>> = ds.dang_vien.iter().map(|d| d.xep_loai).collect();
    let expected: Vec<Option<XepLoai>> = cases.iter().map(|(_, x)| *x).collect();
    assert_eq!(read, expected);
}

#[test]
fn group_rows_fill_an_empty_chi_bo() {
    let bytes = with_dang_vien(|ws| {
        let f = Format::new().set_bold();
        row(
            ws,
            0,
            &[S("STT"), S("Họ và tên"), S("Chi bộ"), S("Xếp loại")],
        );
        // A label merged across the row.
        ws.merge_range(1, 0, 1, 3, "I. Chi bộ Tổng hợp", &f)
            .unwrap();
        rows(
            ws,
            2,
            &[
                vec![N(1.0), S("Nguyễn Văn An"), E, S("Tốt")],
                vec![N(2.0), S("Trần Thị Bích"), E, S("Tốt")],
                // Roman numbering in STT, the label in the name column.
                vec![S("II"), S("Chi bộ Tài chính - Kế toán"), E, E],
                vec![N(1.0), S("Lê Văn Cường"), E, S("Xuất sắc")],
                // A written Chi bộ wins over the group.
                vec![N(2.0), S("Hoàng Thị Dung"), S("Quản trị"), S("Tốt")],
                // Just the label, in the name column.
                vec![E, S("Chi bộ Quản trị"), E, E],
                vec![N(1.0), S("Vũ Văn Em"), E, S("Hoàn thành")],
                // A numbered label in the STT column alone.
                vec![S("1. Tổng hợp")],
                vec![N(1.0), S("Đỗ Văn Phúc"), E, S("Tốt")],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    let got: Vec<(&str, &str)> = ds
        .dang_vien
        .iter()
        .map(|d| (d.ho_ten.as_str(), d.chi_bo.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Nguyễn Văn An", "Tổng hợp"),
            ("Trần Thị Bích", "Tổng hợp"),
            ("Lê Văn Cường", "Tài chính – Kế toán"),
            ("Hoàng Thị Dung", "Quản trị"),
            ("Vũ Văn Em", "Quản trị"),
            ("Đỗ Văn Phúc", "Tổng hợp"),
        ]
    );
    // Chi bộ counts come from the members.
    let so: Vec<Option<i64>> = ds.chi_bo.iter().map(|c| c.so_dang_vien).collect();
    assert_eq!(so, [Some(3), Some(1), Some(2)]);
}

#[test]
fn a_row_with_only_stt_and_name_is_a_member() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ")],
                vec![E, S("Chi bộ Tổng hợp")],
                vec![N(1.0), S("Nguyễn Văn An")],
                vec![N(2.0), S("Trần Thị Bích")],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(names(&ds), ["Nguyễn Văn An", "Trần Thị Bích"]);
    assert!(ds.dang_vien.iter().all(|d| d.chi_bo == "Tổng hợp"));
}

#[test]
fn total_rows_and_blank_rows_are_skipped() {
    let bytes = with_dang_vien(|ws| {
        let f = Format::new();
        rows(
            ws,
            0,
            &[
                vec![
                    S("STT"),
                    S("Họ và tên"),
                    S("Chi bộ"),
                    S("Tổng điểm"),
                    S("Xếp loại"),
                ],
                vec![N(1.0), S("Nguyễn Văn An"), S("Tổng hợp"), N(85.0), S("Tốt")],
                vec![],
                vec![N(2.0), S("Trần Thị Bích"), S("Tổng hợp"), N(80.0), S("Tốt")],
                vec![E, S("Cộng"), E, N(165.0), S("2")],
                vec![E, S("Cộng chi bộ Tổng hợp: 2 đồng chí")],
                vec![],
                vec![],
                vec![N(3.0), S("Lê Văn Cường"), S("Quản trị"), N(75.0), S("Tốt")],
                vec![S("Tổng số"), E, E, N(240.0)],
                vec![S("TỔNG CỘNG:"), S("3 đảng viên")],
                vec![S("Tong cong"), E, E, N(240.0)],
            ],
        );
        ws.merge_range(12, 0, 12, 2, "Tổng cộng", &f).unwrap();
        ws.write_number(12, 3, 240.0).unwrap();
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(
        names(&ds),
        ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"]
    );
    assert_eq!(
        ds.dang_vien.iter().map(|d| d.row).collect::<Vec<_>>(),
        [2, 4, 9]
    );
    assert_eq!(ds.sheets[2].rows, 3);
}

#[test]
fn column_number_row_under_the_header_is_skipped() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ"), S("Xếp loại")],
                vec![S("(1)"), S("(2)"), S("(3)"), S("(4)")],
                vec![N(1.0), S("Nguyễn Văn An"), S("Tổng hợp"), S("Tốt")],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(names(&ds), ["Nguyễn Văn An"]);
}

#[test]
fn numbers_typed_as_text_with_a_decimal_comma() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    let ws = wb.add_worksheet();
    ws.set_name("Chi bộ").unwrap();
    rows(
        ws,
        0,
        &[
            vec![
                S("Tên chi bộ"),
                S("Số đảng viên"),
                S("Lãnh đạo hoàn thành tốt nhiệm vụ"),
                S("Chất lượng sinh hoạt tốt"),
                S("Tổng điểm"),
            ],
            vec![S("Tổng hợp"), S("18"), S("9,5"), S(" 24,25 "), S("1.234,5")],
            vec![S("Quản trị"), N(12.0), N(9.5), S("24.5"), N(90.0)],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ"), S("Tổng điểm")],
            vec![S("Nguyễn Văn An"), S("Tổng hợp"), S("87,5")],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    assert_eq!(ds.chi_bo[0].so_dang_vien, Some(18));
    assert_eq!(ds.chi_bo[0].diem.lanh_dao, Some(9.5));
    assert_eq!(ds.chi_bo[0].diem.sinh_hoat, Some(24.25));
    assert_eq!(ds.chi_bo[0].tong_diem, Some(1234.5));
    assert_eq!(ds.chi_bo[1].so_dang_vien, Some(12));
    assert_eq!(ds.chi_bo[1].diem.sinh_hoat, Some(24.5));
    assert_eq!(ds.dang_vien[0].tong_diem, Some(87.5));
}

#[test]
fn dates_as_text_serials_and_date_cells() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![
                    S("Họ và tên"),
                    S("Chi bộ"),
                    S("Ngày sinh"),
                    S("Ngày vào Đảng"),
                ],
                vec![S("A Một"), S("Tổng hợp"), S("5/1/1980"), S("29/7/2022")],
                vec![S("B Hai"), S("Tổng hợp"), S("05/01/1980"), S("02/09/2005")],
                // 29225 = 5/1/1980 and 44771 = 29/7/2022 as plain numbers.
                vec![S("C Ba"), S("Tổng hợp"), N(29225.0), N(44771.0)],
                vec![S("D Bốn"), S("Tổng hợp"), D(1980, 1, 5), D(2022, 7, 29)],
                vec![S("E Năm"), S("Tổng hợp"), S("1980-01-05"), S("29-07-2022")],
                vec![S("G Sáu"), S("Tổng hợp"), S("29/02/1980"), S("05.01.2023")],
                vec![S("H Bảy"), S("Tổng hợp"), E, S(" 5 / 1 / 2023 ")],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    let got: Vec<(Option<&str>, Option<&str>)> = ds
        .dang_vien
        .iter()
        .map(|d| (d.ngay_sinh.as_deref(), d.ngay_vao_dang.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("1980-01-05"), Some("2022-07-29")),
            (Some("1980-01-05"), Some("2005-09-02")),
            (Some("1980-01-05"), Some("2022-07-29")),
            (Some("1980-01-05"), Some("2022-07-29")),
            (Some("1980-01-05"), Some("2022-07-29")),
            (Some("1980-02-29"), Some("2023-01-05")),
            (None, Some("2023-01-05")),
        ]
    );
}

#[test]
fn decomposed_unicode_is_normalised_to_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd = |s: &str| -> String { s.nfd().collect() };
    let name = "Nguyễn Thị Ánh Tuyết";
    assert_ne!(nfd(name), name);
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name(nfd("Đảng viên")).unwrap();
    rows(
        ws,
        0,
        &[
            vec![T(nfd("Họ và tên")), T(nfd("Chi bộ")), T(nfd("Chức vụ"))],
            vec![
                T(format!("  {}  ", nfd(name))),
                T(nfd("Tài chính - Kế toán")),
                T(nfd("Phó Chánh Văn phòng")),
            ],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    let dv = &ds.dang_vien[0];
    assert_eq!(dv.ho_ten, name);
    assert_eq!(dv.ho_ten.len(), name.len());
    // The chi bộ is the one of sheet "Chi bộ" (en dash), matched despite NFD and a hyphen.
    assert_eq!(dv.chi_bo, "Tài chính – Kế toán");
    assert_eq!(dv.chuc_vu.as_deref(), Some("Phó Chánh Văn phòng"));
}

#[test]
fn stt_may_restart_and_be_anything() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ")],
                vec![N(1.0), S("A Một"), S("Tổng hợp")],
                vec![N(2.0), S("B Hai"), S("Tổng hợp")],
                vec![N(1.0), S("C Ba"), S("Quản trị")],
                vec![S("2"), S("D Bốn"), S("Quản trị")],
                vec![S("3a"), S("E Năm"), S("Quản trị")],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    let stt: Vec<i64> = ds.dang_vien.iter().map(|d| d.stt).collect();
    // "3a" is not a number: the position stands in.
    assert_eq!(stt, [1, 2, 1, 2, 5]);
}

#[test]
fn extra_columns_are_kept_by_header_text() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![
                    S("Họ và tên"),
                    S("Quê quán"),
                    S("Chi bộ"),
                    S("Số thẻ đảng"),
                    S("Trình độ\nlý luận chính trị"),
                ],
                vec![
                    S("Nguyễn Văn An"),
                    S("Vĩnh Tường, Vĩnh Phúc"),
                    S("Tổng hợp"),
                    N(12345678.0),
                    S("Cao cấp"),
                ],
                vec![S("Trần Thị Bích"), E, S("Tổng hợp"), S("0012345"), E],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    let an = &ds.dang_vien[0].extra;
    assert_eq!(an["Quê quán"], "Vĩnh Tường, Vĩnh Phúc");
    assert_eq!(an["Số thẻ đảng"], "12345678");
    assert_eq!(an["Trình độ\nlý luận chính trị"], "Cao cấp");
    let bich = &ds.dang_vien[1].extra;
    assert_eq!(bich["Quê quán"], "");
    assert_eq!(bich["Số thẻ đảng"], "0012345");
}

#[test]
fn yes_no_marks() {
    let yes = [
        S("x"),
        S("X"),
        S("có"),
        S("Có"),
        S("✓"),
        N(1.0),
        B(true),
        S("TRUE"),
    ];
    let no = [
        E,
        S("không"),
        S("Không"),
        N(0.0),
        B(false),
        S("FALSE"),
        S("0"),
    ];
    let bytes = with_dang_vien(|ws| {
        row(ws, 0, &[S("Họ và tên"), S("Chi bộ"), S("Tiêu biểu")]);
        for (i, mark) in yes.iter().chain(no.iter()).enumerate() {
            row(
                ws,
                1 + i as u32,
                &[T(format!("Người Số {i}")), S("Tổng hợp"), mark.clone()],
            );
        }
    });
    let (ds, _) = load_ok(bytes);
    let read: Vec<bool> = ds.dang_vien.iter().map(|d| d.tieu_bieu).collect();
    let expected: Vec<bool> = std::iter::repeat_n(true, yes.len())
        .chain(std::iter::repeat_n(false, no.len()))
        .collect();
    assert_eq!(read, expected);
}

#[test]
fn sheet_names_in_other_case_and_without_diacritics() {
    let mut wb = XlsxBook::new();
    info_named(&mut wb, "THÔNG TIN");
    let ws = wb.add_worksheet();
    ws.set_name("CHI BỘ").unwrap();
    rows(ws, 0, &[vec![S("Tên chi bộ")], vec![S("Tổng hợp")]]);
    let ws = wb.add_worksheet();
    ws.set_name("dang_vien").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("HỌ VÀ TÊN"), S("chi bo")],
            vec![S("Nguyễn Văn An"), S("TỔNG HỢP")],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    assert_eq!(ds.org.nguoi_ky, "Trần Việt Cường");
    assert_eq!(ds.chi_bo[0].ten, "Tổng hợp");
    assert_eq!(ds.dang_vien[0].chi_bo, "Tổng hợp");
}

#[test]
fn the_canonical_sheet_name_wins_over_an_alias() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, CHI_BO);
    // "Danh sách" is an alias of "Đảng viên", but "Đảng viên" itself is there too.
    let ws = wb.add_worksheet();
    ws.set_name("Danh sách").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ")],
            vec![S("Sai Trang"), S("Tổng hợp")],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ")],
            vec![S("Đúng Trang"), S("Tổng hợp")],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    assert_eq!(names(&ds), ["Đúng Trang"]);
}

#[test]
fn vertically_merged_chi_bo_cells_cover_every_member() {
    let bytes = with_dang_vien(|ws| {
        let f = Format::new();
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ"), S("Xếp loại")],
                vec![N(1.0), S("Nguyễn Văn An"), E, S("Tốt")],
                vec![N(2.0), S("Trần Thị Bích"), E, S("Tốt")],
                vec![N(3.0), S("Lê Văn Cường"), E, S("Tốt")],
                vec![N(4.0), S("Hoàng Thị Dung"), S("Quản trị"), S("Tốt")],
            ],
        );
        ws.merge_range(1, 2, 3, 2, "Tổng hợp", &f).unwrap();
    });
    let (ds, _) = load_ok(bytes);
    let chi_bo: Vec<&str> = ds.dang_vien.iter().map(|d| d.chi_bo.as_str()).collect();
    assert_eq!(chi_bo, ["Tổng hợp", "Tổng hợp", "Tổng hợp", "Quản trị"]);
}

#[test]
fn headers_with_notes_in_parentheses() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![
                    S("Họ và tên"),
                    S("Chi bộ"),
                    S("Ngày sinh (dd/mm/yyyy)"),
                    S("Tổng điểm (100đ)"),
                ],
                vec![S("Nguyễn Văn An"), S("Tổng hợp"), S("05/01/1980"), N(88.0)],
            ],
        );
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(ds.dang_vien[0].ngay_sinh.as_deref(), Some("1980-01-05"));
    assert_eq!(ds.dang_vien[0].tong_diem, Some(88.0));
}

#[test]
fn nhan_dinh_sections_with_numbering() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ")],
            vec![S("A Một"), S("Tổng hợp")],
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("Nhận định").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Mục"), S("Nội dung")],
            vec![S("1. Ưu điểm"), S("Đoàn kết.\n- Chủ động.")],
            // A paragraph on its own row carries on the section above.
            vec![E, S("Sáng tạo.")],
            vec![S("II - Hạn chế"), S("Còn chậm.")],
            vec![S("Phương hướng"), E],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    let got: Vec<(&str, Vec<String>)> = ds
        .nhan_dinh
        .iter()
        .map(|n| (n.key.as_str(), n.noi_dung.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "uu_diem",
                vec![
                    "Đoàn kết.".to_owned(),
                    "Chủ động.".to_owned(),
                    "Sáng tạo.".to_owned()
                ]
            ),
            ("han_che", vec!["Còn chậm.".to_owned()]),
            ("phuong_huong", vec![]),
        ]
    );
}

/// The committed sample, read into records: a snapshot of the whole dataset.
#[test]
fn sample_dataset_snapshot() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/chi-bo-4-tot.xlsx"
    ))
    .unwrap();
    let loaded = load(bytes);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let mut ds = loaded.dataset;
    ds.file = "samples/chi-bo-4-tot.xlsx".into();
    assert_eq!(ds.chi_bo.len(), 6);
    assert!((80..=120).contains(&ds.dang_vien.len()));
    insta::assert_json_snapshot!("sample_dataset", ds);
}

#[test]
fn thong_tin_with_a_title_and_an_stt_column() {
    let mut wb = XlsxBook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin chung").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("THÔNG TIN CHUNG")],
            vec![S("STT"), S("Nội dung"), S("Giá trị")],
            vec![
                N(1.0),
                S("Cơ quan ban hành"),
                S("Đảng ủy Văn phòng Tỉnh ủy"),
            ],
            vec![N(2.0), S("KÝ HIỆU CƠ QUAN"), S("ĐU")],
            vec![N(3.0), S("Địa danh"), S("Vĩnh Phúc")],
            vec![N(4.0), S("Người ký"), S("Trần Việt Cường")],
            vec![N(5.0), S("Ngày kế hoạch"), S("29/7/2022")],
            vec![N(6.0), S("Năm"), S("2022")],
        ],
    );
    chi_bo(&mut wb, CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ")],
            vec![S("A Một"), S("Tổng hợp")],
        ],
    );
    let (ds, _) = load_ok(save(wb));
    assert_eq!(ds.org.co_quan, "Đảng ủy Văn phòng Tỉnh ủy");
    assert_eq!(ds.org.ky_hieu, "ĐU");
    assert_eq!(ds.org.nguoi_ky, "Trần Việt Cường");
    assert_eq!(ds.org.ngay_ke_hoach.as_deref(), Some("2022-07-29"));
    assert_eq!(ds.org.nam, Some(2022));
    assert_eq!(ds.org.chuc_vu_nguoi_ky, "Bí thư");
}

/// Rewrites `xl/workbook.xml` so the workbook uses the 1904 date system (Excel for Mac, old files).
fn with_1904_dates(xlsx: Vec<u8>) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(content).unwrap();
            assert!(xml.contains("<workbookPr"), "{xml}");
            content = xml
                .replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn date_cells_in_the_1904_date_system() {
    let bytes = with_dang_vien(|ws| {
        let date = Format::new().set_num_format("dd/mm/yyyy");
        rows(
            ws,
            0,
            &[vec![S("Họ và tên"), S("Chi bộ"), S("Ngày vào Đảng")]],
        );
        rows(ws, 1, &[vec![S("A Một"), S("Tổng hợp")]]);
        // 29/7/2022 is 43309 days after 1/1/1904 (44771 after 1/1/1900).
        ws.write_number_with_format(1, 2, 43309.0, &date).unwrap();
    });
    let (ds, _) = load_ok(with_1904_dates(bytes));
    assert_eq!(ds.dang_vien[0].ngay_vao_dang.as_deref(), Some("2022-07-29"));
}

#[test]
fn document_numbers_of_the_new_kinds_and_the_optional_drafter() {
    let wb = vanban::workbook::Workbook::from_bytes(
        vanban::sample::SAMPLE_XLSX.to_vec(),
        "mau.xlsx",
        &Default::default(),
    )
    .unwrap();
    let ds = vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules()).dataset;
    let o = &ds.org;
    assert_eq!(o.so_quyet_dinh.as_deref(), Some("16"));
    assert_eq!(o.ngay_quyet_dinh.as_deref(), Some("2023-04-10"));
    assert_eq!(o.so_thong_bao.as_deref(), Some("17"));
    assert_eq!(o.ngay_thong_bao.as_deref(), Some("2023-04-12"));
    assert_eq!(o.so_to_trinh.as_deref(), Some("18"));
    assert_eq!(o.ngay_to_trinh.as_deref(), Some("2023-04-14"));
    // Every new date comes after the báo cáo it follows; the sample names no drafter.
    let bao_cao = o.ngay_bao_cao.clone().unwrap();
    for d in [&o.ngay_quyet_dinh, &o.ngay_thong_bao, &o.ngay_to_trinh] {
        assert!(d.clone().unwrap() > bao_cao);
    }
    assert_eq!(o.nguoi_soan_thao, None);

    // The form of `vanban init` shows the drafter row, empty; a value given there is read.
    let mut data = vanban::sample::init_data();
    let labels: Vec<&str> = data.thong_tin.iter().map(|(k, _)| k.as_str()).collect();
    for key in [
        "Số quyết định",
        "Ngày thông báo",
        "Số tờ trình",
        "Người soạn thảo",
    ] {
        assert!(labels.contains(&key), "{key}: {labels:?}");
    }
    let (ds, _) = load_ok(data.to_xlsx().unwrap());
    assert_eq!(ds.org.nguoi_soan_thao, None);
    for (k, v) in data.thong_tin.iter_mut() {
        if k == "Người soạn thảo" {
            *v = vanban::sample::Cell::from("Nguyễn Thị Hoa");
        }
    }
    let (ds, _) = load_ok(data.to_xlsx().unwrap());
    assert_eq!(ds.org.nguoi_soan_thao.as_deref(), Some("Nguyễn Thị Hoa"));
}
