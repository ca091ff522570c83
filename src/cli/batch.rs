//! `vanban batch KIND`: one DOCX + PDF per row a per-row kind chooses, in parallel, written to `--out`.
//!
//! The workbook is validated first: sheet, column or Thông tin errors abort with nothing written. A bad row
//! of the batched sheet is reported (`Đảng viên!12: …`) and skipped, the rest complete, exit 1
//! (`--fail-fast` stops before writing anything). The documents are made by [`crate::pipeline::batch`];
//! this command only writes each file to a temporary name in the output directory and renames it.

use super::BatchArgs;
use super::output::{ensure_dir, temp_file_in, write_atomic};
use super::render::{input, print_warnings};
use crate::error::{Diagnostic, Error, Result};
use crate::pipeline::{self, Strictness, batch};
use crate::render::{self, Format};
use crate::timing::{self, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Runs `vanban batch`.
pub fn run(args: &BatchArgs) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => super::report(&e),
    }
}

/// The kind the arguments name: `cam-ket --per X` is `cam-ket-X`; `--per` with another kind must agree
/// with the kind's own `per`.
fn kind_name(args: &BatchArgs) -> Result<String> {
    let per = args.per.map(crate::template::Per::from);
    if let Some(name) = pipeline::legacy_batch_kind(&args.kind, per) {
        if args.per.is_none() {
            return Err(Error::usage(
                "batch cam-ket cần --per chi-bo hoặc --per dang-vien",
                "ví dụ: vanban batch cam-ket --per dang-vien (hoặc vanban batch cam-ket-dang-vien)",
            ));
        }
        return Ok(name);
    }
    Ok(args.kind.clone())
}

fn run_inner(args: &BatchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let formats = Format::parse_list(&args.format)?;
    if formats.contains(&Format::Ir) {
        return Err(Error::usage(
            "batch không in ra IR",
            "dùng --format docx, pdf hoặc docx,pdf",
        ));
    }
    if args.merge_pdf && !formats.contains(&Format::Pdf) {
        return Err(Error::usage(
            "--merge-pdf cần định dạng pdf",
            "thêm pdf vào --format",
        ));
    }
    let shard = args.shard.as_deref().map(batch::parse_shard).transpose()?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
    }
    let workbook_timing = timing::span(Stage::Workbook);
    let engine = args.source.engine.load()?;
    let name = kind_name(args)?;
    let kind = engine.templates.kind(&name)?;
    let (images, render_options) = args.source.signing(&engine.profile)?;
    let own = pipeline::batch_per(kind)?;
    if let Some(asked) = args.per.map(crate::template::Per::from)
        && asked != own
    {
        return Err(Error::usage(
            format!(
                "loại {} làm mỗi {} một bản, không theo --per {}",
                kind.name,
                own.noun(),
                asked.as_str()
            ),
            "bỏ --per",
        ));
    }
    let data = pipeline::load_data(&engine, &input(&args.source), kind, Strictness::SkipBadRows)?;
    drop(workbook_timing);
    print_warnings(&data.dataset.file, &data.warnings);
    for d in &data.row_errors {
        eprintln!(
            "lỗi: {}!{}: {} (bỏ qua hàng này)",
            d.sheet.as_deref().unwrap_or_default(),
            d.row.unwrap_or(0),
            diag_text(d)
        );
    }
    if args.fail_fast && !data.row_errors.is_empty() {
        eprintln!("lỗi: dừng vì --fail-fast; chưa ghi tệp nào");
        return Ok(ExitCode::from(1));
    }
    let sheet = data
        .row_errors
        .first()
        .and_then(|d| d.sheet.clone())
        .unwrap_or_else(|| kind.per.map(|p| p.noun().to_owned()).unwrap_or_default());

    let jobs_list = timing::time(Stage::Plan, || pipeline::plan(&engine, &data, kind, shard))?;
    ensure_dir(&args.source.out)?;
    let out_dir = args.source.out.as_path();
    let progress = progress_bar(jobs_list.len() as u64);
    let outcome = batch::run(
        &engine,
        kind,
        &jobs_list,
        &batch::Options {
            formats: formats.clone(),
            jobs,
            fail_fast: args.fail_fast,
            images,
            render: render_options,
        },
        |job, files| {
            let n = files.len();
            for (f, bytes) in files {
                let path = out_dir.join(format!("{}.{}", job.stem, f.extension()));
                timing::time(Stage::Write, || write_atomic(&path, &bytes))?;
            }
            Ok(n)
        },
        || progress.inc(1),
    )?;
    progress.finish_and_clear();

    for (row, e) in &outcome.failures {
        eprintln!("lỗi: {sheet}!{row}: {e}");
    }
    let mut extra_files = 0;
    if outcome.failures.is_empty() || !args.fail_fast {
        if args.merge_pdf {
            let pdfs: Vec<PathBuf> = jobs_list
                .iter()
                .map(|j| out_dir.join(format!("{}.pdf", j.stem)))
                .filter(|p| p.exists())
                .collect();
            timing::time(Stage::Merge, || {
                merge_pdfs(&pdfs, &out_dir.join("tat-ca.pdf"))
            })?;
            extra_files += 1;
            if args.source.pdf_a {
                // The merge joins the pages, not the PDF/A metadata and output intent of each file.
                eprintln!(
                    "cảnh báo: tat-ca.pdf (để in) không theo chuẩn PDF/A-2b; các tệp PDF của từng bản thì theo"
                );
            }
        }
        if args.zip {
            let mut files = Vec::new();
            for j in &jobs_list {
                for f in &formats {
                    let p = out_dir.join(format!("{}.{}", j.stem, f.extension()));
                    if p.exists() {
                        files.push(p);
                    }
                }
            }
            if args.merge_pdf {
                files.push(out_dir.join("tat-ca.pdf"));
            }
            timing::time(Stage::Zip, || {
                write_zip(&files, &out_dir.join("tat-ca.zip"))
            })?;
            extra_files += 1;
        }
    }

    let docs = outcome.documents;
    let secs = started.elapsed().as_secs_f64();
    let per_sec = if secs > 0.0 { docs as f64 / secs } else { 0.0 };
    let files = outcome.files + extra_files;
    timing::report(docs, started.elapsed());
    crate::outln!(
        "Đã ghi {docs} văn bản ({files} tệp) vào {} trong {} giây: {} văn bản/giây.",
        out_dir.display(),
        crate::template::filters::format_number(secs, 2),
        crate::template::filters::format_number(per_sec, 1)
    );
    Ok(
        if outcome.failures.is_empty() && data.row_errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

fn diag_text(d: &Diagnostic) -> String {
    let cell = d
        .cell
        .as_deref()
        .map(|c| format!("ô {c}: "))
        .unwrap_or_default();
    let hint = d
        .hint
        .as_deref()
        .map(|h| format!(" (gợi ý: {h})"))
        .unwrap_or_default();
    format!("{cell}{}{hint}", d.message)
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} văn bản, còn {eta}") {
        pb.set_style(style);
    }
    pb
}

/// Writes `tat-ca.zip` with every file, streamed from disk. The files are stored, not deflated again: a
/// DOCX is itself a deflated zip and a PDF's fonts and pages are deflated streams, so a second deflate
/// costs much time (seconds at 10,000 forms) for a few per cent of size.
fn write_zip(files: &[PathBuf], dest: &Path) -> Result<()> {
    let err = |source: std::io::Error| Error::Output {
        path: dest.to_path_buf(),
        source,
    };
    let dir = dest.parent().unwrap_or(Path::new("."));
    let tmp = temp_file_in(dir).map_err(err)?;
    {
        let mut zip = zip::ZipWriter::new(tmp.as_file());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for f in files {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("tep");
            zip.start_file(name, options)
                .map_err(|e| err(std::io::Error::other(e)))?;
            let mut src = std::fs::File::open(f).map_err(err)?;
            std::io::copy(&mut src, &mut zip).map_err(err)?;
        }
        zip.finish().map_err(|e| err(std::io::Error::other(e)))?;
    }
    tmp.persist(dest).map_err(|e| err(e.error))?;
    Ok(())
}

/// Writes `tat-ca.pdf`: every form, each from a new page, streamed to a temporary file then renamed.
fn merge_pdfs(files: &[PathBuf], dest: &Path) -> Result<()> {
    let err = |source: std::io::Error| Error::Output {
        path: dest.to_path_buf(),
        source,
    };
    let dir = dest.parent().unwrap_or(Path::new("."));
    let tmp = temp_file_in(dir).map_err(err)?;
    render::pdf_merge::merge_files_into(files, std::io::BufWriter::new(tmp.as_file()))?;
    tmp.persist(dest).map_err(|e| err(e.error))?;
    Ok(())
}
