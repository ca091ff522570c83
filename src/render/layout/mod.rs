//! The resolved page: the IR with the profile's text conventions applied, shared by both writers.
//!
//! Resolution turns roles into final strings (the number "Số 09-KH/ĐU", the date line, heading numbers
//! "I.", list markers, authority prefixes, nơi nhận punctuation, upper case, tone style) and attaches the
//! profile style of each piece. It also takes every geometric decision both formats share: the page box
//! of each section, table column widths ([`table`]), the arrangement of the signature area
//! ([`signature`]), the header's columns ([`header`]), the place of the addressee block. The pipeline
//! builds the layout once per document; the DOCX and PDF writers only place what it holds, with the
//! narrow [`Style`] it carries, so the two files always agree in content and shape and neither writer
//! reads the profile.
//!
//! Where things are: the page-1 header, title and addressees in [`header`]; căn cứ, the enacting line
//! and the body blocks in [`body`]; heading, article and number wording in [`numbering`]; the signature
//! area, nơi nhận and signing images in [`signature`]; appendices in [`appendix`]; tables in [`table`];
//! document properties in [`meta`].

mod appendix;
mod ban_sao;
mod body;
mod header;
mod keep;
mod marks;
mod meta;
mod numbering;
mod pictures;
mod signature;
mod style;
mod table;
#[cfg(test)]
mod tests;

pub use appendix::AppendixLayout;
pub use ban_sao::{BanSaoBlock, CopyColumn};
pub use header::{AddresseeBlock, HeaderColumns};
pub use marks::{ContactAt, ContactBlock, MarkLine, Marks, PageMark};
pub use meta::Metadata;
pub use signature::{
    NoiNhanBlock, PlacedImage, SignatureArea, SignatureColumn, SignatureWidths, SigningRow,
};
pub use style::{PageNumbers, Style};
pub use pictures::LPicture;
pub use table::LTable;

use crate::ir::{Align, Document, Inline, SigningImages};
use crate::profile::{Mark, Profile, TextStyle, apply_tone_style};
use serde::Serialize;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// A page's size and margins, in millimetres, as the section it belongs to uses them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageBox {
    /// Paper width (the long side for a landscape page).
    pub width_mm: f32,
    /// Paper height.
    pub height_mm: f32,
    /// Top margin.
    pub margin_top_mm: f32,
    /// Bottom margin.
    pub margin_bottom_mm: f32,
    /// Left margin.
    pub margin_left_mm: f32,
    /// Right margin.
    pub margin_right_mm: f32,
    /// Whether the page is turned (wider than high).
    pub landscape: bool,
}

impl PageBox {
    /// The profile's upright page.
    pub fn portrait(profile: &Profile) -> Self {
        let p = &profile.page;
        Self {
            width_mm: p.width_mm,
            height_mm: p.height_mm,
            margin_top_mm: p.margin_top_mm,
            margin_bottom_mm: p.margin_bottom_mm,
            margin_left_mm: p.margin_left_mm,
            margin_right_mm: p.margin_right_mm,
            landscape: false,
        }
    }

    /// The width of the text block.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
}

/// One line of fixed text with its style and, optionally, a centred rule under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The text; may contain `\n` for a deliberate line break.
    pub text: String,
    /// Its style (size, emphasis).
    pub style: TextStyle,
    /// A solid rule under the text, as a fraction of the text's width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<f32>,
}

/// A paragraph-level block, ready to place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LBlock {
    /// A heading: number and text already joined, case applied.
    Heading {
        /// Level from 1.
        level: u8,
        /// The runs ("I. MỤC ĐÍCH, YÊU CẦU"); the heading's bold/italic is applied to every run.
        runs: Vec<Inline>,
    },
    /// A body paragraph: justified with a first-line indent, or centred or right-aligned without one.
    Paragraph {
        /// The runs.
        runs: Vec<Inline>,
        /// `Default` for body text; `Center` or `Right` as the document aligns it.
        #[serde(skip_serializing_if = "is_default_align")]
        align: Align,
        /// It stays on the page of what follows (a lead-in ending ":", a table's caption).
        #[serde(default, skip_serializing_if = "is_false")]
        keep_with_next: bool,
    },
    /// A list item: a body paragraph that starts with a literal marker ("- ", "+ ").
    ListItem {
        /// Depth from 1.
        depth: u8,
        /// The runs, marker included as the first run.
        runs: Vec<Inline>,
        /// It stays on the page of what follows (it ends with ":").
        #[serde(default, skip_serializing_if = "is_false")]
        keep_with_next: bool,
    },
    /// A bordered table, its columns sized.
    Table(LTable),
    /// A small italic note.
    Note {
        /// The runs.
        runs: Vec<Inline>,
        /// It stays on the page of what follows (a table's caption or unit line).
        #[serde(default, skip_serializing_if = "is_false")]
        keep_with_next: bool,
    },
    /// What follows starts on a new page.
    PageBreak,
    /// A row of signature blocks in a form's body; it stays whole, and the block before it stays on
    /// its page (a title never stands alone at a page foot, nor a signature without its line).
    Signing(SigningRow),
    /// A centred line set apart from the body (the enacting line "ĐẢNG ỦY … QUYẾT ĐỊNH:").
    Centred {
        /// The line.
        line: Line,
        /// Space above.
        space_before_pt: f32,
        /// Space below.
        space_after_pt: f32,
    },
}

/// A whole resolved document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// The main text's page (upright).
    pub page: PageBox,
    /// Header, left column, top rows: superior body, issuing body, its mark (a "*" line, or a rule on
    /// the issuing body's line).
    pub header_left: Vec<Line>,
    /// Header, right column, top rows: the national or Party line(s).
    pub header_right: Vec<Line>,
    /// Header, left column, bottom row: the number line, if the document has one.
    pub number: Option<Line>,
    /// Header, right column, bottom row: the place-and-date line.
    pub date: Line,
    /// The header's column widths.
    pub header_columns: HeaderColumns,
    /// Centred title lines: tên loại, trích yếu, and the separator ("-----" or a rule on the trích yếu).
    pub title: Vec<Line>,
    /// "Kính gửi:" / "Kính trình:" under the title, if the document is addressed.
    pub addressees: Option<AddresseeBlock>,
    /// The body: the căn cứ lines (paragraphs), the enacting line ([`LBlock::Centred`]), then the text.
    pub blocks: Vec<LBlock>,
    /// The signature area.
    pub signature: SignatureArea,
    /// Its widths.
    pub signature_widths: SignatureWidths,
    /// The appendices, each a section of its own after the signatures.
    pub appendices: Vec<AppendixLayout>,
    /// Khẩn, mật, draft and circulation marks, placed.
    #[serde(skip_serializing_if = "Marks::is_empty")]
    pub marks: Marks,
    /// The bản sao block after the whole document (after the last appendix, if any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ban_sao: Option<BanSaoBlock>,
    /// Document properties.
    pub meta: Metadata,
    /// What the writers still need of the profile (fonts, paragraph styles, spacings); the PDF writer
    /// hands it to Typst as a file of its own, so it is not part of this JSON.
    #[serde(skip)]
    pub style: Style,
    /// The signature and seal pictures the signature area places (their bytes); `None` for paper.
    #[serde(skip)]
    pub images: Option<SigningImages>,
    /// The document's own pictures, sized ([`crate::ir::Inline::Picture`] is an index here).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<LPicture>,
    /// A stable identifier of the document ("vanban/dang/ke-hoach-09-KH-DU"): the same input gives the
    /// same PDF bytes.
    #[serde(skip)]
    pub ident: String,
    /// How many identical copies the PDF holds, one after another, each numbered from page 1 (at least
    /// 1); the DOCX holds one.
    pub copies: u32,
}

/// Resolves a document against a profile: the one place a document's geometry and wording are decided.
pub fn resolve(doc: &Document, profile: &Profile) -> Layout {
    let _timing = crate::timing::span(crate::timing::Stage::Layout);
    let page = PageBox::portrait(profile);
    let text_width = page.text_width_mm();
    let head = header::header(doc, profile, text_width);
    let addressees = header::addressees(doc, text_width, profile);
    // The page boxes: the body's, then each appendix's (its orientation decides), sized once and used
    // both to size pictures and to lay the appendices out.
    let pages: Vec<PageBox> = std::iter::once(page)
        .chain(
            doc.appendices
                .iter()
                .map(|a| appendix::page_box(a.orientation, profile)),
        )
        .collect();
    let pictures = pictures::pictures(doc, &pages);
    let mut blocks: Vec<LBlock> = body::enacting_authority(doc, profile).into_iter().collect();
    blocks.extend(body::can_cu_blocks(&doc.can_cu, profile));
    blocks.extend(body::enacting_line(doc, profile));
    blocks.extend(body::resolve_blocks(&doc.blocks, text_width, profile, &pictures));
    let (signature, signature_widths) = signature::signature_area(doc, text_width, profile);
    let appendices = appendix::appendices(doc, &pages[1..], profile, &pictures);
    let last_page = appendices.last().map_or(page, |a| a.page);
    let ban_sao = ban_sao::ban_sao(doc, last_page.text_width_mm(), profile);
    let meta = meta::metadata(doc, profile, head.number.as_ref());
    Layout {
        page,
        header_left: head.left,
        header_right: head.right,
        number: head.number,
        date: head.date,
        header_columns: head.columns,
        title: header::title(doc, profile),
        addressees,
        blocks,
        signature,
        signature_widths,
        appendices,
        marks: marks::marks(doc, profile, &last_page),
        ban_sao,
        meta,
        style: Style::of(profile),
        images: doc.images.clone(),
        pictures,
        ident: format!("vanban/{}/{}", profile.name, doc.file_stem),
        copies: doc.copies.unwrap_or(1).max(1),
    }
}

fn is_default_align(a: &Align) -> bool {
    *a == Align::Default
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A fixed line of text in a style: the profile's tone style applied, upper case when the style says.
fn fixed_line(text: &str, style: TextStyle, profile: &Profile) -> Line {
    Line {
        text: cased(&apply_tone_style(text, profile.text.tone_style), style.upper),
        style,
        rule: None,
    }
}

enum MarkKind {
    Text(Line),
    Rule(f32),
    None,
}

fn mark_line(mark: &Mark, base: TextStyle) -> MarkKind {
    if let Some(text) = &mark.text {
        MarkKind::Text(Line {
            text: text.clone(),
            style: TextStyle {
                size_pt: mark.size_pt.unwrap_or(base.size_pt),
                ..TextStyle::default()
            },
            rule: None,
        })
    } else if let Some(f) = mark.rule {
        MarkKind::Rule(f)
    } else {
        MarkKind::None
    }
}

/// Upper-cases Vietnamese text when asked (Rust's Unicode upper case keeps NFC letters precomposed).
fn cased(text: &str, upper: bool) -> String {
    if upper {
        text.to_uppercase()
    } else {
        text.to_owned()
    }
}

fn fix_inlines(runs: &[Inline], profile: &Profile, upper: bool) -> Vec<Inline> {
    runs.iter()
        .map(|r| match r {
            Inline::Text {
                text,
                bold,
                italic,
                underline,
            } => Inline::Text {
                text: cased(&apply_tone_style(text, profile.text.tone_style), upper),
                bold: *bold,
                italic: *italic,
                underline: *underline,
            },
            other => other.clone(),
        })
        .collect()
}
