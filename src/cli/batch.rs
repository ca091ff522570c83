//! `vanban batch KIND`: one DOCX + PDF per row a per-row kind chooses, in parallel, written to `--out`.
//!
//! The workbook is validated first: sheet, column or Thông tin errors abort with nothing written. A bad row
//! of the batched sheet is reported (`Đảng viên!12: …`) and skipped, the rest complete, exit 1
//! (`--fail-fast` stops before writing anything). The documents are made by the pipeline
//! ([`vanban::pipeline::batch`]); this command only writes each file to a temporary name in the output
//! directory and renames it, and adds the joined PDF and the zip when asked.

use super::BatchArgs;
use super::output::{ensure_dir, temp_file_in, write_atomic};
use super::render::{cap_so, input, print_warnings, signing, stage_files};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use vanban::error::{Diagnostic, Error, Result};
use vanban::pipeline::{self, Format, ZipOut, batch};

/// Runs `vanban batch`.
pub fn run(args: &BatchArgs) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => super::report(&e),
    }
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
    if args.source.cap_so && args.shard.is_some() {
        // Machines splitting a batch would each number from their own register.
        return Err(Error::usage(
            "--cap-so không đi cùng --shard: mỗi máy cấp số từ sổ riêng của mình sẽ cấp trùng số",
            "cấp số trên một máy (bỏ --shard), hoặc dựng trên nhiều máy rồi lấy số bằng vanban register add",
        ));
    }
    let shard = args
        .shard
        .as_deref()
        .map(pipeline::parse_shard)
        .transpose()?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
    }
    let (engine, kind) = args.source.engine.load_for_kind(&args.kind)?;
    let (signing, options) = signing(&args.source);
    let request = batch::BatchRequest {
        kind,
        per: args.per.map(pipeline::Per::from),
        input: input(&args.source),
        formats: formats.clone(),
        jobs,
        fail_fast: args.fail_fast,
        shard,
        signing,
        options,
    };
    let planned = batch::prepare(&engine, &request)?;
    print_warnings(planned.data_file(), planned.warnings());
    for d in planned.row_errors() {
        eprintln!(
            "lỗi: {}!{}: {} (bỏ qua hàng này)",
            d.sheet.as_deref().unwrap_or_default(),
            d.row.unwrap_or(0),
            diag_text(d)
        );
    }
    if args.fail_fast && !planned.row_errors().is_empty() {
        eprintln!("lỗi: dừng vì --fail-fast; chưa ghi tệp nào");
        return Ok(ExitCode::from(1));
    }
    ensure_dir(&args.source.out)?;
    let out_dir = args.source.out.as_path();
    let progress = progress_bar(planned.jobs().len() as u64);
    // With --cap-so: the files of the documents issued, in row order, under their final names.
    let mut written: Option<Vec<PathBuf>> = None;
    let outcome = if args.source.cap_so {
        let run = planned.run_numbered(
            &cap_so(&args.source),
            |_, stem, files| stage_files(out_dir, stem, &files),
            || progress.inc(1),
        )?;
        progress.finish_and_clear();
        print_warnings(planned.data_file(), &run.warnings);
        let mut paths = Vec::new();
        let mut publish_error = None;
        for staged in run.staged {
            for s in staged {
                let p = s.path.clone();
                match s.publish() {
                    Ok(()) => paths.push(p),
                    Err(e) => {
                        publish_error.get_or_insert(e);
                    }
                }
            }
        }
        match (run.numbers.first(), run.numbers.last()) {
            (Some(a), Some(b)) if a != b => {
                eprintln!("đã cấp số {a} đến {b} ({} số)", run.numbers.len())
            }
            (Some(a), _) => eprintln!("đã cấp số {a}"),
            _ => {}
        }
        if let Some(e) = run.write_error.or(publish_error) {
            return Err(e);
        }
        written = Some(paths);
        run.outcome
    } else {
        let outcome = planned.run(
            |job, files| {
                let n = files.len();
                for (f, bytes) in files {
                    write_atomic(
                        &out_dir.join(format!("{}.{}", job.stem, f.extension())),
                        &bytes,
                    )?;
                }
                Ok(n)
            },
            || progress.inc(1),
        )?;
        progress.finish_and_clear();
        outcome
    };

    let sheet = planned.sheet_name();
    for (row, e) in &outcome.failures {
        eprintln!("lỗi: {sheet}!{row}: {e}");
    }
    let mut extra_files = 0;
    if outcome.failures.is_empty() || !args.fail_fast {
        if args.merge_pdf {
            let pdfs: Vec<PathBuf> = match &written {
                Some(w) => w
                    .iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                    .cloned()
                    .collect(),
                None => planned
                    .jobs()
                    .iter()
                    .map(|j| out_dir.join(format!("{}.pdf", j.stem)))
                    .filter(|p| p.exists())
                    .collect(),
            };
            merge_pdfs(&pdfs, &out_dir.join("tat-ca.pdf"))?;
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
            match &written {
                Some(w) => files.extend(w.iter().cloned()),
                None => {
                    for j in planned.jobs() {
                        for f in &formats {
                            let p = out_dir.join(format!("{}.{}", j.stem, f.extension()));
                            if p.exists() {
                                files.push(p);
                            }
                        }
                    }
                }
            }
            if args.merge_pdf {
                files.push(out_dir.join("tat-ca.pdf"));
            }
            write_zip(&files, &out_dir.join("tat-ca.zip"))?;
            extra_files += 1;
        }
    }

    let docs = outcome.documents;
    let secs = started.elapsed().as_secs_f64();
    let per_sec = if secs > 0.0 { docs as f64 / secs } else { 0.0 };
    let files = outcome.files + extra_files;
    pipeline::report_timings(docs, started.elapsed());
    crate::outln!(
        "Đã ghi {docs} văn bản ({files} tệp) vào {} trong {} giây: {} văn bản/giây.",
        out_dir.display(),
        pipeline::format_number(secs, 2),
        pipeline::format_number(per_sec, 1)
    );
    Ok(
        if outcome.failures.is_empty() && planned.row_errors().is_empty() {
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

/// Writes `tat-ca.zip` with every file, streamed from disk and stored (not deflated again), to a
/// temporary file then renamed.
fn write_zip(files: &[PathBuf], dest: &Path) -> Result<()> {
    let err = |source: std::io::Error| Error::Output {
        path: dest.to_path_buf(),
        source,
    };
    let dir = dest.parent().unwrap_or(Path::new("."));
    let tmp = temp_file_in(dir).map_err(err)?;
    {
        let mut zip = ZipOut::new(tmp.as_file(), false);
        for f in files {
            zip.add_file(f).map_err(err)?;
        }
        zip.finish().map_err(err)?;
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
    pipeline::merge_pdfs(files, std::io::BufWriter::new(tmp.as_file()))?;
    tmp.persist(dest).map_err(|e| err(e.error))?;
    Ok(())
}
