//! vanban: Excel evaluation workbooks → Vietnamese Party and State documents (DOCX and PDF).
//!
//! The pipeline, like pandoc's: [`workbook`] (Excel → records) → [`model`] (domain types, aggregates, rule
//! checks) → [`template`] (minijinja → Markdown + metadata) → [`ir`] (the one document model) →
//! [`render::docx`] and [`render::pdf`] (each knows only the IR and the [`profile`]).

pub mod error;
pub mod fonts;
mod guard;
pub mod ir;
pub mod profile;
pub mod render;

pub use error::{Diagnostic, Error, Result, SheetId};
pub mod cli;
pub mod model;
pub mod pipeline;
pub mod sample;
pub mod serve;
pub mod template;
pub mod text;
pub mod timing;
pub mod workbook;
