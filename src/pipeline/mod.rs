//! The pipeline as a library: workbook → data → kind → IR → DOCX / PDF bytes.
//!
//! The command line and the web page call these functions and only decide where bytes go. An
//! [`Engine`] holds what is loaded once (templates and profile); [`Data`] is one workbook read and
//! checked for one kind; [`document`] makes one document, [`plan`] lists the documents of a batch (rows
//! chosen by the kind's `per` and `chon`, unique file names, an optional shard) and [`batch::run`] makes
//! them in parallel. [`check`] is the report of `vanban check`.

pub mod batch;
pub mod check;

use crate::error::{Diagnostic, Error, Result, SheetId};
use crate::ir::Document;
use crate::model::{self, Dataset, Needs, TongHop, VnCollator, XepLoai};
use crate::profile::Profile;
use crate::render::{self, Format};
use crate::sample;
use crate::template::{ContextValue, Kind, Per, Templates, context};
use crate::workbook::{ReadLimits, Workbook};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

pub use batch::{Shard, parse_shard};

/// Where the workbook comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// The embedded sample workbook.
    Sample,
    /// A file on disk.
    Path(PathBuf),
    /// Bytes already in memory (an upload), with the name to show in messages.
    Bytes {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// The name messages use ("du-lieu.xlsx").
        name: String,
    },
}

impl Input {
    /// The name messages use for this workbook.
    pub fn display_name(&self) -> String {
        match self {
            Input::Sample => sample::SAMPLE_NAME.to_owned(),
            Input::Path(p) => p.display().to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }

    /// Opens the workbook within the reading limits (exit-2 errors for a missing, unreadable,
    /// non-spreadsheet or oversized file).
    pub fn open(&self, limits: &ReadLimits) -> Result<Workbook> {
        match self {
            Input::Sample => {
                Workbook::from_bytes(sample::SAMPLE_XLSX.to_vec(), sample::SAMPLE_NAME, limits)
            }
            Input::Path(p) => Workbook::open(p, limits),
            Input::Bytes { bytes, name } => Workbook::from_bytes(bytes.clone(), name, limits),
        }
    }
}

/// What is loaded once and shared by every document: the templates (kinds), the layout profile and the
/// limits workbooks are read within.
pub struct Engine {
    /// The kinds and shared macros.
    pub templates: Templates,
    /// The layout profile.
    pub profile: Profile,
    /// Rows per sheet and inflated sheet size a workbook may have (`--max-rows`).
    pub limits: ReadLimits,
}

impl Engine {
    /// Loads the profile (`dang`, `nha-nuoc`, … or a `.toml` path) and the templates (embedded, then
    /// `templates_dir`).
    pub fn load(templates_dir: Option<&std::path::Path>, profile: &str) -> Result<Engine> {
        Ok(Engine {
            profile: Profile::load(profile)?,
            templates: Templates::new(templates_dir)?,
            limits: ReadLimits::default(),
        })
    }
}

/// One kind as `vanban kinds --json` and `GET /api/kinds` list it.
#[derive(Debug, Clone, Serialize)]
pub struct KindEntry {
    /// The kind's name ("ke-hoach").
    pub kind: String,
    /// Its document type ("Kế hoạch"), when the file says it.
    pub ten_loai: Option<String>,
    /// "chi-bo", "dang-vien", or null for one document for the whole đảng bộ.
    pub per: Option<&'static str>,
    /// "embedded", or the `--templates` folder as given.
    pub source: String,
    /// For a broken kind file: the error, with file and line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loi: Option<String>,
}

/// Every kind, broken ones included (with their error), sorted by name.
pub fn kind_entries(templates: &Templates) -> Vec<KindEntry> {
    templates
        .kinds()
        .map(|k| KindEntry {
            kind: k.name.clone(),
            ten_loai: k.ten_loai.clone(),
            per: k.per.map(Per::as_str),
            source: k.origin.label().to_owned(),
            loi: k.problem.as_ref().map(|p| {
                let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
                format!("mẫu {}.md{line}: {}", k.name, p.message)
            }),
        })
        .collect()
}

/// One workbook, read and checked for one kind.
pub struct Data {
    /// The records.
    pub dataset: Dataset,
    /// The aggregates.
    pub tong_hop: TongHop,
    /// Warnings (quota, score bands …), for stderr or the page.
    pub warnings: Vec<Diagnostic>,
    /// Errors on single rows of the kind's `per` sheet; those rows are skipped by a batch. Empty when
    /// the data was loaded strictly.
    pub row_errors: Vec<Diagnostic>,
    base: ContextValue,
}

/// How data errors are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Any error rejects the data (one document).
    Strict,
    /// Errors on single rows of the kind's `per` sheet are kept aside and those rows skipped (a batch);
    /// any other error rejects the data.
    SkipBadRows,
}

/// Reads and checks a workbook for a kind.
pub fn load_data(
    engine: &Engine,
    input: &Input,
    kind: &Kind,
    strictness: Strictness,
) -> Result<Data> {
    let workbook = input.open(&engine.limits)?;
    let needs = Needs {
        dang_vien: engine.templates.needs_dang_vien(kind),
    };
    let loaded = model::load(&workbook, needs, &engine.profile.rules);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = loaded
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    let (row_errors, fatal): (Vec<Diagnostic>, Vec<Diagnostic>) = match (strictness, kind.per) {
        (Strictness::SkipBadRows, Some(per)) => {
            errors.into_iter().partition(|d| is_row_error_of(d, per))
        }
        _ => (Vec::new(), errors),
    };
    if !fatal.is_empty() {
        return Err(Error::Data {
            file: loaded.dataset.file.clone(),
            diagnostics: fatal,
        });
    }
    let dataset = loaded.dataset;
    let tong_hop = dataset.tong_hop(&VnCollator::new());
    let base = context::base(&dataset, &tong_hop);
    Ok(Data {
        dataset,
        tong_hop,
        warnings,
        row_errors,
        base,
    })
}

/// True when a diagnostic is about one row of the sheet a `per` kind batches over (by the sheet's
/// canonical identity, whatever name the workbook gives it).
fn is_row_error_of(d: &Diagnostic, per: Per) -> bool {
    let sheet = match per {
        Per::ChiBo => SheetId::ChiBo,
        Per::DangVien => SheetId::DangVien,
    };
    d.row.is_some() && d.sheet_id == Some(sheet)
}

/// One row a per-row kind can make a document from.
#[derive(Debug, Clone, Serialize)]
pub struct RowInfo {
    /// The row's STT.
    pub stt: i64,
    /// The chi bộ's or đảng viên's name.
    pub ten: String,
    /// Its xếp loại, if rated.
    pub xep_loai: Option<XepLoai>,
    /// The 1-based row in its sheet.
    #[serde(skip)]
    pub row: usize,
}

/// A row with the context its document is rendered with.
struct RowCtx {
    info: RowInfo,
    ctx: ContextValue,
}

/// Every row of the kind's `per` sheet in sheet order, bad rows left out, with its context.
fn row_contexts(data: &Data, per: Per) -> Vec<RowCtx> {
    let bad: std::collections::BTreeSet<usize> =
        data.row_errors.iter().filter_map(|d| d.row).collect();
    let ds = &data.dataset;
    match per {
        Per::ChiBo => ds
            .chi_bo
            .iter()
            .filter(|c| !bad.contains(&c.row))
            .map(|c| RowCtx {
                info: RowInfo {
                    stt: c.stt,
                    ten: c.ten.clone(),
                    xep_loai: c.xep_loai,
                    row: c.row,
                },
                ctx: context::for_chi_bo(&data.base, c),
            })
            .collect(),
        Per::DangVien => ds
            .dang_vien
            .iter()
            .filter(|d| !bad.contains(&d.row))
            .map(|d| RowCtx {
                info: RowInfo {
                    stt: d.stt,
                    ten: d.ho_ten.clone(),
                    xep_loai: d.xep_loai,
                    row: d.row,
                },
                ctx: context::for_dang_vien(&data.base, d, ds.chi_bo_named(&d.chi_bo)),
            })
            .collect(),
    }
}

/// The rows a per-row kind makes documents from, after its `chon` filter, in sheet order. A kind
/// without `per` has none.
pub fn rows(engine: &Engine, data: &Data, kind: &Kind) -> Result<Vec<RowInfo>> {
    let Some(per) = kind.per else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for r in row_contexts(data, per) {
        if engine.templates.chooses(kind, &r.ctx)? {
            out.push(r.info);
        }
    }
    Ok(out)
}

/// The usage error for a per-row kind asked for one document without an STT; `Ok` for other kinds.
pub fn document_needs_stt(kind: &Kind) -> Result<()> {
    match kind.per {
        None => Ok(()),
        Some(per) => Err(Error::usage(
            format!(
                "loại {} làm một văn bản cho mỗi {}: cần --stt",
                kind.name,
                per.noun()
            ),
            format!(
                "ví dụ: vanban render {} --stt 1; muốn dựng tất cả thì dùng vanban batch {}",
                kind.name, kind.name
            ),
        )),
    }
}

/// Makes one document of a kind: the whole organisation's, or for a per-row kind the row with STT
/// `stt` (which must be given, exist and pass the kind's `chon`).
pub fn document(engine: &Engine, data: &Data, kind: &Kind, stt: Option<i64>) -> Result<Document> {
    let ctx = match (kind.per, stt) {
        (None, None) => data.base.clone(),
        (None, Some(_)) => {
            return Err(Error::usage(
                format!("loại {} là một văn bản chung, không dùng --stt", kind.name),
                "bỏ --stt",
            ));
        }
        (Some(_), None) => {
            document_needs_stt(kind)?;
            data.base.clone()
        }
        (Some(per), Some(stt)) => {
            let all = row_contexts(data, per);
            let Some(row) = all.iter().find(|r| r.info.stt == stt) else {
                let stts: Vec<i64> = all.iter().map(|r| r.info.stt).collect();
                let range = match (stts.iter().min(), stts.iter().max()) {
                    (Some(a), Some(b)) => format!("STT có trong dữ liệu: từ {a} đến {b}"),
                    _ => format!("dữ liệu không có {} nào", per.noun()),
                };
                return Err(Error::usage(
                    format!("không có {} có STT {stt}", per.noun()),
                    range,
                ));
            };
            if !engine.templates.chooses(kind, &row.ctx)? {
                return Err(Error::usage(
                    format!(
                        "{} STT {stt} ({}) không thuộc diện của loại {} (chon = \"{}\")",
                        per.noun(),
                        row.info.ten,
                        kind.name,
                        kind.chon.as_deref().unwrap_or_default()
                    ),
                    format!(
                        "xem các STT được chọn bằng vanban batch {}, hoặc chọn STT khác",
                        kind.name
                    ),
                ));
            }
            row.ctx.clone()
        }
    };
    engine.templates.render(&kind.name, &ctx)
}

/// Renders a document to the bytes of one format.
pub fn render_bytes(engine: &Engine, doc: &Document, format: Format) -> Result<Vec<u8>> {
    render::render(doc, &engine.profile, format)
}

/// One document of a batch: the row, its unique file stem and its context.
pub struct Job {
    /// The row it comes from.
    pub row: RowInfo,
    /// The output file stem, unique in the batch ("007-to-trong-han", a repeat gets "-2").
    pub stem: String,
    ctx: ContextValue,
}

/// What a batch of `kind` is made per; a usage error (exit 2) for a kind with one document for the whole
/// đảng bộ, which has nothing to batch.
pub fn batch_per(kind: &Kind) -> Result<Per> {
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
pub fn plan(engine: &Engine, data: &Data, kind: &Kind, shard: Option<Shard>) -> Result<Vec<Job>> {
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

/// Makes the document of one batch job (its file stem is the job's).
pub fn job_document(engine: &Engine, kind: &Kind, job: &Job) -> Result<Document> {
    let mut doc = crate::timing::time(crate::timing::Stage::Template, || {
        engine.templates.render(&kind.name, &job.ctx)
    })?;
    doc.file_stem = job.stem.clone();
    Ok(doc)
}

/// The kind `batch cam-ket --per chi-bo|dang-vien` means (kept for scripts written before kinds were
/// files): `cam-ket-chi-bo` or `cam-ket-dang-vien`.
pub fn legacy_batch_kind(name: &str, per: Option<Per>) -> Option<String> {
    (name == "cam-ket").then(|| format!("cam-ket-{}", per.unwrap_or(Per::DangVien).as_str()))
}
