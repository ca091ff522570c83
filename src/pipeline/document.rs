//! One document: the one call from inputs to bytes ([`render`]) and to page images ([`preview`]); the
//! layout is resolved once and handed to every writer.

use super::data::{Data, row_contexts};
use super::extras::{self, Extras};
use super::{Engine, Format, Input, Laid, Strictness, load_data};
use crate::error::{Diagnostic, Error, Result};
use crate::ir::{Document, SigningImages};
use crate::render::layout::{self, Layout};
use crate::render::{RenderOptions, docx, images, pdf};
use crate::template::{ContextValue, Kind};
use crate::timing::{self, Stage};
use std::path::PathBuf;

/// The signature and seal pictures of an electronic document (`--chu-ky`, `--con-dau`), as files; they
/// are read and checked against the profile's image limits when the document is made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SigningFiles {
    /// The signer's signature (a transparent PNG).
    pub chu_ky: Option<PathBuf>,
    /// The issuing body's seal (a transparent PNG).
    pub con_dau: Option<PathBuf>,
}

impl SigningFiles {
    /// Reads and checks the pictures (exit 2 for a missing, non-PNG or oversized file).
    pub(crate) fn load(&self, engine: &Engine) -> Result<Option<SigningImages>> {
        images::load_signing_images(
            self.chu_ky.as_deref(),
            self.con_dau.as_deref(),
            &engine.profile.images,
        )
    }
}

/// One document to make: which kind, which row (for a per-row kind), from which workbook, with which
/// pictures and output options.
#[derive(Debug, Clone)]
pub struct DocumentRequest {
    /// The kind's name ("ke-hoach").
    pub kind: String,
    /// The row's STT, for a kind that makes one document per row.
    pub stt: Option<i64>,
    /// The workbook.
    pub input: Input,
    /// Signature and seal pictures.
    pub signing: SigningFiles,
    /// Output options (PDF/A).
    pub options: RenderOptions,
    /// Khẩn, mật and draft marks, and the bản sao block.
    pub extras: Extras,
}

impl DocumentRequest {
    /// A request for a kind from a workbook, without pictures and with default options.
    pub fn new(kind: impl Into<String>, stt: Option<i64>, input: Input) -> Self {
        DocumentRequest {
            kind: kind.into(),
            stt,
            input,
            signing: SigningFiles::default(),
            options: RenderOptions::default(),
            extras: Extras::default(),
        }
    }
}

/// One document rendered in memory.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file name stem the kind gives ("ke-hoach-09-KH-DU"), safe on every system.
    pub stem: String,
    /// The bytes of each format asked for, in the order asked; for [`Format::Ir`] the document model as
    /// pretty JSON.
    pub files: Vec<(Format, Vec<u8>)>,
    /// The workbook's name, as messages name it.
    pub data_file: String,
    /// The data's warnings (quota, score bands …), for stderr or the page.
    pub warnings: Vec<Diagnostic>,
}

/// The usage error for a per-row kind asked for one document without an STT; `Ok` for other kinds.
pub(crate) fn document_needs_stt(kind: &Kind) -> Result<()> {
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
pub(crate) fn document(
    engine: &Engine,
    data: &Data,
    kind: &Kind,
    stt: Option<i64>,
) -> Result<Document> {
    let ctx = document_context(engine, data, kind, stt)?;
    engine.templates.render(&kind.name, &ctx)
}

/// The template context of one document: the whole organisation's, or the row with STT `stt`.
pub(crate) fn document_context(
    engine: &Engine,
    data: &Data,
    kind: &Kind,
    stt: Option<i64>,
) -> Result<ContextValue> {
    Ok(match (kind.per, stt) {
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
    })
}

/// Reads the workbook strictly (as `vanban render` does) and makes the requested document, its
/// pictures attached; returns it with the data's file name and warnings.
fn prepared(engine: &Engine, req: &DocumentRequest) -> Result<(Document, String, Vec<Diagnostic>)> {
    let kind = engine.kind(&req.kind)?;
    if kind.per.is_some() && req.stt.is_none() {
        // Say so before reading the workbook.
        document_needs_stt(kind)?;
    }
    let data = load_data(engine, &req.input, kind, Strictness::Strict)?;
    let images = req.signing.load(engine)?;
    let mut doc = document(engine, &data, kind, req.stt)?;
    doc.images = images;
    extras::apply(
        &mut doc,
        &data.dataset.org,
        &req.extras,
        &engine.profile,
        crate::register::store::today(),
    );
    let mut warnings = data.warnings;
    warnings.extend(kind_notes(kind));
    Ok((doc, data.dataset.file, warnings))
}

/// What a kind's file leaves out of the document (a Word template's page header text, a picture that
/// cannot print), as warnings.
pub(crate) fn kind_notes(kind: &Kind) -> impl Iterator<Item = Diagnostic> + '_ {
    kind.notes.iter().map(|n| {
        let d = Diagnostic::warning("mau_word", format!("mẫu {}: {}", kind.file_name, n.message));
        match n.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    })
}

/// Makes one document and renders it to every format asked, from one layout. Nothing is returned
/// unless every format succeeded.
pub fn render(engine: &Engine, req: &DocumentRequest, formats: &[Format]) -> Result<Rendered> {
    let (doc, data_file, warnings) = prepared(engine, req)?;
    let mut laid: Option<Layout> = None;
    let mut files = Vec::with_capacity(formats.len());
    for f in formats {
        let bytes = if *f == Format::Ir {
            serde_json::to_vec_pretty(&doc).map_err(|e| Error::Render {
                format: "ir",
                message: e.to_string(),
            })?
        } else {
            let layout = laid.get_or_insert_with(|| lay_out(engine, &doc, req.options));
            write(layout, *f, req.options)?
        };
        files.push((*f, bytes));
    }
    Ok(Rendered {
        stem: doc.file_stem,
        files,
        data_file,
        warnings,
    })
}

/// Lays a document out against the engine's profile: every geometric and wording decision, once; the
/// copies `options` ask for (`--ban N`) replace the kind's own.
pub(crate) fn lay_out(engine: &Engine, doc: &Document, options: RenderOptions) -> Layout {
    let mut layout = layout::resolve(doc, &engine.profile);
    if let Some(n) = options.copies {
        layout.copies = n.max(1);
    }
    layout
}

/// Writes a laid-out document in one file format ([`Format::Ir`] has no layout form: a render error).
pub(crate) fn write(layout: &Layout, format: Format, options: RenderOptions) -> Result<Vec<u8>> {
    match format {
        Format::Docx => timing::time(Stage::Docx, || docx::write(layout)),
        // PDF stages are timed inside the writer (Typst runs on its session's thread).
        Format::Pdf => pdf::write(layout, options),
        Format::Ir => Err(Error::Render {
            format: "ir",
            message: "mô hình văn bản (IR) không có dạng trình bày".into(),
        }),
    }
}

/// Makes one document and lays it out as its PDF would be, for page images (the web preview).
pub fn preview(engine: &Engine, req: &DocumentRequest) -> Result<Laid> {
    let (doc, _, _) = prepared(engine, req)?;
    pdf::lay_out(&lay_out(engine, &doc, req.options))
}
