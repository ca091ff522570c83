//! Domain types (đơn vị, chi bộ, đảng viên), aggregates and rule checks, built from workbook records.

pub mod aggregate;
pub mod collate;
mod rules;

pub use crate::workbook::XepLoai;
pub use aggregate::TongHop;
pub use collate::VnCollator;
pub use rules::Rules;

use crate::error::{Diagnostic, Error, Result, SheetId};
use crate::ir::{Authority, Date};
use crate::workbook::matching::{match_key, strip_numbering};
use crate::workbook::schema::{
    CHI_BO, DANG_VIEN, NAM_TRUOC, NHAN_DINH, THONG_TIN_ALIASES, THONG_TIN_NAME,
};
use crate::workbook::{CellRefs, InfoData, Record, Workbook, read_info, read_rows, read_table};
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
    /// Other rows of the sheet, by their label.
    pub extra: BTreeMap<String, String>,
}

impl Org {
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
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The dataset if there are no errors, else [`Error::Data`] with every error.
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

/// "Chi bộ Tổng hợp" → "Tổng hợp" (the name without the word chi bộ).
fn strip_chi_bo_word(name: &str) -> String {
    let trimmed = name.trim();
    let mut words = trimmed.splitn(3, char::is_whitespace);
    if let (Some(a), Some(b), Some(rest)) = (words.next(), words.next(), words.next())
        && match_key(&format!("{a}{b}")) == "chibo"
        && !rest.trim().is_empty()
    {
        return rest.trim().to_owned();
    }
    trimmed.to_owned()
}

/// The chi bộ a written name refers to: by its key, else without a parenthesised note
/// ("Chi bộ Tổng hợp (18 đồng chí)").
fn find_chi_bo<'a>(by_key: &'a BTreeMap<String, String>, written: &str) -> Option<&'a String> {
    by_key.get(&chi_bo_key(written)).or_else(|| {
        let bare: String = written.split(['(', '[']).next().unwrap_or_default().into();
        (bare.len() < written.len())
            .then(|| by_key.get(&chi_bo_key(&bare)))
            .flatten()
    })
}

/// Reads and checks a workbook.
pub fn load(wb: &Workbook, needs: Needs, rules: &Rules) -> Loaded {
    let mut diags = Vec::new();
    let mut ds = Dataset {
        file: wb.file.clone(),
        ..Dataset::default()
    };
    if wb.is_empty() {
        diags.push(
            Diagnostic::error("bang_tinh_trong", "bảng tính trống")
                .with_hint("dùng `vanban init THƯ_MỤC` để tạo một bảng tính mẫu có đủ các trang"),
        );
        return Loaded {
            dataset: ds,
            diagnostics: diags,
        };
    }
    for sheet in wb.sheets.iter().filter(|s| s.outside > 0) {
        let mut d = Diagnostic::warning(
            "o_ngoai_vung_doc",
            format!(
                "bỏ qua {} ô có dữ liệu nằm ngoài vùng đọc (từ cột {} trở đi)",
                sheet.outside,
                crate::workbook::column_letter(crate::workbook::MAX_COLUMNS)
            ),
        )
        .with_hint("xóa các ô thừa ở xa bảng, hoặc chuyển dữ liệu vào bảng");
        d.sheet = Some(sheet.name.clone());
        d.sheet_id = wb.id_of(sheet);
        if let Some(first) = &sheet.first_outside {
            d = d.at(first.clone());
        }
        diags.push(d);
    }
    let missing_sheet = |name: &str, what: &str| {
        Diagnostic::error("thieu_trang", format!("không có trang tính \"{name}\"")).with_hint(
            format!(
                "thêm trang \"{name}\" ({what}); các trang hiện có: {}",
                sheet_names(wb)
            ),
        )
    };

    match wb.sheet(THONG_TIN_NAME, THONG_TIN_ALIASES) {
        Some(sheet) => {
            let info = read_info(sheet, &mut diags);
            ds.sheets.push(SheetSummary {
                sheet: sheet.name.clone(),
                rows: info.rows,
            });
            ds.org = org_from(info);
        }
        None => diags.push(missing_sheet(
            THONG_TIN_NAME,
            "cột A tên mục, cột B giá trị",
        )),
    }

    match wb.sheet(CHI_BO.name, CHI_BO.aliases) {
        Some(sheet) => {
            let errors_before = diags.iter().filter(|d| d.is_error()).count();
            let data = read_table(sheet, &CHI_BO, wb.today, &mut diags);
            if data.records.is_empty()
                && diags.iter().filter(|d| d.is_error()).count() == errors_before
            {
                diags.push(
                    Diagnostic::error("chi_bo_trong", "trang chưa có chi bộ nào")
                        .in_sheet(SheetId::ChiBo, sheet.name.clone())
                        .with_hint("ghi mỗi chi bộ một hàng dưới hàng tiêu đề"),
                );
            }
            ds.sheets.push(SheetSummary {
                sheet: sheet.name.clone(),
                rows: data.records.len(),
            });
            ds.chi_bo = data
                .records
                .iter()
                .enumerate()
                .map(|(i, r)| chi_bo_from(r, i))
                .collect();
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for cb in &ds.chi_bo {
                if let Some(prev) = seen.insert(chi_bo_key(&cb.ten), cb.row) {
                    diags.push(
                        Diagnostic::error(
                            "chi_bo_trung",
                            format!("chi bộ \"{}\" có hai hàng: {prev} và {}", cb.ten, cb.row),
                        )
                        .in_sheet(SheetId::ChiBo, sheet.name.clone())
                        .at(cb.cells.cell_or_row("ten"))
                        .on_row(cb.row)
                        .with_hint("mỗi chi bộ chỉ ghi một hàng"),
                    );
                }
            }
        }
        None => diags.push(missing_sheet(CHI_BO.name, "mỗi hàng một chi bộ")),
    }

    match wb.sheet(DANG_VIEN.name, DANG_VIEN.aliases) {
        Some(sheet) => {
            let by_key: BTreeMap<String, String> = ds
                .chi_bo
                .iter()
                .map(|c| (chi_bo_key(&c.ten), c.ten.clone()))
                .collect();
            let chi_bo_sheet = wb
                .sheet(CHI_BO.name, CHI_BO.aliases)
                .map_or(CHI_BO.name, |s| s.name.as_str());
            let known: Vec<&str> = ds.chi_bo.iter().map(|c| c.ten.as_str()).collect();
            // Findings about the chi bộ column follow the sheet's own findings, as they always have.
            let mut unknown_chi_bo = Vec::new();
            let mut dang_vien = Vec::new();
            let data = read_rows(sheet, &DANG_VIEN, wb.today, &mut diags, |r| {
                let written = r
                    .text("chi_bo")
                    .map(str::to_owned)
                    .or_else(|| r.group.clone())
                    .unwrap_or_default();
                let chi_bo = match find_chi_bo(&by_key, &written) {
                    Some(name) => name.clone(),
                    None => {
                        if !known.is_empty() || written.is_empty() {
                            unknown_chi_bo.push(
                                Diagnostic::error(
                                    "chi_bo_khong_co",
                                    if written.is_empty() {
                                        "đảng viên chưa ghi chi bộ".to_owned()
                                    } else {
                                        format!(
                                            "không có chi bộ \"{written}\" trong trang \"{chi_bo_sheet}\""
                                        )
                                    },
                                )
                                .in_sheet(SheetId::DangVien, sheet.name.clone())
                                .at(r.cell("chi_bo"))
                                .on_row(r.row)
                                .with_hint(format!(
                                    "dùng một tên có trong trang Chi bộ: {}",
                                    known.join("; ")
                                )),
                            );
                        }
                        written
                    }
                };
                let i = dang_vien.len();
                dang_vien.push(dang_vien_from(r, i, chi_bo));
            });
            diags.extend(unknown_chi_bo);
            dang_vien.shrink_to_fit();
            ds.dang_vien = dang_vien;
            ds.sheets.push(SheetSummary {
                sheet: sheet.name.clone(),
                rows: data.rows,
            });
        }
        None if needs.dang_vien => {
            diags.push(missing_sheet(DANG_VIEN.name, "mỗi hàng một đảng viên"))
        }
        None => {}
    }

    if let Some(sheet) = wb.sheet(NHAN_DINH.name, NHAN_DINH.aliases) {
        let data = read_table(sheet, &NHAN_DINH, wb.today, &mut diags);
        ds.sheets.push(SheetSummary {
            sheet: sheet.name.clone(),
            rows: data.records.len(),
        });
        ds.nhan_dinh = data
            .records
            .iter()
            .map(|r| {
                let muc = r.text("muc").unwrap_or_default().to_owned();
                NhanDinh {
                    key: nhan_dinh_key(&muc),
                    muc,
                    noi_dung: r.lines("noi_dung"),
                }
            })
            .collect();
    }

    if let Some(sheet) = wb.sheet(NAM_TRUOC.name, NAM_TRUOC.aliases) {
        let data = read_table(sheet, &NAM_TRUOC, wb.today, &mut diags);
        ds.sheets.push(SheetSummary {
            sheet: sheet.name.clone(),
            rows: data.records.len(),
        });
        ds.nam_truoc = Some(
            data.records
                .iter()
                .filter_map(|r| {
                    Some(NamTruoc {
                        xep_loai: r.xep_loai("xep_loai")?,
                        chi_bo: r.integer("chi_bo").unwrap_or(0),
                        dang_vien: r.integer("dang_vien").unwrap_or(0),
                    })
                })
                .collect(),
        );
    }

    for id in SheetId::ALL {
        if let Some(sheet) = wb.sheet_by_id(id) {
            ds.sheet_names.insert(id, sheet.name.clone());
        }
    }

    // Counted members fill an empty "Số đảng viên".
    if !ds.dang_vien.is_empty() {
        for cb in &mut ds.chi_bo {
            if cb.so_dang_vien.is_none() {
                let n = ds.dang_vien.iter().filter(|d| d.chi_bo == cb.ten).count();
                cb.so_dang_vien = Some(n as i64);
            }
        }
    }

    rules::check(&ds, rules, &mut diags);
    Loaded {
        dataset: ds,
        diagnostics: diags,
    }
}

fn sheet_names(wb: &Workbook) -> String {
    wb.sheets
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect::<Vec<_>>()
        .join(", ")
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

fn org_from(info: InfoData) -> Org {
    let t = |k: &str| info.text.get(k).cloned();
    let d = |k: &str| info.dates.get(k).map(Date::iso);
    Org {
        cap_tren: t("cap_tren"),
        co_quan: t("co_quan").unwrap_or_default(),
        ky_hieu: t("ky_hieu").unwrap_or_default(),
        dia_danh: t("dia_danh").unwrap_or_default(),
        nguoi_ky: t("nguoi_ky").unwrap_or_default(),
        chuc_vu_nguoi_ky: t("chuc_vu_nguoi_ky").unwrap_or_else(|| "Bí thư".into()),
        quyen_han_ky: t("quyen_han_ky").unwrap_or_else(|| "T/M".into()),
        so_ke_hoach: t("so_ke_hoach"),
        ngay_ke_hoach: d("ngay_ke_hoach"),
        so_bao_cao: t("so_bao_cao"),
        ngay_bao_cao: d("ngay_bao_cao"),
        ngay_cam_ket: d("ngay_cam_ket"),
        so_quyet_dinh: t("so_quyet_dinh"),
        ngay_quyet_dinh: d("ngay_quyet_dinh"),
        so_thong_bao: t("so_thong_bao"),
        ngay_thong_bao: d("ngay_thong_bao"),
        so_to_trinh: t("so_to_trinh"),
        ngay_to_trinh: d("ngay_to_trinh"),
        nguoi_soan_thao: t("nguoi_soan_thao"),
        nam: info.integers.get("nam").copied(),
        extra: info.extra.into_iter().collect(),
    }
}

fn chi_bo_from(r: &Record, i: usize) -> ChiBo {
    ChiBo {
        stt: r.integer("stt").unwrap_or(i as i64 + 1),
        ten: strip_chi_bo_word(r.text("ten").unwrap_or_default()),
        bi_thu: r.text("bi_thu").map(str::to_owned),
        so_dang_vien: r.integer("so_dang_vien"),
        diem: Diem4Tot {
            lanh_dao: r.decimal("diem_lanh_dao"),
            sinh_hoat: r.decimal("diem_sinh_hoat"),
            doan_ket: r.decimal("diem_doan_ket"),
            dang_vien: r.decimal("diem_dang_vien"),
        },
        tong_diem: r.decimal("tong_diem"),
        xep_loai: r.xep_loai("xep_loai"),
        ky_cam_ket: r.yes("ky_cam_ket"),
        tieu_bieu: r.yes("tieu_bieu"),
        nhiem_vu: r.lines("nhiem_vu"),
        chi_tieu_lanh_dao: r.lines("chi_tieu_lanh_dao"),
        chi_tieu_sinh_hoat: r.lines("chi_tieu_sinh_hoat"),
        chi_tieu_doan_ket: r.lines("chi_tieu_doan_ket"),
        chi_tieu_dang_vien: r.lines("chi_tieu_dang_vien"),
        extra: r.extra.iter().cloned().collect(),
        row: r.row,
        cells: r.cells.clone(),
    }
}

fn dang_vien_from(r: Record, i: usize, chi_bo: String) -> DangVien {
    DangVien {
        stt: r.integer("stt").unwrap_or(i as i64 + 1),
        ho_ten: r.text("ho_ten").unwrap_or_default().to_owned(),
        ho_dem: r.text("ho_dem").map(str::to_owned),
        ten: r.text("ten").map(str::to_owned),
        ngay_sinh: r.date("ngay_sinh").map(|d| d.iso()),
        ngay_vao_dang: r.date("ngay_vao_dang").map(|d| d.iso()),
        chi_bo,
        chuc_vu: r.text("chuc_vu").map(str::to_owned),
        chuc_vu_dang: r.text("chuc_vu_dang").map(str::to_owned),
        tong_diem: r.decimal("tong_diem"),
        xep_loai: r.xep_loai("xep_loai"),
        tieu_bieu: r.yes("tieu_bieu"),
        ghi_chu: r.text("ghi_chu").map(str::to_owned),
        extra: r.extra.into_iter().collect(),
        row: r.row,
        cells: r.cells,
    }
}

/// The template key of a "Nhận định" section: known sections get fixed keys, others their matching key.
pub fn nhan_dinh_key(muc: &str) -> String {
    // "1. Ưu điểm", "II - Phương hướng": the numbering is not part of the name.
    let k = match_key(&strip_numbering(muc));
    let known: &[(&str, &[&str])] = &[
        ("thuan_loi", &["thuanloi"]),
        ("kho_khan", &["khokhan"]),
        ("uu_diem", &["uudiem"]),
        ("han_che", &["hanche", "hanchekhuyetdiem", "khuyetdiem"]),
        ("nguyen_nhan", &["nguyennhan"]),
        ("bai_hoc", &["baihoc", "baihockinhnghiem"]),
        (
            "phuong_huong",
            &[
                "phuonghuong",
                "phuonghuongnhiemvu",
                "phuonghuongnhiemvuthoigiantoi",
                "nhiemvugiaiphap",
            ],
        ),
        ("kien_nghi", &["kiennghi", "dexuatkiennghi", "dexuat"]),
        (
            "lanh_dao_chi_dao",
            &["lanhdaochidao", "congtaclanhdaochidao", "trienkhai"],
        ),
    ];
    known
        .iter()
        .find(|(_, keys)| keys.contains(&k.as_str()))
        .map(|(key, _)| (*key).to_owned())
        .unwrap_or(k)
}
