//! vanban: Excel evaluation workbooks → Vietnamese Party and State documents (DOCX and PDF).
//!
//! One pipeline, one document model in the middle, like pandoc's: readers (`workbook`: Excel → records)
//! → `model` (domain types, aggregates, rule checks) → `template` (minijinja → document) → [`ir`] (the one
//! document model: roles, never point sizes) → `render::layout` (every geometric decision, once per
//! document) → `render::docx` and `render::pdf` (each only places what the layout decided).
//!
//! The library's API is its door and what passes through it:
//! - [`pipeline`]: everything a program does with vanban — load an [`Engine`](pipeline::Engine), render
//!   a document ([`pipeline::render`]), preview it ([`pipeline::preview`]), make a batch
//!   ([`pipeline::batch`]), check a workbook ([`pipeline::check`]), list kinds;
//! - [`ir`]: the document model a render produces (`--format ir`);
//! - [`error`]: errors with their exit codes, and diagnostics naming sheet and cell;
//! - [`serve`]: the local web page as an axum router, over the same pipeline.
//!
//! The stages behind the door are private. Tests, fuzz targets and benchmarks reach them with the cargo
//! feature `internals`, which makes them public (this crate's own tests enable it).

pub mod error;
pub mod ir;
pub mod pipeline;
pub mod serve;

pub use error::{Diagnostic, Error, Result, SheetId};

mod guard;

/// Declares the stages behind the pipeline: public with the `internals` feature (tests, fuzzing,
/// benchmarks), private to the crate otherwise.
macro_rules! stages {
    ($($(#[$meta:meta])* $name:ident;)*) => {
        $(
            $(#[$meta])*
            #[cfg(feature = "internals")]
            pub mod $name;
            $(#[$meta])*
            #[cfg(not(feature = "internals"))]
            mod $name;
        )*
    };
}

stages! {
    /// Font metrics of the embedded faces.
    fonts;
    /// Domain types, aggregates and rule checks.
    model;
    /// Writing a WordprocessingML package (schema order, parts, zip), for documents and templates.
    ooxml;
    /// Layout profiles: every layout number and convention of a format, as data.
    profile;
    /// The sổ đăng ký văn bản đi: numbers taken, one SQLite file.
    register;
    /// The layout stage and the writers.
    render;
    /// Workbooks written with rust_xlsxwriter: the sample, the blank form, scaled workbooks.
    sample;
    /// Templates: minijinja → IR.
    template;
    /// Text conventions shared by reading and layout (tone marks).
    text;
    /// Per-stage timings of a batch (`VANBAN_TIMINGS=1`).
    timing;
    /// Reading Word documents (`.docx`) into paragraphs, runs and tables, tags made whole.
    word;
    /// Reading Excel workbooks into records.
    workbook;
}
