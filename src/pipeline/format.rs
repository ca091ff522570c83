//! The output formats a document can be rendered to.

use crate::error::{Error, Result};

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
