//! `typst::compile` for paged output, starting its first layout iteration from a hint.
//!
//! Typst lays a document out repeatedly until what the layout asked about the document (here: the page
//! number each page's `context` reads) agrees with the document it produced. It starts from an empty
//! introspector, so a document that reads its page numbers always takes two iterations: the first
//! finds every page numbered wrong, the second finds them right. The second iteration costs as much as
//! the first minus what the first left in the memoisation cache: the realisation of every top-level
//! element, the flow of every page, the tags and the introspector, about a third of the layout of a
//! bản cam kết whose blocks are all cached.
//!
//! Starting instead from the introspector of the previous document of the session, a document with
//! the same structure (the same pages and page-number elements) finds every answer right at once and
//! stops after one iteration. The result is the same document: an iteration is accepted only when
//! every answer it used equals the answer of the document it produced (the check Typst makes), and
//! the layout is a function of the content and those answers. Page numbers do not change the layout
//! (they sit in the page foreground), so a document has exactly one such fixed point whatever the
//! starting point; which document came before changes only how many iterations it takes, never the
//! bytes (`tests/batch.rs` checks a document alone against the same document in a batch).
//!
//! A document that does not settle within Typst's limit of iterations, or that has errors, is compiled
//! again by `typst::compile` itself, so that its diagnostics are Typst's own.

use std::sync::Arc;

use typst::World;
use typst::comemo::{Constraint, Track};
use typst::diag::{SourceDiagnostic, SourceResult, Warned};
use typst::ecow::EcoVec;
use typst::engine::{Engine, Route, Sink, Traced};
use typst::foundations::{StyleChain, Target, TargetElem};
use typst::introspection::{Introspector, MAX_ITERS};
use typst::utils::Protected;
use typst_layout::{PagedDocument, PagedIntrospector};

/// Compiles the world's main file into pages; the first iteration asks `hint` (the previous
/// document's introspector) instead of an empty one. Without a hint this is `typst::compile`.
pub(super) fn compile(
    world: &dyn World,
    hint: Option<&Arc<PagedIntrospector>>,
) -> Warned<SourceResult<PagedDocument>> {
    let Some(hint) = hint else {
        return typst::compile(world);
    };
    let mut sink = Sink::new();
    match hinted(world, hint.as_ref(), &mut sink) {
        Some(document) => Warned {
            output: Ok(document),
            warnings: deduplicate(sink.warnings()),
        },
        None => typst::compile(world),
    }
}

/// Typst's compilation loop (`typst::compile_impl`, paged target) with the first iteration asking
/// `hint`; `None` when there is an error or the layout does not settle.
fn hinted(world: &dyn World, hint: &dyn Introspector, sink: &mut Sink) -> Option<PagedDocument> {
    let world = world.track();
    let traced = Traced::default();
    let library = world.library();
    let base = StyleChain::new(&library.styles);
    let target = TargetElem::target.set(Target::Paged).wrap();
    let styles = base.chain(&target);
    let main = world.source(world.main()).ok()?;
    let content = typst_eval::eval(
        world,
        library,
        traced.track(),
        sink.track_mut(),
        Route::default().track(),
        &main,
    )
    .ok()?
    .content();

    let mut previous: Option<PagedDocument> = None;
    for _ in 0..MAX_ITERS {
        let introspector: &dyn Introspector = match &previous {
            Some(document) => document.introspector().as_ref(),
            None => hint,
        };
        let constraint = Constraint::new();
        let mut subsink = Sink::new();
        let mut engine = Engine {
            library,
            world,
            introspector: Protected::new(introspector.track_with(&constraint)),
            traced: traced.track(),
            sink: subsink.track_mut(),
            route: Route::default(),
        };
        let document = typst_layout::layout_document(&mut engine, &content, styles).ok()?;
        let introspector: &dyn Introspector = document.introspector().as_ref();
        if constraint.validate(introspector) {
            sink.extend_from_sink(subsink);
            return sink.delayed().is_empty().then_some(document);
        }
        previous = Some(document);
    }
    None
}

/// Drops repeated diagnostics, as `typst::compile` does.
fn deduplicate(mut diags: EcoVec<SourceDiagnostic>) -> EcoVec<SourceDiagnostic> {
    let mut seen = std::collections::HashSet::new();
    diags.retain(|d| seen.insert(typst::utils::hash128(&(&d.span, &d.message))));
    diags
}
