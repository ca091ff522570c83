//! Workbooks written with rust_xlsxwriter: the embedded "chi bộ 4 tốt" sample, the blank form of
//! `vanban init`, and scaled workbooks for benchmarks and tests. Everything is deterministic.

use crate::error::{Error, Result};
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    XlsxError,
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

/// Headers of the "Chi bộ" sheet, in the order vanban writes them.
pub const CHI_BO_HEADER: &[&str] = &[
    "STT",
    "Tên chi bộ",
    "Bí thư",
    "Số đảng viên",
    "Lãnh đạo hoàn thành tốt nhiệm vụ",
    "Chất lượng sinh hoạt tốt",
    "Đoàn kết, kỷ luật tốt",
    "Đảng viên tốt",
    "Tổng điểm",
    "Xếp loại",
    "Ký cam kết",
    "Tiêu biểu",
    "Nhiệm vụ",
    "Chỉ tiêu lãnh đạo",
    "Chỉ tiêu sinh hoạt",
    "Chỉ tiêu đoàn kết, kỷ luật",
    "Chỉ tiêu đảng viên",
];

/// Headers of the "Đảng viên" sheet.
pub const DANG_VIEN_HEADER: &[&str] = &[
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Ngày vào Đảng",
    "Chi bộ",
    "Chức vụ",
    "Chức vụ đảng",
    "Tổng điểm",
    "Xếp loại",
    "Tiêu biểu",
    "Ghi chú",
];

fn xep_loai_choices() -> Vec<String> {
    crate::model::XepLoai::ALL
        .iter()
        .map(|x| x.ten().to_owned())
        .collect()
}

fn yes_no_choices() -> Vec<String> {
    vec!["x".into(), "không".into()]
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
}

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
}

impl WorkbookData {
    /// The sheets of this data, with formatted headers, widths and drop-downs.
    pub fn sheets(&self) -> Vec<SheetSpec> {
        let yn = |b: bool| Cell::from(if b { "x" } else { "" });
        let lines = |v: &[String]| Cell::from(v.join("\n"));
        let mut sheets = vec![SheetSpec {
            name: "Thông tin".into(),
            header: vec!["Mục".into(), "Giá trị".into()],
            rows: self
                .thong_tin
                .iter()
                .map(|(k, v)| vec![Cell::from(k.as_str()), v.clone()])
                .collect(),
            widths: vec![28.0, 50.0],
            dropdowns: vec![],
        }];
        let dv_count = |ten: &str| self.dang_vien.iter().filter(|d| d.chi_bo == ten).count() as i64;
        sheets.push(SheetSpec {
            name: "Chi bộ".into(),
            header: CHI_BO_HEADER.iter().map(|s| (*s).to_owned()).collect(),
            rows: self
                .chi_bo
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        Cell::from(i as i64 + 1),
                        Cell::from(c.ten.as_str()),
                        Cell::from(c.bi_thu.as_str()),
                        Cell::from(dv_count(&c.ten)),
                        Cell::from(c.diem[0]),
                        Cell::from(c.diem[1]),
                        Cell::from(c.diem[2]),
                        Cell::from(c.diem[3]),
                        Cell::from(c.diem.iter().sum::<f64>()),
                        Cell::from(c.xep_loai.as_str()),
                        yn(c.ky_cam_ket),
                        yn(c.tieu_bieu),
                        lines(&c.nhiem_vu),
                        lines(&c.chi_tieu[0]),
                        lines(&c.chi_tieu[1]),
                        lines(&c.chi_tieu[2]),
                        lines(&c.chi_tieu[3]),
                    ]
                })
                .collect(),
            widths: vec![
                5.0, 26.0, 22.0, 10.0, 12.0, 12.0, 12.0, 12.0, 9.0, 30.0, 9.0, 9.0, 50.0, 40.0,
                40.0, 40.0, 40.0,
            ],
            dropdowns: vec![
                Dropdown {
                    col: 9,
                    choices: xep_loai_choices(),
                },
                Dropdown {
                    col: 10,
                    choices: yes_no_choices(),
                },
                Dropdown {
                    col: 11,
                    choices: yes_no_choices(),
                },
            ],
        });
        sheets.push(SheetSpec {
            name: "Đảng viên".into(),
            header: DANG_VIEN_HEADER.iter().map(|s| (*s).to_owned()).collect(),
            rows: self
                .dang_vien
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    vec![
                        Cell::from(i as i64 + 1),
                        Cell::from(d.ho_ten.as_str()),
                        Cell::Date(d.ngay_sinh.0, d.ngay_sinh.1, d.ngay_sinh.2),
                        Cell::Date(d.ngay_vao_dang.0, d.ngay_vao_dang.1, d.ngay_vao_dang.2),
                        Cell::from(d.chi_bo.as_str()),
                        Cell::from(d.chuc_vu.as_str()),
                        Cell::from(d.chuc_vu_dang.as_str()),
                        Cell::from(d.tong_diem),
                        Cell::from(d.xep_loai.as_str()),
                        yn(d.tieu_bieu),
                        Cell::from(d.ghi_chu.as_str()),
                    ]
                })
                .collect(),
            widths: vec![
                5.0, 24.0, 12.0, 13.0, 24.0, 24.0, 18.0, 9.0, 30.0, 9.0, 40.0,
            ],
            dropdowns: vec![
                Dropdown {
                    col: 8,
                    choices: xep_loai_choices(),
                },
                Dropdown {
                    col: 9,
                    choices: yes_no_choices(),
                },
            ],
        });
        sheets.push(SheetSpec {
            name: "Nhận định".into(),
            header: vec!["Mục".into(), "Nội dung".into()],
            rows: self
                .nhan_dinh
                .iter()
                .map(|(m, n)| vec![Cell::from(m.as_str()), Cell::from(n.as_str())])
                .collect(),
            widths: vec![22.0, 100.0],
            dropdowns: vec![],
        });
        if !self.nam_truoc.is_empty() {
            sheets.push(SheetSpec {
                name: "Năm trước".into(),
                header: vec!["Xếp loại".into(), "Chi bộ".into(), "Đảng viên".into()],
                rows: self
                    .nam_truoc
                    .iter()
                    .map(|(x, c, d)| vec![Cell::from(x.as_str()), Cell::from(*c), Cell::from(*d)])
                    .collect(),
                widths: vec![32.0, 10.0, 10.0],
                dropdowns: vec![Dropdown {
                    col: 0,
                    choices: xep_loai_choices(),
                }],
            });
        }
        sheets
    }

    /// Writes the workbook.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        write_workbook(&self.sheets())
    }
}

mod data;
pub use data::{init_data, sample_data, scaled_data};

/// A chi bộ name, a signer and a superior body full of characters that mean something in Markdown,
/// HTML, TOML, Typst or XML; they must print literally everywhere.
pub const HOSTILE_CHI_BO: &str = r#"Tổng hợp <b>#x</b> $y$ *z* _w_ @r \ | & "q""#;
/// A hostile signer name.
pub const HOSTILE_SIGNER: &str = r#"Trần *Việt* _Cường_ #1 \ "Bí thư" {{ x }} #eval("1+1")"#;
/// A hostile superior body.
pub const HOSTILE_PARENT: &str = r#"Đảng bộ Khối [a](b) <i>x</i> | $1$ @c ]#["#;

/// The sample with the first chi bộ renamed to [`HOSTILE_CHI_BO`], the signer [`HOSTILE_SIGNER`] and the
/// superior body [`HOSTILE_PARENT`].
pub fn hostile_data() -> WorkbookData {
    let mut data = sample_data();
    let old = data.chi_bo[0].ten.clone();
    data.chi_bo[0].ten = HOSTILE_CHI_BO.to_owned();
    for d in data.dang_vien.iter_mut().filter(|d| d.chi_bo == old) {
        d.chi_bo = HOSTILE_CHI_BO.to_owned();
    }
    for (k, v) in data.thong_tin.iter_mut() {
        match k.as_str() {
            "Người ký" => *v = Cell::from(HOSTILE_SIGNER),
            "Cấp trên" => *v = Cell::from(HOSTILE_PARENT),
            _ => {}
        }
    }
    data
}
