//! Numbering documents from the register (`--cap-so`): one document ([`render_numbered`]) or a batch
//! ([`Batch::run_numbered`]), following the register's crash-safety protocol (see
//! [`crate::register`]): the document is made once without a number (a failing render takes none), the
//! number(s) and rows are taken in one transaction, the document is made with its number, its files
//! are handed to the caller's `stage` (written under temporary names), one transaction records the
//! files and their SHA-256, and only then does the caller give the files their final names.
//!
//! The template sees the number where it would see the workbook's (`org.so_thong_bao` for a "TB"
//! kind), so file names made from the number carry it, and the number line always prints it.

use super::batch::{Batch, Job, Outcome};
use super::document::{document_context, document_needs_stt, lay_out, write};
use super::{DocumentRequest, Engine, Format, Rendered, Strictness, load_data};
use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Document, plain_text};
use crate::model::Org;
use crate::register::{self, Entry, FileRecord, Register, Series, Special, Taken};
use crate::render::pdf::PdfEngine;
use crate::template::{ContextValue, context};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where numbers come from and who takes them.
#[derive(Debug, Clone)]
pub struct CapSo {
    /// The register file (`--so-dang-ky`, default `so-dang-ky.sqlite`).
    pub so_dang_ky: PathBuf,
    /// Who takes the numbers: the user account, or for the web page a typed name or the client's
    /// address.
    pub nguoi_lay: String,
    /// Secret or congress documents, numbered as the profile says.
    pub special: Special,
}

impl CapSo {
    /// Numbers from `so_dang_ky`, taken by `nguoi_lay`, for ordinary documents.
    pub fn new(so_dang_ky: impl Into<PathBuf>, nguoi_lay: impl Into<String>) -> Self {
        CapSo {
            so_dang_ky: so_dang_ky.into(),
            nguoi_lay: nguoi_lay.into(),
            special: Special::None,
        }
    }
}

/// Where the caller put one file of a numbered document: its name and, when written to disk, its
/// final path (recorded in the register for `register verify`).
#[derive(Debug, Clone)]
pub struct Placed {
    /// The file's name.
    pub ten: String,
    /// Its final path on disk (absolute), or `None` for a download.
    pub duong_dan: Option<PathBuf>,
}

/// The warning given when the profile numbers per term and the workbook names none.
fn no_term_warning() -> Diagnostic {
    Diagnostic::warning(
        "thieu_nhiem_ky",
        "trang Thông tin chưa có \"Nhiệm kỳ\": số văn bản đảng được cấp theo nhiệm kỳ cấp ủy (Hướng dẫn 05-HD/VPTW), nay tạm cấp theo năm dương lịch",
    )
    .with_hint("thêm dòng \"Nhiệm kỳ\" (ví dụ 2025-2030) vào trang Thông tin")
}

/// The series a document's number comes from; true when the term is missing (warn).
fn series_of(
    engine: &Engine,
    doc: &Document,
    org: &Org,
    special: Special,
) -> Result<(Series, bool)> {
    let Some(n) = &doc.header.number else {
        return Err(Error::usage(
            "văn bản loại này không có số, ký hiệu ([number] trong mẫu): không cấp số được",
            "bỏ --cap-so",
        ));
    };
    register::series_for(
        &engine.profile.numbering,
        &n.loai,
        &n.ky_hieu,
        special,
        org.nhiem_ky.as_deref(),
        doc.header.ngay,
        register::store::today(),
    )
    .map_err(|m| Error::usage(m, "kiểm tra [number] của mẫu và trang Thông tin"))
}

/// The register row of a document.
fn entry_of(engine: &Engine, kind: &str, doc: &Document, du_lieu: &str, nguoi_lay: &str) -> Entry {
    let noi_nhan = doc.noi_nhan.as_ref();
    Entry {
        ngay: doc.header.ngay,
        ten_loai: doc.title.ten_loai.clone(),
        trich_yeu: plain_text(&doc.title.trich_yeu),
        nguoi_ky: doc.signatures.right.ho_ten.clone(),
        noi_nhan: noi_nhan.map(|n| n.items.join("; ")).unwrap_or_default(),
        luu: noi_nhan.and_then(|n| n.luu.clone()).unwrap_or_default(),
        so_luong_ban: None,
        ghi_chu: String::new(),
        co_quan: doc.header.co_quan.clone(),
        cap_tren: doc.header.cap_tren.clone(),
        dia_danh: doc.header.dia_danh.clone(),
        kind: kind.to_owned(),
        profile: engine.profile.name.clone(),
        du_lieu: du_lieu.to_owned(),
        nguoi_lay: nguoi_lay.to_owned(),
    }
}

/// The context a numbered document is made from: `org.so_…` of its type is the number.
fn numbered_context(ctx: &ContextValue, org: &Org, loai: &str, so: &str) -> ContextValue {
    let mut org = org.clone();
    match org.number_mut(loai) {
        Some(field) => {
            *field = Some(so.to_owned());
            context::with_org(ctx, &org)
        }
        None => ctx.clone(),
    }
}

/// Prints the number whatever the template put in `[number] so`.
fn stamp(doc: &mut Document, so: &str) {
    if let Some(n) = doc.header.number.as_mut() {
        n.so = Some(so.to_owned());
    }
}

fn hashes(files: &[(Format, Vec<u8>)]) -> Vec<String> {
    files
        .iter()
        .map(|(_, bytes)| register::sha256_hex(bytes))
        .collect()
}

fn records(hashes: Vec<String>, placed: &[Placed]) -> Vec<FileRecord> {
    hashes
        .into_iter()
        .zip(placed)
        .map(|(sha256, p)| FileRecord {
            ten: p.ten.clone(),
            duong_dan: p.duong_dan.as_ref().map(|d| d.display().to_string()),
            sha256,
        })
        .collect()
}

/// One numbered document: rendered, its files staged by the caller, the register committed.
pub struct Issued<T> {
    /// The document's files (and warnings).
    pub rendered: Rendered,
    /// What the caller's `stage` returned (temporary files to rename now).
    pub staged: T,
    /// The number and symbol issued ("05-TB/ĐU").
    pub so_ky_hieu: String,
}

/// Makes one document with the next number of its series: reads the workbook strictly, makes the
/// document once without a number (a failure takes no number), takes the number, makes it with the
/// number, hands its files to `stage` (write them under temporary names and say where they will be),
/// then records the files in the register. The caller gives the staged files their final names after
/// this returns. A failure after the number was taken releases it.
pub fn render_numbered<T>(
    engine: &Engine,
    req: &DocumentRequest,
    formats: &[Format],
    cap: &CapSo,
    stage: impl FnOnce(&Rendered) -> Result<(T, Vec<Placed>)>,
) -> Result<Issued<T>> {
    if formats.contains(&Format::Ir) {
        return Err(Error::usage(
            "--cap-so không đi cùng --format ir",
            "dùng --format docx, pdf hoặc docx,pdf",
        ));
    }
    let kind = engine.kind(&req.kind)?;
    if kind.per.is_some() && req.stt.is_none() {
        document_needs_stt(kind)?;
    }
    let data = load_data(engine, &req.input, kind, Strictness::Strict)?;
    let images = req.signing.load(engine)?;
    let ctx = document_context(engine, &data, kind, req.stt)?;
    let dry = engine.templates.render(&kind.name, &ctx)?;
    let org = &data.dataset.org;
    let (series, no_term) = series_of(engine, &dry, org, cap.special)?;
    let entry = entry_of(engine, &kind.name, &dry, &data.dataset.file, &cap.nguoi_lay);
    let mut reg = Register::open_write(&cap.so_dang_ky)?;
    let taken = reg
        .reserve(&[(series.clone(), entry)])?
        .into_iter()
        .next()
        .ok_or_else(|| Error::usage("không lấy được số", "chạy lại"))?;
    let made = (|| -> Result<(Rendered, T, Vec<Placed>)> {
        let ctx = numbered_context(&ctx, org, &series.loai, &taken.so_text);
        let mut doc = engine.templates.render(&kind.name, &ctx)?;
        stamp(&mut doc, &taken.so_text);
        doc.images = images;
        let layout = lay_out(engine, &doc, req.options);
        let mut files = Vec::with_capacity(formats.len());
        for f in formats {
            files.push((*f, write(&layout, *f, req.options)?));
        }
        let mut warnings = data.warnings.clone();
        if no_term {
            warnings.push(no_term_warning());
        }
        let rendered = Rendered {
            stem: doc.file_stem,
            files,
            data_file: data.dataset.file.clone(),
            warnings,
        };
        let (staged, placed) = stage(&rendered)?;
        Ok((rendered, staged, placed))
    })();
    match made {
        Err(e) => {
            // The number goes back (or, if a later one was taken meanwhile, is cancelled with the
            // reason); the error the user sees is the render's.
            let _ = reg.commit(&[], &[(taken.id, e.to_string())]);
            Err(e)
        }
        Ok((rendered, staged, placed)) => {
            let recs = records(hashes(&rendered.files), &placed);
            reg.commit(&[(taken.id, recs)], &[])?;
            Ok(Issued {
                rendered,
                staged,
                so_ky_hieu: taken.so_ky_hieu,
            })
        }
    }
}

/// What a numbered batch did: the batch's outcome, the staged files of each issued document (in row
/// order) for the caller to rename, the numbers issued, warnings, and the write error that stopped it,
/// if any (the documents staged before it are issued).
pub struct NumberedRun<T> {
    /// Documents made, files written, failures.
    pub outcome: Outcome,
    /// What the sink returned for each issued document, in row order.
    pub staged: Vec<T>,
    /// The numbers issued, in row order ("01-TB/ĐU" …).
    pub numbers: Vec<String>,
    /// Warnings about numbering (a missing term).
    pub warnings: Vec<Diagnostic>,
    /// A write error that stopped the batch.
    pub write_error: Option<Error>,
}

/// A document's files, by format.
type Files = Vec<(Format, Vec<u8>)>;

/// One document of a numbered batch being made.
struct Slot<'a> {
    job: &'a Job,
    dry: Document,
    taken: Taken,
    series: Series,
}

impl Batch<'_> {
    /// Makes every document with the next numbers of its series: the jobs are made once without a
    /// number (failures take none; with `fail_fast` any failure stops the batch before a number is
    /// taken), a consecutive block of numbers is taken in row order in one transaction, every document
    /// is made with its number and handed to `sink` (which writes its files under temporary names and
    /// says where they go), then one transaction records every document's files. The caller renames
    /// the staged files after this returns.
    pub fn run_numbered<T, S, P>(&self, cap: &CapSo, sink: S, progress: P) -> Result<NumberedRun<T>>
    where
        T: Send,
        S: Fn(&Job, &str, Vec<(Format, Vec<u8>)>) -> Result<(T, Vec<Placed>)> + Sync,
        P: Fn() + Sync,
    {
        if self.formats.contains(&Format::Pdf) {
            PdfEngine::global()?;
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.workers)
            .build()
            .map_err(|e| {
                Error::usage(
                    format!("không tạo được {} luồng: {e}", self.workers),
                    "giảm --jobs",
                )
            })?;
        let dry: Vec<Result<Document>> =
            pool.install(|| self.jobs.par_iter().map(|j| self.document(j)).collect());
        let mut failures: Vec<(usize, Error)> = Vec::new();
        let mut ok: Vec<(&Job, Document)> = Vec::new();
        for (job, d) in self.jobs.iter().zip(dry) {
            match d {
                Ok(d) => ok.push((job, d)),
                Err(e) => {
                    failures.push((job.row.row, e));
                    progress();
                }
            }
        }
        let mut warnings = Vec::new();
        let done = |failures: Vec<(usize, Error)>, warnings| NumberedRun {
            outcome: Outcome {
                documents: 0,
                files: 0,
                failures,
            },
            staged: Vec::new(),
            numbers: Vec::new(),
            warnings,
            write_error: None,
        };
        if (self.fail_fast && !failures.is_empty()) || ok.is_empty() {
            return Ok(done(failures, warnings));
        }
        let org = &self.data.dataset.org;
        let mut entries = Vec::with_capacity(ok.len());
        let mut no_term = false;
        for (_, d) in &ok {
            let (series, nt) = series_of(self.engine, d, org, cap.special)?;
            no_term |= nt;
            entries.push((
                series,
                entry_of(
                    self.engine,
                    &self.kind.name,
                    d,
                    self.data_file(),
                    &cap.nguoi_lay,
                ),
            ));
        }
        if no_term {
            warnings.push(no_term_warning());
        }
        let mut reg = Register::open_write(&cap.so_dang_ky)?;
        let taken = reg.reserve(&entries)?;
        let slots: Vec<Slot<'_>> = ok
            .into_iter()
            .zip(entries)
            .zip(taken)
            .map(|(((job, dry), (series, _)), taken)| Slot {
                job,
                dry,
                taken,
                series,
            })
            .collect();
        type Made<T> = (T, Vec<FileRecord>);
        let results: Vec<Mutex<Option<Result<Made<T>>>>> =
            slots.iter().map(|_| Mutex::new(None)).collect();
        let write_failed = AtomicBool::new(false);
        let stop = AtomicBool::new(false);
        pool.install(|| {
            slots.par_iter().zip(&results).for_each(|(slot, out)| {
                if write_failed.load(Ordering::Relaxed)
                    || (self.fail_fast && stop.load(Ordering::Relaxed))
                {
                    return;
                }
                let r = self.numbered_document(slot).and_then(|(stem, files)| {
                    let sums = hashes(&files);
                    let (staged, placed) = sink(slot.job, &stem, files)?;
                    Ok((staged, records(sums, &placed)))
                });
                match &r {
                    Err(Error::Output { .. }) => write_failed.store(true, Ordering::Relaxed),
                    Err(_) => stop.store(true, Ordering::Relaxed),
                    Ok(_) => {}
                }
                if let Ok(mut o) = out.lock() {
                    *o = Some(r);
                }
                progress();
            });
        });
        let mut issued = Vec::new();
        let mut released = Vec::new();
        let mut staged = Vec::new();
        let mut numbers = Vec::new();
        let mut write_error = None;
        let mut outcome = Outcome::default();
        for (slot, out) in slots.iter().zip(results) {
            match out.into_inner().ok().flatten() {
                Some(Ok((t, recs))) => {
                    outcome.documents += 1;
                    outcome.files += recs.len();
                    issued.push((slot.taken.id, recs));
                    staged.push(t);
                    numbers.push(slot.taken.so_ky_hieu.clone());
                }
                Some(Err(e @ Error::Output { .. })) => {
                    released.push((slot.taken.id, e.to_string()));
                    write_error.get_or_insert(e);
                }
                Some(Err(e)) => {
                    released.push((slot.taken.id, e.to_string()));
                    failures.push((slot.job.row.row, e));
                }
                None => {
                    released.push((slot.taken.id, "dừng trước khi dựng văn bản này".to_owned()))
                }
            }
        }
        reg.commit(&issued, &released)?;
        failures.sort_by_key(|(row, _)| *row);
        outcome.failures = failures;
        Ok(NumberedRun {
            outcome,
            staged,
            numbers,
            warnings,
            write_error,
        })
    }

    /// Makes one document of a numbered batch with its number: its file stem (the job's, unless the
    /// kind's file name carries the number) and its files.
    fn numbered_document(&self, slot: &Slot<'_>) -> Result<(String, Files)> {
        let org = &self.data.dataset.org;
        let ctx = numbered_context(&slot.job.ctx, org, &slot.series.loai, &slot.taken.so_text);
        let mut doc = self.engine.templates.render(&self.kind.name, &ctx)?;
        stamp(&mut doc, &slot.taken.so_text);
        let stem = if doc.file_stem == slot.dry.file_stem {
            slot.job.stem.clone()
        } else {
            doc.file_stem.clone()
        };
        doc.file_stem.clone_from(&stem);
        doc.images.clone_from(&self.images);
        let layout = lay_out(self.engine, &doc, self.options);
        let mut files = Vec::with_capacity(self.formats.len());
        for f in &self.formats {
            files.push((*f, write(&layout, *f, self.options)?));
        }
        Ok((stem, files))
    }
}
