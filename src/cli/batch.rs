//! `vanban batch cam-ket --per chi-bo|dang-vien`: one DOCX + PDF per chi bộ or đảng viên, in parallel.
//!
//! The workbook is validated first: sheet, column or Thông tin errors abort with nothing written. A bad row
//! of the batched sheet is reported (`Đảng viên!12: …`) and skipped, the rest complete, exit 1
//! (`--fail-fast` stops before writing anything). Documents are made by rayon workers; `render::pdf`
//! keeps one Typst session per thread on its shared engine. Every file goes to a temporary name in the
//! output directory and is renamed.

use super::output::{ensure_dir, write_atomic};
use super::render::{load_unchecked, print_warnings};
use super::{BatchArgs, Per};
use crate::error::{Diagnostic, Error, Result};
use crate::ir::Document;
use crate::model::{Dataset, Needs, VnCollator};
use crate::profile::Profile;
use crate::render::{self, Format};
use crate::template::{ContextValue, Templates, context};
use crate::timing::{self, Stage};
use crate::workbook::schema::{CHI_BO, DANG_VIEN};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// One form to make.
struct Job {
    /// The row in its sheet (for messages).
    row: usize,
    /// Output file stem, unique in the batch.
    stem: String,
    ctx: ContextValue,
}

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
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
    }
    let workbook_timing = timing::span(Stage::Workbook);
    let (profile, templates, loaded) = load_unchecked(
        &args.source,
        Needs {
            dang_vien: args.per == Per::DangVien,
        },
    )?;
    let sheet = match args.per {
        Per::ChiBo => CHI_BO.name,
        Per::DangVien => DANG_VIEN.name,
    };
    // Errors outside the rows being batched reject the whole run; bad rows of the batched sheet are skipped.
    let (row_errors, fatal): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .partition(|d| {
            d.row.is_some()
                && d.sheet.as_deref().is_some_and(|s| {
                    crate::workbook::matching::match_key(s)
                        == crate::workbook::matching::match_key(sheet)
                })
        });
    if !fatal.is_empty() {
        return Err(Error::Data {
            file: loaded.dataset.file.clone(),
            diagnostics: fatal,
        });
    }
    let warnings: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    print_warnings(&loaded.dataset.file, &warnings);
    let bad_rows: BTreeSet<usize> = row_errors.iter().filter_map(|d| d.row).collect();
    for d in &row_errors {
        eprintln!(
            "lỗi: {}!{}: {} (bỏ qua hàng này)",
            sheet,
            d.row.unwrap_or(0),
            diag_text(d)
        );
    }
    if args.fail_fast && !row_errors.is_empty() {
        eprintln!("lỗi: dừng vì --fail-fast; chưa ghi tệp nào");
        return Ok(ExitCode::from(1));
    }

    drop(workbook_timing);
    let plan_timing = timing::span(Stage::Plan);
    let ds = loaded.dataset;
    let tong_hop = ds.tong_hop(&VnCollator::new());
    let base = context::base(&ds, &tong_hop);
    let kind = match args.per {
        Per::ChiBo => "cam-ket-chi-bo",
        Per::DangVien => "cam-ket-dang-vien",
    };
    let jobs_list = plan(&ds, args.per, &base, &templates, kind, &bad_rows)?;
    drop(plan_timing);
    ensure_dir(&args.source.out)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::usage(format!("không tạo được {jobs} luồng: {e}"), "giảm --jobs"))?;
    let progress = progress_bar(jobs_list.len() as u64);
    let written = AtomicUsize::new(0);
    let docs_done = AtomicUsize::new(0);
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let stop = std::sync::atomic::AtomicBool::new(false);
    if formats.contains(&Format::Pdf) {
        // Fail before any work if the PDF engine cannot be built.
        render::pdf::PdfEngine::global()?;
    }
    let out_dir = args.source.out.as_path();

    pool.install(|| {
        jobs_list.par_iter().for_each(|job| {
            if args.fail_fast && stop.load(Ordering::Relaxed) {
                return;
            }
            let result = make_one(job, kind, &templates, &profile, &formats, out_dir);
            match result {
                Ok(n) => {
                    written.fetch_add(n, Ordering::Relaxed);
                    docs_done.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut f) = failures.lock() {
                        f.push(format!("{sheet}!{}: {e}", job.row));
                    }
                }
            }
            progress.inc(1);
        });
    });
    progress.finish_and_clear();

    let failures = failures.into_inner().unwrap_or_default();
    for f in &failures {
        eprintln!("lỗi: {f}");
    }
    let mut extra_files = 0;
    if failures.is_empty() || !args.fail_fast {
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

    // Only the documents whose files were all written count (a --fail-fast stop leaves some undone).
    let docs = docs_done.load(Ordering::Relaxed);
    let secs = started.elapsed().as_secs_f64();
    let per_sec = if secs > 0.0 { docs as f64 / secs } else { 0.0 };
    let files = written.load(Ordering::Relaxed) + extra_files;
    timing::report(docs, started.elapsed());
    crate::outln!(
        "Đã ghi {docs} văn bản ({files} tệp) vào {} trong {} giây: {} văn bản/giây.",
        out_dir.display(),
        crate::template::filters::format_number(secs, 2),
        crate::template::filters::format_number(per_sec, 1)
    );
    Ok(if failures.is_empty() && row_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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

/// The jobs in sheet order, with unique file stems ("007-to-trong-han", a repeat gets "-2", "-3").
fn plan(
    ds: &Dataset,
    per: Per,
    base: &ContextValue,
    templates: &Templates,
    kind: &str,
    bad_rows: &BTreeSet<usize>,
) -> Result<Vec<Job>> {
    let contexts: Vec<(usize, ContextValue)> = match per {
        Per::ChiBo => ds
            .chi_bo
            .iter()
            .filter(|c| !bad_rows.contains(&c.row))
            .map(|c| (c.row, context::for_chi_bo(base, c)))
            .collect(),
        Per::DangVien => ds
            .dang_vien
            .iter()
            .filter(|d| !bad_rows.contains(&d.row))
            .map(|d| {
                (
                    d.row,
                    context::for_dang_vien(base, d, ds.chi_bo_named(&d.chi_bo)),
                )
            })
            .collect(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(contexts.len());
    for (row, ctx) in contexts {
        let stem = templates.file_stem(kind, &ctx)?;
        let n = seen.entry(stem.to_lowercase()).or_insert(0);
        *n += 1;
        let stem = if *n == 1 { stem } else { format!("{stem}-{n}") };
        out.push(Job { row, stem, ctx });
    }
    Ok(out)
}

/// Renders one form and writes its files; returns the number of files written.
fn make_one(
    job: &Job,
    kind: &str,
    templates: &Templates,
    profile: &Profile,
    formats: &[Format],
    out_dir: &Path,
) -> Result<usize> {
    let mut doc: Document = timing::time(Stage::Template, || {
        templates.render(kind, &job.ctx, profile.the_thuc)
    })?;
    doc.file_stem = job.stem.clone();
    let mut n = 0;
    for f in formats {
        // PDF stages are timed inside render::pdf (the Typst part on its session thread).
        let _docx_timing = (*f == Format::Docx).then(|| timing::span(Stage::Docx));
        let bytes = render::render(&doc, profile, *f)?;
        let path = out_dir.join(format!("{}.{}", job.stem, f.extension()));
        timing::time(Stage::Write, || write_atomic(&path, &bytes))?;
        n += 1;
    }
    Ok(n)
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
    let tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
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
    let tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    render::pdf_merge::merge_files_into(files, std::io::BufWriter::new(tmp.as_file()))?;
    tmp.persist(dest).map_err(|e| err(e.error))?;
    Ok(())
}
