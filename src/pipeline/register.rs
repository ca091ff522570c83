//! The register for the command line and the web page: list, export (xlsx + PDF), cancel, verify,
//! start a series at a number, take a number for a document typed elsewhere, and the warnings `check`
//! gives about numbers typed in a workbook. Numbering documents is [`super::render_numbered`] and
//! [`super::batch::Batch::run_numbered`].

use super::document::{lay_out, write};
use super::{Engine, Format, Input, RenderOptions};
use crate::error::{Diagnostic, Error, Result};
use crate::model::{self, Needs, Org};
use crate::register::{self, Entry, Register, Series, export, series_for, store};
use crate::text::Date;
use std::path::Path;

pub use crate::register::export::EXPORT_STEM;
pub use crate::register::{FileRecord, Filter, Finding, Row, Special};

/// The register file's default name, in the current folder (and in the folder `vanban init` makes).
pub const DEFAULT_FILE: &str = "so-dang-ky.sqlite";

/// Who is taking numbers on the command line: the user account.
pub fn user_account() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| {
            #[cfg(unix)]
            {
                format!("uid {}", rustix::process::getuid().as_raw())
            }
            #[cfg(not(unix))]
            {
                "không rõ".to_owned()
            }
        })
}

/// This machine's name (the web page accepts it as a Host).
pub fn machine_name() -> String {
    store::machine()
}

/// Creates an empty register at `path` unless a file is already there (a register is never
/// overwritten, not even by `init --force`); true when it was created.
pub fn create(path: &Path) -> Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    Register::open_write(path)?;
    Ok(true)
}

/// Every row (oldest first) the filter keeps; `[]` when the file does not exist (nothing is created).
pub fn list(path: &Path, filter: &Filter) -> Result<Vec<Row>> {
    match Register::open_read(path)? {
        Some(r) => r.rows(filter),
        None => Ok(Vec::new()),
    }
}

/// The register as files: `so-dang-ky-van-ban-di.xlsx` and the printable PDF in the engine's profile.
pub struct Export {
    /// The workbook's bytes.
    pub xlsx: Vec<u8>,
    /// The PDF's bytes.
    pub pdf: Vec<u8>,
    /// How many rows they hold.
    pub rows: usize,
}

/// Exports the rows the filter keeps (see [`Export`]).
pub fn export(engine: &Engine, path: &Path, filter: &Filter) -> Result<Export> {
    let rows = list(path, filter)?;
    let label = match (&filter.nhiem_ky, filter.nam) {
        (Some(t), _) => Some(format!("Nhiệm kỳ: {}", register::series::normalise_term(t))),
        (None, Some(y)) => Some(format!("Năm: {y}")),
        _ => None,
    };
    let cover = export::cover(&rows, label.as_deref());
    let xlsx = export::xlsx(&rows, &cover)?;
    let doc = export::document(&rows, &cover, store::today());
    let pdf = write(
        &lay_out(engine, &doc, RenderOptions::default()),
        Format::Pdf,
        RenderOptions::default(),
    )?;
    Ok(Export {
        xlsx,
        pdf,
        rows: rows.len(),
    })
}

/// The one row a typed number names in the filter's period: a usage error when there is none, or
/// several (a number repeats in another term or year: the filter must say which).
fn one_row(mut rows: Vec<Row>, so_ky_hieu: &str) -> Result<Row> {
    match rows.len() {
        0 => Err(Error::usage(
            format!("không có số {so_ky_hieu} trong sổ đăng ký"),
            "xem các số bằng vanban register",
        )),
        1 => Ok(rows.remove(0)),
        _ => Err(Error::usage(
            format!(
                "số {so_ky_hieu} có trong {} kỳ: {}",
                rows.len(),
                rows.iter()
                    .map(|r| r.ky.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "thêm --nhiem-ky hoặc --nam để chọn",
        )),
    }
}

/// Cancels a number (`register cancel "05-TB/ĐU" --ly-do "…"`): it stays in the register, marked
/// cancelled with its reason, and is never given again. Returns the row as it was.
pub fn cancel(
    path: &Path,
    so_ky_hieu: &str,
    filter: &Filter,
    ly_do: &str,
    by: &str,
) -> Result<Row> {
    if ly_do.trim().is_empty() {
        return Err(Error::usage(
            "cần lý do hủy số",
            "ví dụ --ly-do \"ban hành nhầm, thay bằng số 06-TB/ĐU\"",
        ));
    }
    if Register::open_read(path)?.is_none() {
        return Err(Error::usage(
            format!("chưa có sổ đăng ký {}", path.display()),
            "chọn đúng tệp bằng --so-dang-ky",
        ));
    }
    let mut reg = Register::open_write(path)?;
    let row = one_row(reg.find(so_ky_hieu, filter)?, so_ky_hieu)?;
    match row.trang_thai.as_str() {
        "da-huy" => {
            return Err(Error::usage(
                format!(
                    "số {} đã hủy ({})",
                    row.so_ky_hieu,
                    row.ly_do_huy.as_deref().unwrap_or_default()
                ),
                "không cần hủy lại",
            ));
        }
        "dang-cap"
            if row.may == store::machine()
                && store::process_alive(row.tien_trinh) == Some(true) =>
        {
            return Err(Error::usage(
                format!(
                    "số {} đang được cấp (tiến trình {} còn chạy)",
                    row.so_ky_hieu, row.tien_trinh
                ),
                "đợi việc cấp số xong rồi hủy nếu cần",
            ));
        }
        _ => {}
    }
    reg.cancel(row.id, ly_do.trim(), by)?;
    Ok(row)
}

/// The register's own check (SQLite's `quick_check`) and the findings of [`register::verify`].
pub fn verify(path: &Path) -> Result<Vec<Finding>> {
    let Some(reg) = Register::open_read(path)? else {
        return Ok(Vec::new());
    };
    let check = reg.quick_check()?;
    if check != "ok" {
        return Err(Error::Register {
            path: path.to_path_buf(),
            message: format!("tệp sổ bị hỏng: {check}"),
            hint: Some("khôi phục từ bản sao lưu (sổ là một tệp duy nhất)".into()),
        });
    }
    Ok(register::verify(&reg.rows(&Filter::default())?))
}

/// The issuing body a number is taken for without a document: from a workbook's Thông tin, with
/// overrides from the command line.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The workbook (its Thông tin sheet is read).
    pub input: Option<Input>,
    /// Ký hiệu cơ quan, instead of the workbook's.
    pub ky_hieu: Option<String>,
    /// The term, instead of the workbook's Nhiệm kỳ.
    pub nhiem_ky: Option<String>,
    /// The year (for a profile numbering per year, or a term-less Party series).
    pub nam: Option<i32>,
}

/// The workbook's Thông tin (only that sheet matters here).
fn org_of(engine: &Engine, input: &Input) -> Result<Org> {
    let wb = input.open(&engine.limits)?;
    let loaded = model::load(&wb, Needs { dang_vien: false }, &engine.profile.rules);
    let thong_tin: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error() && d.sheet_id == Some(crate::error::SheetId::ThongTin))
        .collect();
    if !thong_tin.is_empty() {
        return Err(Error::Data {
            file: loaded.dataset.file,
            diagnostics: thong_tin,
        });
    }
    Ok(loaded.dataset.org)
}

/// The series of type `loai` for a body, on date `ngay` (default: today, or 1 January of `--nam`).
fn body_series(
    engine: &Engine,
    body: &Body,
    org: &Org,
    loai: &str,
    special: Special,
    ngay: Option<Date>,
) -> Result<(Series, bool)> {
    let ky_hieu = body.ky_hieu.clone().unwrap_or_else(|| org.ky_hieu.clone());
    let term = body.nhiem_ky.clone().or_else(|| org.nhiem_ky.clone());
    let ngay = ngay.or_else(|| body.nam.and_then(|y| Date::new(y, 1, 1)));
    series_for(
        &engine.profile.numbering,
        loai,
        &ky_hieu,
        special,
        term.as_deref(),
        ngay,
        store::today(),
    )
    .map_err(|m| Error::usage(m, "thêm --ky-hieu hoặc --data với trang Thông tin đầy đủ"))
}

/// `register start KH 57`: the next number of the series is `next`. Returns "57-KH/ĐU (nhiệm kỳ …)".
pub fn start(
    engine: &Engine,
    path: &Path,
    body: &Body,
    loai: &str,
    next: i64,
    by: &str,
) -> Result<String> {
    if next < 1 {
        return Err(Error::usage(
            "số tiếp theo phải từ 1 trở lên",
            "ví dụ vanban register start KH 57",
        ));
    }
    let org = org_of(engine, body.input.as_ref().unwrap_or(&Input::Sample))?;
    let (series, _) = body_series(engine, body, &org, loai, Special::None, None)?;
    let mut reg = Register::open_write(path)?;
    match reg.start(&series, next, by)? {
        Ok(()) => Ok(format!(
            "{} ({})",
            series.so_ky_hieu(next),
            series.period.label()
        )),
        Err(max) => Err(Error::usage(
            format!(
                "loạt {} ({}) đã cấp đến số {}; số tiếp theo phải lớn hơn",
                series.key,
                series.period.label(),
                series.so_ky_hieu(max)
            ),
            format!("ví dụ vanban register start {loai} {}", max + 1),
        )),
    }
}

/// A number for a document typed elsewhere (`register add`).
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    /// The type code ("CV").
    pub loai: String,
    /// The tên loại; default: the profile's name for the code.
    pub ten_loai: Option<String>,
    /// Trích yếu.
    pub trich_yeu: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// The document's date (dd/mm/yyyy or yyyy-mm-dd); default today.
    pub ngay: Option<String>,
    /// Nơi nhận.
    pub noi_nhan: String,
    /// Bản lưu.
    pub luu: String,
    /// Số lượng bản.
    pub so_luong_ban: Option<i64>,
    /// Ghi chú.
    pub ghi_chu: String,
    /// Secret or congress document.
    pub special: Special,
    /// Who takes it.
    pub nguoi_lay: String,
}

/// Parses a date typed on the command line: "05/01/2027", "5/1/2027" or "2027-01-05".
pub fn parse_date(s: &str) -> Result<Date> {
    let bad = || {
        Error::usage(
            format!("ngày \"{s}\" không hợp lệ"),
            "viết ngày/tháng/năm, ví dụ --ngay 05/01/2027",
        )
    };
    let t = s.trim();
    if let Some(d) = Date::parse_iso(t) {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return Err(bad());
    }
    let n = |p: &str| p.trim().parse::<u32>().map_err(|_| bad());
    Date::new(n(parts[2])? as i32, n(parts[1])?, n(parts[0])?).ok_or_else(bad)
}

/// Takes the next number of a series for a document typed elsewhere and registers it as issued (no
/// files). Returns the row's number and symbol and whether the term was missing.
pub fn add(engine: &Engine, path: &Path, body: &Body, req: &AddRequest) -> Result<(String, bool)> {
    let loai = req.loai.trim();
    let ten_loai = match &req.ten_loai {
        Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
        _ => engine
            .profile
            .numbering
            .ten_loai
            .get(loai)
            .cloned()
            .ok_or_else(|| {
                Error::usage(
                    format!("không biết tên loại của mã \"{loai}\""),
                    "thêm --ten-loai, ví dụ --ten-loai \"Công văn\"",
                )
            })?,
    };
    if req.trich_yeu.trim().is_empty() || req.nguoi_ky.trim().is_empty() {
        return Err(Error::usage(
            "cần --trich-yeu và --nguoi-ky",
            "ví dụ vanban register add --loai CV --trich-yeu \"về việc …\" --nguoi-ky \"Trần Việt Cường\"",
        ));
    }
    let ngay = req.ngay.as_deref().map(parse_date).transpose()?;
    let org = org_of(engine, body.input.as_ref().unwrap_or(&Input::Sample))?;
    let ngay = ngay.or(Some(store::today()));
    let (series, no_term) = body_series(engine, body, &org, loai, req.special, ngay)?;
    let entry = Entry {
        ngay,
        ten_loai,
        trich_yeu: req.trich_yeu.trim().to_owned(),
        nguoi_ky: req.nguoi_ky.trim().to_owned(),
        noi_nhan: req.noi_nhan.clone(),
        luu: req.luu.clone(),
        so_luong_ban: req.so_luong_ban,
        ghi_chu: req.ghi_chu.clone(),
        co_quan: org.co_quan.clone(),
        cap_tren: org.cap_tren.clone(),
        dia_danh: org.dia_danh.clone(),
        kind: String::new(),
        profile: engine.profile.name.clone(),
        du_lieu: String::new(),
        nguoi_lay: req.nguoi_lay.clone(),
    };
    let mut reg = Register::open_write(path)?;
    let taken = reg.add(&series, &entry)?;
    Ok((taken.so_ky_hieu, no_term))
}

/// Warnings for `check`: a number typed in the workbook that the register already gave to another
/// document (same number and symbol in the same term or year, issued, with another date), and a
/// missing term when the profile numbers per term. Nothing when the register does not exist.
pub fn check_warnings(
    input: &Input,
    profile: &str,
    limits: &super::ReadLimits,
    path: &Path,
) -> Vec<Diagnostic> {
    let Ok(engine_profile) = crate::profile::Profile::load(profile) else {
        return Vec::new();
    };
    let Ok(wb) = input.open(limits) else {
        return Vec::new();
    };
    let loaded = model::load(&wb, Needs { dang_vien: false }, &engine_profile.rules);
    let org = loaded.dataset.org;
    let mut out = Vec::new();
    if engine_profile.numbering.reset == crate::profile::NumberReset::NhiemKy
        && org.nhiem_ky.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        out.push(
            Diagnostic::warning(
                "thieu_nhiem_ky",
                "chưa có \"Nhiệm kỳ\": văn bản đảng được đánh số theo nhiệm kỳ cấp ủy; --cap-so sẽ tạm đánh số theo năm",
            )
            .with_hint("thêm dòng \"Nhiệm kỳ\" (ví dụ 2025-2030) vào trang Thông tin"),
        );
    }
    let Ok(Some(reg)) = Register::open_read(path) else {
        return out;
    };
    for (loai, so, ngay, name) in org.typed_numbers() {
        let date = ngay.and_then(Date::parse_iso);
        let Ok((series, _)) = series_for(
            &engine_profile.numbering,
            loai,
            &org.ky_hieu,
            Special::None,
            org.nhiem_ky.as_deref(),
            date,
            store::today(),
        ) else {
            continue;
        };
        let Ok(n) = so.trim().parse::<i64>() else {
            continue;
        };
        let so_ky_hieu = series.so_ky_hieu(n);
        let Ok(rows) = reg.find(&so_ky_hieu, &Filter::default()) else {
            continue;
        };
        for r in rows.iter().filter(|r| {
            r.ky == series.period.value && r.trang_thai != "da-huy" && r.ngay.as_deref() != ngay
        }) {
            out.push(
                Diagnostic::warning(
                    "so_da_cap",
                    format!(
                        "{name} {so_ky_hieu} đã có trong sổ đăng ký cho văn bản khác: {} {} ({}, {})",
                        r.ten_loai,
                        r.trich_yeu,
                        r.ngay.as_deref().unwrap_or("không ghi ngày"),
                        series.period.label()
                    ),
                )
                .in_sheet(crate::error::SheetId::ThongTin, "Thông tin")
                .with_hint("để trống ô số và dùng --cap-so để lấy số tiếp theo từ sổ"),
            );
        }
    }
    out
}
