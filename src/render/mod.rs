//! Renderers: IR + profile → file bytes. Each knows only [`crate::ir`] and [`crate::profile`].

pub mod docx;
pub mod images;
pub mod layout;
pub mod pdf;
pub mod pdf_merge;

use crate::error::{Error, Result};
use crate::ir::Document;
use crate::profile::Profile;

/// An output format the `render` command can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Word document.
    Docx,
    /// PDF with embedded fonts.
    Pdf,
    /// The IR as JSON on stdout (no file).
    Ir,
}

impl Format {
    /// The file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Ir => "json",
        }
    }

    /// Parses a comma-separated `--format` list ("docx,pdf").
    pub fn parse_list(s: &str) -> Result<Vec<Format>> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = match part.to_ascii_lowercase().as_str() {
                "docx" => Format::Docx,
                "pdf" => Format::Pdf,
                "ir" | "json" => Format::Ir,
                other => {
                    return Err(Error::usage(
                        format!("định dạng không hỗ trợ: \"{other}\""),
                        "--format nhận danh sách cách nhau bằng dấu phẩy gồm docx, pdf, ir (ví dụ --format docx,pdf)",
                    ));
                }
            };
            if !out.contains(&f) {
                out.push(f);
            }
        }
        if out.is_empty() {
            return Err(Error::usage("--format trống", "ví dụ --format docx,pdf"));
        }
        Ok(out)
    }
}

/// Output options that are not part of the document or the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// Write the PDF as PDF/A-2b (`--pdf-a`): archival, every font embedded, XMP identification.
    pub pdf_a: bool,
}

/// Renders a document to the bytes of one file format.
pub fn render(doc: &Document, profile: &Profile, format: Format) -> Result<Vec<u8>> {
    render_with(doc, profile, format, RenderOptions::default())
}

/// Renders a document to the bytes of one file format, with output options.
pub fn render_with(
    doc: &Document,
    profile: &Profile,
    format: Format,
    options: RenderOptions,
) -> Result<Vec<u8>> {
    match format {
        Format::Docx => docx::render(doc, profile),
        Format::Pdf => pdf::render_with(doc, profile, options),
        Format::Ir => serde_json::to_vec_pretty(doc).map_err(|e| Error::Render {
            format: "ir",
            message: e.to_string(),
        }),
    }
}
