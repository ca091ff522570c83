//! `vanban render KIND`: one document, written as DOCX and/or PDF (or printed as IR).

use super::output::{ensure_dir, output_path, write_atomic};
use super::{RenderArgs, SourceArgs};
use crate::error::{Diagnostic, Error, Result};
use crate::pipeline::{self, Input, Strictness};
use crate::render::{self, Format};

/// The workbook `--data` names, or the embedded sample.
pub fn input(source: &SourceArgs) -> Input {
    match &source.data {
        Some(p) => Input::Path(p.clone()),
        None => Input::Sample,
    }
}

/// Prints warnings on stderr.
pub fn print_warnings(file: &str, warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("cảnh báo: {file}: {}", w.to_string().replace('\n', "\n  "));
    }
}

/// Runs `vanban render`.
pub fn run(args: &RenderArgs) -> Result<()> {
    let formats = Format::parse_list(&args.format)?;
    if formats.contains(&Format::Ir) && formats.len() > 1 {
        return Err(Error::usage(
            "--format ir in mô hình văn bản ra màn hình, không đi cùng định dạng khác",
            "dùng --format ir riêng, hoặc --format docx,pdf",
        ));
    }
    let engine = args.source.engine.load()?;
    let kind = engine.templates.kind(&args.kind)?;
    if kind.per.is_some() && args.stt.is_none() {
        // Say so before reading the workbook.
        pipeline::document_needs_stt(kind)?;
    }
    let data = pipeline::load_data(&engine, &input(&args.source), kind, Strictness::Strict)?;
    print_warnings(&data.dataset.file, &data.warnings);
    let (images, options) = args.source.signing(&engine.profile)?;
    let mut doc = pipeline::document(&engine, &data, kind, args.stt)?;
    doc.images = images;
    if formats == [Format::Ir] {
        let json = serde_json::to_string_pretty(&doc).map_err(|e| Error::Render {
            format: "ir",
            message: e.to_string(),
        })?;
        crate::outln!("{json}");
        return Ok(());
    }
    // Render everything first: nothing is written if any format fails.
    let mut files = Vec::with_capacity(formats.len());
    for f in &formats {
        files.push((
            output_path(&args.source.out, &doc.file_stem, f.extension()),
            render::render_with(&doc, &engine.profile, *f, options)?,
        ));
    }
    ensure_dir(&args.source.out)?;
    for (path, bytes) in &files {
        write_atomic(path, bytes)?;
    }
    for (path, _) in &files {
        crate::outln!("{}", path.display());
    }
    Ok(())
}
