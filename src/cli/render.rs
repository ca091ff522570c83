//! `vanban render KIND`: one document, written as DOCX and/or PDF (or printed as IR).

use super::output::{ensure_dir, output_path, write_atomic};
use super::{RenderArgs, SourceArgs};
use vanban::error::{Diagnostic, Error, Result};
use vanban::pipeline::{self, DocumentRequest, Format, Input, RenderOptions, SigningFiles};

/// The workbook `--data` names, or the embedded sample.
pub fn input(source: &SourceArgs) -> Input {
    match &source.data {
        Some(p) => Input::Path(p.clone()),
        None => Input::Sample,
    }
}

/// The pictures and output options `--chu-ky`, `--con-dau` and `--pdf-a` ask for.
pub fn signing(source: &SourceArgs) -> (SigningFiles, RenderOptions) {
    (
        SigningFiles {
            chu_ky: source.chu_ky.clone(),
            con_dau: source.con_dau.clone(),
        },
        RenderOptions {
            pdf_a: source.pdf_a,
        },
    )
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
    let (engine, kind) = args.source.engine.load_for_kind(&args.kind)?;
    let (signing, options) = signing(&args.source);
    let request = DocumentRequest {
        kind,
        stt: args.stt,
        input: input(&args.source),
        signing,
        options,
    };
    // Everything is rendered first: nothing is written if any format fails.
    let rendered = pipeline::render(&engine, &request, &formats)?;
    print_warnings(&rendered.data_file, &rendered.warnings);
    if formats == [Format::Ir] {
        for (_, json) in &rendered.files {
            crate::outln!("{}", String::from_utf8_lossy(json));
        }
        return Ok(());
    }
    let files: Vec<_> = rendered
        .files
        .iter()
        .map(|(f, bytes)| {
            (
                output_path(&args.source.out, &rendered.stem, f.extension()),
                bytes,
            )
        })
        .collect();
    ensure_dir(&args.source.out)?;
    for (path, bytes) in &files {
        write_atomic(path, bytes)?;
    }
    for (path, _) in &files {
        crate::outln!("{}", path.display());
    }
    Ok(())
}
