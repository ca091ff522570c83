//! `vanban kinds`: every document kind, embedded and from `--templates`, without reading any data.

use super::KindsArgs;
use crate::template::{Kind, Templates};
use serde::Serialize;
use std::process::ExitCode;

/// One kind as `kinds --json` prints it.
#[derive(Serialize)]
struct KindOut<'a> {
    kind: &'a str,
    ten_loai: Option<&'a str>,
    per: Option<&'static str>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    loi: Option<String>,
}

fn problem_text(k: &Kind) -> Option<String> {
    k.problem.as_ref().map(|p| {
        let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
        format!("mẫu {}.md{line}: {}", k.name, p.message)
    })
}

/// Runs `vanban kinds`: 0 when every kind is usable, 1 when a kind file is broken (still listed), 2 for
/// an unreadable `--templates` folder.
pub fn run(args: &KindsArgs) -> ExitCode {
    let templates = match Templates::new(args.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => return super::report(&e),
    };
    let kinds: Vec<&Kind> = templates.kinds().collect();
    if args.json {
        let out: Vec<KindOut> = kinds
            .iter()
            .map(|k| KindOut {
                kind: &k.name,
                ten_loai: k.ten_loai.as_deref(),
                per: k.per.map(|p| p.as_str()),
                source: k.origin.label(),
                loi: problem_text(k),
            })
            .collect();
        match serde_json::to_string_pretty(&out) {
            Ok(s) => crate::outln!("{s}"),
            Err(e) => eprintln!("lỗi: {e}"),
        }
    } else {
        let width = kinds
            .iter()
            .map(|k| k.name.chars().count())
            .max()
            .unwrap_or(4);
        crate::outln!(
            "{:<width$}  {:<16}  {:<22}  nguồn",
            "loại",
            "tên loại",
            "mỗi văn bản cho"
        );
        for k in &kinds {
            let per = match k.per {
                Some(p) => format!("mỗi {} (--stt)", p.noun()),
                None => "cả đảng bộ".to_owned(),
            };
            let source = match k.origin.label() {
                "embedded" => "có sẵn",
                dir => dir,
            };
            crate::outln!(
                "{:<width$}  {:<16}  {:<22}  {source}",
                k.name,
                k.ten_loai.as_deref().unwrap_or("—"),
                per
            );
        }
    }
    let broken: Vec<String> = kinds.iter().filter_map(|k| problem_text(k)).collect();
    for b in &broken {
        eprintln!("lỗi: {b} (loại này không dùng được cho đến khi sửa)");
    }
    ExitCode::from(if broken.is_empty() { 0 } else { 1 })
}
