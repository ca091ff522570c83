//! The Word reader: a `.docx` file → its document as paragraphs, runs and tables ([`WordDoc`]), with the
//! template tags written in it found and made whole.
//!
//! A reader beside the workbook reader, in pandoc's shape: it knows Word's package and XML (quick to
//! read with roxmltree, within size limits, never a panic on a malformed file) and the three tag
//! delimiters (`{{ }}`, `{% %}`, `{# #}`), and nothing of templates, the IR or profiles. What Word does
//! to typed text does not matter: a tag split over runs (spell-check marks, language or formatting
//! changes, bookmarks, revision ids) is joined and takes the formatting of the run holding its opening
//! delimiter; smart quotes and non-breaking spaces inside a tag are made plain; text outside tags is
//! made NFC (decomposed Vietnamese typed with some keyboard settings). Tracked changes are refused.
//!
//! Places are counted as a person finds them: "đoạn n" is the n-th paragraph directly in the body
//! (paragraphs inside tables not counted), tables count from 1, and their rows and cells from 1.

mod body;
pub mod format;
mod numbering;
mod package;
mod pictures;
mod styles;
mod tags;
mod write;
mod xml;

pub use package::WordLimits;
pub use tags::plain_quotes;
pub use write::write;

use std::fmt;

/// Why a `.docx` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file is not a usable Word package (not a zip, a Word 97–2003 `.doc`, encrypted, no
    /// `word/document.xml`, a part too large, XML that does not parse). Exit code 2.
    Package {
        /// What is wrong, in Vietnamese.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The document is readable but its content cannot be used as it is (tracked changes, an unclosed
    /// tag). Exit code 1.
    Content {
        /// Where, as a person finds it ("đoạn 12", "bảng 2 hàng 3 ô 1").
        place: Place,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Package { message, .. } => write!(f, "{message}"),
            ReadError::Content { place, message, .. } => write!(f, "{place}: {message}"),
        }
    }
}

/// A place in the document a person can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// The n-th paragraph directly in the body (from 1; paragraphs inside tables are not counted).
    Paragraph(usize),
    /// A cell: table, row and cell numbers from 1.
    Cell {
        /// The table's number in the body (from 1).
        table: usize,
        /// The row (from 1).
        row: usize,
        /// The cell in the row (from 1).
        cell: usize,
    },
    /// The page header or footer part (`word/header1.xml` …): the n-th such part.
    HeaderFooter(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Paragraph(n) => write!(f, "đoạn {n}"),
            Place::Cell { table, row, cell } => write!(f, "bảng {table} hàng {row} ô {cell}"),
            Place::HeaderFooter(n) => write!(f, "đầu trang/chân trang {n}"),
        }
    }
}

/// Emphasis of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Fmt {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// What a tag is, by its delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `{{ … }}`: prints a value.
    Expr,
    /// `{% … %}`: a statement (`for`, `if`, `set` …).
    Stmt,
    /// `{# … #}`: a comment.
    Comment,
}

/// A template tag as written, made whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Which delimiters.
    pub kind: TagKind,
    /// The tag with its delimiters, quotes and spaces made plain (`{{ dv.ho_ten }}`).
    pub source: String,
    /// The emphasis of the run holding the opening delimiter.
    pub fmt: Fmt,
}

impl Tag {
    /// The text between the delimiters, trimmed, without whitespace-control dashes (`for x in y`).
    pub fn inner(&self) -> &str {
        let s = &self.source;
        let s = s.get(2..s.len().saturating_sub(2)).unwrap_or("");
        s.trim_start_matches('-')
            .trim_end_matches('-')
            .trim()
    }
}

/// One piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text (NFC) with its emphasis.
    Text(String, Fmt),
    /// A template tag.
    Tag(Tag),
    /// A tab character not reaching a leader tab stop.
    Tab,
    /// A line break.
    LineBreak,
    /// A page break.
    PageBreak,
    /// A fill line: a tab to a tab stop with a dotted (or underscore) leader, or a run of dots or
    /// underscores typed to the end of the line — the space forms leave for handwriting.
    Fill,
    /// A picture: the index of one of [`WordDoc::pictures`].
    Picture(usize),
}

/// How a paragraph is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Left (or not said).
    #[default]
    Left,
    /// Left, said so on the paragraph itself (`w:jc="left"` or `"start"`): a line a form keeps at the
    /// left edge where body text would be justified.
    Start,
    /// Centred.
    Center,
    /// Right.
    Right,
    /// Justified.
    Both,
}

/// A list a paragraph belongs to (Word's automatic numbering).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListInfo {
    /// The level, from 0.
    pub level: u8,
    /// Numbered (1., a) …) rather than bulleted.
    pub ordered: bool,
    /// A numbered item's label as Word shows it ("1.", "a)", "II."), counted in document order.
    pub label: Option<String>,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Where it is.
    pub place: Place,
    /// Its style's id as written (`Heading1`, `VBTrichYeu`), empty for the default.
    pub style_id: String,
    /// The heading level, from 1, by style (a "Heading n" style in any language, by id, name or
    /// outline level) or by the paragraph's own outline level.
    pub heading: Option<u8>,
    /// The list it belongs to.
    pub list: Option<ListInfo>,
    /// Its alignment.
    pub align: Align,
    /// Word starts it on a new page.
    pub page_break_before: bool,
    /// The paragraph's content.
    pub pieces: Vec<Piece>,
    /// Set when this paragraph ends a section (its properties say how the section's pages are).
    pub section_end: Option<Section>,
}

impl Paragraph {
    /// The paragraph's text: tags as written, a tab or fill as a space, breaks as `\n`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t, _) => out.push_str(t),
                Piece::Tag(t) => out.push_str(&t.source),
                Piece::Tab | Piece::Fill => out.push(' '),
                Piece::LineBreak | Piece::PageBreak => out.push('\n'),
                Piece::Picture(_) => {}
            }
        }
        out
    }

    /// True when the paragraph holds a picture.
    pub fn has_picture(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Picture(_)))
    }

    /// True when the paragraph holds no text, tag, fill or picture (breaks and tabs alone count as
    /// empty).
    pub fn is_empty(&self) -> bool {
        self.pieces.iter().all(|p| match p {
            Piece::Text(t, _) => t.trim().is_empty(),
            Piece::Tag(_) | Piece::Fill | Piece::Picture(_) => false,
            _ => true,
        })
    }

    /// The paragraph's only piece when it holds exactly one tag and blank text around it.
    pub fn only_tag(&self) -> Option<&Tag> {
        let mut found = None;
        for p in &self.pieces {
            match p {
                Piece::Tag(t) if found.is_none() => found = Some(t),
                Piece::Text(t, _) if t.trim().is_empty() => {}
                Piece::Tab | Piece::LineBreak => {}
                _ => return None,
            }
        }
        found
    }
}

/// A section's page (from its `w:sectPr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Section {
    /// Turned pages (wider than high).
    pub landscape: bool,
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell merged into the one above.
    Continue,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// How many grid columns it spans.
    pub span: u16,
    /// Its part in a vertical merge.
    pub vmerge: VMerge,
    /// Its paragraphs, in order (a table nested in a cell gives its paragraphs, row by row).
    pub paragraphs: Vec<Paragraph>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Repeats as the header on each page (`w:tblHeader`).
    pub header: bool,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The table's number in the body (from 1).
    pub number: usize,
    /// The widths of the grid's columns, in twentieths of a point (relative sizes are what matter).
    pub grid: Vec<u32>,
    /// Whether any border is drawn (a borderless table lays text out, a header or signature block).
    pub bordered: bool,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A whole document as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordDoc {
    /// The body, in order. Text boxes and content controls are read in place.
    pub blocks: Vec<Block>,
    /// The last section's page.
    pub last_section: Section,
    /// The paragraphs of page headers and footers (the profile prints page numbers; their text is not
    /// printed, but tags in them are checked).
    pub header_footer: Vec<Paragraph>,
    /// The body's pictures (images, not text boxes), in order; [`Piece::Picture`] points here.
    pub pictures: Vec<WordPicture>,
}

/// A picture in the body, as the package holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPicture {
    /// Where it is.
    pub place: Place,
    /// Its part (`word/media/image1.png`), or the linked file's name; `None` when the drawing names
    /// no image relationship.
    pub part: Option<String>,
    /// The image is linked to a file outside the package (Word's "Link to File"), not embedded.
    pub linked: bool,
    /// The part's bytes (shared by every picture of the same part); `None` when the picture is linked
    /// or its part is missing.
    pub bytes: Option<std::sync::Arc<[u8]>>,
    /// Its size in EMUs (914,400 per inch), as Word shows it; `None` when the drawing states none.
    pub extent_emu: Option<(u64, u64)>,
}

/// Reads a `.docx` file's bytes within the limits.
pub fn read(bytes: &[u8], limits: &WordLimits) -> Result<WordDoc, ReadError> {
    let package = package::Package::open(bytes, limits)?;
    let styles = styles::Styles::parse(package.part("word/styles.xml")?.as_deref())?;
    let mut numbering =
        numbering::Numbering::parse(package.part("word/numbering.xml")?.as_deref())?;
    let document = package
        .part("word/document.xml")?
        .ok_or_else(|| ReadError::Package {
            message: "tệp không có phần văn bản chính (word/document.xml)".into(),
            hint: "mở tệp trong Word và lưu lại dưới dạng Tài liệu Word (.docx)".into(),
        })?;
    let (mut doc, pictures) = body::read_body(&document, &styles, &mut numbering)?;
    doc.pictures = pictures::resolve(&package, pictures, limits.max_part_bytes)?;
    for (i, name) in package.header_footer_parts().iter().enumerate() {
        if let Some(xml) = package.part(name)? {
            doc.header_footer
                .extend(body::read_header_footer(&xml, i + 1, &styles, &mut numbering)?);
        }
    }
    Ok(doc)
}
