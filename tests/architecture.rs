//! Guards of the pipeline's shape: the pipeline is the one door (the command line and the web page name
//! nothing behind it); the writers place a layout and never see the profile, the data or each other;
//! only `workbook` reads Excel and it knows nothing of documents; only `template` uses minijinja.

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
fn the_render_stage_knows_only_the_ir_and_the_profile() {
    for (path, src) in sources("src/render") {
        for forbidden in [
            "calamine",
            "minijinja",
            "crate::workbook",
            "crate::model",
            "crate::template",
            "crate::pipeline",
            "crate::serve",
            "crate::register",
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

/// The IR's own imports: serde, std, the Markdown and Unicode crates, and the leaf module `text` (dates,
/// the text rule).
#[test]
fn ir_depends_only_on_serde() {
    for (path, src) in sources("src/ir") {
        for line in src.lines().filter(|l| l.trim_start().starts_with("use ")) {
            assert!(
                line.contains("serde")
                    || line.contains("super::")
                    || line.contains("crate::text")
                    || line.contains("std::")
                    || line.contains("pulldown_cmark")
                    || line.contains("unicode_normalization")
                    || line.contains("unicode_properties"),
                "{path}: {line}"
            );
        }
    }
}

/// Every `crate::NAME` a module's code names (paths in `use` lines and inline paths alike).
fn crate_paths(src: &str) -> Vec<String> {
    root_paths(src, "crate")
}

/// Every `ROOT::NAME` a module's code names (`crate::…`, or `vanban::…` in the binary).
fn root_paths(src: &str, root: &str) -> Vec<String> {
    let prefix = format!("{root}::");
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(&prefix) {
        let tail = &rest[i + prefix.len()..];
        let name: String = tail
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
        rest = tail;
    }
    // `use crate::{a, b}` names several modules at once.
    for group in src.split(&format!("{prefix}{{")).skip(1) {
        let inner = group.split('}').next().unwrap_or("");
        for part in inner.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn reading_knows_nothing_of_documents_and_the_model_nothing_of_layout() {
    let forbidden: &[(&str, &[&str])] = &[
        (
            "src/workbook",
            &[
                "ir", "model", "profile", "render", "template", "cli", "sample",
            ],
        ),
        (
            "src/model",
            &["profile", "render", "template", "cli", "sample"],
        ),
        (
            "src/text",
            &[
                "ir", "workbook", "model", "profile", "render", "template", "cli",
            ],
        ),
    ];
    for (dir, modules) in forbidden {
        let files = sources(dir);
        assert!(!files.is_empty(), "no sources under {dir}");
        for (path, src) in files {
            for name in crate_paths(&src) {
                assert!(
                    !modules.contains(&name.as_str()),
                    "{path} uses crate::{name}"
                );
            }
        }
    }
}

#[test]
fn the_dependency_scan_sees_grouped_and_inline_paths() {
    let names =
        crate_paths("use crate::{model::X, ir};\nfn f() { crate::profile::Rules::default(); }");
    for n in ["model", "ir", "profile"] {
        assert!(names.contains(&n.to_owned()), "{names:?}");
    }
}

#[test]
fn the_command_line_and_the_web_page_use_only_the_pipeline() {
    // The binary's command line reaches the library as `vanban::…`: the door, its errors, and the web
    // page it starts; `crate::…` is the binary itself.
    let files = sources("src/cli");
    assert!(!files.is_empty());
    for (path, src) in files {
        for name in root_paths(&src, "vanban") {
            assert!(
                ["pipeline", "error", "serve", "Error", "Result"].contains(&name.as_str()),
                "{path} uses vanban::{name}"
            );
        }
        for name in crate_paths(&src) {
            assert!(
                ["cli", "outln"].contains(&name.as_str()),
                "{path} uses crate::{name}"
            );
        }
    }
    let files = sources("src/serve");
    assert!(!files.is_empty());
    for (path, src) in files {
        for name in crate_paths(&src) {
            assert!(
                ["pipeline", "error"].contains(&name.as_str()),
                "{path} uses crate::{name}"
            );
        }
        for crate_name in ["calamine", "minijinja", "typst", "docx_rs"] {
            assert!(!src.contains(crate_name), "{path} mentions {crate_name}");
        }
    }
}

#[test]
fn the_writers_place_a_layout_and_never_see_the_profile_or_each_other() {
    for (dir, other) in [
        ("src/render/docx", "render::pdf"),
        ("src/render/pdf", "render::docx"),
    ] {
        let files = sources(dir);
        assert!(!files.is_empty());
        for (path, src) in files {
            for name in crate_paths(&src) {
                assert!(
                    !["pipeline", "template", "workbook", "model", "sample"]
                        .contains(&name.as_str()),
                    "{path} uses crate::{name}"
                );
            }
            assert!(!src.contains(other), "{path} names {other}");
            // Style data types of the profile module are fine; the profile itself is not.
            for forbidden in [
                "profile::Profile",
                "&Profile",
                "layout::resolve",
                "ir::Document",
            ] {
                assert!(!src.contains(forbidden), "{path} mentions {forbidden}");
            }
        }
    }
}

/// The register is the only module that touches SQLite; it sits below the pipeline (which runs its
/// protocol) and knows nothing of the callers, the templates or the workbook reader.
#[test]
fn only_the_register_touches_sqlite_and_it_sits_below_the_pipeline() {
    for (path, src) in sources("src") {
        if !path.contains("/src/register/") {
            assert!(!src.contains("rusqlite"), "{path} mentions rusqlite");
        }
    }
    let files = sources("src/register");
    assert!(!files.is_empty());
    for (path, src) in files {
        for name in crate_paths(&src) {
            assert!(
                ![
                    "pipeline", "serve", "cli", "template", "workbook", "render", "model"
                ]
                .contains(&name.as_str()),
                "{path} uses crate::{name}"
            );
        }
    }
}
