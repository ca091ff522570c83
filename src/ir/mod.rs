//! The one document model in the middle of the pipeline.
//!
//! A [`Document`] holds the parts of an administrative document by role — header, number, place and date,
//! title, body blocks, signatures, recipients — and never a point size or a position: renderers map roles to
//! the profile's styles. It is serde-serialisable; `vanban render … --format ir` prints it as JSON.

mod markdown;
mod marks;
pub mod text;

pub use markdown::{LINE_BREAK, SIGNING, blocks_from_markdown, merge_tag, widths_tag};
pub use marks::{BanSao, DoKhan, DoMat, HinhThucSao, Marks};
// The date type lives in the leaf module `text`, which the workbook reader shares.
pub use crate::text::Date;

use serde::{Deserialize, Serialize};

/// Which family of administrative format a document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TheThuc {
    /// Party documents (Hướng dẫn 05-HD/VPTW; 36-HD/VPTW with the `dang-36` profile).
    #[default]
    Dang,
    /// State documents (Nghị định 30/2020/NĐ-CP).
    NhaNuoc,
}

/// The document number: "Số 09-KH/ĐU" (Party) or "Số: 09/KH-ĐU" (State), assembled by the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DocNumber {
    /// The number as written ("09"); `None` reserves a blank to fill in by hand.
    pub so: Option<String>,
    /// The document-type code ("KH", "BC"); empty for forms that carry no number.
    pub loai: String,
    /// The issuer's code ("ĐU").
    pub ky_hieu: String,
}

/// The two-column header of page 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Header {
    /// The directly superior body ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"), if any.
    pub cap_tren: Option<String>,
    /// The issuing body ("ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY").
    pub co_quan: String,
    /// The number and symbol; `None` for documents without one (a bản cam kết).
    pub number: Option<DocNumber>,
    /// The place name of the date line ("Vĩnh Phúc").
    pub dia_danh: String,
    /// The date; `None` prints a blank date line to fill in by hand.
    pub ngay: Option<Date>,
}

/// The centred title: tên loại and trích yếu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Title {
    /// The document type, as it prints ("KẾ HOẠCH").
    pub ten_loai: String,
    /// The summary line(s) under it ("xây dựng mô hình chi bộ “4 tốt”"); may be empty.
    pub trich_yeu: Vec<Inline>,
}

/// A run of text or a break inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    /// Literal text (never markup), with emphasis.
    Text {
        /// The text, NFC.
        text: String,
        /// Strong emphasis.
        #[serde(default, skip_serializing_if = "is_false")]
        bold: bool,
        /// Emphasis.
        #[serde(default, skip_serializing_if = "is_false")]
        italic: bool,
        /// Underlined (as a form or a Word template writes it).
        #[serde(default, skip_serializing_if = "is_false")]
        underline: bool,
    },
    /// An explicit line break.
    LineBreak,
    /// A fill line: from here to the right edge of the text (a dotted line, or a rule, as the profile
    /// says) — the space a form leaves for handwriting. Alone in a paragraph it is a whole line.
    Fill,
    /// A check box: an empty square (☐), or a square with a cross (☒) when `checked`. The writers draw
    /// it (the embedded font has no glyph for U+2610–2612), its size following the text around it.
    CheckBox {
        /// Ticked.
        #[serde(default, skip_serializing_if = "is_false")]
        checked: bool,
    },
    /// A picture of the document's own (a Word template's logo, a photo), in line with the text: the
    /// index of one of [`Document::pictures`]. The layout decides its printed size from the size the
    /// template gave it, within the text block.
    Picture {
        /// Index into [`Document::pictures`] (from 0; the dialect's `<anh so="1"/>` is index 0).
        picture: usize,
    },
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Inline {
    /// Plain upright text.
    pub fn plain(text: impl Into<String>) -> Self {
        Inline::Text {
            text: text.into(),
            bold: false,
            italic: false,
            underline: false,
        }
    }

    /// Text with emphasis.
    pub fn styled(text: impl Into<String>, bold: bool, italic: bool) -> Self {
        Inline::Text {
            text: text.into(),
            bold,
            italic,
            underline: false,
        }
    }
}

/// Calls `f` on every inline of the blocks: paragraphs, headings, list items, table cells, notes and
/// articles.
fn for_each_inline<'a>(
    blocks: impl IntoIterator<Item = &'a Block>,
    f: &mut impl FnMut(&'a Inline),
) {
    for b in blocks {
        match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Note { content }
            | Block::Article { content } => content.iter().for_each(&mut *f),
            Block::List { items } => items.iter().flat_map(|i| &i.content).for_each(&mut *f),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .flatten()
                .for_each(&mut *f),
            Block::PageBreak | Block::Signing(_) => {}
        }
    }
}

impl Document {
    /// The pictures the text prints: for each [`Inline::Picture`] of the body, then of the appendices,
    /// its index into [`Document::pictures`] (an index may come again, or be out of range in a
    /// template that names a picture it does not have).
    pub fn picture_uses(&self) -> Vec<usize> {
        let mut uses = Vec::new();
        let blocks = self
            .blocks
            .iter()
            .chain(self.appendices.iter().flat_map(|a| &a.blocks));
        for_each_inline(blocks, &mut |i| {
            if let Inline::Picture { picture } = i {
                uses.push(*picture);
            }
        });
        uses
    }
}

/// Concatenates the text of inlines; a line break becomes `\n`.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
            Inline::Fill => out.push('…'),
            Inline::CheckBox { checked } => out.push(if *checked { '☒' } else { '☐' }),
            Inline::Picture { .. } => {}
        }
    }
    out
}

fn is_default_align(a: &Align) -> bool {
    *a == Align::Default
}

/// Horizontal alignment of a table column or a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// As the profile says for table text (left).
    #[default]
    Default,
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// One item of a list, flattened: depth 1 prints "-", depth 2 prints "+".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    /// Nesting depth, from 1.
    pub depth: u8,
    /// The item's text.
    pub content: Vec<Inline>,
}

/// A table with one header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Table {
    /// Column alignments (one per column).
    pub align: Vec<Align>,
    /// The header row's cells.
    pub header: Vec<Vec<Inline>>,
    /// The body rows; every row has as many cells as the header.
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Relative column widths (a Word table's grid, in any unit); empty: the layout sizes the columns
    /// from their content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u32>,
    /// Merged cells. The cells a merge covers, other than its first, are not printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<Merge>,
}

/// A merged cell: the cell at `row`, `col` (row 0 is the header row, body rows from 1; columns from 0)
/// spans `rows` rows and `cols` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// Its first row (0: the header row).
    pub row: usize,
    /// Its first column (from 0).
    pub col: usize,
    /// How many rows it spans (at least 1).
    pub rows: usize,
    /// How many columns it spans (at least 1).
    pub cols: usize,
}

impl Merge {
    /// Whether the merge covers the cell at `row`, `col`.
    pub fn covers(&self, row: usize, col: usize) -> bool {
        (self.row..self.row + self.rows).contains(&row)
            && (self.col..self.col + self.cols).contains(&col)
    }
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A section heading; level 1 is numbered "I.", level 2 "1.", level 3 "a)" by the profile.
    Heading {
        /// Level from 1.
        level: u8,
        /// The heading text, without its number.
        content: Vec<Inline>,
    },
    /// A body paragraph: justified with a first-line indent unless aligned otherwise.
    Paragraph {
        /// The runs.
        content: Vec<Inline>,
        /// Centred or right-aligned (a Word template's own alignment); `Default`: as the profile sets
        /// body text.
        #[serde(default, skip_serializing_if = "is_default_align")]
        align: Align,
    },
    /// A list, flattened; items carry their depth.
    List {
        /// The items.
        items: Vec<ListItem>,
    },
    /// A bordered table.
    Table(Table),
    /// A short note set apart from the body (a footnote-style remark, printed smaller and in italics).
    Note {
        /// The runs.
        content: Vec<Inline>,
    },
    /// An article of a decision: the layout prefixes the run-in label "Điều N." (numbered through the
    /// document, style and wording from the profile) and the content follows on the same line.
    Article {
        /// The article's text after its label.
        content: Vec<Inline>,
    },
    /// What follows starts on a new page.
    PageBreak,
    /// Signature blocks inside the body, as forms have them one after another down the page: one
    /// block on the right, or two side by side (a biên bản's THƯ KÝ left and CHỦ TRÌ right). Each is
    /// kept whole, and with the block before it.
    Signing(Signing),
}

/// One row of signature blocks in the body: the left one, the right one, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signing {
    /// The left block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Signature>,
    /// The right block (a single block stands on the right).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<Signature>,
}

/// Who signs and with what authority (quyền hạn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Authority {
    /// On behalf of a collective body: "T/M" (Party), "TM." (State).
    ThayMat,
    /// Signing for the head: "K/T" / "KT.".
    KyThay,
    /// By order: "T/L" / "TL.".
    ThuaLenh,
    /// By delegation (State only): "TUQ.".
    UyQuyen,
    /// Acting head: "Q.".
    Quyen,
}

/// One signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signature {
    /// A heading line above the authority, e.g. "XÁC NHẬN CỦA ĐẢNG ỦY" or "NGƯỜI CAM KẾT".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The authority prefix, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// The body signed for ("ĐẢNG ỦY", "CHI BỘ"), printed after the authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_chuc: Option<String>,
    /// The signer's title ("BÍ THƯ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chuc_vu: Option<String>,
    /// A small italic note under the title, e.g. "(Ký, ghi rõ họ tên)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghi_chu: Option<String>,
    /// The signer's full name; empty leaves the line blank.
    pub ho_ten: String,
}

impl Signature {
    /// True when the block prints nothing at all (a document whose signatures are all in its body).
    pub fn is_empty(&self) -> bool {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|t| t.trim().is_empty());
        blank(&self.label)
            && self.authority.is_none()
            && blank(&self.to_chuc)
            && blank(&self.chuc_vu)
            && blank(&self.ghi_chu)
            && self.ho_ten.trim().is_empty()
    }
}

/// The signature area: the main signature on the right, an optional second one on the left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signatures {
    /// Left column (confirmation by the superior body), printed where the nơi nhận would go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Signature>,
    /// Right column: the issuer's signature.
    pub right: Signature,
}

/// "Nơi nhận": the recipients, bottom left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NoiNhan {
    /// Recipients in order, without the "- " marker or end punctuation.
    pub items: Vec<String>,
    /// Where the file copy is kept ("Văn phòng Đảng ủy"); the profile writes the "Lưu …" line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub luu: Option<String>,
}

/// Which label an addressee block carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum AddresseeLabel {
    /// "Kính gửi:" (a công văn, a báo cáo sent upward).
    #[default]
    KinhGui,
    /// "Kính trình:" (a tờ trình, 05-HD §I.9.2.4).
    KinhTrinh,
}

/// The addressees named under the title block ("Kính gửi:" / "Kính trình:" and the bodies addressed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Addressees {
    /// Which label the block starts with; its wording comes from the profile.
    pub label: AddresseeLabel,
    /// The bodies addressed, in order, without the "- " marker or end punctuation (the profile adds them).
    pub items: Vec<String>,
}

/// The orientation of a section's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Orientation {
    /// Upright pages (the main text).
    #[default]
    Portrait,
    /// Turned pages, for wide tables (05-HD §IV.4.3).
    Landscape,
}

/// A phụ lục: a section after the signatures that starts on a new page, with its own heading, its own
/// page numbering and its own orientation (05-HD §II.1, §IV.5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Appendix {
    /// The appendix title ("Danh sách chi bộ và đảng viên …"); the profile sets its case and style.
    /// With two or more appendices the layout numbers them ("Phụ lục 1").
    pub title: Vec<Inline>,
    /// Print the reference line "(Kèm theo <tên loại> số …, ngày … của …)", built by the layout from the
    /// parent document's type, number, date and issuer.
    #[serde(default)]
    pub kem_theo: bool,
    /// The orientation of the appendix's pages.
    #[serde(default)]
    pub orientation: Orientation,
    /// The appendix's body.
    pub blocks: Vec<Block>,
}

/// Which image of an electronic document a picture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageRole {
    /// The signer's handwritten signature (`--chu-ky`), centred between the chức vụ and the name.
    ChuKy,
    /// The issuing body's seal (`--con-dau`), at its real size over the left part of the signature.
    ConDau,
}

/// The encoding of a picture's bytes (each is one both writers embed as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PictureFormat {
    /// PNG.
    #[default]
    Png,
    /// JPEG.
    Jpeg,
    /// GIF (its first frame prints).
    Gif,
}

impl PictureFormat {
    /// The file extension the format is known by (in DOCX media names and the PDF's virtual files).
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Jpeg => "jpeg",
            PictureFormat::Gif => "gif",
        }
    }
}

/// A checked picture: its encoded bytes, its pixel size and, when known, the size it prints at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Picture {
    /// The file it came from, as given (for messages); for a Word template's picture, its part
    /// (`word/media/image1.png`).
    pub file: String,
    /// How the bytes are encoded (the signature and seal are always PNG).
    #[serde(default)]
    pub format: PictureFormat,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Pixels per metre (x, y) from the PNG's pHYs chunk; `None` when the file states no resolution
    /// (the profile's default size is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub px_per_metre: Option<(u32, u32)>,
    /// The size a Word template gave the picture, in micrometres (width, height): it prints at that
    /// size when it fits the text block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent_um: Option<(u32, u32)>,
    /// The file's bytes, shared by every document that prints the picture (not part of the JSON form
    /// of the IR).
    #[serde(skip)]
    pub bytes: std::sync::Arc<[u8]>,
}

/// The images of an electronic document's issuing signature (05-HD §I.7.2, §I.8.2.3; NĐ 30 Phụ lục I):
/// the anchor both renderers place from, in the right-hand signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SigningImages {
    /// The signer's signature image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chu_ky: Option<Picture>,
    /// The seal image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub con_dau: Option<Picture>,
}

/// A whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Document {
    /// The file name stem, already safe on every system ("ke-hoach-09-KH-DU").
    pub file_stem: String,
    /// The header of page 1.
    pub header: Header,
    /// Tên loại and trích yếu.
    pub title: Title,
    /// The body.
    pub blocks: Vec<Block>,
    /// The signatures.
    pub signatures: Signatures,
    /// The recipients; `None` when the document has none (forms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noi_nhan: Option<NoiNhan>,
    /// "Kính gửi:" / "Kính trình:" and the bodies addressed, under the title block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressees: Option<Addressees>,
    /// Căn cứ lines under the title block, in order, without the "- " marker or end punctuation (the
    /// profile adds them: 05-HD ends each with ";" and the last with ".").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub can_cu: Vec<String>,
    /// The enacting line after the căn cứ ("Đảng ủy Văn phòng Tỉnh ủy quyết định:"), centred; the
    /// profile sets its case and style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enacting: Option<String>,
    /// The drafter's line after the nơi nhận (05-HD box 12), when the workbook names a drafter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<String>,
    /// Phụ lục after the signatures, each a section of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Signature and seal images placed on the issuer's (right-hand) signature, for an electronic
    /// document; `None` for paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<SigningImages>,
    /// The pictures [`Inline::Picture`] prints (a Word template's own images), in the order the
    /// template holds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    /// Khẩn and mật marks, the draft mark, circulation, number of copies.
    #[serde(default, skip_serializing_if = "Marks::is_empty")]
    pub marks: Marks,
    /// The bản sao block after the document, when the document is a copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ban_sao: Option<BanSao>,
    /// How many identical copies the PDF holds, one after another (a ballot for each voter); `None`
    /// is one. The DOCX always holds one copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}
