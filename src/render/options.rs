//! Output options that are neither part of the document nor of the profile (a leaf: the writers and the
//! pipeline both name it, and it names nothing).

/// How a PDF is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// Write the PDF as PDF/A-2b (`--pdf-a`): archival, every font embedded, XMP identification.
    pub pdf_a: bool,
    /// Copies the PDF holds (`--ban N`), instead of the kind's own `so_ban`; the DOCX holds one.
    pub copies: Option<u32>,
}
