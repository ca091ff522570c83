//! `vanban check FILE [--json]`: what was read, errors and warnings.

use super::CheckArgs;
use crate::error::{Diagnostic, Error};
use crate::model::aggregate::Counts;
use crate::model::{self, Needs, VnCollator};
use crate::profile::Profile;
use crate::workbook::{ReadLimits, Workbook};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize, Default)]
struct Level {
    tong: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    ky_cam_ket: Option<usize>,
    xep_loai: Counts,
}

#[derive(Serialize)]
struct SheetOut {
    sheet: String,
    rows: usize,
}

#[derive(Serialize)]
struct Report {
    file: String,
    ok: bool,
    sheets: Vec<SheetOut>,
    chi_bo: Level,
    dang_vien: Level,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

fn unreadable_report(file: &str, e: &Error) -> Report {
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

/// Runs `vanban check`; returns 0 usable, 1 errors, 2 unreadable.
pub fn run(args: &CheckArgs) -> ExitCode {
    let file = args.file.display().to_string();
    let loaded = Profile::load(&args.profile).and_then(|p| {
        Workbook::open(&args.file, &ReadLimits::with_max_rows(args.max_rows)).map(|wb| (p, wb))
    });
    let (report, code) = match loaded {
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
                    file: file.clone(),
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
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => crate::outln!("{s}"),
            Err(e) => eprintln!("lỗi: {e}"),
        }
    } else {
        print_human(&report, code);
    }
    ExitCode::from(code)
}

fn counts_line(c: &Counts) -> String {
    format!(
        "hoàn thành xuất sắc {}, hoàn thành tốt {}, hoàn thành {}, không hoàn thành {}, chưa xếp loại {}",
        c.xuat_sac, c.tot, c.hoan_thanh, c.khong_hoan_thanh, c.chua_xep_loai
    )
}

fn print_human(r: &Report, code: u8) {
    crate::outln!("Bảng tính: {}", r.file);
    if code == 2 {
        for e in &r.errors {
            crate::outln!("Không đọc được: {e}");
        }
        return;
    }
    crate::outln!("Đã đọc:");
    for s in &r.sheets {
        crate::outln!("  - trang \"{}\": {} hàng dữ liệu", s.sheet, s.rows);
    }
    crate::outln!(
        "Chi bộ: {} (ký cam kết {}/{}); {}",
        r.chi_bo.tong,
        r.chi_bo.ky_cam_ket.unwrap_or(0),
        r.chi_bo.tong,
        counts_line(&r.chi_bo.xep_loai)
    );
    crate::outln!(
        "Đảng viên: {}; {}",
        r.dang_vien.tong,
        counts_line(&r.dang_vien.xep_loai)
    );
    crate::outln!("Lỗi: {}", r.errors.len());
    for e in &r.errors {
        crate::outln!("  - {}", e.to_string().replace('\n', "\n    "));
    }
    crate::outln!("Cảnh báo: {}", r.warnings.len());
    for w in &r.warnings {
        crate::outln!("  - {}", w.to_string().replace('\n', "\n    "));
    }
    if r.ok {
        crate::outln!("Kết quả: dùng được.");
    } else {
        crate::outln!("Kết quả: chưa dùng được; sửa các lỗi trên rồi kiểm tra lại.");
    }
}
