//! PDF renderer: Typst, in process, with the embedded Liberation Serif faces only.
//!
//! The document reaches Typst only as data: the resolved [`Layout`] is serialised to JSON, one piece
//! of the document a line (see [`data`] for why), and served as the virtual file `/data.json`, its
//! [`Style`](crate::render::layout::Style) as `/style.json`; the static layout program `layout.typ`
//! (embedded, served as `/main.typ`) reads them with `read(..)` and `json(..)`.
//! Strings from the workbook are therefore never parsed as markup, and every size, margin and spacing
//! comes from the layout. This writer never sees the IR or the profile.
//!
//! A [`PdfEngine`] is built once (fonts, font book, standard library, parsed layout program) and shared
//! cheaply (it is an `Arc`). Each worker thread takes its own [`Session`] and compiles many documents
//! with it, swapping only the data buffer; no lock is held around compilation.

mod compile;
mod data;
#[cfg(any(test, feature = "internals"))]
mod inspect;
mod preview;
mod seed;
mod world;

#[cfg(any(test, feature = "internals"))]
pub use inspect::{Inspection, TextItem, TextLine, page_texts};
pub use preview::{Laid, lay_out};

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::model::DocumentInfo;
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result};
use crate::render::layout::{Layout, Style};
use crate::render::options::RenderOptions;
use crate::timing::{self, Stage};
use world::{SessionWorld, Shared};

/// How many documents are compiled (over all sessions) between two evictions of Typst's global
/// memoisation cache. Without eviction the cache grows by about 0.5 MB per document. What a form
/// changes comes back often a few forms later: the header and the confirming signature of each chi
/// bộ, the line naming a member's chức vụ and chi bộ (8 chức vụ × 6 chi bộ in the make-sample
/// workbook: the same line every 24 rows). Keeping what the last 32–64 documents used lays those out
/// once: callgrind, 300 forms of that workbook, 3.84 M instructions per document in the compilation
/// when evicting every 8 documents, 3.46 M every 16, 3.10 M every 32, 3.12 M every 64; peak RSS of a
/// 10,000-form DOCX+PDF batch (two jobs) 99 MB, 115 MB with 32, 128 MB with 64.
const EVICT_EVERY: u64 = 32;
/// Cache entries unused for this many evictions are dropped.
const EVICT_MAX_AGE: usize = 1;
/// The stack of a session's thread: as much as a main thread gets, for deeply nested layouts.
const SESSION_STACK_BYTES: usize = 8 << 20;

/// Documents compiled since the process started, over all sessions.
static COMPILED: AtomicU64 = AtomicU64::new(0);

/// The process-wide engine used by [`write`] and [`page_texts`].
static ENGINE: LazyLock<Result<PdfEngine, String>> = LazyLock::new(PdfEngine::build);

/// The shared, immutable part of the PDF renderer: the embedded fonts, the font book, the Typst
/// standard library and the parsed layout program. Cloning is cheap (an `Arc`).
#[derive(Clone)]
pub struct PdfEngine {
    shared: Arc<Shared>,
}

impl PdfEngine {
    /// Builds a new engine (parses the fonts and the layout program), apart from the process-wide one.
    #[cfg(any(test, feature = "internals"))]
    pub fn new() -> Result<Self> {
        Self::build().map_err(render_error)
    }

    fn build() -> std::result::Result<Self, String> {
        seed::install();
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
            shared: Arc::clone(&self.shared),
            world: Some(SessionWorld {
                shared: Arc::clone(&self.shared),
                data: Bytes::new(Vec::new()),
                style: Bytes::new(Vec::new()),
                today: None,
                chu_ky: None,
                con_dau: None,
                pictures_json: Bytes::new(Vec::new()),
                pictures: Vec::new(),
                hint: None,
            }),
            pool: None,
        }
    }

    /// Drops Typst's memoised results that have not been used lately. Sessions call this on their own
    /// every [`EVICT_EVERY`] documents; a long-running caller may call it between batches.
    pub fn evict_cache() {
        typst::comemo::evict(EVICT_MAX_AGE);
    }
}

/// One worker's compiler: owns the `/data.json` buffer that each document replaces, and a private
/// thread on which its documents are compiled. Give each worker thread (a rayon worker, say) its own
/// session; sessions share the engine and Typst's caches, never a lock.
///
/// Why a private thread: Typst and its PDF writer use rayon internally, and a rayon worker that waits
/// for such work runs other pending jobs of its pool meanwhile. A session compiling directly on a
/// worker of a batch would start further documents of the batch nested on its own stack, until the
/// stack overflows (seen in release builds at a few hundred documents). On the session's one-thread
/// pool the internal work stays on that thread, and the caller just blocks until its document is done.
pub struct Session {
    shared: Arc<Shared>,
    /// The world; `None` only while a job runs or after the session's thread died.
    world: Option<SessionWorld>,
    /// A one-thread rayon pool, started on first use.
    pool: Option<rayon::ThreadPool>,
}

/// The two JSON files handed to the layout program: `/data.json`, the document's resolved layout, and
/// `/style.json`, its style (the same for every document of a batch, so Typst's memoised evaluation of
/// `/lib.typ`, which reads it, is reused).
struct Inputs {
    layout: Vec<u8>,
    style: Vec<u8>,
    /// `/anh.json`: the sizes and formats of the document's own pictures (empty without any).
    pictures: Vec<u8>,
}

/// Everything a session's thread needs to lay one document out: its files, its date and properties.
struct Job {
    inputs: Inputs,
    /// What `datetime.today()` returns: the document's own date.
    today: Option<Datetime>,
    images: ImageBytes,
    /// The bytes of the document's own pictures, by index (served as `/anh-N.png` …).
    pictures: Vec<Arc<[u8]>>,
    /// The document's properties (title, author, subject, date), written into the laid-out document
    /// rather than set by the layout program (see [`document_info`]).
    info: DocumentInfo,
}

impl Job {
    /// Checks the font family and prepares the document's files (on the caller's thread).
    fn of(layout: &Layout, shared: &Shared) -> Result<Self> {
        Ok(Job {
            inputs: timing::time(Stage::PdfData, || data_json(layout, shared))?,
            today: document_date(layout),
            images: image_bytes(layout),
            pictures: layout.pictures.iter().map(|p| p.bytes.clone()).collect(),
            info: document_info(layout),
        })
    }
}

/// `/style.json`: the layout's style, and the font's single-spacing line metrics (fixed lines are set
/// at single spacing, as the DOCX sets them).
#[derive(serde::Serialize)]
struct StyleData<'a> {
    style: &'a Style,
    font: crate::fonts::LineMetrics,
}

impl Session {
    /// Writes one laid-out document as PDF bytes, with output options (PDF/A-2b).
    pub fn write(&mut self, layout: &Layout, options: RenderOptions) -> Result<Vec<u8>> {
        let job = Job::of(layout, &self.shared)?;
        let today = job.today;
        let ident = layout.ident.clone();
        let standards = if options.pdf_a {
            PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| render_error(e.message().to_string()))?
        } else {
            PdfStandards::default()
        };
        self.run(move |world| {
            let (paged, _warnings) = compile(world, job)?;
            let options = PdfOptions {
                ident: Smart::Custom(ident),
                creator: Smart::Custom(Some(concat!("vanban ", env!("CARGO_PKG_VERSION")).into())),
                timestamp: today.map(Timestamp::new_utc),
                standards,
                ..PdfOptions::default()
            };
            let _timing = timing::span(Stage::PdfExport);
            typst_pdf::pdf(&paged, &options).map_err(|diags| diagnostics_error(world, &diags))
        })
    }

    /// Runs a job on the session's own thread, handing it the world and taking it back (see
    /// [`Session`] for why).
    fn run<R: Send + 'static>(
        &mut self,
        job: impl FnOnce(&mut SessionWorld) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        if self.pool.is_none() {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .stack_size(SESSION_STACK_BYTES)
                .thread_name(|_| "vanban-pdf".into())
                .build()
                .map_err(|e| render_error(e.to_string()))?;
            self.pool = Some(pool);
        }
        let (Some(pool), Some(mut world)) = (self.pool.as_ref(), self.world.take()) else {
            return Err(render_error(
                "phiên dựng PDF đã hỏng sau một lỗi trước đó".into(),
            ));
        };
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        pool.spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut world)));
            // The receiver waits for this message; it is gone only if the caller itself panicked.
            let _ = tx.send((world, result));
        });
        let (world, result) = rx
            .recv()
            .map_err(|_| render_error("luồng dựng PDF dừng bất thường".into()))?;
        self.world = Some(world);
        result.unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(render_error(format!("Typst gặp lỗi nội bộ: {what}")))
        })
    }
}

/// Checks the font family and serialises the layout and its style.
fn data_json(layout: &Layout, shared: &Shared) -> Result<Inputs> {
    let style = &layout.style;
    let family = &style.fonts.pdf_family;
    if !shared.has_family(family) {
        return Err(Error::Profile {
            file: style.profile_name.clone(),
            key: "fonts.pdf_family".into(),
            message: format!(
                "phông chữ \"{family}\" không được nhúng trong chương trình; PDF chỉ dùng được \"Liberation Serif\""
            ),
        });
    }
    Ok(Inputs {
        layout: data::json_lines(layout).map_err(|e| render_error(e.to_string()))?,
        style: serde_json::to_vec(&StyleData {
            style,
            font: crate::fonts::line_metrics(),
        })
        .map_err(|e| render_error(e.to_string()))?,
        pictures: if layout.pictures.is_empty() {
            Vec::new()
        } else {
            serde_json::to_vec(&layout.pictures).map_err(|e| render_error(e.to_string()))?
        },
    })
}

/// The signature and seal images' bytes, served as `/chu-ky.png` and `/con-dau.png`.
type ImageBytes = (Option<Bytes>, Option<Bytes>);

fn image_bytes(layout: &Layout) -> ImageBytes {
    let bytes = |p: &Option<crate::ir::Picture>| p.as_ref().map(|p| Bytes::new(p.bytes.clone()));
    match &layout.images {
        Some(i) => (bytes(&i.chu_ky), bytes(&i.con_dau)),
        None => (None, None),
    }
}

/// Swaps in a document's data and lays it out.
fn compile(world: &mut SessionWorld, job: Job) -> Result<(PagedDocument, Vec<String>)> {
    let Job {
        inputs,
        today,
        images,
        pictures,
        info,
    } = job;
    world.data = Bytes::new(inputs.layout);
    // The same profile keeps the same bytes (and their cached hash), so `/lib.typ` is not evaluated
    // again.
    if world.style.as_slice() != inputs.style.as_slice() {
        world.style = Bytes::new(inputs.style);
    }
    world.today = today;
    (world.chu_ky, world.con_dau) = images;
    if world.pictures_json.as_slice() != inputs.pictures.as_slice() {
        world.pictures_json = Bytes::new(inputs.pictures);
    }
    world.set_pictures(pictures);
    let Warned { output, warnings } = timing::time(Stage::TypstLayout, || {
        compile::compile(&*world, world.hint.as_ref())
    });
    if COMPILED.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        PdfEngine::evict_cache();
    }
    let mut paged = output.map_err(|diags| diagnostics_error(world, &diags))?;
    world.hint = Some(paged.introspector().clone());
    let DocumentInfo {
        title,
        author,
        description,
        date,
        ..
    } = info;
    let own = paged.info_mut();
    (own.title, own.author, own.description, own.date) = (title, author, description, date);
    let warnings = warnings.iter().map(|w| describe(world, w)).collect();
    Ok((paged, warnings))
}

/// One diagnostic as "layout.typ:LINE: message (hint: …)" (or lib.typ, data.json, style.json).
fn describe(world: &SessionWorld, diag: &SourceDiagnostic) -> String {
    let mut out = String::new();
    match diag.span.get() {
        DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
            match world.shared.program(id) {
                Some((name, source)) => {
                    let line = typst::WorldExt::range(world, diag.span)
                        .and_then(|r| source.lines().byte_to_line(r.start));
                    match line {
                        Some(l) => out.push_str(&format!("{name}:{}: ", l + 1)),
                        None => out.push_str(&format!("{name}: ")),
                    }
                }
                None => out.push_str("data.json: "),
            }
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

fn diagnostics_error(world: &SessionWorld, diags: &[SourceDiagnostic]) -> Error {
    let message = diags
        .iter()
        .map(|d| describe(world, d))
        .collect::<Vec<_>>()
        .join("; ");
    render_error(message)
}

thread_local! {
    /// The calling thread's session on the process-wide engine, for [`write`] and [`page_texts`].
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's session on the process-wide engine.
fn with_session<R>(f: impl FnOnce(&mut Session) -> Result<R>) -> Result<R> {
    SESSION.with(|cell| {
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| render_error("render() được gọi lồng nhau trên cùng một luồng".into()))?;
        if slot.is_none() {
            *slot = Some(PdfEngine::global()?.session());
        }
        match slot.as_mut() {
            Some(session) => f(session),
            None => Err(render_error("không tạo được phiên dựng PDF".into())),
        }
    })
}

/// Writes a laid-out document as PDF bytes with the process-wide engine (and this thread's session).
pub fn write(layout: &Layout, options: RenderOptions) -> Result<Vec<u8>> {
    with_session(|s| s.write(layout, options))
}

fn render_error(message: String) -> Error {
    Error::Render {
        format: "pdf",
        message,
    }
}

/// The document's properties as Typst's PDF writer reads them (the information dictionary and XMP).
///
/// They are set on the laid-out document, not with `set document(..)` in the layout program: a set
/// rule would put them in the style chain of every element, so a title or author that differs from
/// the previous document's would make every paragraph's memoised layout miss.
fn document_info(layout: &Layout) -> DocumentInfo {
    let meta = &layout.meta;
    DocumentInfo {
        title: Some(meta.title.as_str().into()),
        author: vec![meta.author.as_str().into()],
        description: Some(meta.subject.as_str().into()),
        date: Smart::Custom(document_date(layout)),
        ..DocumentInfo::default()
    }
}

fn document_date(layout: &Layout) -> Option<Datetime> {
    let d = layout.meta.date?;
    Datetime::from_ymd(
        d.year,
        u8::try_from(d.month).ok()?,
        u8::try_from(d.day).ok()?,
    )
}
