//! `vanban kinds`: every document kind, embedded and from `--templates`, without reading any data.

use super::KindsArgs;
use std::process::ExitCode;
use vanban::pipeline;

/// Runs `vanban kinds`: 0 when every kind is usable, 1 when a kind file is broken (still listed), 2 for
/// an unreadable `--templates` folder.
pub fn run(args: &KindsArgs) -> ExitCode {
    let kinds = match pipeline::kinds(args.templates.as_deref()) {
        Ok(k) => k,
        Err(e) => return super::report(&e),
    };
    if args.json {
        match serde_json::to_string_pretty(&kinds) {
            Ok(s) => crate::outln!("{s}"),
            Err(e) => eprintln!("lỗi: {e}"),
        }
    } else {
        let width = kinds
            .iter()
            .map(|k| k.kind.chars().count())
            .max()
            .unwrap_or(4);
        // The longest tên loại sets its column ("Bản kiểm điểm cá nhân").
        let loai = kinds
            .iter()
            .filter_map(|k| k.ten_loai.as_deref())
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0)
            .max(16);
        crate::outln!(
            "{:<width$}  {:<loai$}  {:<22}  nguồn",
            "loại",
            "tên loại",
            "mỗi văn bản cho"
        );
        for k in &kinds {
            let per = match k.per {
                Some("chi-bo") => "mỗi chi bộ (--stt)",
                Some(_) => "mỗi đảng viên (--stt)",
                None => "cả đảng bộ",
            };
            let source = match k.source.as_str() {
                "embedded" => "có sẵn",
                dir => dir,
            };
            crate::outln!(
                "{:<width$}  {:<loai$}  {:<22}  {source}",
                k.kind,
                k.ten_loai.as_deref().unwrap_or("—"),
                per
            );
        }
    }
    let broken: Vec<&str> = kinds.iter().filter_map(|k| k.loi.as_deref()).collect();
    for b in &broken {
        eprintln!("lỗi: {b} (loại này không dùng được cho đến khi sửa)");
    }
    ExitCode::from(if broken.is_empty() { 0 } else { 1 })
}
