//! DOCX renderer (docx-rs). Placeholder until implemented.
use crate::error::{Error, Result};
use crate::ir::Document;
use crate::profile::Profile;

/// Renders a document to DOCX bytes.
pub fn render(_doc: &Document, _profile: &Profile) -> Result<Vec<u8>> {
    Err(Error::Render {
        format: "docx",
        message: "not yet implemented".into(),
    })
}
