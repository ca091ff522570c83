//! Reading a workbook into a [`Dataset`], one step per sheet: Thông tin → [`Org`], Chi bộ, Đảng viên (each
//! member's chi bộ looked up in sheet Chi bộ), Nhận định, Năm trước; then the checks across sheets (the
//! member counts, the [`Rules`]).

use super::{
    BieuQuyet, ChiBo, DangVien, Dataset, Diem4Tot, Loaded, MauKiemDiem, NamTruoc, Needs,
    NhanDinh, Org, Rules, SheetSummary, chi_bo_key, rules,
};
use crate::error::{Diagnostic, SheetId};
use crate::ir::Date;
use crate::workbook::matching::{match_key, strip_numbering};
use crate::workbook::schema::{
    BIEU_QUYET, CHI_BO, DANG_VIEN, KIEM_DIEM, KIEM_DIEM_MUC, NAM_TRUOC, NHAN_DINH,
    THONG_TIN_ALIASES, THONG_TIN_NAME,
};
use crate::workbook::{InfoData, Record, Workbook, read_info, read_rows, read_table};
use std::collections::BTreeMap;

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
    diags.extend(cells_outside(wb));
    diags.extend(formulas_without_value(wb));
    read_thong_tin(wb, &mut ds, &mut diags);
    read_chi_bo(wb, &mut ds, &mut diags);
    read_dang_vien(wb, needs, rules, &mut ds, &mut diags);
    read_nhan_dinh(wb, &mut ds, &mut diags);
    read_nam_truoc(wb, &mut ds, &mut diags);
    read_kiem_diem(wb, &mut ds, &mut diags);
    read_bieu_quyet(wb, &mut ds, &mut diags);
    for id in SheetId::ALL {
        if let Some(sheet) = wb.sheet_by_id(id) {
            ds.sheet_names.insert(id, sheet.name.clone());
        }
    }
    count_members(&mut ds);
    rules::check(&ds, rules, &mut diags);
    Loaded {
        dataset: ds,
        diagnostics: diags,
    }
}

/// A warning for each sheet with values beyond the columns that are read.
fn cells_outside(wb: &Workbook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
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
        out.push(d);
    }
    out
}

/// A warning for each formula cell of a sheet vanban reads whose value could not be known: the file
/// holds no computed result (written by a script, or saved without recalculation) and the formula is
/// not one the reader computes itself (SUM, AVERAGE, + and − over cells of the same sheet).
fn formulas_without_value(wb: &Workbook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sheet in &wb.sheets {
        let Some(id) = wb.id_of(sheet) else {
            continue;
        };
        for (cell, formula) in &sheet.uncomputed {
            out.push(
                Diagnostic::warning(
                    "cong_thuc_chua_tinh",
                    format!(
                        "ô có công thức ={formula} nhưng tệp không lưu kết quả, và vanban không tự tính được công thức này: ô được đọc là trống"
                    ),
                )
                .in_sheet(id, sheet.name.clone())
                .at(cell.clone())
                .with_hint(
                    "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại (để lưu kết quả công thức), hoặc ghi thẳng giá trị vào ô",
                ),
            );
        }
    }
    out
}

/// The error for a required sheet the workbook lacks; `what` says what it holds.
fn missing_sheet(wb: &Workbook, name: &str, what: &str) -> Diagnostic {
    Diagnostic::error("thieu_trang", format!("không có trang tính \"{name}\"")).with_hint(format!(
        "thêm trang \"{name}\" ({what}); các trang hiện có: {}",
        sheet_names(wb)
    ))
}

/// Sheet "Thông tin" → [`Dataset::org`].
fn read_thong_tin(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(THONG_TIN_NAME, THONG_TIN_ALIASES) else {
        diags.push(missing_sheet(
            wb,
            THONG_TIN_NAME,
            "cột A tên mục, cột B giá trị",
        ));
        return;
    };
    let info = read_info(sheet, diags);
    ds.sheets.push(SheetSummary {
        sheet: sheet.name.clone(),
        rows: info.rows,
    });
    ds.org = org_from(info);
}

/// Sheet "Chi bộ" → [`Dataset::chi_bo`]: a sheet without any chi bộ and a chi bộ on two rows are errors.
fn read_chi_bo(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(CHI_BO.name, CHI_BO.aliases) else {
        diags.push(missing_sheet(wb, CHI_BO.name, "mỗi hàng một chi bộ"));
        return;
    };
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let data = read_table(sheet, &CHI_BO, wb.today, diags);
    if data.records.is_empty() && diags.iter().filter(|d| d.is_error()).count() == errors_before {
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

/// The chi bộ of sheet "Chi bộ", to find each đảng viên's.
struct ChiBoNames<'a> {
    /// Names by matching key.
    by_key: BTreeMap<String, String>,
    /// The names, in sheet order (for the hint).
    known: Vec<&'a str>,
    /// The Chi bộ sheet's name as written.
    sheet: &'a str,
}

impl ChiBoNames<'_> {
    /// The chi bộ a đảng viên's row names (its Chi bộ cell, else its group row), as written in sheet
    /// "Chi bộ". A name not found there is kept as written, with an error; no error when sheet "Chi bộ"
    /// lists no chi bộ at all (that is reported already) and the row names one.
    fn of(&self, r: &Record, dv_sheet: &str) -> (String, Option<Diagnostic>) {
        let written = r
            .text("chi_bo")
            .map(str::to_owned)
            .or_else(|| r.group.clone())
            .unwrap_or_default();
        if let Some(name) = find_chi_bo(&self.by_key, &written) {
            return (name.clone(), None);
        }
        if self.known.is_empty() && !written.is_empty() {
            return (written, None);
        }
        let message = if written.is_empty() {
            "đảng viên chưa ghi chi bộ".to_owned()
        } else {
            format!(
                "không có chi bộ \"{written}\" trong trang \"{}\"",
                self.sheet
            )
        };
        let d = Diagnostic::error("chi_bo_khong_co", message)
            .in_sheet(SheetId::DangVien, dv_sheet.to_owned())
            .at(r.cell("chi_bo"))
            .on_row(r.row)
            .with_hint(format!(
                "dùng một tên có trong trang Chi bộ: {}",
                self.known.join("; ")
            ));
        (written, Some(d))
    }
}

/// Sheet "Đảng viên" → [`Dataset::dang_vien`], read row by row; each member's chi bộ must be one of
/// sheet "Chi bộ" (those findings follow the sheet's own). The sheet is required when `needs` says so.
fn read_dang_vien(
    wb: &Workbook,
    needs: Needs,
    rules: &Rules,
    ds: &mut Dataset,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(sheet) = wb.sheet(DANG_VIEN.name, DANG_VIEN.aliases) else {
        if needs.dang_vien {
            diags.push(missing_sheet(wb, DANG_VIEN.name, "mỗi hàng một đảng viên"));
        }
        return;
    };
    let chi_bo = ChiBoNames {
        by_key: ds
            .chi_bo
            .iter()
            .map(|c| (chi_bo_key(&c.ten), c.ten.clone()))
            .collect(),
        known: ds.chi_bo.iter().map(|c| c.ten.as_str()).collect(),
        sheet: wb
            .sheet(CHI_BO.name, CHI_BO.aliases)
            .map_or(CHI_BO.name, |s| s.name.as_str()),
    };
    let mut unknown_chi_bo = Vec::new();
    let mut dang_vien = Vec::new();
    let data = read_rows(sheet, &DANG_VIEN, wb.today, diags, |r| {
        let (name, finding) = chi_bo.of(&r, &sheet.name);
        unknown_chi_bo.extend(finding);
        let i = dang_vien.len();
        let (dv, mau) = dang_vien_from(r, i, name, rules);
        unknown_chi_bo.extend(mau.map(|d| d.in_sheet(SheetId::DangVien, sheet.name.clone())));
        dang_vien.push(dv);
    });
    diags.extend(unknown_chi_bo);
    dang_vien.shrink_to_fit();
    ds.dang_vien = dang_vien;
    ds.dang_vien_du_bi = data.found.contains_key("du_bi");
    ds.sheets.push(SheetSummary {
        sheet: sheet.name.clone(),
        rows: data.rows,
    });
}

/// Sheet "Nhận định" (optional) → [`Dataset::nhan_dinh`].
fn read_nhan_dinh(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(NHAN_DINH.name, NHAN_DINH.aliases) else {
        return;
    };
    let data = read_table(sheet, &NHAN_DINH, wb.today, diags);
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

/// Sheet "Năm trước" (optional) → [`Dataset::nam_truoc`]; a row without a xếp loại is left out.
fn read_nam_truoc(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(NAM_TRUOC.name, NAM_TRUOC.aliases) else {
        return;
    };
    let data = read_table(sheet, &NAM_TRUOC, wb.today, diags);
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

/// Across sheets: a chi bộ whose "Số đảng viên" is empty gets the count of its members in sheet
/// "Đảng viên" (when that sheet lists anyone); with a "Dự bị" column, each chi bộ's chính thức and dự
/// bị are counted there.
fn count_members(ds: &mut Dataset) {
    if ds.dang_vien.is_empty() {
        return;
    }
    for cb in &mut ds.chi_bo {
        let members = || ds.dang_vien.iter().filter(|d| d.chi_bo == cb.ten);
        if cb.so_dang_vien.is_none() {
            cb.so_dang_vien = Some(members().count() as i64);
        }
        if ds.dang_vien_du_bi {
            let du_bi = members().filter(|d| d.du_bi).count() as i64;
            cb.so_du_bi = Some(du_bi);
            cb.so_chinh_thuc = Some(members().count() as i64 - du_bi);
        }
    }
}

/// The members of sheet "Đảng viên" by (chi bộ key, name key), to find the đảng viên a row of another
/// sheet names.
fn members_by_name(ds: &Dataset) -> BTreeMap<(String, String), Vec<usize>> {
    let mut out: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in ds.dang_vien.iter().enumerate() {
        out.entry((chi_bo_key(&d.chi_bo), match_key(&d.ho_ten)))
            .or_default()
            .push(i);
    }
    out
}

/// The đảng viên a row of "Kiểm điểm" or "Kết quả biểu quyết" names (its Họ và tên and Chi bộ; an STT
/// settles two members of one name), or the warning that says why none is.
fn find_member(
    ds: &Dataset,
    index: &BTreeMap<(String, String), Vec<usize>>,
    r: &Record,
    name: &str,
    chi_bo: &str,
) -> Result<usize, Box<Diagnostic>> {
    let found = index
        .get(&(chi_bo_key(chi_bo), match_key(name)))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let stt = r.integer("stt");
    match found {
        [one] => Ok(*one),
        [] => Err(Box::new(Diagnostic::warning(
            "khong_co_dang_vien",
            format!("không có đảng viên \"{name}\" của Chi bộ {chi_bo} trong trang Đảng viên: hàng này không được dùng"),
        )
        .at(r.cell("ho_ten"))
        .with_hint("ghi Họ và tên và Chi bộ đúng như trong trang Đảng viên"))),
        many => match many.iter().find(|&&i| Some(ds.dang_vien[i].stt) == stt) {
            Some(i) => Ok(*i),
            None => Err(Box::new(Diagnostic::warning(
                "dang_vien_trung_ten",
                format!(
                    "Chi bộ {chi_bo} có {} đảng viên tên \"{name}\": không biết hàng này của ai",
                    many.len()
                ),
            )
            .at(r.cell("ho_ten"))
            .with_hint("thêm cột STT ghi đúng STT của đảng viên trong trang Đảng viên"))),
        },
    }
}

/// Sheet "Kiểm điểm" (optional): each row's paragraphs go to its section (Mục) of the text of the
/// đảng viên it names, or of its chi bộ when Họ và tên is empty. Rows that name nobody known, and
/// sections the forms do not have, are warned about and left out.
fn read_kiem_diem(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(KIEM_DIEM.name, KIEM_DIEM.aliases) else {
        return;
    };
    let data = read_table(sheet, &KIEM_DIEM, wb.today, diags);
    ds.sheets.push(SheetSummary {
        sheet: sheet.name.clone(),
        rows: data.records.len(),
    });
    let at = |d: Diagnostic| d.in_sheet(SheetId::KiemDiem, sheet.name.clone());
    let index = members_by_name(ds);
    let chi_bo_keys: BTreeMap<String, usize> = ds
        .chi_bo
        .iter()
        .enumerate()
        .map(|(i, c)| (chi_bo_key(&c.ten), i))
        .collect();
    let known: Vec<&str> = KIEM_DIEM_MUC.iter().map(|(_, name, _)| *name).collect();
    for r in &data.records {
        let muc = r.text("muc").unwrap_or_default();
        let Some(key) = kiem_diem_key(muc) else {
            diags.push(at(Diagnostic::warning(
                "muc_kiem_diem_khong_ro",
                format!("mục \"{muc}\" không có trong bản kiểm điểm: hàng này không được dùng"),
            )
            .at(r.cell("muc"))
            .with_hint(format!("dùng một mục: {}", known.join("; ")))));
            continue;
        };
        let chi_bo = r.text("chi_bo").unwrap_or_default();
        let text = r.lines("noi_dung");
        let target = match r.text("ho_ten") {
            Some(name) => match find_member(ds, &index, r, name, chi_bo) {
                Ok(i) => ds.dang_vien[i].kiem_diem.get_or_insert_default(),
                Err(d) => {
                    diags.push(at(*d));
                    continue;
                }
            },
            None => match chi_bo_keys.get(&chi_bo_key(chi_bo)) {
                Some(&i) => ds.chi_bo[i].kiem_diem.get_or_insert_default(),
                None => {
                    diags.push(at(Diagnostic::warning(
                        "kiem_diem_chi_bo_khong_co",
                        format!("không có chi bộ \"{chi_bo}\" trong trang Chi bộ: hàng này không được dùng"),
                    )
                    .at(r.cell("chi_bo"))
                    .with_hint("ghi tên chi bộ như trong trang Chi bộ; hàng của một đảng viên ghi cả Họ và tên")));
                    continue;
                }
            },
        };
        if let Some(section) = target.section_mut(key) {
            section.extend(text);
        }
    }
}

/// The section key a written Mục names ("II. Hạn chế, khuyết điểm" → "han_che").
fn kiem_diem_key(muc: &str) -> Option<&'static str> {
    let k = match_key(&strip_numbering(muc));
    KIEM_DIEM_MUC
        .iter()
        .find(|(key, name, _)| match_key(name) == k || *key == k)
        .or_else(|| {
            KIEM_DIEM_MUC
                .iter()
                .find(|(_, _, starts)| starts.iter().any(|s| k.starts_with(s)))
        })
        .map(|(key, _, _)| *key)
}

/// Sheet "Kết quả biểu quyết" (optional): each row's votes go to the đảng viên it names. A row that names
/// nobody known is warned about and left out; so is a second row for the same member.
fn read_bieu_quyet(wb: &Workbook, ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let Some(sheet) = wb.sheet(BIEU_QUYET.name, BIEU_QUYET.aliases) else {
        return;
    };
    let data = read_table(sheet, &BIEU_QUYET, wb.today, diags);
    ds.sheets.push(SheetSummary {
        sheet: sheet.name.clone(),
        rows: data.records.len(),
    });
    let at = |d: Diagnostic| d.in_sheet(SheetId::BieuQuyet, sheet.name.clone());
    let index = members_by_name(ds);
    for r in &data.records {
        let name = r.text("ho_ten").unwrap_or_default();
        let chi_bo = r
            .text("chi_bo")
            .map(str::to_owned)
            .or_else(|| r.group.clone())
            .unwrap_or_default();
        let i = match find_member(ds, &index, r, name, &chi_bo) {
            Ok(i) => i,
            Err(d) => {
                diags.push(at(*d));
                continue;
            }
        };
        let count = |k: &str| r.integer(k).unwrap_or(0).max(0);
        let (xuat_sac, tot, hoan_thanh, khong_hoan_thanh) = (
            count("xuat_sac"),
            count("tot"),
            count("hoan_thanh"),
            count("khong_hoan_thanh"),
        );
        let dv = &mut ds.dang_vien[i];
        if dv.bieu_quyet.is_some() {
            diags.push(at(Diagnostic::warning(
                "bieu_quyet_trung",
                format!("đảng viên \"{name}\" có hai hàng kết quả biểu quyết: hàng {} bị bỏ qua", r.row),
            )
            .at(r.cell("ho_ten"))
            .with_hint("mỗi đảng viên chỉ ghi một hàng")));
            continue;
        }
        dv.bieu_quyet = Some(Box::new(BieuQuyet {
            xuat_sac,
            tot,
            hoan_thanh,
            khong_hoan_thanh,
            tong: xuat_sac + tot + hoan_thanh + khong_hoan_thanh,
            cell: r.cell("ho_ten"),
        }));
    }
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

/// The workbook's sheet names, quoted, for a hint.
fn sheet_names(wb: &Workbook) -> String {
    wb.sheets
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The issuing body from the Thông tin values, with the defaults of an absent Chức vụ người ký (Bí thư)
/// and Quyền hạn ký (T/M).
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
        nhiem_ky: t("nhiem_ky"),
        extra: info.extra.into_iter().collect(),
    }
}

/// The chi bộ of a record, the `i`-th of its sheet (its STT when the row has none).
fn chi_bo_from(r: &Record, i: usize) -> ChiBo {
    ChiBo {
        stt: r.integer("stt").unwrap_or(i as i64 + 1),
        ten: strip_chi_bo_word(r.text("ten").unwrap_or_default()),
        bi_thu: r.text("bi_thu").map(str::to_owned),
        so_dang_vien: r.integer("so_dang_vien"),
        so_chinh_thuc: None,
        so_du_bi: None,
        diem_tu_cham: r.decimal("diem_tu_cham"),
        tu_xep_loai: r.xep_loai("tu_xep_loai"),
        de_xuat: r.xep_loai("de_xuat"),
        kiem_diem: None,
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

/// The đảng viên of a record, the `i`-th of its sheet, in `chi_bo` (its name in sheet Chi bộ); with the
/// warning for a "Mẫu kiểm điểm" that names no form (the form is then derived, as for an empty cell).
fn dang_vien_from(
    r: Record,
    i: usize,
    chi_bo: String,
    rules: &Rules,
) -> (DangVien, Option<Diagnostic>) {
    let chuc_vu = r.text("chuc_vu").map(str::to_owned);
    let chuc_vu_dang = r.text("chuc_vu_dang").map(str::to_owned);
    let derived = if [&chuc_vu, &chuc_vu_dang]
        .iter()
        .any(|c| c.as_deref().is_some_and(|c| rules.is_leadership(c)))
    {
        MauKiemDiem::M2B
    } else {
        MauKiemDiem::M2A
    };
    let (mau_kiem_diem, warning) = match r.text("mau_kiem_diem") {
        None => (derived, None),
        Some(written) => match MauKiemDiem::parse(written) {
            Some(m) => (m, None),
            None => (
                derived,
                Some(
                    Diagnostic::warning(
                        "mau_kiem_diem_khong_ro",
                        format!(
                            "Mẫu kiểm điểm \"{written}\" không phải 2A, 2B hay 2C: dùng Mẫu {} theo chức vụ",
                            match derived {
                                MauKiemDiem::M2B => "2B",
                                _ => "2A",
                            }
                        ),
                    )
                    .at(r.cell("mau_kiem_diem"))
                    .with_hint("ghi 2A (không giữ chức vụ lãnh đạo, quản lý), 2B (giữ chức vụ lãnh đạo, quản lý) hoặc 2C (không công tác trong hệ thống chính trị), hoặc để trống"),
                ),
            ),
        },
    };
    let dv = DangVien {
        stt: r.integer("stt").unwrap_or(i as i64 + 1),
        ho_ten: r.text("ho_ten").unwrap_or_default().to_owned(),
        ho_dem: r.text("ho_dem").map(str::to_owned),
        ten: r.text("ten").map(str::to_owned),
        ngay_sinh: r.date("ngay_sinh").map(|d| d.iso()),
        ngay_vao_dang: r.date("ngay_vao_dang").map(|d| d.iso()),
        chi_bo,
        chuc_vu,
        chuc_vu_dang,
        chuc_vu_doan_the: r.text("chuc_vu_doan_the").map(str::to_owned),
        don_vi: r.text("don_vi").map(str::to_owned),
        du_bi: r.yes("du_bi"),
        mau_kiem_diem,
        diem_tu_cham: r.decimal("diem_tu_cham"),
        tu_xep_loai: r.xep_loai("tu_xep_loai"),
        de_xuat: r.xep_loai("de_xuat"),
        diem_chung: r.decimal("diem_chung"),
        diem_nhiem_vu: r.decimal("diem_nhiem_vu"),
        tong_diem: r.decimal("tong_diem"),
        xep_loai: r.xep_loai("xep_loai"),
        tieu_bieu: r.yes("tieu_bieu"),
        ghi_chu: r.text("ghi_chu").map(str::to_owned),
        kiem_diem: None,
        bieu_quyet: None,
        extra: r.extra.into_iter().collect(),
        row: r.row,
        cells: r.cells,
    };
    (dv, warning)
}

/// The template key of a "Nhận định" section: known sections get fixed keys, others their matching key.
fn nhan_dinh_key(muc: &str) -> String {
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
