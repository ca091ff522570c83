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

/// The text of a bản kiểm điểm by section (sheet "Kiểm điểm"), one paragraph per line; a section the
/// sheet does not give is empty, and the form prints lines to write on instead. The keys are those of
/// [`crate::workbook::schema::KIEM_DIEM_MUC`].
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct KiemDiem {
    /// Phẩm chất chính trị; đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc.
    pub pham_chat: Vec<String>,
    /// Thực hiện chức trách, nhiệm vụ được giao.
    pub chuc_trach: Vec<String>,
    /// (Mẫu 2B) kết quả lãnh đạo, chỉ đạo, quản lý, điều hành.
    pub lanh_dao: Vec<String>,
    /// (Mẫu 2B) trách nhiệm, tinh thần đổi mới, sáng tạo.
    pub doi_moi: Vec<String>,
    /// (Mẫu 2B) trách nhiệm nêu gương.
    pub neu_guong: Vec<String>,
    /// Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu.
    pub cam_ket: Vec<String>,
    /// (Mẫu 01) ưu điểm, kết quả đạt được of the collective.
    pub uu_diem: Vec<String>,
    /// Hạn chế, khuyết điểm.
    pub han_che: Vec<String>,
    /// Nguyên nhân.
    pub nguyen_nhan: Vec<String>,
    /// Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra.
    pub khac_phuc: Vec<String>,
    /// Giải trình những vấn đề được gợi ý kiểm điểm.
    pub giai_trinh: Vec<String>,
    /// Trách nhiệm đối với hạn chế, khuyết điểm của tập thể (or, for a chi bộ, of the collective and
    /// of individuals).
    pub trach_nhiem: Vec<String>,
    /// Phương hướng, biện pháp khắc phục.
    pub phuong_huong: Vec<String>,
}

impl KiemDiem {
    /// The paragraphs of a section by its key; `None` for a key it does not have.
    pub fn section_mut(&mut self, key: &str) -> Option<&mut Vec<String>> {
        Some(match key {
            "pham_chat" => &mut self.pham_chat,
            "chuc_trach" => &mut self.chuc_trach,
            "lanh_dao" => &mut self.lanh_dao,
            "doi_moi" => &mut self.doi_moi,
            "neu_guong" => &mut self.neu_guong,
            "cam_ket" => &mut self.cam_ket,
            "uu_diem" => &mut self.uu_diem,
            "han_che" => &mut self.han_che,
            "nguyen_nhan" => &mut self.nguyen_nhan,
            "khac_phuc" => &mut self.khac_phuc,
            "giai_trinh" => &mut self.giai_trinh,
            "trach_nhiem" => &mut self.trach_nhiem,
            "phuong_huong" => &mut self.phuong_huong,
            _ => return None,
        })
    }
}

/// Serialises an absent text as every section empty (templates read `dv.kiem_diem.han_che` either way).
fn kiem_diem_or_empty<S: serde::Serializer>(
    v: &Option<Box<KiemDiem>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(k) => k.serialize(s),
        None => KiemDiem::default().serialize(s),
    }
}

/// The form of a member's bản kiểm điểm (Hướng dẫn 43-HD/BTCTW).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum MauKiemDiem {
    /// Mẫu 2A: no leadership or management post.
    #[default]
    #[serde(rename = "2A")]
    M2A,
    /// Mẫu 2B: a leadership or management post.
    #[serde(rename = "2B")]
    M2B,
    /// Mẫu 2C: not working in the political system.
    #[serde(rename = "2C")]
    M2C,
}

impl MauKiemDiem {
    /// Reads "2A", "Mẫu 2B", "02c" …
    pub fn parse(s: &str) -> Option<MauKiemDiem> {
        let k = match_key(s);
        let k = k.strip_prefix("mau").unwrap_or(&k);
        Some(match k.trim_start_matches('0') {
            "2a" => MauKiemDiem::M2A,
            "2b" => MauKiemDiem::M2B,
            "2c" => MauKiemDiem::M2C,
            _ => return None,
        })
    }
}

/// One đảng viên's votes at each level (sheet "Kết quả biểu quyết"); a level's share is its votes over
/// the votes cast (`tong`, the four added).
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct BieuQuyet {
    /// Hoàn thành xuất sắc nhiệm vụ.
    pub xuat_sac: i64,
    /// Hoàn thành tốt nhiệm vụ.
    pub tot: i64,
    /// Hoàn thành nhiệm vụ.
    pub hoan_thanh: i64,
    /// Không hoàn thành nhiệm vụ.
    pub khong_hoan_thanh: i64,
    /// The votes cast: the four added.
    pub tong: i64,
    /// The row's name cell in "Kết quả biểu quyết" (for messages).
    #[serde(skip)]
    pub cell: String,
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
    /// Đảng viên chính thức: the members in sheet "Đảng viên" not marked dự bị; `None` when that sheet
    /// has no "Dự bị" column (who is dự bị is not known).
    pub so_chinh_thuc: Option<i64>,
    /// Đảng viên dự bị (the members marked in "Dự bị"); `None` without that column.
    pub so_du_bi: Option<i64>,
    /// The four scores.
    pub diem: Diem4Tot,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Xếp loại.
    pub xep_loai: Option<XepLoai>,
    /// Điểm tự chấm (the collective's self-assessment).
    pub diem_tu_cham: Option<f64>,
    /// Tự xếp loại.
    pub tu_xep_loai: Option<XepLoai>,
    /// Đề xuất (xếp loại proposed for it).
    pub de_xuat: Option<XepLoai>,
    /// The text of its báo cáo kiểm điểm (sheet "Kiểm điểm", rows without a Họ và tên).
    #[serde(serialize_with = "kiem_diem_or_empty")]
    pub kiem_diem: Option<Box<KiemDiem>>,
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
    /// Chức vụ đoàn thể.
    pub chuc_vu_doan_the: Option<String>,
    /// Đơn vị công tác.
    pub don_vi: Option<String>,
    /// Đảng viên dự bị.
    pub du_bi: bool,
    /// The bản kiểm điểm form (43-HD/BTCTW), as the "Mẫu kiểm điểm" column says, else 2B for a
    /// leadership post (the profile's `rules.lanh_dao_chuc_vu`) and 2A otherwise.
    pub mau_kiem_diem: MauKiemDiem,
    /// Điểm tự chấm.
    pub diem_tu_cham: Option<f64>,
    /// Tự xếp loại.
    pub tu_xep_loai: Option<XepLoai>,
    /// Chi bộ đề xuất (xếp loại).
    pub de_xuat: Option<XepLoai>,
    /// Điểm nhóm tiêu chí chung (out of 30 under 366-QĐ/TW practice).
    pub diem_chung: Option<f64>,
    /// Điểm kết quả thực hiện nhiệm vụ (out of 70).
    pub diem_nhiem_vu: Option<f64>,
    /// Tổng điểm.
    pub tong_diem: Option<f64>,
    /// Xếp loại.
    pub xep_loai: Option<XepLoai>,
    /// Tiêu biểu.
    pub tieu_bieu: bool,
    /// Ghi chú / thành tích.
    pub ghi_chu: Option<String>,
    /// The text of the bản kiểm điểm (sheet "Kiểm điểm"); templates always see every section (empty
    /// when the sheet gives none).
    #[serde(serialize_with = "kiem_diem_or_empty")]
    pub kiem_diem: Option<Box<KiemDiem>>,
    /// The chi bộ's votes on this member (sheet "Kết quả biểu quyết"), when the workbook has them.
    pub bieu_quyet: Option<Box<BieuQuyet>>,
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
    /// Whether sheet "Đảng viên" has a "Dự bị" column (who is dự bị is known).
    #[serde(skip)]
    pub dang_vien_du_bi: bool,
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

    /// The members of a chi bộ (its name as in sheet "Chi bộ"), in the order of sheet "Đảng viên".
    pub fn members_of(&self, chi_bo: &str) -> Vec<&DangVien> {
        self.dang_vien.iter().filter(|d| d.chi_bo == chi_bo).collect()
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
