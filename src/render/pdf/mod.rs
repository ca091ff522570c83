//! PDF renderer: Typst, in process, with the embedded Liberation Serif faces only.
//!
//! The document reaches Typst only as data: the resolved [`Layout`](crate::render::layout::Layout) and
//! the [`Profile`] are serialised to JSON and served as the virtual file `/data.json`, which the static
//! layout program `layout.typ` (embedded, served as `/main.typ`) reads with `json(..)`. Strings from the
//! workbook are therefore never parsed as markup, and every size, margin and spacing comes from the
//! profile.
//!
//! A [`PdfEngine`] is built once (fonts, font book, standard library, parsed layout program) and shared
//! cheaply (it is an `Arc`). Each worker thread takes its own [`Session`] and compiles many documents
//! with it, swapping only the data buffer; no lock is held around compilation.

mod world;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use serde::Serialize;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::{Frame, FrameItem, Point};
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Result};
use crate::ir::Document;
use crate::profile::Profile;
use crate::render::layout::{self, Layout};
use world::{SessionWorld, Shared};

/// How many documents are compiled (over all sessions) between two evictions of Typst's global
/// memoisation cache.
const EVICT_EVERY: u64 = 256;
/// Cache entries unused for this many evictions are dropped.
const EVICT_MAX_AGE: usize = 4;

/// Documents compiled since the process started, over all sessions.
static COMPILED: AtomicU64 = AtomicU64::new(0);

/// The process-wide engine used by [`render`] and [`page_texts`].
static ENGINE: LazyLock<Result<PdfEngine, String>> = LazyLock::new(PdfEngine::build);

/// The shared, immutable part of the PDF renderer: the embedded fonts, the font book, the Typst
/// standard library and the parsed layout program. Cloning is cheap (an `Arc`).
#[derive(Clone)]
pub struct PdfEngine {
    shared: Arc<Shared>,
}

impl PdfEngine {
    /// Builds a new engine (parses the fonts and the layout program).
    pub fn new() -> Result<Self> {
        Self::build().map_err(render_error)
    }

    fn build() -> std::result::Result<Self, String> {
        Ok(Self {
            shared: Arc::new(Shared::new()?),
        })
    }

    /// The process-wide engine, built on first use.
    pub fn global() -> Result<&'static PdfEngine> {
        ENGINE.as_ref().map_err(|e| render_error(e.clone()))
    }

    /// A new session for one worker. A session compiles one document at a time and reuses Typst's
    /// caches from one document to the next; give each thread its own.
    pub fn session(&self) -> Session {
        Session {
            world: SessionWorld {
                shared: Arc::clone(&self.shared),
                data: Bytes::new(Vec::new()),
                today: None,
            },
        }
    }

    /// Drops Typst's memoised results that have not been used lately. Sessions call this on their own
    /// every few hundred documents; a long-running caller may call it between batches.
    pub fn evict_cache() {
        typst::comemo::evict(EVICT_MAX_AGE);
    }
}

/// One worker's compiler: owns the `/data.json` buffer that each document replaces.
pub struct Session {
    world: SessionWorld,
}

/// What a compiled document contains, for tests and checks (no PDF needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The text of each page, in layout order: pieces on one baseline are joined, a new baseline starts
    /// a new line.
    pub pages: Vec<String>,
    /// Typst's warnings (e.g. an unknown font family); empty for a well-formed layout.
    pub warnings: Vec<String>,
}

/// The JSON handed to the layout program.
#[derive(Serialize)]
struct Data<'a> {
    layout: &'a Layout,
    profile: &'a Profile,
}

impl Session {
    /// Renders one document to PDF bytes.
    pub fn render(&mut self, doc: &Document, profile: &Profile) -> Result<Vec<u8>> {
        let (paged, _warnings) = self.compile(doc, profile)?;
        let options = PdfOptions {
            ident: Smart::Custom(format!("vanban/{}/{}", profile.name, doc.file_stem)),
            creator: Smart::Custom(Some(concat!("vanban ", env!("CARGO_PKG_VERSION")).into())),
            timestamp: document_date(doc).map(Timestamp::new_utc),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&paged, &options).map_err(|diags| self.diagnostics_error(&diags))
    }

    /// Lays a document out and returns its page texts and warnings (no PDF export).
    pub fn inspect(&mut self, doc: &Document, profile: &Profile) -> Result<Inspection> {
        let (paged, warnings) = self.compile(doc, profile)?;
        Ok(Inspection {
            pages: paged.pages().iter().map(|p| frame_text(&p.frame)).collect(),
            warnings,
        })
    }

    /// Swaps in the document's data and lays it out.
    fn compile(
        &mut self,
        doc: &Document,
        profile: &Profile,
    ) -> Result<(PagedDocument, Vec<String>)> {
        let family = &profile.fonts.pdf_family;
        if !self.world.shared.has_family(family) {
            return Err(Error::Profile {
                file: profile.name.clone(),
                key: "fonts.pdf_family".into(),
                message: format!(
                    "phông chữ \"{family}\" không được nhúng trong chương trình; PDF chỉ dùng được \"Liberation Serif\""
                ),
            });
        }
        let layout = layout::resolve(doc, profile);
        let json = serde_json::to_vec(&Data {
            layout: &layout,
            profile,
        })
        .map_err(|e| render_error(e.to_string()))?;
        self.world.data = Bytes::new(json);
        self.world.today = document_date(doc);

        let Warned { output, warnings } = typst::compile::<PagedDocument>(&self.world);
        if COMPILED.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            PdfEngine::evict_cache();
        }
        let paged = output.map_err(|diags| self.diagnostics_error(&diags))?;
        let warnings = warnings.iter().map(|w| self.describe(w)).collect();
        Ok((paged, warnings))
    }

    /// One diagnostic as "layout.typ:LINE: message (hint: …)".
    fn describe(&self, diag: &SourceDiagnostic) -> String {
        let main = self.world.shared.main();
        let mut out = String::new();
        match diag.span.get() {
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } if id == main.id() => {
                let line = typst::WorldExt::range(&self.world, diag.span)
                    .and_then(|r| main.lines().byte_to_line(r.start));
                match line {
                    Some(l) => out.push_str(&format!("layout.typ:{}: ", l + 1)),
                    None => out.push_str("layout.typ: "),
                }
            }
            DiagSpanKind::Number { .. } | DiagSpanKind::Range { .. } => {
                out.push_str("data.json: ");
            }
            DiagSpanKind::Detached => {}
        }
        out.push_str(&diag.message);
        for hint in &diag.hints {
            out.push_str(" (hint: ");
            out.push_str(&hint.v);
            out.push(')');
        }
        out
    }

    fn diagnostics_error(&self, diags: &[SourceDiagnostic]) -> Error {
        let message = diags
            .iter()
            .map(|d| self.describe(d))
            .collect::<Vec<_>>()
            .join("; ");
        render_error(message)
    }
}

/// Renders a document to PDF bytes with the process-wide engine.
pub fn render(doc: &Document, profile: &Profile) -> Result<Vec<u8>> {
    PdfEngine::global()?.session().render(doc, profile)
}

/// Lays a document out with the process-wide engine and returns the text of each page (the page count
/// is the vector's length). For tests: no PDF reader needed.
pub fn page_texts(doc: &Document, profile: &Profile) -> Result<Vec<String>> {
    Ok(PdfEngine::global()?.session().inspect(doc, profile)?.pages)
}

fn render_error(message: String) -> Error {
    Error::Render {
        format: "pdf",
        message,
    }
}

fn document_date(doc: &Document) -> Option<Datetime> {
    let d = doc.header.ngay?;
    Datetime::from_ymd(
        d.year,
        u8::try_from(d.month).ok()?,
        u8::try_from(d.day).ok()?,
    )
}

/// The text of a page frame: text items in layout order; items on the same baseline are joined (with a
/// space when there is a gap between them), a new baseline starts a new line.
fn frame_text(frame: &Frame) -> String {
    let mut pieces = Vec::new();
    collect_text(frame, Point::zero(), &mut pieces);
    let mut out = String::new();
    let mut last: Option<(f64, f64)> = None; // (baseline y, end x)
    for (pos, width, text) in pieces {
        let (x, y) = (pos.x.to_pt(), pos.y.to_pt());
        if let Some((ly, lx)) = last {
            let same_line = (ly - y).abs() < 0.5 && x >= lx - 0.5;
            if !same_line {
                out.truncate(out.trim_end_matches(' ').len());
                out.push('\n');
            } else if x > lx + 0.5 && !out.ends_with(' ') && !text.starts_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&text);
        last = Some((y, x + width));
    }
    out.truncate(out.trim_end_matches(' ').len());
    out
}

fn collect_text(frame: &Frame, offset: Point, out: &mut Vec<(Point, f64, String)>) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                collect_text(&group.frame, at + Point::new(t.tx, t.ty), out);
            }
            FrameItem::Text(text) => out.push((at, text.width().to_pt(), text.text.to_string())),
            _ => {}
        }
    }
}
