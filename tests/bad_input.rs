//! The bad-input set (issue 3): every case gives its exit code and a message naming sheet!cell where there
//! is one, through the library and through `vanban check --json`; nothing panics.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::*;
use rust_xlsxwriter::Workbook as XlsxBook;
use serde_json::Value as J;
use std::path::Path;
use std::process::Command;
use vanban::workbook::Workbook;

/// Runs `vanban check --json FILE`; returns (exit code, the one JSON object on stdout).
fn check_json(path: &Path) -> (i32, J) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "--json"])
        .arg(path)
        .output()
        .expect("vanban runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    // Exactly one JSON value: serde_json rejects trailing content.
    let json: J = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}):\n{stdout}"));
    assert_shape(&json);
    (out.status.code().expect("exit code"), json)
}

fn assert_count(v: &J, path: &str) {
    let mut cur = v;
    for k in path.split('.') {
        cur = cur
            .get(k)
            .unwrap_or_else(|| panic!("missing key {path} in {v:#}"));
    }
    assert!(cur.is_u64(), "{path} is not a count: {cur}");
}

/// The shape issue 3 promises for `check --json`, in every outcome.
fn assert_shape(v: &J) {
    assert!(v.is_object(), "{v}");
    for group in ["chi_bo", "dang_vien"] {
        assert_count(v, &format!("{group}.tong"));
        for level in [
            "xuat_sac",
            "tot",
            "hoan_thanh",
            "khong_hoan_thanh",
            "chua_xep_loai",
        ] {
            assert_count(v, &format!("{group}.xep_loai.{level}"));
        }
    }
    assert_count(v, "chi_bo.ky_cam_ket");
    for list in ["errors", "warnings"] {
        let items = v[list]
            .as_array()
            .unwrap_or_else(|| panic!("{list} is not an array: {v:#}"));
        for d in items {
            for k in ["sheet", "cell"] {
                assert!(
                    d.get(k).is_some_and(|x| x.is_null() || x.is_string()),
                    "{list}[].{k} must be a string or null: {d}"
                );
            }
            for k in ["code", "message"] {
                assert!(
                    d.get(k).is_some_and(J::is_string),
                    "{list}[].{k} must be a string: {d}"
                );
            }
        }
    }
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn first_error(v: &J) -> &J {
    &v["errors"][0]
}

fn sample_bytes() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/chi-bo-4-tot.xlsx"
    ))
    .unwrap()
}

#[test]
fn the_sample_is_usable() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "mau.xlsx", &sample_bytes());
    let (code, v) = check_json(&p);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["chi_bo"]["tong"], 6);
    assert_eq!(v["chi_bo"]["ky_cam_ket"], 6);
    assert_eq!(v["chi_bo"]["xep_loai"]["xuat_sac"], 1);
    assert_eq!(v["chi_bo"]["xep_loai"]["tot"], 5);
    assert_eq!(v["dang_vien"]["xep_loai"]["xuat_sac"], 13);
    assert!(v["dang_vien"]["xep_loai"]["tot"].as_u64().unwrap() >= 65);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn not_a_spreadsheet() {
    let text = "Họ và tên;Chi bộ\nNguyễn Văn An;Tổng hợp\n".as_bytes();
    let e = Workbook::from_bytes(text.to_vec(), "du-lieu.xlsx", &Default::default()).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("du-lieu.xlsx"), "{e}");
    assert!(e.to_string().contains("không phải bảng tính"), "{e}");

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "du-lieu.xlsx", text));
    assert_eq!(code, 2);
    assert_eq!(first_error(&v)["code"], "khong_doc_duoc");
    assert_eq!(v["chi_bo"]["tong"], 0);
}

#[test]
fn an_empty_file() {
    let e = Workbook::from_bytes(Vec::new(), "rong.xlsx", &Default::default()).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let dir = tempfile::tempdir().unwrap();
    let (code, _) = check_json(&write(&dir, "rong.xlsx", b""));
    assert_eq!(code, 2);
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&dir.path().join("khong-co.xlsx"));
    assert_eq!(code, 2);
    assert!(
        first_error(&v)["message"]
            .as_str()
            .unwrap()
            .contains("không tìm thấy tệp")
    );
}

#[test]
fn a_corrupt_zip() {
    let bytes = sample_bytes();
    for cut in [bytes.len() / 2, bytes.len() - 100, 30] {
        let e = Workbook::from_bytes(bytes[..cut].to_vec(), "hong.xlsx", &Default::default())
            .unwrap_err();
        assert_eq!(e.exit_code(), 2, "cut at {cut}: {e}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "hong.xlsx", &bytes[..bytes.len() / 2]));
    assert_eq!(code, 2);
    assert_eq!(first_error(&v)["code"], "khong_doc_duoc");
}

#[test]
fn corrupted_bytes_never_panic() {
    // Flip bytes all over the sample; every outcome is a workbook or an error, never a panic.
    let bytes = sample_bytes();
    let mut seed: u64 = 12345;
    for i in 0..200 {
        let mut b = bytes.clone();
        for _ in 0..(1 + i % 8) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (seed >> 33) as usize % b.len();
            b[at] = (seed >> 13) as u8;
        }
        if let Ok(wb) = Workbook::from_bytes(b, "x.xlsx", &Default::default()) {
            let _ = vanban::model::load(&wb, vanban::model::Needs { dang_vien: true }, &rules());
        }
    }
}

#[test]
fn an_empty_workbook() {
    let mut wb = XlsxBook::new();
    wb.add_worksheet();
    let bytes = save(wb);
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "bang_tinh_trong");
    let e = loaded.into_result().unwrap_err();
    assert_eq!(e.exit_code(), 1);

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "trong.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["code"], "bang_tinh_trong");
    assert!(first_error(&v)["sheet"].is_null());
}

#[test]
fn a_missing_sheet() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, CHI_BO);
    let bytes = save(wb);
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "thieu_trang");
    assert!(errs[0].2.contains("\"Đảng viên\""), "{errs:?}");
    assert_eq!(loaded.into_result().unwrap_err().exit_code(), 1);

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "thieu-trang.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["code"], "thieu_trang");
    assert_eq!(v["chi_bo"]["tong"], 3);
}

#[test]
fn a_missing_required_column() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Xếp loại")],
                vec![N(1.0), S("Nguyễn Văn An"), S("Tốt")],
            ],
        );
    });
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (code, at, message) = &errs[0];
    assert_eq!(code, "thieu_cot");
    assert_eq!(at, "Đảng viên!A1:C1");
    assert!(message.contains("\"Chi bộ\""), "{message}");
    assert!(message.contains("STT, Họ và tên, Xếp loại"), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "thieu-cot.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["sheet"], "Đảng viên");
    assert_eq!(first_error(&v)["cell"], "A1:C1");
}

#[test]
fn no_header_row_at_all() {
    let bytes = with_dang_vien(|ws| {
        rows(ws, 0, &[vec![S("Nguyễn Văn An"), S("Tổng hợp")]]);
    });
    let errs = errors(&load(bytes));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "thieu_tieu_de");
    assert_eq!(errs[0].1, "Đảng viên");
}

#[test]
fn two_columns_matching_one_name() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ"), S("Họ tên")],
                vec![
                    N(1.0),
                    S("Nguyễn Văn An"),
                    S("Tổng hợp"),
                    S("Nguyễn Văn An"),
                ],
            ],
        );
    });
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (code, at, message) = &errs[0];
    assert_eq!(code, "cot_trung");
    assert_eq!(at, "Đảng viên!D1");
    assert!(
        message.contains("B1") && message.contains("D1"),
        "{message}"
    );
    assert!(message.contains("\"Họ và tên\""), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "trung.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["code"], "cot_trung");
}

#[test]
fn an_unknown_xep_loai() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ"), S("Xếp loại")],
                vec![N(1.0), S("Nguyễn Văn An"), S("Tổng hợp"), S("Tốt")],
                vec![N(2.0), S("Trần Thị Bích"), S("Tổng hợp"), S("Khá")],
            ],
        );
    });
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (code, at, message) = &errs[0];
    assert_eq!(code, "xep_loai_khong_hop_le");
    assert_eq!(at, "Đảng viên!D3");
    assert!(message.contains("\"Khá\""), "{message}");
    for accepted in [
        "Hoàn thành xuất sắc nhiệm vụ",
        "HTXSNV",
        "Hoàn thành tốt nhiệm vụ",
        "HTTNV",
        "Hoàn thành nhiệm vụ",
        "HTNV",
        "Không hoàn thành nhiệm vụ",
        "KHTNV",
    ] {
        assert!(
            message.contains(accepted),
            "{accepted} missing from {message}"
        );
    }
    assert_eq!(loaded.into_result().unwrap_err().exit_code(), 1);

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "kha.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["cell"], "D3");
    assert_eq!(first_error(&v)["sheet"], "Đảng viên");
    // The rows that could be read are counted.
    assert_eq!(v["dang_vien"]["tong"], 2);
    assert_eq!(v["dang_vien"]["xep_loai"]["tot"], 1);
}

#[test]
fn an_impossible_date() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("Họ và tên"), S("Chi bộ"), S("Ngày sinh")],
                vec![S("Nguyễn Văn An"), S("Tổng hợp"), S("31/02/1980")],
            ],
        );
    });
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "ngay_khong_ton_tai");
    assert_eq!(errs[0].1, "Đảng viên!C2");
    assert!(errs[0].2.contains("31/02/1980"), "{errs:?}");
    assert_eq!(loaded.into_result().unwrap_err().exit_code(), 1);

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "ngay.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["cell"], "C2");
}

#[test]
fn dates_that_are_not_dates() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("Họ và tên"), S("Chi bộ"), S("Ngày sinh")],
                vec![S("A Một"), S("Tổng hợp"), N(1975.0)],
                vec![S("B Hai"), S("Tổng hợp"), S("1975")],
                vec![S("C Ba"), S("Tổng hợp"), S("hôm qua")],
                vec![S("D Bốn"), S("Tổng hợp"), S("5/13/1980")],
            ],
        );
    });
    let errs = errors(&load(bytes));
    let got: Vec<(&str, &str)> = errs
        .iter()
        .map(|(c, at, _)| (c.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("ngay_chi_co_nam", "Đảng viên!C2"),
            ("ngay_chi_co_nam", "Đảng viên!C3"),
            ("gia_tri_khong_hop_le", "Đảng viên!C4"),
            ("ngay_khong_ton_tai", "Đảng viên!C5"),
        ]
    );
}

#[test]
fn a_chi_bo_that_is_not_in_the_chi_bo_sheet() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("Họ và tên"), S("Chi bộ")],
                vec![S("Nguyễn Văn An"), S("Chi bộ Tổng hợp")],
                vec![S("Trần Thị Bích"), S("Phòng Kế hoạch")],
            ],
        );
    });
    let loaded = load(bytes.clone());
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (code, at, message) = &errs[0];
    assert_eq!(code, "chi_bo_khong_co");
    assert_eq!(at, "Đảng viên!B3");
    assert!(message.contains("Phòng Kế hoạch"), "{message}");
    let hint = loaded.diagnostics[0].hint.clone().unwrap();
    assert!(
        hint.contains("Tổng hợp; Tài chính – Kế toán; Quản trị"),
        "{hint}"
    );

    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "chi-bo.xlsx", &bytes));
    assert_eq!(code, 1);
    assert_eq!(first_error(&v)["code"], "chi_bo_khong_co");
}

#[test]
fn a_member_row_without_a_name() {
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("STT"), S("Họ và tên"), S("Chi bộ"), S("Xếp loại")],
                vec![N(1.0), E, S("Tổng hợp"), S("Tốt")],
            ],
        );
    });
    let errs = errors(&load(bytes));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "thieu_gia_tri");
    assert_eq!(errs[0].1, "Đảng viên!B2");
}

#[test]
fn a_stray_cell_far_away() {
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
            vec![S("Nguyễn Văn An"), S("Tổng hợp")],
        ],
    );
    ws.write_string(1_048_575, 16_383, "?").unwrap();
    let bytes = save(wb);
    let t = std::time::Instant::now();
    let loaded = load(bytes);
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let w = &loaded.diagnostics;
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].code, "o_ngoai_vung_doc");
    assert_eq!(w[0].location().as_deref(), Some("Đảng viên!XFD1048576"));
    assert!(w[0].message.contains("bỏ qua 1 ô"), "{}", w[0].message);
    assert_eq!(names(&loaded.dataset), ["Nguyễn Văn An"]);
}

#[test]
fn a_stray_cell_far_below() {
    // Far down but inside the columns read: read, the rows between are blank.
    let bytes = with_dang_vien(|ws| {
        rows(
            ws,
            0,
            &[
                vec![S("Họ và tên"), S("Chi bộ")],
                vec![S("Nguyễn Văn An"), S("Tổng hợp")],
            ],
        );
        ws.write_string(1_048_575, 0, "Trần Thị Bích").unwrap();
        ws.write_string(1_048_575, 1, "Quản trị").unwrap();
    });
    let (ds, _) = load_ok(bytes);
    assert_eq!(names(&ds), ["Nguyễn Văn An", "Trần Thị Bích"]);
    assert_eq!(ds.dang_vien[1].row, 1_048_576);
}

#[test]
fn a_chi_bo_sheet_without_rows() {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, &[]);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Họ và tên"), S("Chi bộ")],
            vec![S("Nguyễn Văn An"), S("Tổng hợp")],
        ],
    );
    let errs = errors(&load(save(wb)));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "chi_bo_trong");
    assert_eq!(errs[0].1, "Chi bộ");
}

/// A truncated .xls (an interrupted download) makes calamine panic; vanban reports a corrupt file, with
/// no panic message.
#[test]
fn a_truncated_xls() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messy.xls"
    ))
    .unwrap();
    for cut in [200, 600, 4_000, 9_300] {
        let e = Workbook::from_bytes(bytes[..cut].to_vec(), "cut.xls", &Default::default())
            .unwrap_err();
        assert_eq!(e.exit_code(), 2, "cut at {cut}: {e}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, v) = check_json(&write(&dir, "cut.xls", &bytes[..9_300]));
    assert_eq!(code, 2);
    assert_eq!(first_error(&v)["code"], "khong_doc_duoc");
}
