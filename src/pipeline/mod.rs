//! The pipeline: the library's one door. Workbook → data → kind → IR → layout → DOCX / PDF bytes.
//!
//! The command line and the web page only parse requests, call these functions and decide where bytes
//! go; they never name the stages behind (workbook, model, template, IR, layout, writers). What is loaded
//! once lives in an [`Engine`] (templates and profile) built from a [`Library`] (the template files);
//! then one call per job:
//!
//! - [`render`]: one document, in one or more [`Format`]s, in memory ([`Rendered`]);
//! - [`preview`]: one document laid out for page images ([`Laid`]);
//! - [`batch::prepare`] then [`batch::Batch::run`]: every document of a per-row kind, in parallel, each
//!   handed to a sink; [`merge_pdfs`] and [`ZipOut`] join the results;
//! - [`check::check`]: the report of `vanban check`; [`kiem_tra::kiem_tra`]: a `.docx` checked against
//!   a profile's thể thức; [`kinds`] lists the kinds; [`row_infos`] the rows a
//!   kind makes; [`init_files`] the files of a new working folder.
//!
//! Inside a render the layout ([`crate::render::layout::resolve`]) is built once per document and
//! handed to both writers.

pub mod batch;
pub mod check;
mod data;
mod document;
mod extras;
mod files;
mod format;
pub mod kiem_tra;
mod kinds;
mod library;
mod numbering;
pub mod register;

pub use crate::error::{Diagnostic, Error, Result};
pub use crate::ir::{DoKhan, DoMat, HinhThucSao};
pub use crate::render::RenderOptions;
pub use crate::render::pdf::Laid;
pub use crate::template::Per;
pub use crate::template::filters::format_number;
pub use crate::timing::report as report_timings;
pub use crate::workbook::ReadLimits;
pub use batch::{Shard, parse_shard};
pub use data::{Data, RowInfo, Strictness, row_infos};
pub use document::{DocumentRequest, Rendered, SigningFiles, preview, render};
pub use extras::{CopyRequest, Extras};
pub use files::{ZipOut, init_files, merge_pdfs, word_template};
pub use format::Format;
pub use kinds::{KindEntry, kinds};
pub use library::{Library, builtin_profiles, profile_labels};
pub use numbering::{CapSo, Issued, NumberedRun, Placed, render_numbered};

/// Reading a workbook and making a document as separate steps, for fuzz targets and tests that repeat
/// one step many times (the `internals` feature).
#[cfg(feature = "internals")]
pub mod steps {
    use super::{Data, Engine, Input, Result, Strictness};
    use crate::ir::Document;

    /// Reads and checks a workbook for the kind named `kind`.
    pub fn load_data(
        engine: &Engine,
        input: &Input,
        kind: &str,
        strictness: Strictness,
    ) -> Result<Data> {
        super::data::load_data(engine, input, engine.kind(kind)?, strictness)
    }

    /// Makes the document of the kind named `kind` from data already read: the whole organisation's,
    /// or for a per-row kind the row with STT `stt`.
    pub fn document(
        engine: &Engine,
        data: &Data,
        kind: &str,
        stt: Option<i64>,
    ) -> Result<Document> {
        super::document::document(engine, data, engine.kind(kind)?, stt)
    }
}

use crate::profile::Profile;
use crate::sample;
use crate::template::{Kind, Templates};
use crate::workbook::Workbook;
use data::load_data;
use kinds::kind_entries;
use std::path::PathBuf;

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
    pub(crate) fn open(&self, limits: &ReadLimits) -> Result<Workbook> {
        match self {
            Input::Sample => {
                Workbook::from_static(sample::SAMPLE_XLSX, sample::SAMPLE_NAME, limits)
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
    pub(crate) templates: Templates,
    /// The layout profile.
    pub(crate) profile: Profile,
    /// Rows per sheet and inflated sheet size a workbook may have (`--max-rows`).
    pub(crate) limits: ReadLimits,
}

impl Engine {
    /// Loads the profile (`dang`, `nha-nuoc`, … or a `.toml` path) and the templates (embedded, then
    /// `templates_dir`), with the default reading limits.
    pub fn load(templates_dir: Option<&std::path::Path>, profile: &str) -> Result<Engine> {
        Library::load(templates_dir)?.engine(profile, ReadLimits::default())
    }

    /// Loads an engine for one kind named on the command line: a kind's name ("ke-hoach"), or a path to
    /// a kind file ("mau/thu-khen.docx", "ke-hoach-2022.md") added to the templates; returns the
    /// engine and the kind's name.
    pub fn load_for_kind(
        templates_dir: Option<&std::path::Path>,
        profile: &str,
        kind: &str,
    ) -> Result<(Engine, String)> {
        let library = Library::load(templates_dir)?;
        let lower = kind.to_ascii_lowercase();
        if lower.ends_with(".doc") || lower.ends_with(".rtf") || lower.ends_with(".odt") {
            return Err(Error::Unreadable {
                path: kind.into(),
                message: "mẫu Word phải là tệp .docx".into(),
                hint: Some(
                    "mở tệp trong Word hoặc LibreOffice, chọn Lưu thành (Save As) → Tài liệu Word (.docx)"
                        .into(),
                ),
            });
        }
        if lower.ends_with(".md") || lower.ends_with(".docx") {
            let (library, name) = library.with_path(std::path::Path::new(kind))?;
            return Ok((library.engine(profile, ReadLimits::default())?, name));
        }
        Ok((
            library.engine(profile, ReadLimits::default())?,
            kind.to_owned(),
        ))
    }

    /// The same engine, reading workbooks within other limits (`--max-rows`).
    pub fn with_limits(mut self, limits: ReadLimits) -> Engine {
        self.limits = limits;
        self
    }

    /// The profile's name ("dang", or the file's name for a profile file).
    pub fn profile_name(&self) -> &str {
        &self.profile.name
    }

    /// The profile's name for people ("Đảng (Hướng dẫn 05-HD/VPTW)"), from its `ten`.
    pub fn profile_label(&self) -> &str {
        self.profile.label()
    }

    /// The reading limits.
    pub fn limits(&self) -> ReadLimits {
        self.limits
    }

    /// Every kind, broken ones included (with their error), sorted by name.
    pub fn kinds(&self) -> Vec<KindEntry> {
        kind_entries(&self.templates)
    }

    /// Whether a kind of this name exists (broken or not).
    pub fn has_kind(&self, name: &str) -> bool {
        self.templates.has(name)
    }

    /// The kind named `name`: a usage error (exit 2) for an unknown name, a template error (exit 1) for a
    /// broken file.
    pub(crate) fn kind(&self, name: &str) -> Result<&Kind> {
        self.templates.kind(name)
    }

    /// `Ok` when the kind exists and its file is usable; the error [`kind`](Self::kind) gives otherwise.
    pub fn check_kind(&self, name: &str) -> Result<()> {
        self.kind(name).map(|_| ())
    }

    /// `Ok` when a kind of this name exists, even a broken one; the usage error for an unknown name.
    pub fn check_kind_exists(&self, name: &str) -> Result<()> {
        if self.has_kind(name) {
            Ok(())
        } else {
            self.check_kind(name)
        }
    }

    /// Whether the kind makes one document per row (needs an STT for one document).
    pub fn kind_is_per_row(&self, name: &str) -> Result<bool> {
        Ok(self.kind(name)?.per.is_some())
    }
}
