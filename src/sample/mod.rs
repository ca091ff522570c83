//! Workbooks written with rust_xlsxwriter: the embedded "chi bộ 4 tốt" sample, the blank form of
//! `vanban init`, and scaled workbooks for benchmarks and tests. Everything is deterministic.

use crate::error::{Error, Result};
use crate::workbook::column_letter;
use crate::workbook::schema::{
    BIEU_QUYET, CHI_BO, Column, ColumnKind, DANG_VIEN, KIEM_DIEM, KIEM_DIEM_MUC, NAM_TRUOC,
    NHAN_DINH, SheetSchema, THONG_TIN, THONG_TIN_HEADER, THONG_TIN_NAME,
};
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Workbook, XlsxError,
};

/// The committed sample (`samples/chi-bo-4-tot.xlsx`), embedded as the default data.
pub const SAMPLE_XLSX: &[u8] = include_bytes!("../../samples/chi-bo-4-tot.xlsx");
/// The sample's file name, as messages name it.
pub const SAMPLE_NAME: &str = "samples/chi-bo-4-tot.xlsx (mẫu có sẵn)";

/// A cell to write.
#[derive(Debug, Clone)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell (dd/mm/yyyy).
    Date(u16, u8, u8),
    /// A formula (without "=") with its computed value stored, so that every reader sees the number.
    Formula(String, f64),
    /// The sum of the cells of these columns in the same row, with its value: placed by a table sheet
    /// as a `=SUM(…)` formula over those columns ([`Cell::Formula`]).
    SumOf(&'static [&'static str], f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<f64> for Cell {
    fn from(f: f64) -> Self {
        Cell::Number(f)
    }
}
impl From<i64> for Cell {
    fn from(i: i64) -> Self {
        Cell::Number(i as f64)
    }
}

/// A drop-down list on a column.
#[derive(Debug, Clone)]
pub struct Dropdown {
    /// 0-based column.
    pub col: u16,
    /// The choices.
    pub choices: Vec<String>,
}

/// A sheet to write: a header row, data rows, column widths.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    /// The sheet name.
    pub name: String,
    /// The header row (bold, bordered, frozen); empty for a key/value sheet.
    pub header: Vec<String>,
    /// Data rows.
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters.
    pub widths: Vec<f64>,
    /// Drop-down lists.
    pub dropdowns: Vec<Dropdown>,
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Render {
        format: "xlsx",
        message: e.to_string(),
    }
}

/// Writes sheets to .xlsx bytes.
pub fn write_workbook(sheets: &[SheetSpec]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title("vanban")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2022, 7, 29).map_err(xlsx_err)?);
    wb.set_properties(&props);
    let header_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let text_fmt = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date_fmt = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top);
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name).map_err(xlsx_err)?;
        let first_data = if spec.header.is_empty() { 0 } else { 1 };
        for (c, h) in spec.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header_fmt)
                .map_err(xlsx_err)?;
        }
        if !spec.header.is_empty() {
            ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        }
        for (c, w) in spec.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
        }
        for (r, row) in spec.rows.iter().enumerate() {
            let r = (r + first_data) as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c, s, &text_fmt)
                            .map_err(xlsx_err)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).map_err(xlsx_err)?;
                    }
                    Cell::Date(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).map_err(xlsx_err)?;
                        ws.write_datetime_with_format(r, c, &dt, &date_fmt)
                            .map_err(xlsx_err)?;
                    }
                    Cell::Formula(f, value) => {
                        let f = Formula::new(format!("={f}")).set_result(value.to_string());
                        ws.write_formula(r, c, f).map_err(xlsx_err)?;
                    }
                    Cell::SumOf(_, value) => {
                        ws.write_number(r, c, *value).map_err(xlsx_err)?;
                    }
                }
            }
        }
        let last_row = (spec.rows.len() + first_data).max(1000) as u32;
        for dd in &spec.dropdowns {
            let v = DataValidation::new()
                .allow_list_strings(&dd.choices)
                .map_err(xlsx_err)?
                .ignore_blank(true);
            ws.add_data_validation(first_data as u32, dd.col, last_row, dd.col, &v)
                .map_err(xlsx_err)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_err)
}

fn xep_loai_choices() -> Vec<String> {
    crate::model::XepLoai::ALL
        .iter()
        .map(|x| x.ten().to_owned())
        .collect()
}

fn yes_no_choices() -> Vec<String> {
    vec!["x".into(), "không".into()]
}

/// The drop-down list of a column that is neither a xếp loại nor a yes/no column, if it has one.
fn column_choices(schema: &SheetSchema, key: &str) -> Option<Vec<String>> {
    match (schema.id, key) {
        (crate::error::SheetId::DangVien, "mau_kiem_diem") => {
            Some(vec!["2A".into(), "2B".into(), "2C".into()])
        }
        (crate::error::SheetId::KiemDiem, "muc") => Some(
            KIEM_DIEM_MUC
                .iter()
                .map(|(_, name, _)| (*name).to_owned())
                .collect(),
        ),
        _ => None,
    }
}

/// One chi bộ of a generated workbook.
#[derive(Debug, Clone)]
pub struct ChiBoRow {
    /// Name without "Chi bộ".
    pub ten: String,
    /// Bí thư.
    pub bi_thu: String,
    /// Four scores.
    pub diem: [f64; 4],
    /// Xếp loại full name.
    pub xep_loai: String,
    /// Signed.
    pub ky_cam_ket: bool,
    /// Tiêu biểu.
    pub tieu_bieu: bool,
    /// Tasks.
    pub nhiem_vu: Vec<String>,
    /// Targets per "tốt".
    pub chi_tieu: [Vec<String>; 4],
    /// The self-assessment: Điểm tự chấm, Tự xếp loại, Đề xuất (full names); empty cells when absent.
    pub tu_danh_gia: Option<(f64, String, String)>,
}

/// One đảng viên of a generated workbook.
#[derive(Debug, Clone)]
pub struct DangVienRow {
    /// Name.
    pub ho_ten: String,
    /// Birth date.
    pub ngay_sinh: (u16, u8, u8),
    /// Admission date.
    pub ngay_vao_dang: (u16, u8, u8),
    /// Chi bộ name.
    pub chi_bo: String,
    /// Job title.
    pub chuc_vu: String,
    /// Party title.
    pub chuc_vu_dang: String,
    /// Score.
    pub tong_diem: f64,
    /// Xếp loại full name.
    pub xep_loai: String,
    /// Tiêu biểu.
    pub tieu_bieu: bool,
    /// Note.
    pub ghi_chu: String,
    /// What the evaluation-year forms read; all empty by default.
    pub bieu_mau: DangVienForms,
}

/// The optional columns a đảng viên's row may fill for the evaluation-year forms.
#[derive(Debug, Clone, Default)]
pub struct DangVienForms {
    /// Chức vụ đoàn thể.
    pub chuc_vu_doan_the: String,
    /// Đơn vị công tác.
    pub don_vi: String,
    /// Dự bị.
    pub du_bi: bool,
    /// Mẫu kiểm điểm ("2A", "2B", "2C"; empty: derived).
    pub mau_kiem_diem: String,
    /// Điểm tự chấm.
    pub diem_tu_cham: Option<f64>,
    /// Tự xếp loại (full name; empty for none).
    pub tu_xep_loai: String,
    /// Chi bộ đề xuất (full name; empty for none).
    pub de_xuat: String,
    /// The two groups of the score (tiêu chí chung, kết quả nhiệm vụ): Tổng điểm is then written as
    /// their `=SUM(…)`.
    pub diem_nhom: Option<(f64, f64)>,
}

/// A row of sheet "Kiểm điểm": Họ và tên (empty for the chi bộ's own text), Chi bộ, Mục, Nội dung.
pub type KiemDiemRow = (String, String, String, String);

/// A row of sheet "Kết quả biểu quyết": Họ và tên, Chi bộ, the votes at the four levels.
pub type BieuQuyetRow = (String, String, [i64; 4]);

/// The whole content of a workbook to generate.
#[derive(Debug, Clone)]
pub struct WorkbookData {
    /// "Thông tin" rows (label, value).
    pub thong_tin: Vec<(String, Cell)>,
    /// Chi bộ.
    pub chi_bo: Vec<ChiBoRow>,
    /// Đảng viên.
    pub dang_vien: Vec<DangVienRow>,
    /// "Nhận định" rows (mục, nội dung).
    pub nhan_dinh: Vec<(String, String)>,
    /// "Năm trước" rows (xếp loại, chi bộ, đảng viên).
    pub nam_truoc: Vec<(String, i64, i64)>,
    /// "Kiểm điểm" rows; the sheet is written only when there are some.
    pub kiem_diem: Vec<KiemDiemRow>,
    /// "Kết quả biểu quyết" rows; the sheet is written only when there are some.
    pub bieu_quyet: Vec<BieuQuyetRow>,
}

/// The columns of sheet "Chi bộ" the sample writes, by schema key, with their widths in characters.
const CHI_BO_COLUMNS: &[(&str, f64)] = &[
    ("stt", 5.0),
    ("ten", 26.0),
    ("bi_thu", 22.0),
    ("so_dang_vien", 10.0),
    ("diem_tu_cham", 9.0),
    ("tu_xep_loai", 30.0),
    ("de_xuat", 30.0),
    ("diem_lanh_dao", 12.0),
    ("diem_sinh_hoat", 12.0),
    ("diem_doan_ket", 12.0),
    ("diem_dang_vien", 12.0),
    ("tong_diem", 9.0),
    ("xep_loai", 30.0),
    ("ky_cam_ket", 9.0),
    ("tieu_bieu", 9.0),
    ("nhiem_vu", 50.0),
    ("chi_tieu_lanh_dao", 40.0),
    ("chi_tieu_sinh_hoat", 40.0),
    ("chi_tieu_doan_ket", 40.0),
    ("chi_tieu_dang_vien", 40.0),
];

/// The columns of sheet "Đảng viên" the sample writes (the name in one column), with their widths.
const DANG_VIEN_COLUMNS: &[(&str, f64)] = &[
    ("stt", 5.0),
    ("ho_ten", 24.0),
    ("ngay_sinh", 12.0),
    ("ngay_vao_dang", 13.0),
    ("chi_bo", 24.0),
    ("chuc_vu", 24.0),
    ("chuc_vu_dang", 18.0),
    ("chuc_vu_doan_the", 20.0),
    ("don_vi", 26.0),
    ("du_bi", 7.0),
    ("mau_kiem_diem", 9.0),
    ("diem_tu_cham", 9.0),
    ("tu_xep_loai", 30.0),
    ("de_xuat", 30.0),
    ("diem_chung", 10.0),
    ("diem_nhiem_vu", 12.0),
    ("tong_diem", 9.0),
    ("xep_loai", 30.0),
    ("tieu_bieu", 9.0),
    ("ghi_chu", 40.0),
];

/// The columns of sheet "Nhận định", with their widths.
const NHAN_DINH_COLUMNS: &[(&str, f64)] = &[("muc", 22.0), ("noi_dung", 100.0)];

/// The columns of sheet "Năm trước", with their widths.
const NAM_TRUOC_COLUMNS: &[(&str, f64)] =
    &[("xep_loai", 32.0), ("chi_bo", 10.0), ("dang_vien", 10.0)];

/// The columns of sheet "Kiểm điểm", with their widths.
const KIEM_DIEM_COLUMNS: &[(&str, f64)] = &[
    ("ho_ten", 24.0),
    ("chi_bo", 22.0),
    ("muc", 34.0),
    ("noi_dung", 90.0),
];

/// The columns of sheet "Kết quả biểu quyết", with their widths.
const BIEU_QUYET_COLUMNS: &[(&str, f64)] = &[
    ("stt", 5.0),
    ("ho_ten", 24.0),
    ("chi_bo", 24.0),
    ("xuat_sac", 14.0),
    ("tot", 14.0),
    ("hoan_thanh", 14.0),
    ("khong_hoan_thanh", 14.0),
];

/// One row of a table sheet: each cell with the key of its schema column.
type KeyedRow = Vec<(&'static str, Cell)>;

/// A table sheet as the sample writes it: the header is the canonical name of each schema column that
/// `columns` names (key, width), in the schema's order; each row's cells are placed under their
/// columns (a column a row leaves out stays empty); xếp loại and yes/no columns get a drop-down list.
fn table_sheet(
    schema: &SheetSchema,
    columns: &[(&str, f64)],
    rows: impl Iterator<Item = KeyedRow>,
) -> SheetSpec {
    let written: Vec<(&Column, f64)> = schema
        .columns
        .iter()
        .filter_map(|c| {
            columns
                .iter()
                .find(|(key, _)| *key == c.key)
                .map(|(_, width)| (c, *width))
        })
        .collect();
    // A sum becomes a formula over its columns in the row (the header is row 1).
    let letter = |key: &str| {
        written
            .iter()
            .position(|(c, _)| c.key == key)
            .map(column_letter)
    };
    let sum_formula = |keys: &[&str], excel_row: usize| -> Option<String> {
        let mut cols: Vec<usize> = keys
            .iter()
            .map(|k| written.iter().position(|(c, _)| c.key == *k))
            .collect::<Option<_>>()?;
        cols.sort_unstable();
        let contiguous = cols.windows(2).all(|w| w[1] == w[0] + 1);
        let first = letter(written[*cols.first()?].0.key)?;
        let last = letter(written[*cols.last()?].0.key)?;
        Some(if contiguous {
            format!("SUM({first}{excel_row}:{last}{excel_row})")
        } else {
            let cells: Vec<String> = cols
                .iter()
                .map(|&c| format!("{}{excel_row}", column_letter(c)))
                .collect();
            format!("SUM({})", cells.join(","))
        })
    };
    let place = |(i, mut row): (usize, KeyedRow)| -> Vec<Cell> {
        written
            .iter()
            .map(|(c, _)| {
                let cell = row
                    .iter_mut()
                    .find(|(key, _)| *key == c.key)
                    .map_or(Cell::Empty, |(_, cell)| {
                        std::mem::replace(cell, Cell::Empty)
                    });
                match cell {
                    Cell::SumOf(keys, value) => match sum_formula(keys, i + 2) {
                        Some(f) => Cell::Formula(f, value),
                        None => Cell::Number(value),
                    },
                    other => other,
                }
            })
            .collect()
    };
    let dropdowns = written
        .iter()
        .enumerate()
        .filter_map(|(i, (c, _))| {
            let choices = match c.kind {
                ColumnKind::XepLoai => xep_loai_choices(),
                ColumnKind::YesNo => yes_no_choices(),
                _ => column_choices(schema, c.key)?,
            };
            Some(Dropdown {
                col: i as u16,
                choices,
            })
        })
        .collect();
    SheetSpec {
        name: schema.name.to_owned(),
        header: written.iter().map(|(c, _)| c.name.to_owned()).collect(),
        rows: rows.enumerate().map(place).collect(),
        widths: written.iter().map(|(_, width)| *width).collect(),
        dropdowns,
    }
}

/// A yes/no mark as an office writes it: "x", or an empty text.
fn yes_no(b: bool) -> Cell {
    Cell::from(if b { "x" } else { "" })
}

/// A list cell: one item per line.
fn lines(items: &[String]) -> Cell {
    Cell::from(items.join("\n"))
}

/// The label a Thông tin key is written with: the schema's canonical name (the key itself for a key
/// the schema does not have, which a test rules out).
fn info_label(key: &str) -> String {
    THONG_TIN
        .iter()
        .find(|k| k.key == key)
        .map_or(key, |k| k.name)
        .to_owned()
}

impl ChiBoRow {
    /// The row of the `i`-th chi bộ, with `so_dang_vien` members.
    fn cells(&self, i: usize, so_dang_vien: i64) -> KeyedRow {
        let mut row = vec![
            ("stt", Cell::from(i as i64 + 1)),
            ("ten", Cell::from(self.ten.as_str())),
            ("bi_thu", Cell::from(self.bi_thu.as_str())),
            ("so_dang_vien", Cell::from(so_dang_vien)),
            ("diem_lanh_dao", Cell::from(self.diem[0])),
            ("diem_sinh_hoat", Cell::from(self.diem[1])),
            ("diem_doan_ket", Cell::from(self.diem[2])),
            ("diem_dang_vien", Cell::from(self.diem[3])),
            (
                "tong_diem",
                Cell::SumOf(
                    &[
                        "diem_lanh_dao",
                        "diem_sinh_hoat",
                        "diem_doan_ket",
                        "diem_dang_vien",
                    ],
                    self.diem.iter().sum::<f64>(),
                ),
            ),
            ("xep_loai", Cell::from(self.xep_loai.as_str())),
            ("ky_cam_ket", yes_no(self.ky_cam_ket)),
            ("tieu_bieu", yes_no(self.tieu_bieu)),
            ("nhiem_vu", lines(&self.nhiem_vu)),
            ("chi_tieu_lanh_dao", lines(&self.chi_tieu[0])),
            ("chi_tieu_sinh_hoat", lines(&self.chi_tieu[1])),
            ("chi_tieu_doan_ket", lines(&self.chi_tieu[2])),
            ("chi_tieu_dang_vien", lines(&self.chi_tieu[3])),
        ];
        if let Some((diem, tu_xep_loai, de_xuat)) = &self.tu_danh_gia {
            row.push(("diem_tu_cham", Cell::from(*diem)));
            row.push(("tu_xep_loai", Cell::from(tu_xep_loai.as_str())));
            row.push(("de_xuat", Cell::from(de_xuat.as_str())));
        }
        row
    }
}

impl DangVienRow {
    /// The row of the `i`-th đảng viên.
    fn cells(&self, i: usize) -> KeyedRow {
        let date = |(y, m, d): (u16, u8, u8)| Cell::Date(y, m, d);
        let mut row = vec![
            ("stt", Cell::from(i as i64 + 1)),
            ("ho_ten", Cell::from(self.ho_ten.as_str())),
            ("ngay_sinh", date(self.ngay_sinh)),
            ("ngay_vao_dang", date(self.ngay_vao_dang)),
            ("chi_bo", Cell::from(self.chi_bo.as_str())),
            ("chuc_vu", Cell::from(self.chuc_vu.as_str())),
            ("chuc_vu_dang", Cell::from(self.chuc_vu_dang.as_str())),
            ("xep_loai", Cell::from(self.xep_loai.as_str())),
            ("tieu_bieu", yes_no(self.tieu_bieu)),
            ("ghi_chu", Cell::from(self.ghi_chu.as_str())),
        ];
        let f = &self.bieu_mau;
        let text = |s: &str| Cell::from(s);
        row.extend([
            ("chuc_vu_doan_the", text(&f.chuc_vu_doan_the)),
            ("don_vi", text(&f.don_vi)),
            ("du_bi", yes_no(f.du_bi)),
            ("mau_kiem_diem", text(&f.mau_kiem_diem)),
            ("tu_xep_loai", text(&f.tu_xep_loai)),
            ("de_xuat", text(&f.de_xuat)),
        ]);
        if let Some(d) = f.diem_tu_cham {
            row.push(("diem_tu_cham", Cell::from(d)));
        }
        match f.diem_nhom {
            Some((chung, nhiem_vu)) => row.extend([
                ("diem_chung", Cell::from(chung)),
                ("diem_nhiem_vu", Cell::from(nhiem_vu)),
                (
                    "tong_diem",
                    Cell::SumOf(&["diem_chung", "diem_nhiem_vu"], chung + nhiem_vu),
                ),
            ]),
            None => row.push(("tong_diem", Cell::from(self.tong_diem))),
        }
        row
    }
}

impl WorkbookData {
    /// The sheets of this data, with formatted headers, widths and drop-downs. Sheet names, headers and
    /// Thông tin labels are the schema's canonical names (`workbook::schema`).
    pub fn sheets(&self) -> Vec<SheetSpec> {
        let mut sheets = vec![SheetSpec {
            name: THONG_TIN_NAME.into(),
            header: THONG_TIN_HEADER.iter().map(|h| (*h).to_owned()).collect(),
            rows: self
                .thong_tin
                .iter()
                .map(|(k, v)| vec![Cell::from(k.as_str()), v.clone()])
                .collect(),
            widths: vec![28.0, 50.0],
            dropdowns: vec![],
        }];
        let dv_count = |ten: &str| self.dang_vien.iter().filter(|d| d.chi_bo == ten).count() as i64;
        let chi_bo = self.chi_bo.iter().enumerate();
        sheets.push(table_sheet(
            &CHI_BO,
            CHI_BO_COLUMNS,
            chi_bo.map(|(i, c)| c.cells(i, dv_count(&c.ten))),
        ));
        let dang_vien = self.dang_vien.iter().enumerate();
        sheets.push(table_sheet(
            &DANG_VIEN,
            DANG_VIEN_COLUMNS,
            dang_vien.map(|(i, d)| d.cells(i)),
        ));
        let nhan_dinh = self.nhan_dinh.iter().map(|(m, n)| {
            vec![
                ("muc", Cell::from(m.as_str())),
                ("noi_dung", Cell::from(n.as_str())),
            ]
        });
        sheets.push(table_sheet(&NHAN_DINH, NHAN_DINH_COLUMNS, nhan_dinh));
        if !self.nam_truoc.is_empty() {
            let nam_truoc = self.nam_truoc.iter().map(|(x, c, d)| {
                vec![
                    ("xep_loai", Cell::from(x.as_str())),
                    ("chi_bo", Cell::from(*c)),
                    ("dang_vien", Cell::from(*d)),
                ]
            });
            sheets.push(table_sheet(&NAM_TRUOC, NAM_TRUOC_COLUMNS, nam_truoc));
        }
        if !self.kiem_diem.is_empty() {
            let rows = self.kiem_diem.iter().map(|(ho_ten, chi_bo, muc, noi_dung)| {
                vec![
                    ("ho_ten", Cell::from(ho_ten.as_str())),
                    ("chi_bo", Cell::from(chi_bo.as_str())),
                    ("muc", Cell::from(muc.as_str())),
                    ("noi_dung", Cell::from(noi_dung.as_str())),
                ]
            });
            sheets.push(table_sheet(&KIEM_DIEM, KIEM_DIEM_COLUMNS, rows));
        }
        if !self.bieu_quyet.is_empty() {
            let rows = self
                .bieu_quyet
                .iter()
                .enumerate()
                .map(|(i, (ho_ten, chi_bo, votes))| {
                    vec![
                        ("stt", Cell::from(i as i64 + 1)),
                        ("ho_ten", Cell::from(ho_ten.as_str())),
                        ("chi_bo", Cell::from(chi_bo.as_str())),
                        ("xuat_sac", Cell::from(votes[0])),
                        ("tot", Cell::from(votes[1])),
                        ("hoan_thanh", Cell::from(votes[2])),
                        ("khong_hoan_thanh", Cell::from(votes[3])),
                    ]
                });
            sheets.push(table_sheet(&BIEU_QUYET, BIEU_QUYET_COLUMNS, rows));
        }
        sheets
    }

    /// Writes the workbook.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        write_workbook(&self.sheets())
    }
}

mod data;
#[cfg(any(test, feature = "internals"))]
mod generate;
pub use data::init_data;
#[cfg(any(test, feature = "internals"))]
pub use generate::{
    HOSTILE_CHI_BO, HOSTILE_PARENT, HOSTILE_SIGNER, hostile_data, sample_data, scaled_data,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Each table sheet's written columns, with its schema.
    fn tables() -> [(&'static SheetSchema, &'static [(&'static str, f64)]); 6] {
        [
            (&CHI_BO, CHI_BO_COLUMNS),
            (&DANG_VIEN, DANG_VIEN_COLUMNS),
            (&NHAN_DINH, NHAN_DINH_COLUMNS),
            (&NAM_TRUOC, NAM_TRUOC_COLUMNS),
            (&KIEM_DIEM, KIEM_DIEM_COLUMNS),
            (&BIEU_QUYET, BIEU_QUYET_COLUMNS),
        ]
    }

    #[test]
    fn the_sample_writes_schema_columns_and_every_required_one() {
        for (schema, columns) in tables() {
            for (key, _) in columns {
                assert!(
                    schema.columns.iter().any(|c| c.key == *key),
                    "{}: no column {key}",
                    schema.name
                );
            }
            for c in schema.columns.iter().filter(|c| c.required) {
                assert!(
                    columns.iter().any(|(key, _)| *key == c.key),
                    "{}: {} not written",
                    schema.name,
                    c.name
                );
            }
        }
    }

    #[test]
    fn every_cell_of_a_row_lands_under_its_column() {
        let data = sample_data();
        let keys = |row: KeyedRow| row.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        let all = |columns: &[(&'static str, f64)]| -> Vec<&str> {
            columns.iter().map(|(k, _)| *k).collect()
        };
        let sorted = |mut v: Vec<&'static str>| {
            v.sort_unstable();
            v
        };
        assert_eq!(
            sorted(keys(data.chi_bo[0].cells(0, 1))),
            sorted(all(CHI_BO_COLUMNS))
        );
        assert_eq!(
            sorted(keys(data.dang_vien[6].cells(6))),
            sorted(all(DANG_VIEN_COLUMNS))
        );
        let sheets = data.sheets();
        for (schema, columns) in tables() {
            let sheet = sheets.iter().find(|s| s.name == schema.name).unwrap();
            let names: Vec<&str> = schema
                .columns
                .iter()
                .filter(|c| columns.iter().any(|(key, _)| *key == c.key))
                .map(|c| c.name)
                .collect();
            assert_eq!(sheet.header, names);
            assert!(!sheet.rows.is_empty(), "{}", schema.name);
            for row in &sheet.rows {
                assert_eq!(row.len(), names.len());
                assert!(!row.iter().any(|c| matches!(c, Cell::Empty)), "{row:?}");
            }
        }
    }

    #[test]
    fn thong_tin_labels_are_the_schema_names_and_every_required_key_is_written() {
        for data in [sample_data(), init_data()] {
            for (label, _) in &data.thong_tin {
                assert!(THONG_TIN.iter().any(|k| k.name == label), "{label}");
            }
            for k in THONG_TIN.iter().filter(|k| k.required) {
                assert!(
                    data.thong_tin.iter().any(|(l, _)| l == k.name),
                    "{}",
                    k.name
                );
            }
        }
    }

    #[test]
    fn the_committed_sample_is_what_make_sample_writes() {
        assert!(
            sample_data().to_xlsx().unwrap() == SAMPLE_XLSX,
            "regenerate it: cargo run --example make-sample -- samples/chi-bo-4-tot.xlsx"
        );
    }

    #[test]
    fn init_offers_drop_downs_for_the_new_columns_and_sums_the_criteria() {
        let sheets = init_data().sheets();
        let choices = |sheet: &str, header: &str| -> Vec<String> {
            let s = sheets.iter().find(|s| s.name == sheet).unwrap();
            let col = s.header.iter().position(|h| h == header).unwrap() as u16;
            s.dropdowns
                .iter()
                .find(|d| d.col == col)
                .map(|d| d.choices.clone())
                .unwrap_or_default()
        };
        assert_eq!(choices("Đảng viên", "Mẫu kiểm điểm"), ["2A", "2B", "2C"]);
        assert_eq!(choices("Đảng viên", "Dự bị"), yes_no_choices());
        for (sheet, header) in [
            ("Đảng viên", "Tự xếp loại"),
            ("Đảng viên", "Chi bộ đề xuất"),
            ("Chi bộ", "Tự xếp loại"),
            ("Chi bộ", "Đề xuất"),
        ] {
            assert_eq!(choices(sheet, header), xep_loai_choices(), "{sheet} {header}");
        }
        let muc = choices("Kiểm điểm", "Mục");
        assert_eq!(muc.len(), KIEM_DIEM_MUC.len());
        // Excel's limit for a list typed in the validation itself; no item may hold a comma.
        assert!(muc.join(",").chars().count() <= 255);
        assert!(muc.iter().all(|m| !m.contains(',')));
        assert!(sheets.iter().any(|s| s.name == "Kết quả biểu quyết"));
        // Tổng điểm is the SUM of the criteria, with its value stored.
        let formula = |sheet: &str| -> Vec<(String, f64)> {
            let s = sheets.iter().find(|s| s.name == sheet).unwrap();
            s.rows
                .iter()
                .flatten()
                .filter_map(|c| match c {
                    Cell::Formula(f, v) => Some((f.clone(), *v)),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(formula("Chi bộ"), [("SUM(E2:H2)".to_owned(), 80.0)]);
        let dv = formula("Đảng viên");
        assert_eq!(dv.len(), 1);
        assert!(dv[0].0.starts_with("SUM(") && dv[0].1 == 80.0, "{dv:?}");
    }
}
