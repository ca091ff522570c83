//! Domain types (đơn vị, chi bộ, đảng viên), aggregates and rule checks, built from workbook records
//! (by [`load()`], one step per sheet).

pub mod aggregate;
pub mod collate;
mod load;
mod rules;

pub use crate::workbook::XepLoai;
pub use aggregate::TongHop;
pub use collate::VnCollator;
pub use load::load;
pub use rules::Rules;

use crate::error::{Diagnostic, SheetId};
#[cfg(any(test, feature = "internals"))]
use crate::error::{Error, Result};
use crate::ir::Authority;
use crate::workbook::CellRefs;
use crate::workbook::matching::match_key;
use serde::Serialize;
use std::collections::BTreeMap;

/// The issuing body and its documents' numbers and dates (sheet "Thông tin").
#[derive(Debug, Clone, Serialize, Default)]
pub struct Org {
    /// Cấp trên ("Đảng bộ Khối các cơ quan tỉnh").
    pub cap_tren: Option<String>,
    /// Cơ quan ban hành.
    pub co_quan: String,
    /// Ký hiệu cơ quan ("ĐU").
    pub ky_hieu: String,
    /// Địa danh.
    pub dia_danh: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// Chức vụ người ký (default "Bí thư").
    pub chuc_vu_nguoi_ky: String,
    /// Quyền hạn ký as written (default "T/M").
    pub quyen_han_ky: String,
    /// Số kế hoạch.
    pub so_ke_hoach: Option<String>,
    /// Ngày kế hoạch (ISO in templates).
    pub ngay_ke_hoach: Option<String>,
    /// Số báo cáo.
    pub so_bao_cao: Option<String>,
    /// Ngày báo cáo.
    pub ngay_bao_cao: Option<String>,
    /// Ngày cam kết.
    pub ngay_cam_ket: Option<String>,
    /// Số quyết định (công nhận kết quả xếp loại).
    pub so_quyet_dinh: Option<String>,
    /// Ngày quyết định (ISO).
    pub ngay_quyet_dinh: Option<String>,
    /// Số thông báo (kết quả xếp loại, to each chi bộ).
    pub so_thong_bao: Option<String>,
    /// Ngày thông báo (ISO).
    pub ngay_thong_bao: Option<String>,
    /// Số tờ trình (đề nghị khen thưởng).
    pub so_to_trinh: Option<String>,
    /// Ngày tờ trình (ISO).
    pub ngay_to_trinh: Option<String>,
    /// Người soạn thảo (the drafter line); absent unless the workbook gives it.
    pub nguoi_soan_thao: Option<String>,
    /// Năm.
    pub nam: Option<i64>,
    /// Nhiệm kỳ of the cấp ủy ("2025-2030"): Party documents are numbered per term (05-HD §I.3.1.1).
    pub nhiem_ky: Option<String>,
    /// Phạm vi lưu hành ("Tài liệu lưu hành nội bộ"), printed on documents whose kind names none.
    pub luu_hanh: Option<String>,
    /// The number of copies issued ("Số bản"), printed on documents whose kind names none.
    pub so_ban: Option<i64>,
    /// Other rows of the sheet, by their label.
    pub extra: BTreeMap<String, String>,
}

/// The document numbers a workbook can give, by the document-type code the kinds print: (type code,
/// Thông tin key of the number, Thông tin key of the date, the number's name in messages).
pub const DOCUMENT_NUMBERS: [(&str, &str, &str, &str); 5] = [
    ("KH", "so_ke_hoach", "ngay_ke_hoach", "Số kế hoạch"),
    ("BC", "so_bao_cao", "ngay_bao_cao", "Số báo cáo"),
    ("QĐ", "so_quyet_dinh", "ngay_quyet_dinh", "Số quyết định"),
    ("TB", "so_thong_bao", "ngay_thong_bao", "Số thông báo"),
    ("TTr", "so_to_trinh", "ngay_to_trinh", "Số tờ trình"),
];

impl Org {
    /// The number field a kind of this type code reads (`org.so_thong_bao` for "TB"), if the workbook
    /// has one for that type.
    pub fn number_mut(&mut self, loai: &str) -> Option<&mut Option<String>> {
        let key = DOCUMENT_NUMBERS.iter().find(|(l, ..)| *l == loai)?.1;
        Some(match key {
            "so_ke_hoach" => &mut self.so_ke_hoach,
            "so_bao_cao" => &mut self.so_bao_cao,
            "so_quyet_dinh" => &mut self.so_quyet_dinh,
            "so_thong_bao" => &mut self.so_thong_bao,
            _ => &mut self.so_to_trinh,
        })
    }

    /// The numbers typed in the workbook with their type code, date (ISO) and name:
    /// `[("QĐ", "16", Some("2023-04-10"), "Số quyết định"), …]`.
    pub fn typed_numbers(&self) -> Vec<(&'static str, &str, Option<&str>, &'static str)> {
        let pairs = [
            (&self.so_ke_hoach, &self.ngay_ke_hoach),
            (&self.so_bao_cao, &self.ngay_bao_cao),
            (&self.so_quyet_dinh, &self.ngay_quyet_dinh),
            (&self.so_thong_bao, &self.ngay_thong_bao),
            (&self.so_to_trinh, &self.ngay_to_trinh),
        ];
        DOCUMENT_NUMBERS
            .iter()
            .zip(pairs)
            .filter_map(|((loai, _, _, name), (so, ngay))| {
                let so = so.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
                Some((*loai, so, ngay.as_deref(), *name))
            })
            .collect()
    }

    /// The signing authority parsed from "Quyền hạn ký" (T/M, TM., K/T, KT., T/L, TL., TUQ., Q.).
    pub fn authority(&self) -> Option<Authority> {
        parse_authority(&self.quyen_han_ky)
    }
}

/// Parses an authority prefix as offices write it.
pub fn parse_authority(s: &str) -> Option<Authority> {
    match match_key(s).as_str() {
        "tm" | "thaymat" => Some(Authority::ThayMat),
        "kt" | "kythay" => Some(Authority::KyThay),
        "tl" | "thualenh" => Some(Authority::ThuaLenh),
        "tuq" | "tu" | "thuauyquyen" => Some(Authority::UyQuyen),
        "q" | "quyen" => Some(Authority::Quyen),
        _ => None,
    }
}

/// Scores of the four "tốt".
#[derive(Debug, Clone, Serialize, Default)]
pub struct Diem4Tot {
    /// Lãnh đạo hoàn thành tốt nhiệm vụ.
    pub lanh_dao: Option<f64>,
    /// Chất lượng sinh hoạt tốt.
    pub sinh_hoat: Option<f64>,
    /// Đoàn kết, kỷ luật tốt.
    pub doan_ket: Option<f64>,
    /// (Cán bộ,) đảng viên tốt.
    pub dang_vien: Option<f64>,
}

/// A chi bộ (sheet "Chi bộ").
#[derive(Debug, Clone, Serialize)]
pub struct ChiBo {
    /// STT as written, or the position.
    pub stt: i64,
    /// Tên chi bộ without a leading "Chi bộ" ("Tổng hợp").
    pub ten: String,
    /// Bí thư.
    pub bi_thu: Option<String>,
    /// Số đảng viên as written, else counted from "Đảng viên".
    pub so_dang_vien: Option<i64>,
    /// The four scores.
    pub diem: Diem4Tot,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Xếp loại.
    pub xep_loai: Option<XepLoai>,
    /// Đã ký cam kết.
    pub ky_cam_ket: bool,
    /// Tiêu biểu.
    pub tieu_bieu: bool,
    /// Nhiệm vụ (one per line).
    pub nhiem_vu: Vec<String>,
    /// Chỉ tiêu lãnh đạo.
    pub chi_tieu_lanh_dao: Vec<String>,
    /// Chỉ tiêu sinh hoạt.
    pub chi_tieu_sinh_hoat: Vec<String>,
    /// Chỉ tiêu đoàn kết, kỷ luật.
    pub chi_tieu_doan_ket: Vec<String>,
    /// Chỉ tiêu đảng viên.
    pub chi_tieu_dang_vien: Vec<String>,
    /// Columns outside the schema, by header text.
    pub extra: BTreeMap<String, String>,
    /// Excel row.
    pub row: usize,
    /// Where this row's cells are, by column key (for messages).
    #[serde(skip)]
    pub cells: CellRefs,
}

/// A đảng viên (sheet "Đảng viên").
#[derive(Debug, Clone, Serialize)]
pub struct DangVien {
    /// STT as written, or the position.
    pub stt: i64,
    /// Họ và tên (from "Họ đệm" and "Tên" joined by a space when the sheet splits the name).
    pub ho_ten: String,
    /// Họ đệm, when the sheet splits the name into "Họ đệm" | "Tên".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ho_dem: Option<String>,
    /// Tên, when the sheet splits the name; people are ordered by it as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ten: Option<String>,
    /// Ngày sinh (ISO).
    pub ngay_sinh: Option<String>,
    /// Ngày vào Đảng (ISO).
    pub ngay_vao_dang: Option<String>,
    /// The chi bộ's name as in sheet "Chi bộ".
    pub chi_bo: String,
    /// Chức vụ (chính quyền, chuyên môn).
    pub chuc_vu: Option<String>,
    /// Chức vụ đảng.
    pub chuc_vu_dang: Option<String>,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Xếp loại.
    pub xep_loai: Option<XepLoai>,
    /// Tiêu biểu.
    pub tieu_bieu: bool,
    /// Ghi chú / thành tích.
    pub ghi_chu: Option<String>,
    /// Columns outside the schema, by header text.
    pub extra: BTreeMap<String, String>,
    /// Excel row.
    pub row: usize,
    /// Where this row's cells are, by column key (for messages).
    #[serde(skip)]
    pub cells: CellRefs,
}

/// One section of prose for the report (sheet "Nhận định").
#[derive(Debug, Clone, Serialize)]
pub struct NhanDinh {
    /// The section label as written ("Ưu điểm").
    pub muc: String,
    /// Its template key ("uu_diem").
    pub key: String,
    /// Paragraphs (one per line of the cell).
    pub noi_dung: Vec<String>,
}

/// Last year's counts for one level (sheet "Năm trước").
#[derive(Debug, Clone, Serialize)]
pub struct NamTruoc {
    /// The level.
    pub xep_loai: XepLoai,
    /// Chi bộ at that level.
    pub chi_bo: i64,
    /// Đảng viên at that level.
    pub dang_vien: i64,
}

/// What was read from each sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetSummary {
    /// The sheet's name as written.
    pub sheet: String,
    /// Data rows read.
    pub rows: usize,
}

/// Everything a workbook holds, typed and checked.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Dataset {
    /// The workbook's name.
    pub file: String,
    /// Sheet "Thông tin".
    pub org: Org,
    /// Sheet "Chi bộ", in sheet order.
    pub chi_bo: Vec<ChiBo>,
    /// Sheet "Đảng viên", in sheet order.
    pub dang_vien: Vec<DangVien>,
    /// Sheet "Nhận định".
    pub nhan_dinh: Vec<NhanDinh>,
    /// Sheet "Năm trước", if present.
    pub nam_truoc: Option<Vec<NamTruoc>>,
    /// What was read.
    pub sheets: Vec<SheetSummary>,
    /// The sheet names as written, by canonical sheet (DangVien → "DANH SÁCH ĐẢNG VIÊN").
    #[serde(skip)]
    pub sheet_names: BTreeMap<SheetId, String>,
}

/// The sheets a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// Sheet "Đảng viên" is required.
    pub dang_vien: bool,
}

/// A loaded dataset with every finding (errors and warnings).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The data that could be read.
    pub dataset: Dataset,
    /// Errors and warnings, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when any finding is an error.
    #[cfg(any(test, feature = "internals"))]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The dataset if there are no errors, else [`Error::Data`] with every error.
    #[cfg(any(test, feature = "internals"))]
    pub fn into_result(self) -> Result<(Dataset, Vec<Diagnostic>)> {
        if self.has_errors() {
            let file = self.dataset.file.clone();
            Err(Error::Data {
                file,
                diagnostics: self
                    .diagnostics
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .collect(),
            })
        } else {
            Ok((self.dataset, self.diagnostics))
        }
    }
}

/// The matching key of a chi bộ name: "Chi bộ Tài chính – Kế toán" and "tai chinh - ke toan" agree.
pub fn chi_bo_key(name: &str) -> String {
    let k = match_key(name);
    k.strip_prefix("chibo").map(str::to_owned).unwrap_or(k)
}

impl Dataset {
    /// The chi bộ with this name (as in sheet "Chi bộ").
    pub fn chi_bo_named(&self, ten: &str) -> Option<&ChiBo> {
        let k = chi_bo_key(ten);
        self.chi_bo.iter().find(|c| chi_bo_key(&c.ten) == k)
    }

    /// The name of a canonical sheet as written in the workbook (its canonical name when absent).
    pub fn sheet_name(&self, id: SheetId) -> &str {
        self.sheet_names
            .get(&id)
            .map_or(id.canonical_name(), String::as_str)
    }

    /// The aggregates.
    pub fn tong_hop(&self, collator: &VnCollator) -> TongHop {
        aggregate::compute(self, collator)
    }
}
