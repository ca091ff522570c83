//! A `.docx` as a format check sees it ([`read_format`]): each section's page and margins and its
//! page-number header, each paragraph's resolved alignment, indents, spacing and line spacing, each
//! run's font, size and emphasis, the line shapes drawn in a paragraph, tables with their cells. It
//! shares the package, XML and place conventions of the template reader ([`super::read`]) and leaves
//! what templates get untouched: templates keep little formatting, a check needs all of it.

mod props;
mod read;

pub use props::LineRule;

use super::{Align, Place, ReadError, WordLimits};

/// A run of text with its resolved properties.
#[derive(Debug, Clone, PartialEq)]
pub struct FRun {
    /// Its text (a tab as `\t`, a break as `\n`); upper case already applied for `w:caps`.
    pub text: String,
    /// The font family (the ASCII slot), if anything names one.
    pub font: Option<String>,
    /// Size in points (Word's default 10 pt when nothing sets it).
    pub size_pt: f32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// A straight line drawn in a paragraph (a DrawingML or VML line shape).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineShape {
    /// Its length in points.
    pub length_pt: f32,
    /// Its thickness in points (0 when the file does not say).
    pub width_pt: f32,
}

/// A paragraph with its resolved properties.
#[derive(Debug, Clone, PartialEq)]
pub struct FParagraph {
    /// Where it is ("đoạn 12", "bảng 1 hàng 2 ô 1").
    pub place: Place,
    /// Its style's id.
    pub style_id: String,
    /// Alignment.
    pub align: Align,
    /// First-line indent in points (negative for a hanging indent).
    pub first_line_pt: f32,
    /// Left indent in points.
    pub left_pt: f32,
    /// Right indent in points.
    pub right_pt: f32,
    /// Space above, in points.
    pub before_pt: f32,
    /// Space below, in points.
    pub after_pt: f32,
    /// Line spacing: the value (points for exact and at-least, lines for auto) and its rule.
    pub line: Option<(f32, LineRule)>,
    /// A bottom border is drawn (a rule made as a paragraph border).
    pub border_bottom: bool,
    /// Borders on four sides (a boxed stamp).
    pub boxed: bool,
    /// It is a frame positioned on the page (`w:framePr`).
    pub frame: bool,
    /// Its runs.
    pub runs: Vec<FRun>,
    /// Line shapes anchored in it.
    pub lines: Vec<LineShape>,
}

impl FParagraph {
    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The runs that hold visible text.
    pub fn text_runs(&self) -> impl Iterator<Item = &FRun> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct FCell {
    /// Its width in points, as written (`w:tcW` in twips), if given.
    pub width_pt: Option<f32>,
    /// Borders are drawn round it.
    pub bordered: bool,
    /// Its paragraphs (a nested table's, row by row).
    pub paragraphs: Vec<FParagraph>,
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct FTable {
    /// Its number in the body, from 1.
    pub number: usize,
    /// Whether its grid has borders (a data table) or not (a layout table: header, signatures).
    pub bordered: bool,
    /// Rows of cells.
    pub rows: Vec<Vec<FCell>>,
}

/// A block of the body, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum FBlock {
    /// A paragraph.
    Paragraph(FParagraph),
    /// A table.
    Table(FTable),
}

/// The page number a header part shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumberField {
    /// The paragraph's alignment.
    pub align: Align,
    /// The size of the field's runs.
    pub size_pt: f32,
}

/// A section's pages.
#[derive(Debug, Clone, PartialEq)]
pub struct FSection {
    /// Paper width in millimetres.
    pub width_mm: f32,
    /// Paper height in millimetres.
    pub height_mm: f32,
    /// Margins in millimetres: top, bottom, left, right.
    pub margins_mm: [f32; 4],
    /// Distance of the header from the top edge, in millimetres.
    pub header_mm: f32,
    /// The first page has a header of its own (`w:titlePg`).
    pub title_page: bool,
    /// The page number of the pages' header (the default header), if it shows one.
    pub page_number: Option<PageNumberField>,
    /// Whether the first page's header shows a page number.
    pub first_page_number: bool,
    /// The index of the first body block after the section's start.
    pub first_block: usize,
}

/// A whole document as a format check reads it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormatDoc {
    /// The body's blocks in order.
    pub blocks: Vec<FBlock>,
    /// The sections, in order.
    pub sections: Vec<FSection>,
}

/// Reads a `.docx` for a format check, within the limits.
pub fn read_format(bytes: &[u8], limits: &WordLimits) -> Result<FormatDoc, ReadError> {
    read::read(bytes, limits)
}
