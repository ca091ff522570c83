//! The `vanban check` report: what was read, errors and warnings. The CLI prints it (text or JSON) and
//! the web page returns its JSON as it is.

use crate::error::{Diagnostic, Error};
pub use crate::model::aggregate::Counts;
use crate::model::{self, Needs, VnCollator};
use crate::profile::Profile;
use crate::workbook::ReadLimits;
use serde::Serialize;

use super::Input;

/// Counts of one level (chi bộ or đảng viên).
#[derive(Debug, Serialize, Default)]
pub struct Level {
    /// Rows read.
    pub tong: usize,
    /// Chi bộ that signed the commitment (chi bộ only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ky_cam_ket: Option<usize>,
    /// Counts by xếp loại.
    pub xep_loai: Counts,
}

/// One sheet read.
#[derive(Debug, Serialize)]
pub struct SheetOut {
    /// The sheet's name as written.
    pub sheet: String,
    /// Data rows read.
    pub rows: usize,
}

/// The whole report; `check --json` prints exactly this object.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The workbook as the user named it.
    pub file: String,
    /// True when the data can be used.
    pub ok: bool,
    /// The sheets read.
    pub sheets: Vec<SheetOut>,
    /// Chi bộ figures.
    pub chi_bo: Level,
    /// Đảng viên figures.
    pub dang_vien: Level,
    /// Errors (sheet, cell, code, message, hint).
    pub errors: Vec<Diagnostic>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

/// The report of a workbook that could not be checked at all: `ok` false, nothing read, the error as
/// its one diagnostic.
pub fn unreadable_report(file: &str, e: &Error) -> Report {
    let (code, message, hint) = match e {
        Error::Unreadable { message, hint, .. } => {
            ("khong_doc_duoc", message.clone(), hint.clone())
        }
        Error::Profile { .. } | Error::Usage { .. } => ("dong_lenh", e.to_string(), None),
        other => ("khong_doc_duoc", other.to_string(), None),
    };
    let mut d = Diagnostic::error(code, message);
    d.hint = hint;
    Report {
        file: file.to_owned(),
        ok: false,
        sheets: vec![],
        chi_bo: Level {
            ky_cam_ket: Some(0),
            ..Level::default()
        },
        dang_vien: Level::default(),
        errors: vec![d],
        warnings: vec![],
    }
}

/// Checks a workbook against a profile's evaluation rules (`profile` as `--profile` takes it), reading
/// within `limits`; returns the report and the exit code (0 usable, 1 errors, 2 unreadable).
pub fn check(input: &Input, profile: &str, limits: &ReadLimits) -> (Report, u8) {
    let file = input.display_name();
    let loaded = Profile::load(profile).and_then(|p| input.open(limits).map(|wb| (p, wb)));
    match loaded {
        Err(e) => (unreadable_report(&file, &e), e.exit_code()),
        Ok((profile, wb)) => {
            let loaded = model::load(&wb, Needs { dang_vien: true }, &profile.rules);
            let th = loaded.dataset.tong_hop(&VnCollator::new());
            let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
                .diagnostics
                .into_iter()
                .partition(Diagnostic::is_error);
            let ds = loaded.dataset;
            let code = if errors.is_empty() { 0 } else { 1 };
            (
                Report {
                    file,
                    ok: errors.is_empty(),
                    sheets: ds
                        .sheets
                        .iter()
                        .map(|s| SheetOut {
                            sheet: s.sheet.clone(),
                            rows: s.rows,
                        })
                        .collect(),
                    chi_bo: Level {
                        tong: ds.chi_bo.len(),
                        ky_cam_ket: Some(th.ky_cam_ket),
                        xep_loai: th.chi_bo.xep_loai,
                    },
                    dang_vien: Level {
                        tong: ds.dang_vien.len(),
                        ky_cam_ket: None,
                        xep_loai: th.dang_vien.xep_loai,
                    },
                    errors,
                    warnings,
                },
                code,
            )
        }
    }
}
