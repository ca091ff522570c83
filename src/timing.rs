//! Where a batch spends its time, without a profiler: cheap per-stage accumulators, switched on by the
//! environment variable `VANBAN_TIMINGS=1` and printed on stderr at the end of a batch.
//!
//! A stage is timed by holding the guard [`span`] returns. Time is attributed exclusively: a span opened
//! inside another pauses the outer one on this thread (the DOCX stage does not count the layout or the
//! compression inside it), so the stages add up to the busy time of the threads. When timings are off,
//! [`span`] reads one cached flag and returns an empty guard.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Opening and reading the workbook, checking its records.
    Workbook,
    /// Planning the batch: contexts and file names of every form.
    Plan,
    /// Rendering the template (minijinja) and its front matter.
    Template,
    /// Markdown → IR blocks.
    Ir,
    /// Resolving the page (`render::layout`), once per document.
    Layout,
    /// Building the DOCX parts (docx-rs, schema pass), compression excluded.
    Docx,
    /// Deflating the DOCX parts.
    DocxCompress,
    /// Serialising the layout and its style to JSON for Typst.
    PdfData,
    /// Typst: evaluating and laying out the document.
    TypstLayout,
    /// Typst: writing the PDF (krilla; includes subsetting and deflating fonts and content streams).
    PdfExport,
    /// Writing the files (temporary file, rename).
    Write,
    /// Joining the PDFs into the print file.
    Merge,
    /// Writing the zip of every file.
    Zip,
}

impl Stage {
    const ALL: [Stage; 13] = [
        Stage::Workbook,
        Stage::Plan,
        Stage::Template,
        Stage::Ir,
        Stage::Layout,
        Stage::Docx,
        Stage::DocxCompress,
        Stage::PdfData,
        Stage::TypstLayout,
        Stage::PdfExport,
        Stage::Write,
        Stage::Merge,
        Stage::Zip,
    ];

    /// The label printed in the report.
    fn label(self) -> &'static str {
        match self {
            Stage::Workbook => "workbook",
            Stage::Plan => "plan",
            Stage::Template => "template",
            Stage::Ir => "ir",
            Stage::Layout => "layout",
            Stage::Docx => "docx",
            Stage::DocxCompress => "docx-compress",
            Stage::PdfData => "pdf-data",
            Stage::TypstLayout => "typst-layout",
            Stage::PdfExport => "pdf-export",
            Stage::Write => "write",
            Stage::Merge => "merge-pdf",
            Stage::Zip => "zip",
        }
    }
}

const STAGES: usize = Stage::ALL.len();

/// 0: the environment not read yet; 1: off; 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);

/// Nanoseconds spent in each stage, over all threads.
static NANOS: [AtomicU64; STAGES] = [const { AtomicU64::new(0) }; STAGES];
/// How many spans each stage had.
static CALLS: [AtomicU64; STAGES] = [const { AtomicU64::new(0) }; STAGES];

thread_local! {
    /// The stage running on this thread and since when (its time so far is not yet added).
    static CURRENT: Cell<Option<(Stage, Instant)>> = const { Cell::new(None) };
}

/// Whether timings are being collected (`VANBAN_TIMINGS` set and not `0`).
pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var_os("VANBAN_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
        s => s == 2,
    }
}

/// Times `stage` until the returned guard is dropped.
#[must_use = "the stage is timed until the guard is dropped"]
pub fn span(stage: Stage) -> Span {
    if !enabled() {
        return Span { outer: None };
    }
    let now = Instant::now();
    let outer = CURRENT.with(|c| c.replace(Some((stage, now))));
    if let Some((s, since)) = outer {
        add(s, now - since);
    }
    CALLS[stage as usize].fetch_add(1, Ordering::Relaxed);
    Span {
        outer: Some(outer.map(|(s, _)| s)),
    }
}

/// Runs `f` as `stage`.
pub fn time<R>(stage: Stage, f: impl FnOnce() -> R) -> R {
    let _span = span(stage);
    f()
}

/// The guard of a timed stage; dropping it ends the stage and resumes the enclosing one.
pub struct Span {
    /// `None` when timings are off; otherwise the stage this span interrupted, if any.
    outer: Option<Option<Stage>>,
}

impl Drop for Span {
    fn drop(&mut self) {
        let Some(outer) = self.outer else { return };
        let now = Instant::now();
        let current = CURRENT.with(|c| c.replace(outer.map(|s| (s, now))));
        if let Some((s, since)) = current {
            add(s, now - since);
        }
    }
}

fn add(stage: Stage, d: Duration) {
    let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
    NANOS[stage as usize].fetch_add(nanos, Ordering::Relaxed);
}

/// The accumulated time of one stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageTime {
    /// The stage's label (`typst-layout`, …).
    pub label: &'static str,
    /// Seconds, summed over threads.
    pub seconds: f64,
    /// Number of spans.
    pub calls: u64,
}

/// Every stage with time spent so far, in pipeline order.
pub fn snapshot() -> Vec<StageTime> {
    Stage::ALL
        .iter()
        .map(|&s| StageTime {
            label: s.label(),
            seconds: NANOS[s as usize].load(Ordering::Relaxed) as f64 / 1e9,
            calls: CALLS[s as usize].load(Ordering::Relaxed),
        })
        .filter(|t| t.calls > 0)
        .collect()
}

/// Prints the table on stderr when timings are on: per stage the thread-seconds, milliseconds per
/// document and share of all timed time; `wall` is the batch's elapsed time, `docs` its documents.
pub fn report(docs: usize, wall: Duration) {
    if !enabled() {
        return;
    }
    let stages = snapshot();
    let total: f64 = stages.iter().map(|t| t.seconds).sum();
    let per_doc = |s: f64| if docs > 0 { s * 1e3 / docs as f64 } else { 0.0 };
    let mut out = format!(
        "thời gian theo công đoạn (VANBAN_TIMINGS): {docs} văn bản, {:.3} s thực, {:.3} s luồng\n{:<14} {:>10} {:>10} {:>12} {:>6}\n",
        wall.as_secs_f64(),
        total,
        "công đoạn",
        "lần",
        "giây",
        "ms/văn bản",
        "%"
    );
    for t in &stages {
        out.push_str(&format!(
            "{:<14} {:>10} {:>10.3} {:>12.3} {:>6.1}\n",
            t.label,
            t.calls,
            t.seconds,
            per_doc(t.seconds),
            if total > 0.0 {
                100.0 * t.seconds / total
            } else {
                0.0
            }
        ));
    }
    out.push_str(&format!(
        "{:<14} {:>10} {:>10.3} {:>12.3} {:>6.1}\n",
        "tổng",
        "",
        total,
        per_doc(total),
        100.0
    ));
    eprint!("{out}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Turns timings on for the rest of the process, whatever the environment says.
    fn enable() {
        STATE.store(2, Ordering::Relaxed);
    }

    #[test]
    fn nested_spans_are_attributed_exclusively() {
        enable();
        // The accumulators are global: measure differences, on stages no other unit test times.
        let nanos = |s: Stage| NANOS[s as usize].load(Ordering::Relaxed);
        let (zip0, merge0) = (nanos(Stage::Zip), nanos(Stage::Merge));
        {
            let _outer = span(Stage::Zip);
            std::thread::sleep(Duration::from_millis(10));
            let _inner = span(Stage::Merge);
            std::thread::sleep(Duration::from_millis(200));
        }
        let zip = nanos(Stage::Zip) - zip0;
        let merge = nanos(Stage::Merge) - merge0;
        assert!(merge >= 200_000_000, "inner {merge} ns");
        // Counted inclusively the outer stage would hold the inner one's 200 ms too.
        assert!((10_000_000..200_000_000).contains(&zip), "outer {zip} ns");
        let labels: Vec<&str> = snapshot().iter().map(|t| t.label).collect();
        assert!(
            labels.contains(&"zip") && labels.contains(&"merge-pdf"),
            "{labels:?}"
        );
    }
}
