//! The checks of the evaluation-year data: each fires on a workbook that breaks it, naming sheet!cell
//! with a hint, and stays silent on the sample; formulas without a stored result are computed when
//! simple and warned about otherwise; the optional columns and sheets read as they should.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::load;
use std::io::{Cursor, Read, Write};
use vanban::model::{MauKiemDiem, XepLoai};
use vanban::sample::{WorkbookData, sample_data};

/// The warnings of a workbook: (code, sheet!cell, message, hint).
fn warnings(data: &WorkbookData) -> Vec<(String, String, String, String)> {
    warnings_of(data.to_xlsx().unwrap())
}

fn warnings_of(bytes: Vec<u8>) -> Vec<(String, String, String, String)> {
    let loaded = load(bytes);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.clone(),
                d.location().unwrap_or_default(),
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// The one warning of `code`, or a panic listing them all.
fn only(w: &[(String, String, String, String)], code: &str) -> (String, String, String) {
    let found: Vec<_> = w.iter().filter(|(c, ..)| c == code).collect();
    assert_eq!(found.len(), 1, "{code}: {w:#?}");
    let (_, at, message, hint) = found[0].clone();
    assert!(!hint.is_empty(), "{code}: no hint");
    (at, message, hint)
}

/// The sheet column letter of a header in the sample as written.
fn column(data: &WorkbookData, sheet: &str, header: &str) -> String {
    let sheets = data.sheets();
    let s = sheets.iter().find(|s| s.name == sheet).unwrap();
    let i = s
        .header
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("{header} in {:?}", s.header));
    vanban::workbook::column_letter(i)
}

fn member(data: &WorkbookData, name: &str) -> usize {
    data.dang_vien
        .iter()
        .position(|d| d.ho_ten == name)
        .unwrap()
}

#[test]
fn the_sample_is_silent() {
    assert_eq!(warnings(&sample_data()), vec![]);
    assert_eq!(warnings(&vanban::sample::init_data()), vec![]);
}

#[test]
fn criteria_that_do_not_add_up_to_the_total() {
    // Chi bộ: the four "4 tốt" criteria. Tổng điểm is written as =SUM(…) with its value stored; a
    // clerk who types a number over it breaks the sum.
    let mut data = sample_data();
    data.chi_bo[1].diem[0] = 25.0; // 25 + 20 + 22 + 21 = 88, the stored total stays 84
    let col = column(&data, "Chi bộ", "Tổng điểm");
    let bytes = with_value(data.to_xlsx().unwrap(), "Chi bộ", &format!("{col}3"), 84.0);
    let w = warnings_of(bytes);
    let (at, message, _) = only(&w, "tong_diem_khong_khop");
    assert_eq!(at, format!("Chi bộ!{col}3"));
    assert!(
        message.contains("Tài chính – Kế toán") && message.contains("88") && message.contains("84"),
        "{message}"
    );
    // Đảng viên: the two groups (30 + 70).
    let mut data = sample_data();
    let i = member(&data, "Tô Trọng Hân");
    data.dang_vien[i].bieu_mau.diem_nhom = Some((28.0, 60.0));
    data.dang_vien[i].bieu_mau.diem_tu_cham = Some(88.0);
    let col = column(&data, "Đảng viên", "Tổng điểm");
    let row = i + 2;
    let bytes = with_value(
        data.to_xlsx().unwrap(),
        "Đảng viên",
        &format!("{col}{row}"),
        98.0,
    );
    let w = warnings_of(bytes);
    let (at, message, hint) = only(&w, "tong_diem_khong_khop");
    assert_eq!(at, format!("Đảng viên!{col}{row}"));
    assert!(
        message.contains("Tô Trọng Hân") && message.contains("88") && message.contains("98"),
        "{message}"
    );
    assert!(hint.contains("SUM"), "{hint}");
}

#[test]
fn a_score_above_its_maximum() {
    let mut data = sample_data();
    data.chi_bo[0].diem[1] = 26.0; // of 25
    let i = member(&data, "Tô Trọng Hân");
    data.dang_vien[i].bieu_mau.diem_nhom = Some((31.0, 67.0)); // of 30; the total stays 98
    let w = warnings(&data);
    let found: Vec<_> = w.iter().filter(|(c, ..)| c == "vuot_diem_toi_da").collect();
    assert_eq!(found.len(), 2, "{w:#?}");
    let sinh_hoat = column(&data, "Chi bộ", "Chất lượng sinh hoạt tốt");
    assert_eq!(found[0].1, format!("Chi bộ!{sinh_hoat}2"));
    assert!(
        found[0].2.contains("26") && found[0].2.contains("25"),
        "{}",
        found[0].2
    );
    let chung = column(&data, "Đảng viên", "Điểm tiêu chí chung");
    assert_eq!(found[1].1, format!("Đảng viên!{chung}{}", i + 2));
    assert!(
        found[1].2.contains("31") && found[1].2.contains("30"),
        "{}",
        found[1].2
    );
}

#[test]
fn a_self_rating_or_a_proposal_that_differs_from_the_result() {
    let mut data = sample_data();
    let i = member(&data, "Tô Trọng Hân");
    data.dang_vien[i].bieu_mau.tu_xep_loai = XepLoai::Tot.ten().into();
    data.dang_vien[i].bieu_mau.diem_tu_cham = Some(85.0);
    data.chi_bo[2].tu_danh_gia = Some((
        82.0,
        XepLoai::Tot.ten().into(),
        XepLoai::HoanThanh.ten().into(),
    ));
    let w = warnings(&data);
    let found: Vec<_> = w
        .iter()
        .filter(|(c, ..)| c == "xep_loai_khac_de_xuat")
        .collect();
    assert_eq!(found.len(), 2, "{w:#?}");
    let de_xuat = column(&data, "Chi bộ", "Đề xuất");
    assert_eq!(found[0].1, format!("Chi bộ!{de_xuat}4"));
    assert!(
        found[0].2.contains("đề xuất \"Hoàn thành nhiệm vụ\"")
            && found[0].2.contains("\"Hoàn thành tốt nhiệm vụ\""),
        "{}",
        found[0].2
    );
    let tu = column(&data, "Đảng viên", "Tự xếp loại");
    assert_eq!(found[1].1, format!("Đảng viên!{tu}{}", i + 2));
    assert!(
        found[1].2.contains("Tô Trọng Hân")
            && found[1]
                .2
                .contains("tự xếp loại \"Hoàn thành tốt nhiệm vụ\"")
            && found[1]
                .2
                .contains("xếp loại \"Hoàn thành xuất sắc nhiệm vụ\""),
        "{}",
        found[1].2
    );
    // A self-score in one band and a self-rating of another: the band check covers the self-assessment.
    let mut data = sample_data();
    data.dang_vien[i].bieu_mau.diem_tu_cham = Some(75.0);
    let w = warnings(&data);
    let (at, message, _) = only(&w, "diem_khong_khop_xep_loai");
    assert_eq!(at, format!("Đảng viên!{tu}{}", i + 2));
    assert!(
        message.contains("tự chấm") && message.contains("75"),
        "{message}"
    );
}

#[test]
fn votes_that_outnumber_the_members_and_rows_for_nobody() {
    let mut data = sample_data();
    let i = data
        .bieu_quyet
        .iter()
        .position(|r| r.0 == "Tô Trọng Hân")
        .unwrap();
    data.bieu_quyet[i].2 = [17, 3, 0, 0]; // 20 votes, 18 members
    data.bieu_quyet
        .push(("Người Lạ".into(), "Tổng hợp".into(), [1, 0, 0, 0]));
    data.kiem_diem.push((
        "Tô Trọng Hân".into(),
        "Tổng hợp".into(),
        "Không có mục này".into(),
        "x".into(),
    ));
    data.kiem_diem.push((
        "".into(),
        "Chi bộ lạ".into(),
        "Hạn chế khuyết điểm".into(),
        "x".into(),
    ));
    let w = warnings(&data);
    let (at, message, _) = only(&w, "phieu_vuot_so_dang_vien");
    assert_eq!(at, format!("Kết quả biểu quyết!B{}", i + 2));
    assert!(
        message.contains("20") && message.contains("18"),
        "{message}"
    );
    let (at, message, _) = only(&w, "khong_co_dang_vien");
    assert_eq!(
        at,
        format!("Kết quả biểu quyết!B{}", data.bieu_quyet.len() + 1)
    );
    assert!(message.contains("Người Lạ"), "{message}");
    let (at, _, hint) = only(&w, "muc_kiem_diem_khong_ro");
    assert_eq!(at, format!("Kiểm điểm!C{}", data.kiem_diem.len()));
    assert!(hint.contains("Hạn chế khuyết điểm"), "{hint}");
    let (at, ..) = only(&w, "kiem_diem_chi_bo_khong_co");
    assert_eq!(at, format!("Kiểm điểm!B{}", data.kiem_diem.len() + 1));
}

#[test]
fn an_unknown_form_is_warned_and_derived() {
    let mut data = sample_data();
    let i = member(&data, "Tô Trọng Hân");
    data.dang_vien[i].bieu_mau.mau_kiem_diem = "2D".into();
    let j = 11; // STT 12: no leadership post
    data.dang_vien[j].bieu_mau.mau_kiem_diem = "Mẫu 2C".into();
    let bytes = data.to_xlsx().unwrap();
    let w = warnings_of(bytes.clone());
    let (at, message, _) = only(&w, "mau_kiem_diem_khong_ro");
    let col = column(&data, "Đảng viên", "Mẫu kiểm điểm");
    assert_eq!(at, format!("Đảng viên!{col}{}", i + 2));
    assert!(
        message.contains("2D") && message.contains("2B"),
        "{message}"
    );
    let ds = load(bytes).dataset;
    assert_eq!(ds.dang_vien[i].mau_kiem_diem, MauKiemDiem::M2B);
    assert_eq!(ds.dang_vien[j].mau_kiem_diem, MauKiemDiem::M2C);
}

#[test]
fn the_optional_columns_and_sheets_are_read() {
    let ds = load(sample_data().to_xlsx().unwrap()).dataset;
    let han = ds
        .dang_vien
        .iter()
        .find(|d| d.ho_ten == "Tô Trọng Hân")
        .unwrap();
    assert_eq!(han.mau_kiem_diem, MauKiemDiem::M2B);
    assert_eq!(han.don_vi.as_deref(), Some("Văn phòng Tỉnh ủy"));
    assert_eq!(han.tu_xep_loai, Some(XepLoai::XuatSac));
    let b = han.bieu_quyet.as_ref().unwrap();
    assert_eq!((b.xuat_sac, b.tot, b.tong), (17, 1, 18));
    // Tổng điểm is a formula over the two groups; its stored value is read.
    assert_eq!(
        han.tong_diem,
        Some(han.diem_chung.unwrap() + han.diem_nhiem_vu.unwrap())
    );
    let nha_khach = ds
        .chi_bo
        .iter()
        .find(|c| c.ten == "Nhà khách Đầm Vạc")
        .unwrap();
    assert_eq!(
        (nha_khach.so_chinh_thuc, nha_khach.so_du_bi),
        (Some(15), Some(1))
    );
    let tong_hop = &ds.chi_bo[0];
    assert_eq!(tong_hop.kiem_diem.as_ref().unwrap().uu_diem.len(), 2);
    let cuong = ds
        .dang_vien
        .iter()
        .find(|d| d.ho_ten == "Trần Việt Cường")
        .unwrap();
    assert_eq!(cuong.kiem_diem.as_ref().unwrap().pham_chat.len(), 1);
    // Without a "Dự bị" column nobody's status is known: no counts (all members vote).
    let mut wb = rust_xlsxwriter::Workbook::new();
    common::info(&mut wb);
    common::chi_bo(&mut wb, common::CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    common::rows(
        ws,
        0,
        &[
            vec![common::S("Họ và tên"), common::S("Chi bộ")],
            vec![common::S("An"), common::S("Tổng hợp")],
        ],
    );
    let ds = load(common::save(wb)).dataset;
    assert_eq!(ds.chi_bo[0].so_chinh_thuc, None);
    assert_eq!(ds.chi_bo[0].so_dang_vien, Some(1));
}

/// The bytes of an .xlsx with every formula's stored result removed (as openpyxl writes them), and the
/// cells of `extra` given a formula without result.
fn without_results(xlsx: Vec<u8>, sheet_xml: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    rewrite(xlsx, |name, text| {
        let mut t = text;
        // <f>…</f><v>…</v> → <f>…</f>
        while let Some(i) = t.find("</f><v>") {
            let j = t[i..].find("</v>").unwrap() + i;
            t.replace_range(i + 4..j + 4, "");
        }
        if name == sheet_xml {
            for (cell, formula) in extra {
                let at = t.find(&format!("<c r=\"{cell}\"")).unwrap();
                let end = t[at..].find("</c>").unwrap() + at + 4;
                t.replace_range(at..end, &format!("<c r=\"{cell}\"><f>{formula}</f></c>"));
            }
        }
        t
    })
}

/// Rewrites the XML parts of an .xlsx package.
fn rewrite(xlsx: Vec<u8>, f: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.ends_with(".xml") {
            bytes = f(&name, String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sheet XML part of a sheet of the sample, by its position.
fn sheet_part(data: &WorkbookData, sheet: &str) -> String {
    let i = data.sheets().iter().position(|s| s.name == sheet).unwrap();
    format!("xl/worksheets/sheet{}.xml", i + 1)
}

/// The package with cell `cell` of `sheet` holding the number `value` instead of its formula.
fn with_value(xlsx: Vec<u8>, sheet: &str, cell: &str, value: f64) -> Vec<u8> {
    let part = sheet_part(&sample_data(), sheet);
    rewrite(xlsx, |name, mut t| {
        if name == part {
            let at = t.find(&format!("<c r=\"{cell}\"")).unwrap();
            let end = t[at..].find("</c>").unwrap() + at + 4;
            t.replace_range(at..end, &format!("<c r=\"{cell}\"><v>{value}</v></c>"));
        }
        t
    })
}

#[test]
fn formulas_without_a_stored_result_are_computed_or_warned() {
    let data = sample_data();
    let part = sheet_part(&data, "Chi bộ");
    let bytes = without_results(
        data.to_xlsx().unwrap(),
        &part,
        &[("C2", "IF(E2&gt;20,\"A\",\"B\")"), ("D3", "E3*2")],
    );
    let loaded = load(bytes);
    // SUM over the criteria, in Chi bộ and Đảng viên, computed from the cells they name.
    let ds = &loaded.dataset;
    assert_eq!(ds.chi_bo[0].tong_diem, Some(94.0));
    assert!(ds.dang_vien.iter().all(|d| d.tong_diem.is_some()));
    let w: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "cong_thuc_chua_tinh")
        .collect();
    assert_eq!(w.len(), 2, "{:#?}", loaded.diagnostics);
    assert_eq!(w[0].location().unwrap(), "Chi bộ!C2");
    assert!(
        w[0].message.contains("=IF(E2>20,\"A\",\"B\")"),
        "{}",
        w[0].message
    );
    assert!(
        w[0].hint
            .as_deref()
            .unwrap()
            .contains("Excel hoặc LibreOffice")
    );
    assert_eq!(w[1].location().unwrap(), "Chi bộ!D3");
    // Bí thư (C2) reads empty; Số đảng viên (D3) is counted from the members instead.
    assert_eq!(ds.chi_bo[0].bi_thu, None);
    assert_eq!(ds.chi_bo[1].so_dang_vien, Some(14));
}
