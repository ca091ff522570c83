//! Many documents of one kind: [`prepare`] reads the workbook (bad rows of the batched sheet set aside)
//! and plans one job per chosen row, with a file name unique in the batch; [`Batch::run`] makes them in
//! parallel on rayon workers, each with its own Typst session (kept by the PDF writer per thread), the
//! layout built once per document for both formats. What happens to the bytes — files on disk, a zip
//! in memory — is the caller's: each finished document is handed to a sink.

use super::data::{RowInfo, row_contexts};
use super::document::{SigningFiles, lay_out, write};
use super::{Data, Engine, Format, Input, Strictness, load_data};
use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Document, SigningImages};
use crate::render::{RenderOptions, pdf::PdfEngine};
use crate::template::{ContextValue, Kind, Per};
use crate::timing::{self, Stage};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Shard `index` of `count` (index from 1): the rows whose position in their sheet falls in the
/// index-th of `count` contiguous, near-equal slices. Shards are deterministic, disjoint and together
/// complete, so N machines can split one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// True when position `pos` (from 0) of `total` rows belongs to this shard.
    pub fn contains(self, pos: usize, total: usize) -> bool {
        let (start, end) = self.bounds(total);
        (start..end).contains(&pos)
    }

    /// The positions `[start, end)` of this shard among `total` rows.
    pub fn bounds(self, total: usize) -> (usize, usize) {
        let at = |i: usize| ((i as u128 * total as u128) / self.count as u128) as usize;
        (at(self.index - 1), at(self.index))
    }
}

/// Parses `--shard I/N` (1 ≤ I ≤ N); anything else is a usage error.
pub fn parse_shard(s: &str) -> Result<Shard> {
    let bad = || {
        Error::usage(
            format!("--shard \"{s}\" không hợp lệ"),
            "viết --shard I/N với 1 ≤ I ≤ N, ví dụ --shard 3/8 (phần thứ 3 trong 8 phần)",
        )
    };
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let index: usize = i.trim().parse().map_err(|_| bad())?;
    let count: usize = n.trim().parse().map_err(|_| bad())?;
    if index == 0 || count == 0 || index > count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

/// A batch to make: which kind (or the legacy `cam-ket` with `per`), from which workbook, in which
/// formats, on how many workers.
#[derive(Debug, Clone)]
pub struct BatchRequest {
    /// The kind's name; `cam-ket` with [`per`](Self::per) means `cam-ket-chi-bo` or `cam-ket-dang-vien`
    /// (kept for scripts written before kinds were files).
    pub kind: String,
    /// What the batch is made per, when the caller says it (`--per`); it must agree with the kind's own.
    pub per: Option<Per>,
    /// The workbook.
    pub input: Input,
    /// The formats each document is rendered to (not [`Format::Ir`]).
    pub formats: Vec<Format>,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Stop at the first failure (documents already handed to the sink stay).
    pub fail_fast: bool,
    /// Only this shard of the rows.
    pub shard: Option<Shard>,
    /// Signature and seal pictures placed on every document.
    pub signing: SigningFiles,
    /// Output options (PDF/A).
    pub options: RenderOptions,
}

impl BatchRequest {
    /// A batch of a kind from a workbook in DOCX and PDF on one worker, without pictures.
    pub fn new(kind: impl Into<String>, input: Input) -> Self {
        BatchRequest {
            kind: kind.into(),
            per: None,
            input,
            formats: vec![Format::Docx, Format::Pdf],
            jobs: 1,
            fail_fast: false,
            shard: None,
            signing: SigningFiles::default(),
            options: RenderOptions::default(),
        }
    }
}

/// One document of a batch: the row, its unique file stem and its context.
pub struct Job {
    /// The row it comes from.
    pub row: RowInfo,
    /// The output file stem, unique in the batch ("007-to-trong-han", a repeat gets "-2").
    pub stem: String,
    pub(super) ctx: ContextValue,
}

/// What a batch of `kind` is made per; a usage error (exit 2) for a kind with one document for the whole
/// đảng bộ, which has nothing to batch.
fn batch_per(kind: &Kind) -> Result<Per> {
    kind.per.ok_or_else(|| {
        Error::usage(
            format!(
                "loại {} là một văn bản chung, không dựng hàng loạt",
                kind.name
            ),
            format!(
                "dùng vanban render {}; batch nhận các loại có per (xem vanban kinds)",
                kind.name
            ),
        )
    })
}

/// The documents a batch of a per-row kind makes, in sheet order: the rows its `chon` picks, bad rows
/// left out, each with a file stem unique in the whole batch; with a shard, only the rows whose position
/// in the sheet falls in it (file names stay those of the whole batch).
fn plan(engine: &Engine, data: &Data, kind: &Kind, shard: Option<Shard>) -> Result<Vec<Job>> {
    let per = batch_per(kind)?;
    let total = match per {
        Per::ChiBo => data.dataset.chi_bo.len(),
        Per::DangVien => data.dataset.dang_vien.len(),
    };
    let positions: HashMap<usize, usize> = match per {
        Per::ChiBo => data
            .dataset
            .chi_bo
            .iter()
            .enumerate()
            .map(|(i, c)| (c.row, i))
            .collect(),
        Per::DangVien => data
            .dataset
            .dang_vien
            .iter()
            .enumerate()
            .map(|(i, d)| (d.row, i))
            .collect(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for r in row_contexts(data, per) {
        if !engine.templates.chooses(kind, &r.ctx)? {
            continue;
        }
        let stem = engine.templates.file_stem(&kind.name, &r.ctx)?;
        let n = seen.entry(stem.to_lowercase()).or_insert(0);
        *n += 1;
        let stem = if *n == 1 { stem } else { format!("{stem}-{n}") };
        let position = positions.get(&r.info.row).copied().unwrap_or(0);
        if shard.is_none_or(|s| s.contains(position, total)) {
            out.push(Job {
                row: r.info,
                stem,
                ctx: r.ctx,
            });
        }
    }
    Ok(out)
}

/// The kind `batch cam-ket --per chi-bo|dang-vien` means; `--per` with another kind must agree with the
/// kind's own `per`.
fn batch_kind<'e>(engine: &'e Engine, req: &BatchRequest) -> Result<&'e Kind> {
    if req.kind == "cam-ket" {
        let Some(per) = req.per else {
            return Err(Error::usage(
                "batch cam-ket cần --per chi-bo hoặc --per dang-vien",
                "ví dụ: vanban batch cam-ket --per dang-vien (hoặc vanban batch cam-ket-dang-vien)",
            ));
        };
        return engine.kind(&format!("cam-ket-{}", per.as_str()));
    }
    engine.kind(&req.kind)
}

/// A planned batch: the data read, the jobs chosen, ready to [`run`](Batch::run).
pub struct Batch<'e> {
    pub(super) engine: &'e Engine,
    pub(super) kind: &'e Kind,
    pub(super) data: Data,
    pub(super) jobs: Vec<Job>,
    pub(super) images: Option<SigningImages>,
    pub(super) formats: Vec<Format>,
    pub(super) workers: usize,
    pub(super) fail_fast: bool,
    pub(super) options: RenderOptions,
}

/// Reads the workbook for a batch and plans its documents. Sheet, column or Thông tin errors reject the
/// data (nothing to make); errors on single rows of the batched sheet are kept aside
/// ([`Batch::row_errors`]) and those rows left out.
pub fn prepare<'e>(engine: &'e Engine, req: &BatchRequest) -> Result<Batch<'e>> {
    if req.jobs == 0 {
        return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
    }
    if req.formats.contains(&Format::Ir) {
        return Err(Error::usage(
            "batch không in ra IR",
            "dùng --format docx, pdf hoặc docx,pdf",
        ));
    }
    let workbook_timing = timing::span(Stage::Workbook);
    let kind = batch_kind(engine, req)?;
    let images = req.signing.load(engine)?;
    let own = batch_per(kind)?;
    if let Some(asked) = req.per
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
    let mut data = load_data(engine, &req.input, kind, Strictness::SkipBadRows)?;
    data.warnings.extend(super::document::kind_notes(kind));
    drop(workbook_timing);
    let jobs = timing::time(Stage::Plan, || plan(engine, &data, kind, req.shard))?;
    Ok(Batch {
        engine,
        kind,
        data,
        jobs,
        images,
        formats: req.formats.clone(),
        workers: req.jobs,
        fail_fast: req.fail_fast,
        options: req.options,
    })
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Documents whose every file the sink accepted.
    pub documents: usize,
    /// Files the sink wrote.
    pub files: usize,
    /// Failures: the job's row in its sheet and the error.
    pub failures: Vec<(usize, Error)>,
}

impl Batch<'_> {
    /// The documents to make, in sheet order.
    pub fn jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// The workbook's name, as messages name it.
    pub fn data_file(&self) -> &str {
        &self.data.dataset.file
    }

    /// The data's warnings (quota, score bands …).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.data.warnings
    }

    /// Errors on single rows of the batched sheet; those rows are left out of the jobs.
    pub fn row_errors(&self) -> &[Diagnostic] {
        &self.data.row_errors
    }

    /// The batched sheet's name as the workbook writes it (for "Sheet!row: …" messages).
    pub fn sheet_name(&self) -> String {
        self.data
            .row_errors
            .first()
            .and_then(|d| d.sheet.clone())
            .unwrap_or_else(|| {
                self.kind
                    .per
                    .map(|p| p.noun().to_owned())
                    .unwrap_or_default()
            })
    }

    /// Makes the document of one job: its template filled, its pictures attached (its file stem is the
    /// job's).
    pub(super) fn document(&self, job: &Job) -> Result<Document> {
        let mut doc = timing::time(Stage::Template, || {
            self.engine.templates.render(&self.kind.name, &job.ctx)
        })?;
        doc.file_stem = job.stem.clone();
        doc.images.clone_from(&self.images);
        Ok(doc)
    }

    /// Renders every job in every format on the batch's workers, laying each document out once for all
    /// formats, and hands each document's files to `sink` (which returns how many files it wrote; its
    /// time counts as writing); `progress` is called once per job done.
    ///
    /// An [`Error::Output`] (the sink could not write: read-only folder, full disk) stops the whole batch
    /// at once, whatever `fail_fast` says, and is returned as the error; files the sink wrote before stay.
    pub fn run<S, P>(&self, sink: S, progress: P) -> Result<Outcome>
    where
        S: Fn(&Job, Vec<(Format, Vec<u8>)>) -> Result<usize> + Sync,
        P: Fn() + Sync,
    {
        if self.formats.contains(&Format::Pdf) {
            // Fail before any work if the PDF engine cannot be built.
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
        let files = AtomicUsize::new(0);
        let documents = AtomicUsize::new(0);
        let failures: Mutex<Vec<(usize, Error)>> = Mutex::new(Vec::new());
        let stop = AtomicBool::new(false);
        let write_failed = AtomicBool::new(false);
        let write_error: Mutex<Option<Error>> = Mutex::new(None);
        pool.install(|| {
            self.jobs.par_iter().for_each(|job| {
                if write_failed.load(Ordering::Relaxed)
                    || (self.fail_fast && stop.load(Ordering::Relaxed))
                {
                    return;
                }
                let result = self.document(job).and_then(|doc| {
                    let layout = lay_out(self.engine, &doc, self.options);
                    let mut out = Vec::with_capacity(self.formats.len());
                    for f in &self.formats {
                        out.push((*f, write(&layout, *f, self.options)?));
                    }
                    timing::time(Stage::Write, || sink(job, out))
                });
                match result {
                    Ok(n) => {
                        files.fetch_add(n, Ordering::Relaxed);
                        documents.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e @ Error::Output { .. }) => {
                        write_failed.store(true, Ordering::Relaxed);
                        if let Ok(mut first) = write_error.lock() {
                            first.get_or_insert(e);
                        }
                    }
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        if let Ok(mut f) = failures.lock() {
                            f.push((job.row.row, e));
                        }
                    }
                }
                progress();
            });
        });
        if let Some(e) = write_error.into_inner().ok().flatten() {
            return Err(e);
        }
        let mut failures = failures.into_inner().unwrap_or_default();
        failures.sort_by_key(|(row, _)| *row);
        Ok(Outcome {
            documents: documents.into_inner(),
            files: files.into_inner(),
            failures,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_complete() {
        for total in [0, 1, 7, 10, 1000, 1001] {
            for count in 1..=9 {
                let mut owners = vec![0; total];
                for index in 1..=count {
                    let s = Shard { index, count };
                    for (pos, owner) in owners.iter_mut().enumerate() {
                        if s.contains(pos, total) {
                            *owner += 1;
                        }
                    }
                }
                assert!(
                    owners.iter().all(|&o| o == 1),
                    "total {total}, count {count}"
                );
            }
        }
    }

    #[test]
    fn parses_shards() {
        assert_eq!(parse_shard("3/8").unwrap(), Shard { index: 3, count: 8 });
        for bad in ["0/8", "9/8", "1/0", "a/b", "3", "-1/2", ""] {
            let e = parse_shard(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }
}
