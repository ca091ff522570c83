//! `vanban render KIND`: one document, written as DOCX and/or PDF (or printed as IR).

use super::output::{Staged, absolute, ensure_dir, output_path, stage, write_atomic};
use super::{RenderArgs, SourceArgs};
use vanban::error::{Diagnostic, Error, Result};
use vanban::pipeline::{
    self, CapSo, DocumentRequest, Format, Input, Placed, RenderOptions, SigningFiles,
};

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
            copies: source.ban,
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
    if args.source.cap_so {
        return run_numbered(args, &engine, &request, &formats);
    }
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

/// Where numbers come from for `--cap-so`: the register `--so-dang-ky`, taken by the user account.
pub fn cap_so(source: &SourceArgs) -> CapSo {
    CapSo::new(
        source.so_dang_ky.clone(),
        pipeline::register::user_account(),
    )
}

/// Stages one document's files in `out` under temporary names (see [`Staged`]) and says where they
/// go.
pub fn stage_files(
    out: &std::path::Path,
    stem: &str,
    files: &[(Format, Vec<u8>)],
) -> Result<(Vec<Staged>, Vec<Placed>)> {
    let mut staged = Vec::with_capacity(files.len());
    let mut placed = Vec::with_capacity(files.len());
    for (f, bytes) in files {
        let path = output_path(out, stem, f.extension());
        placed.push(Placed {
            ten: format!("{stem}.{}", f.extension()),
            duong_dan: Some(absolute(&path)),
        });
        staged.push(stage(&path, bytes)?);
    }
    Ok((staged, placed))
}

/// `render --cap-so`: the next number of the document's series, its files staged, the register
/// committed, then the files renamed.
fn run_numbered(
    args: &RenderArgs,
    engine: &pipeline::Engine,
    request: &DocumentRequest,
    formats: &[Format],
) -> Result<()> {
    let out = &args.source.out;
    ensure_dir(out)?;
    let issued = pipeline::render_numbered(engine, request, formats, &cap_so(&args.source), |r| {
        stage_files(out, &r.stem, &r.files)
    })?;
    print_warnings(&issued.rendered.data_file, &issued.rendered.warnings);
    let mut paths = Vec::new();
    for s in issued.staged {
        paths.push(s.path.clone());
        s.publish()?;
    }
    eprintln!("đã cấp số {}", issued.so_ky_hieu);
    for p in &paths {
        crate::outln!("{}", p.display());
    }
    Ok(())
}
