//! PDF renderer (Typst, in-process). Placeholder until implemented.
use crate::error::{Error, Result};
use crate::ir::Document;
use crate::profile::Profile;

/// Renders a document to PDF bytes.
pub fn render(_doc: &Document, _profile: &Profile) -> Result<Vec<u8>> {
    Err(Error::Render {
        format: "pdf",
        message: "not yet implemented".into(),
    })
}

/// The shared Typst engine (placeholder until implemented).
pub struct PdfEngine;

impl PdfEngine {
    /// The process-wide engine.
    pub fn global() -> Result<&'static PdfEngine> {
        Err(Error::Render {
            format: "pdf",
            message: "not yet implemented".into(),
        })
    }
    /// A per-worker session.
    pub fn session(&self) -> Session {
        Session
    }
    /// Trims Typst's memo cache.
    pub fn evict_cache() {}
}

/// A per-worker compilation session (placeholder).
pub struct Session;

impl Session {
    /// Renders one document.
    pub fn render(&mut self, doc: &Document, profile: &Profile) -> Result<Vec<u8>> {
        render(doc, profile)
    }
}
