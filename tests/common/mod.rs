//! Helpers shared by the workbook tests: workbooks built in code with rust_xlsxwriter, and loading.
#![allow(dead_code, clippy::unwrap_used)]

pub mod docx;
pub mod pictures;
pub mod serve;
pub mod word;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as XlsxBook, Worksheet};
use vanban::model::{self, Loaded, Needs};
use vanban::profile::{Profile, Rules};
use vanban::workbook::Workbook;

/// The PDF layout of a laid-out document (pages, lines, warnings), from a new session of the shared
/// engine.
pub fn inspect(layout: &vanban::render::layout::Layout) -> vanban::render::pdf::Inspection {
    vanban::render::pdf::PdfEngine::global()
        .unwrap()
        .session()
        .inspect(layout)
        .unwrap()
}

/// A cell to write.
#[derive(Debug, Clone)]
pub enum C {
    /// Nothing.
    E,
    /// Text.
    S(&'static str),
    /// Owned text.
    T(String),
    /// A number.
    N(f64),
    /// A date cell (y, m, d), formatted dd/mm/yyyy.
    D(u16, u8, u8),
    /// A boolean cell.
    B(bool),
}

pub use C::*;

/// Writes one row of cells at (row, first col 0).
pub fn row(ws: &mut Worksheet, r: u32, cells: &[C]) {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            E => {}
            S(s) => {
                ws.write_string(r, c, *s).unwrap();
            }
            T(s) => {
                ws.write_string(r, c, s).unwrap();
            }
            N(n) => {
                ws.write_number(r, c, *n).unwrap();
            }
            D(y, m, d) => {
                let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            }
            B(b) => {
                ws.write_boolean(r, c, *b).unwrap();
            }
        }
    }
}

/// Writes rows starting at row `r0`.
pub fn rows(ws: &mut Worksheet, r0: u32, rows_: &[Vec<C>]) {
    for (i, cells) in rows_.iter().enumerate() {
        row(ws, r0 + i as u32, cells);
    }
}

/// Adds a "Thông tin" sheet with the required keys.
pub fn info(wb: &mut XlsxBook) {
    info_named(wb, "Thông tin");
}

/// Adds a "Thông tin" sheet under another name.
pub fn info_named(wb: &mut XlsxBook, name: &str) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    rows(
        ws,
        0,
        &[
            vec![S("Mục"), S("Giá trị")],
            vec![S("Cơ quan ban hành"), S("Đảng ủy Văn phòng Tỉnh ủy")],
            vec![S("Ký hiệu cơ quan"), S("ĐU")],
            vec![S("Địa danh"), S("Vĩnh Phúc")],
            vec![S("Người ký"), S("Trần Việt Cường")],
        ],
    );
}

/// Adds a plain "Chi bộ" sheet with these names (no xếp loại).
pub fn chi_bo(wb: &mut XlsxBook, names: &[&'static str]) {
    let ws = wb.add_worksheet();
    ws.set_name("Chi bộ").unwrap();
    row(ws, 0, &[S("STT"), S("Tên chi bộ"), S("Bí thư")]);
    for (i, n) in names.iter().enumerate() {
        row(ws, 1 + i as u32, &[N(i as f64 + 1.0), S(n), E]);
    }
}

/// The usual chi bộ of the tests.
pub const CHI_BO: &[&str] = &["Tổng hợp", "Tài chính – Kế toán", "Quản trị"];

/// Saves a workbook to bytes.
pub fn save(mut wb: XlsxBook) -> Vec<u8> {
    wb.save_to_buffer().unwrap()
}

/// A workbook with "Thông tin", the usual "Chi bộ" and one "Đảng viên" sheet built by `f`.
pub fn with_dang_vien(f: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut wb = XlsxBook::new();
    info(&mut wb);
    chi_bo(&mut wb, CHI_BO);
    let ws = wb.add_worksheet();
    ws.set_name("Đảng viên").unwrap();
    f(ws);
    save(wb)
}

/// The Party profile's rules.
pub fn rules() -> Rules {
    Profile::dang().rules
}

/// Reads bytes as a workbook and loads it with the Party rules.
pub fn load(bytes: Vec<u8>) -> Loaded {
    load_with(bytes, &rules())
}

/// Reads bytes and loads them with these rules.
pub fn load_with(bytes: Vec<u8>, rules: &Rules) -> Loaded {
    let wb =
        Workbook::from_bytes(bytes, "test.xlsx", &Default::default()).expect("a readable workbook");
    model::load(&wb, Needs { dang_vien: true }, rules)
}

/// Loads and asserts there is no error (warnings are returned).
pub fn load_ok(bytes: Vec<u8>) -> (model::Dataset, Vec<vanban::Diagnostic>) {
    let loaded = load(bytes);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    (loaded.dataset, loaded.diagnostics)
}

/// The errors of a load, as (code, sheet!cell, message).
pub fn errors(loaded: &Loaded) -> Vec<(String, String, String)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.code.clone(),
                d.location().unwrap_or_default(),
                d.message.clone(),
            )
        })
        .collect()
}

/// The đảng viên names in sheet order.
pub fn names(ds: &model::Dataset) -> Vec<&str> {
    ds.dang_vien.iter().map(|d| d.ho_ten.as_str()).collect()
}

pub mod bin;

/// The document's first table (a test's document has one).
pub fn first_table(doc: &vanban::ir::Document) -> &vanban::ir::Table {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            vanban::ir::Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap()
}
