//! Guards of the pipeline's shape: renderers know only the IR and the profile; only `workbook` reads
//! Excel; only `template` uses minijinja; no layout is built as Typst markup from strings.

#![allow(clippy::unwrap_used)]

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                // Code only: comments may name other stages.
                let code: String = std::fs::read_to_string(&p)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push((p.display().to_string(), code));
            }
        }
    }
    out
}

#[test]
fn renderers_know_only_ir_and_profile() {
    for (path, src) in sources("src/render") {
        for forbidden in [
            "calamine",
            "minijinja",
            "crate::workbook",
            "crate::model",
            "crate::template",
            "crate::cli",
        ] {
            assert!(!src.contains(forbidden), "{path} mentions {forbidden}");
        }
    }
}

#[test]
fn only_workbook_reads_excel_and_only_template_uses_minijinja() {
    for (path, src) in sources("src") {
        if !path.contains("/src/workbook/") {
            assert!(!src.contains("calamine"), "{path} mentions calamine");
        }
        if !path.contains("/src/template/") {
            assert!(!src.contains("minijinja"), "{path} mentions minijinja");
        }
    }
}

#[test]
fn ir_depends_only_on_serde() {
    for (path, src) in sources("src/ir") {
        for line in src.lines().filter(|l| l.trim_start().starts_with("use ")) {
            assert!(
                line.contains("serde")
                    || line.contains("super::")
                    || line.contains("std::")
                    || line.contains("pulldown_cmark")
                    || line.contains("unicode_normalization")
                    || line.contains("unicode_properties"),
                "{path}: {line}"
            );
        }
    }
}
