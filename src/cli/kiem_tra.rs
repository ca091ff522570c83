//! `vanban kiem-tra FILE.docx [--profile NAME] [--json]`: a Word document checked against a profile's
//! thể thức; prints the library's report.

use super::KiemTraArgs;
use std::process::ExitCode;
use vanban::pipeline::kiem_tra::{kiem_tra, report_text};

/// Runs `vanban kiem-tra`: 0 when the document follows the profile, 1 with findings, 2 when the file
/// (or the profile) cannot be read.
pub fn run(args: &KiemTraArgs) -> ExitCode {
    let name = args.file.display().to_string();
    let result = std::fs::read(&args.file)
        .map_err(|e| vanban::error::Error::Unreadable {
            path: args.file.clone(),
            message: match e.kind() {
                std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
                std::io::ErrorKind::PermissionDenied => "không có quyền đọc".into(),
                _ => format!("không đọc được tệp: {e}"),
            },
            hint: Some("kiểm tra đường dẫn tệp .docx".into()),
        })
        .and_then(|bytes| kiem_tra(&bytes, &name, &args.profile));
    match result {
        Ok(report) => {
            if args.json {
                match serde_json::to_string_pretty(&report) {
                    Ok(s) => crate::outln!("{s}"),
                    Err(e) => eprintln!("lỗi: {e}"),
                }
            } else {
                crate::outln!("{}", report_text(&report).trim_end());
            }
            ExitCode::from(if report.dat { 0 } else { 1 })
        }
        Err(e) => {
            if args.json {
                let v = serde_json::json!({
                    "tep": name,
                    "ho_so": args.profile,
                    "dat": false,
                    "phat_hien": [],
                    "loi": e.to_string(),
                });
                crate::outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            }
            super::report(&e)
        }
    }
}
