//! The same messy workbook as .xlsx, .xls and .ods (committed fixtures, made once with LibreOffice by
//! `tests/fixtures/make-fixtures.sh`): each format reads to the same values.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::*;
use rust_xlsxwriter::{Format, Workbook as XlsxBook};
use unicode_normalization::UnicodeNormalization;
use vanban::model::{Dataset, VnCollator, XepLoai};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The messy workbook: title blocks, two-row merged headers, group and total rows, blank rows, numbers
/// and dates typed as text, serials, date cells, decomposed Unicode, yes/no marks, an extra column.
fn messy_xlsx() -> Vec<u8> {
    let nfd = |s: &str| -> String { s.nfd().collect() };
    let bold = Format::new().set_bold();
    let mut wb = XlsxBook::new();

    let ws = wb.add_worksheet();
    ws.set_name("THÔNG TIN").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Cơ quan ban hành"), S("Đảng ủy Văn phòng Tỉnh ủy")],
            vec![S("Ký hiệu"), S("ĐU")],
            vec![S("Địa danh"), S("Vĩnh Phúc")],
            vec![S("Người ký"), S("Trần Việt Cường")],
            vec![S("Số kế hoạch"), S("09")],
            vec![S("Ngày kế hoạch"), D(2022, 7, 29)],
            vec![S("Ngày báo cáo"), S("30/3/2023")],
            vec![S("Năm"), N(2022.0)],
        ],
    );

    let ws = wb.add_worksheet();
    ws.set_name("Chi bo").unwrap();
    ws.merge_range(0, 0, 0, 7, "DANH SÁCH CHI BỘ", &bold)
        .unwrap();
    ws.merge_range(2, 0, 3, 0, "TT", &bold).unwrap();
    ws.merge_range(2, 1, 3, 1, "Tên chi bộ", &bold).unwrap();
    ws.merge_range(2, 2, 3, 2, "Bí thư chi bộ", &bold).unwrap();
    ws.merge_range(2, 3, 2, 4, "Điểm", &bold).unwrap();
    ws.write_string(3, 3, "Lãnh đạo").unwrap();
    ws.write_string(3, 4, "Cán bộ, đảng viên tốt").unwrap();
    ws.merge_range(2, 5, 3, 5, "Xếp loại", &bold).unwrap();
    ws.merge_range(2, 6, 3, 6, "Ký cam kết", &bold).unwrap();
    ws.merge_range(2, 7, 3, 7, "Tiêu biểu", &bold).unwrap();
    rows(
        ws,
        4,
        &[
            vec![
                N(1.0),
                S("Chi bộ Tổng hợp"),
                S("Tô Trọng Hân"),
                S("24,5"),
                N(23.0),
                S("HTXSNV"),
                S("x"),
                S("✓"),
            ],
            vec![
                N(2.0),
                S("Tài chính - Kế toán"),
                S("Lê Văn Cường"),
                N(22.0),
                S("21,5"),
                S("httnv"),
                S("có"),
                E,
            ],
            vec![],
            vec![
                N(3.0),
                S("Quản trị"),
                S("Vũ Thị Dung"),
                N(20.0),
                N(20.0),
                S("Tốt"),
                N(1.0),
                S("không"),
            ],
            vec![E, S("Tổng cộng"), E, N(66.5), N(64.5)],
        ],
    );

    let ws = wb.add_worksheet();
    ws.set_name("ĐẢNG VIÊN").unwrap();
    ws.write_string(0, 0, "ĐẢNG BỘ VĂN PHÒNG TỈNH ỦY").unwrap();
    ws.merge_range(1, 0, 1, 9, "DANH SÁCH ĐẢNG VIÊN NĂM 2022", &bold)
        .unwrap();
    ws.merge_range(3, 0, 4, 0, "STT", &bold).unwrap();
    ws.merge_range(3, 1, 4, 1, "Họ tên", &bold).unwrap();
    ws.merge_range(3, 2, 4, 2, "Ngày sinh", &bold).unwrap();
    ws.merge_range(3, 3, 4, 3, "Ngày vào Đảng", &bold).unwrap();
    ws.merge_range(3, 4, 4, 4, "Chi bộ", &bold).unwrap();
    ws.merge_range(3, 5, 3, 6, "Chức vụ", &bold).unwrap();
    ws.write_string(4, 5, "Chính quyền").unwrap();
    ws.write_string(4, 6, "Đảng").unwrap();
    ws.merge_range(3, 7, 3, 8, "Kết quả", &bold).unwrap();
    ws.write_string(4, 7, "Tổng điểm").unwrap();
    ws.write_string(4, 8, "Xếp loại").unwrap();
    ws.merge_range(3, 9, 4, 9, "Quê quán", &bold).unwrap();
    ws.merge_range(5, 0, 5, 9, "I. Chi bộ Tổng hợp", &bold)
        .unwrap();
    rows(
        ws,
        6,
        &[
            vec![
                N(1.0),
                S("Tô Trọng Hân"),
                S("12/3/1978"),
                D(2001, 5, 19),
                E,
                S("Chánh Văn phòng"),
                S("Bí thư"),
                N(95.0),
                S("HTXSNV"),
                S("Vĩnh Tường"),
            ],
            vec![
                N(2.0),
                T(nfd("Nguyễn Thị Ánh Tuyết")),
                S("05/01/1985"),
                N(40000.0),
                E,
                S("Chuyên viên"),
                E,
                S("87,5"),
                S("Hoàn thành tốt nhiệm vụ"),
                E,
            ],
            vec![],
            vec![S("II"), S("Chi bộ Tài chính – Kế toán")],
            vec![
                N(1.0),
                S("Lê Văn Cường"),
                D(1980, 2, 29),
                S("3/2/2008"),
                E,
                S("Kế toán trưởng"),
                S("Bí thư"),
                N(82.0),
                S("tốt"),
                S("Yên Lạc"),
            ],
            vec![
                N(2.0),
                S("Phạm Văn An"),
                S("1990-07-01"),
                S("01/07/2015"),
                S("Quản trị"),
                S("Chuyên viên"),
                E,
                S("55"),
                S("htnv"),
                E,
            ],
            vec![E, S("Cộng"), E, E, E, E, E, N(319.5)],
            vec![S("Tổng cộng"), E, E, E, E, E, E, N(319.5)],
        ],
    );
    save(wb)
}

fn read(name: &str) -> Dataset {
    let path = std::path::Path::new(FIXTURES).join(name);
    let wb = vanban::workbook::Workbook::open(&path, &Default::default()).unwrap();
    let loaded = vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules());
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    loaded.dataset
}

/// (tên, bí thư, lãnh đạo, đảng viên tốt, xếp loại, ký cam kết, tiêu biểu).
type ChiBoRow<'a> = (
    &'a str,
    Option<&'a str>,
    Option<f64>,
    Option<f64>,
    Option<XepLoai>,
    bool,
    bool,
);
/// (họ tên, chi bộ, ngày sinh, ngày vào Đảng, tổng điểm, xếp loại).
type DangVienRow<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<f64>,
    Option<XepLoai>,
);

fn assert_messy_values(ds: &Dataset, format: &str) {
    let org = &ds.org;
    assert_eq!(org.co_quan, "Đảng ủy Văn phòng Tỉnh ủy", "{format}");
    assert_eq!(org.ky_hieu, "ĐU", "{format}");
    assert_eq!(org.ngay_ke_hoach.as_deref(), Some("2022-07-29"), "{format}");
    assert_eq!(org.ngay_bao_cao.as_deref(), Some("2023-03-30"), "{format}");
    assert_eq!(org.nam, Some(2022), "{format}");

    let cb: Vec<ChiBoRow> = ds
        .chi_bo
        .iter()
        .map(|c| {
            (
                c.ten.as_str(),
                c.bi_thu.as_deref(),
                c.diem.lanh_dao,
                c.diem.dang_vien,
                c.xep_loai,
                c.ky_cam_ket,
                c.tieu_bieu,
            )
        })
        .collect();
    assert_eq!(
        cb,
        [
            (
                "Tổng hợp",
                Some("Tô Trọng Hân"),
                Some(24.5),
                Some(23.0),
                Some(XepLoai::XuatSac),
                true,
                true
            ),
            (
                "Tài chính - Kế toán",
                Some("Lê Văn Cường"),
                Some(22.0),
                Some(21.5),
                Some(XepLoai::Tot),
                true,
                false
            ),
            (
                "Quản trị",
                Some("Vũ Thị Dung"),
                Some(20.0),
                Some(20.0),
                Some(XepLoai::Tot),
                true,
                false
            ),
        ],
        "{format}"
    );

    let dv: Vec<DangVienRow> = ds
        .dang_vien
        .iter()
        .map(|d| {
            (
                d.ho_ten.as_str(),
                d.chi_bo.as_str(),
                d.ngay_sinh.as_deref(),
                d.ngay_vao_dang.as_deref(),
                d.tong_diem,
                d.xep_loai,
            )
        })
        .collect();
    assert_eq!(
        dv,
        [
            (
                "Tô Trọng Hân",
                "Tổng hợp",
                Some("1978-03-12"),
                Some("2001-05-19"),
                Some(95.0),
                Some(XepLoai::XuatSac)
            ),
            // NFC, and the serial 40000 is 2009-07-06.
            (
                "Nguyễn Thị Ánh Tuyết",
                "Tổng hợp",
                Some("1985-01-05"),
                Some("2009-07-06"),
                Some(87.5),
                Some(XepLoai::Tot)
            ),
            (
                "Lê Văn Cường",
                "Tài chính - Kế toán",
                Some("1980-02-29"),
                Some("2008-02-03"),
                Some(82.0),
                Some(XepLoai::Tot)
            ),
            (
                "Phạm Văn An",
                "Quản trị",
                Some("1990-07-01"),
                Some("2015-07-01"),
                Some(55.0),
                Some(XepLoai::HoanThanh)
            ),
        ],
        "{format}"
    );
    assert_eq!(ds.dang_vien[1].ho_ten.len(), "Nguyễn Thị Ánh Tuyết".len());
    let han = &ds.dang_vien[0];
    assert_eq!(han.chuc_vu.as_deref(), Some("Chánh Văn phòng"), "{format}");
    assert_eq!(han.chuc_vu_dang.as_deref(), Some("Bí thư"), "{format}");
    assert_eq!(
        han.extra.get("Quê quán").map(String::as_str),
        Some("Vĩnh Tường"),
        "{format}"
    );
    assert_eq!(ds.dang_vien[2].stt, 1, "{format}");

    let th = ds.tong_hop(&VnCollator::new());
    assert_eq!(th.ky_cam_ket, 3, "{format}");
    assert_eq!(th.tap_the_tieu_bieu, ["Tổng hợp"], "{format}");
    assert_eq!(th.dang_vien.xep_loai.tot, 2, "{format}");
}

#[test]
fn the_xlsx_fixture_is_what_the_code_writes() {
    // The committed .xlsx is the source of the .xls and .ods; it must stay in step with `messy_xlsx`.
    let fresh =
        vanban::workbook::Workbook::from_bytes(messy_xlsx(), "fresh.xlsx", &Default::default())
            .unwrap();
    let ds = vanban::model::load(&fresh, vanban::model::Needs { dang_vien: true }, &rules());
    assert!(
        !ds.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        ds.diagnostics
    );
    assert_messy_values(&ds.dataset, "in memory");
    let committed = read("messy.xlsx");
    assert_eq!(
        serde_json::to_value(&committed.chi_bo).unwrap(),
        serde_json::to_value(&ds.dataset.chi_bo).unwrap()
    );
    assert_eq!(
        serde_json::to_value(&committed.dang_vien).unwrap(),
        serde_json::to_value(&ds.dataset.dang_vien).unwrap()
    );
}

#[test]
fn xlsx_fixture() {
    assert_messy_values(&read("messy.xlsx"), "xlsx");
}

#[test]
fn xls_fixture() {
    assert_messy_values(&read("messy.xls"), "xls");
}

#[test]
fn ods_fixture() {
    assert_messy_values(&read("messy.ods"), "ods");
}

#[test]
fn the_three_formats_agree() {
    let x = serde_json::to_value(read("messy.xlsx")).unwrap();
    for other in ["messy.xls", "messy.ods"] {
        let mut o = serde_json::to_value(read(other)).unwrap();
        o["file"] = x["file"].clone();
        let sheets = |v: &serde_json::Value| v["sheets"].clone();
        assert_eq!(sheets(&x), sheets(&o), "{other}");
        assert_eq!(x, o, "{other}");
    }
}

#[test]
fn corrupted_xls_and_ods_never_panic() {
    for name in ["messy.xls", "messy.ods"] {
        let bytes = std::fs::read(std::path::Path::new(FIXTURES).join(name)).unwrap();
        let mut seed: u64 = 99;
        // VANBAN_FUZZ_ITERS=20000 for a longer run.
        let iters: usize = std::env::var("VANBAN_FUZZ_ITERS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(300);
        for i in 0..iters {
            let mut b = bytes.clone();
            for _ in 0..(1 + i % 6) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let span = if i % 2 == 0 {
                    b.len().min(4096)
                } else {
                    b.len()
                };
                let at = (seed >> 33) as usize % span;
                b[at] = (seed >> 13) as u8;
            }
            if i % 3 == 0 {
                b.truncate(b.len() * (i % 10 + 1) / 11);
            }
            if let Ok(wb) = vanban::workbook::Workbook::from_bytes(b, name, &Default::default()) {
                let _ =
                    vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules());
            }
        }
    }
}

/// The committed `tests/fixtures/messy.xlsx` reads exactly like the workbook built in code. With
/// `VANBAN_WRITE_FIXTURES=1` (set by `tests/fixtures/make-fixtures.sh`) it rewrites the fixture instead.
#[test]
fn messy_xlsx_fixture_is_current() {
    let path = std::path::Path::new(FIXTURES).join("messy.xlsx");
    if std::env::var_os("VANBAN_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, messy_xlsx()).unwrap();
        return;
    }
    let committed = load(std::fs::read(&path).unwrap());
    let fresh = load(messy_xlsx());
    assert_eq!(
        format!("{:?}", committed.diagnostics),
        format!("{:?}", fresh.diagnostics)
    );
    assert_eq!(
        format!("{:?}", committed.dataset.dang_vien),
        format!("{:?}", fresh.dataset.dang_vien)
    );
}

fn xls_bytes() -> Vec<u8> {
    std::fs::read(std::path::Path::new(FIXTURES).join("messy.xls")).unwrap()
}

fn find(bytes: &[u8], pattern: &[u8]) -> usize {
    bytes
        .windows(pattern.len())
        .position(|w| w == pattern)
        .expect("pattern in the fixture")
}

fn assert_refused(bytes: Vec<u8>, what: &str) {
    let e =
        vanban::workbook::Workbook::from_bytes(bytes, "hong.xls", &Default::default()).unwrap_err();
    assert_eq!(e.exit_code(), 2, "{what}: {e}");
    assert!(e.to_string().contains("tệp .xls bị hỏng"), "{what}: {e}");
}

/// Without the check, calamine allocates the bounding box of the sheet (65,536 × 60,001 cells, about
/// 120 GB) and the process aborts.
#[test]
fn an_xls_cell_record_far_out_is_refused() {
    let mut b = xls_bytes();
    // A LABELSST record: type 0x00FD, length 10, row, col, xf, sst index.
    let at = find(&b, &[0xFD, 0x00, 0x0A, 0x00]);
    b[at + 4..at + 6].copy_from_slice(&65_000u16.to_le_bytes());
    b[at + 6..at + 8].copy_from_slice(&60_000u16.to_le_bytes());
    assert_refused(b, "cell at (65000, 60000)");
}

/// A DIMENSIONS record whose first row is past its last makes calamine reserve billions of cells.
#[test]
fn an_xls_dimensions_record_out_of_range_is_refused() {
    let mut b = xls_bytes();
    // DIMENSIONS (BIFF8): type 0x0200, length 14, rwMic u32, rwMac u32, colMic, colMac, reserved.
    let at = find(&b, &[0x00, 0x02, 0x0E, 0x00]);
    b[at + 4..at + 8].copy_from_slice(&1_000u32.to_le_bytes());
    assert_refused(b, "DIMENSIONS");
}

/// A directory chain that loops back on itself makes calamine read forever.
#[test]
fn an_xls_sector_cycle_is_refused() {
    let mut b = xls_bytes();
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    assert_eq!(u16::from_le_bytes([b[30], b[31]]), 9, "512-byte sectors");
    let dir_start = u32_at(&b, 48) as usize;
    let first_fat_sector = u32_at(&b, 76) as usize;
    let entry = (first_fat_sector + 1) * 512 + dir_start * 4;
    b[entry..entry + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    assert_refused(b, "directory cycle");
}
