//! The styles of a profile's parts, as the TOML writes them: text, page, header, title, body,
//! headings, lists, fill lines, check boxes, signing rows, tables, signatures, nơi nhận, images,
//! addressees, căn cứ, the enacting line, articles, the drafter and appendices.

use super::BUILTIN;
use crate::text::ToneStyle;
use serde::{Deserialize, Serialize};

/// How a piece of text is set: size and emphasis. Fonts come from [`Fonts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    /// Size in points.
    pub size_pt: f32,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Underlined (only where a format asks for it, e.g. the Party "Nơi nhận:").
    #[serde(default)]
    pub underline: bool,
    /// Printed in upper case.
    #[serde(default)]
    pub upper: bool,
}

/// Page size, margins and page numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Paper width.
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
    /// Distance of the page number from the top edge.
    pub page_number_top_mm: f32,
    /// Page number size.
    pub page_number_size_pt: f32,
    /// The first page that shows its number (2: none on page 1).
    pub page_number_from: u32,
}

impl Page {
    /// The width of the text block.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
}

/// Font families.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// The family named in DOCX files.
    pub docx_family: String,
    /// The embedded family used for PDF.
    pub pdf_family: String,
    /// The language tag of the text (vi-VN).
    pub language: String,
}

/// Text conventions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextConventions {
    /// Where tone marks sit on "oa, oe, uy": new (ủy, hòa) or old (uỷ, hoà).
    pub tone_style: ToneStyle,
}

/// A line of fixed text, possibly with a rule under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedLine {
    /// The text.
    pub text: String,
    /// Size in points.
    pub size_pt: f32,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// A solid rule under the line, as a fraction of the text's width (1.0 = as wide as the text).
    #[serde(default)]
    pub rule: Option<f32>,
}

/// What stands under the issuing body or the trích yếu: a text mark ("*", "-----") or a solid rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// A text mark, centred.
    #[serde(default)]
    pub text: Option<String>,
    /// The mark's size (for a text mark).
    #[serde(default)]
    pub size_pt: Option<f32>,
    /// A solid rule, as a fraction of the width of the text above it.
    #[serde(default)]
    pub rule: Option<f32>,
}

/// Solid rules: under the Party line or the Tiêu ngữ, under the issuing body, under the trích yếu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleStyle {
    /// Line thickness.
    pub thickness_pt: f32,
    /// Space between the bottom of the text (its descender) and the rule.
    pub gap_pt: f32,
}

/// The two-column header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderStyle {
    /// Width of the left column (issuing body, number).
    pub left_width_mm: f32,
    /// Width of the right column (national line, date).
    pub right_width_mm: f32,
    /// Left and right padding inside each column (0: the columns are exactly as wide as given).
    pub cell_margin_mm: f32,
    /// The superior body.
    pub cap_tren: TextStyle,
    /// The issuing body.
    pub co_quan: TextStyle,
    /// The mark under the issuing body.
    pub co_quan_mark: Mark,
    /// The number line.
    pub number: TextStyle,
    /// `{so}`, `{loai}`, `{ky_hieu}` are replaced.
    pub number_pattern: String,
    /// Printed for `{so}` when the document has no number yet.
    pub number_blank: String,
    /// The place-and-date line.
    pub date: TextStyle,
    /// `{dia_danh}`, `{ngay}` (2 digits below 10), `{thang}` (2 digits for 1 and 2), `{nam}`.
    pub date_pattern: String,
    /// The date line when the document has no date yet.
    pub date_blank: String,
    /// The right column's fixed lines.
    pub national: Vec<FixedLine>,
    /// Space between the top rows and the number/date row.
    pub gap_pt: f32,
}

/// The centred title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleStyle {
    /// Space above the tên loại.
    pub space_before_pt: f32,
    /// Space under the separator.
    pub space_after_pt: f32,
    /// The tên loại ("KẾ HOẠCH").
    pub ten_loai: TextStyle,
    /// The trích yếu.
    pub trich_yeu: TextStyle,
    /// Write the trích yếu's first letter as a capital (NĐ 30 writes "Xây dựng …"; Party guides keep
    /// the lower case of "về …", "xây dựng …").
    #[serde(default)]
    pub trich_yeu_capitalize: bool,
    /// The separator under the trích yếu.
    pub separator: Mark,
}

/// Body paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyStyle {
    /// Text size.
    pub size_pt: f32,
    /// Exact distance between baselines.
    pub line_pitch_pt: f32,
    /// First-line indent.
    pub first_line_indent_mm: f32,
    /// Space above a paragraph.
    pub space_before_pt: f32,
    /// Space below a paragraph.
    pub space_after_pt: f32,
    /// Justified (true) or left-aligned.
    pub justify: bool,
    /// The range the guide allows for `line_pitch_pt`, `[min, max]` (05-HD §I.6.2.2: Exactly 18–22 pt);
    /// a profile whose pitch falls outside is rejected.
    #[serde(default)]
    pub line_pitch_range_pt: Option<[f32; 2]>,
}

/// How a heading level is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// I, II, III …
    UpperRoman,
    /// 1, 2, 3 …
    Decimal,
    /// a, b, c, d, đ, e, g … (the Vietnamese alphabet: no f, j, w, z).
    LowerAlphaVi,
    /// No number.
    None,
}

/// One heading level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingStyle {
    /// The numbering scheme.
    pub numbering: Numbering,
    /// What follows the number ("." or "-" or ")").
    #[serde(default)]
    pub suffix: String,
    /// Upper-case text.
    #[serde(default)]
    pub upper: bool,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

/// Lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListStyle {
    /// The literal marker per depth ("-", "+"); deeper levels reuse the last.
    pub markers: Vec<String>,
}

/// How a fill line (the space a form leaves for handwriting) is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FillKind {
    /// A dotted line ("……"), in DOCX a tab with a dot leader.
    #[default]
    Dots,
    /// A solid rule, in DOCX a tab with an underscore leader.
    Rule,
}

/// Fill lines.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FillStyle {
    /// Dots or a rule.
    pub kind: FillKind,
}

/// Check boxes (☐ / ☒) of forms: the PDF draws a square (the embedded font has no glyph for them), the
/// DOCX names a symbol of a font Word has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBoxStyle {
    /// The side of the square, as a share of the size of the text around it.
    pub size_em: f32,
    /// The thickness of its sides and of the cross.
    pub stroke_pt: f32,
    /// How far the square's bottom sits below the baseline, as a share of the text size.
    pub drop_em: f32,
    /// DOCX: the symbol font (`w:sym w:font`).
    pub docx_font: String,
    /// DOCX: the empty box in that font (`w:sym w:char`, four hex digits, "F0A8").
    pub docx_empty: String,
    /// DOCX: the ticked box (a box with a cross, "F0FD").
    pub docx_checked: String,
}

/// Signature blocks inside a form's body (`<chu-ky/>`): one on the right, or two side by side. Their
/// lines take the styles of [`SignatureStyle`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigningStyle {
    /// The width of a block's column.
    pub width_mm: f32,
    /// Space above a row of blocks.
    pub space_before_pt: f32,
    /// Space below it.
    pub space_after_pt: f32,
    /// Empty lines (of the name's size) left for each handwritten signature.
    pub blank_lines: u32,
}

/// A section of the default built-in profile (`dang`), for a profile file written before the section
/// existed (a copy `vanban init` made earlier): the value stays in the TOML, not in code.
fn builtin_section<T: serde::de::DeserializeOwned>(key: &str) -> T {
    let parsed = toml::from_str::<toml::Table>(BUILTIN[0].1)
        .ok()
        .and_then(|t| t.get(key).cloned())
        .map(|v| v.try_into::<T>());
    match parsed {
        Some(Ok(v)) => v,
        _ => panic!("the built-in profile has no valid [{key}]"),
    }
}

pub(super) fn default_check_box() -> CheckBoxStyle {
    builtin_section("check_box")
}

pub(super) fn default_signing() -> SigningStyle {
    builtin_section("signing")
}

/// Tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableStyle {
    /// Text size in cells.
    pub size_pt: f32,
    /// Bold header row.
    pub header_bold: bool,
    /// Border width.
    pub border_pt: f32,
    /// Cell padding.
    pub cell_margin_mm: f32,
    /// Space after the table.
    pub space_after_pt: f32,
    /// Horizontal alignment of the header row's cells (`left`, `center`, `right`), in both formats.
    pub header_align: crate::ir::Align,
    /// A table never starts a page with fewer of its body rows than this under its header (0: no rule).
    #[serde(default)]
    pub rows_together_first: usize,
    /// A page break never leaves fewer of a table's last body rows than this on the next page.
    #[serde(default)]
    pub rows_together_last: usize,
}

/// Prefixes of each authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityPrefixes {
    /// Thay mặt.
    pub thay_mat: String,
    /// Ký thay.
    pub ky_thay: String,
    /// Thừa lệnh.
    pub thua_lenh: String,
    /// Thừa ủy quyền.
    pub uy_quyen: String,
    /// Quyền.
    pub quyen: String,
}

/// Signature blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureStyle {
    /// Width of a signature column.
    pub width_mm: f32,
    /// Left and right padding inside the signature and nơi nhận columns.
    pub cell_margin_mm: f32,
    /// Space above the signature area.
    pub space_before_pt: f32,
    /// A heading line ("XÁC NHẬN CỦA …", "NGƯỜI CAM KẾT").
    pub label: TextStyle,
    /// The authority line ("T/M ĐẢNG ỦY").
    pub authority: TextStyle,
    /// The title line ("BÍ THƯ").
    pub chuc_vu: TextStyle,
    /// The small note ("(Ký, ghi rõ họ tên)").
    pub ghi_chu: TextStyle,
    /// The signer's name.
    pub name: TextStyle,
    /// Empty lines (of the name's size) left for the signature.
    pub blank_lines: u32,
    /// Authority prefixes.
    pub prefix: AuthorityPrefixes,
}

/// The recipients block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoiNhanStyle {
    /// Width of the block.
    pub width_mm: f32,
    /// "Nơi nhận:".
    pub label_text: String,
    /// Its style.
    pub label: TextStyle,
    /// Recipient lines.
    pub item: TextStyle,
    /// Before each recipient ("- ").
    pub marker: String,
    /// After each recipient but the last ("," Party, ";" State).
    pub separator: String,
    /// After the last ("." ).
    pub last: String,
    /// The archive line; `{luu}` is the keeper, `{ky_hieu}` the issuer code.
    pub luu_pattern: String,
}

/// Signature and seal images of an electronic document (05-HD §I.7.2, §I.8.2.3; NĐ 30 Phụ lục I §II.7):
/// limits on the files accepted and the sizes used when a PNG does not state its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageStyle {
    /// The largest PNG file accepted, in kilobytes.
    pub max_file_kb: u32,
    /// The largest width or height accepted, in pixels.
    pub max_side_px: u32,
    /// The smallest width or height accepted, in pixels.
    pub min_side_px: u32,
    /// The largest ratio of the longer side to the shorter one.
    pub max_aspect: f32,
    /// Width of the signature image when the PNG has no resolution (pHYs).
    pub chu_ky_width_mm: f32,
    /// Width of the seal image (its real size, the seal's diameter) when the PNG has no resolution.
    pub con_dau_width_mm: f32,
    /// The share of the signature image the seal covers, from its left edge (about 1/3).
    pub con_dau_overlap: f32,
}

/// The addressee block under the title ("Kính gửi:" / "Kính trình:" and the bodies addressed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddresseeStyle {
    /// The label of a document sent to someone ("Kính gửi:").
    pub kinh_gui: String,
    /// The label of a tờ trình ("Kính trình:").
    pub kinh_trinh: String,
    /// The label's style.
    pub label: TextStyle,
    /// The recipients' style.
    pub item: TextStyle,
    /// Before each of several recipients ("- ").
    pub marker: String,
    /// After each of several recipients but the last (";").
    pub separator: String,
    /// After the last of several recipients.
    pub last: String,
    /// After a single recipient, which stands on the label's line without a marker.
    pub single_end: String,
    /// Space above the block.
    pub space_before_pt: f32,
    /// Space below the block.
    pub space_after_pt: f32,
}

/// The căn cứ lines under the title block: body paragraphs, one per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CanCuStyle {
    /// Before each line ("- " Party, "" State).
    pub marker: String,
    /// After each line but the last (";").
    pub separator: String,
    /// After the last line ("." in 05-HD).
    pub last: String,
    /// Italic lines (State documents).
    pub italic: bool,
}

/// The enacting line after the căn cứ ("ĐẢNG ỦY … QUYẾT ĐỊNH:"), centred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnactingStyle {
    /// Its style (case included).
    pub style: TextStyle,
    /// Space above.
    pub space_before_pt: f32,
    /// Space below.
    pub space_after_pt: f32,
    /// One line after the căn cứ, or the authority above them and the verb alone after them.
    #[serde(default)]
    pub form: EnactingForm,
    /// The verb ending the template's enacting line ("quyết định"), taken off to leave the authority
    /// (split form).
    #[serde(default)]
    pub verb: String,
    /// The line printed alone after the căn cứ in the split form ("QUYẾT ĐỊNH:").
    #[serde(default)]
    pub verb_line: String,
    /// The authority's line above the căn cứ (split form); its space below.
    #[serde(default)]
    pub authority: Option<TextStyle>,
    /// Space under the authority's line (split form).
    #[serde(default)]
    pub authority_space_after_pt: f32,
}

/// How the enacting line of a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum EnactingForm {
    /// One centred line after the căn cứ: "ĐẢNG ỦY … QUYẾT ĐỊNH" (Party practice).
    #[default]
    MotDong,
    /// The authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN …") on its own line above the căn cứ, and the verb
    /// ("QUYẾT ĐỊNH:") alone after them (NĐ 30 Phụ lục III, Mẫu 1.2).
    TachDong,
}

/// Run-in articles of a decision ("Điều 1. …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleStyle {
    /// The label; `{n}` is the article's number through the document.
    pub label_pattern: String,
    /// Bold label.
    pub label_bold: bool,
    /// Bold content after the label.
    pub content_bold: bool,
}

/// The drafter's line after the nơi nhận (05-HD box 12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrafterStyle {
    /// Its style.
    pub style: TextStyle,
    /// Blank lines (of its size) between the nơi nhận and the drafter's line.
    pub blank_lines: u32,
}

/// Where the margins of a landscape page go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LandscapeMargins {
    /// Each margin stays on its physical edge of the sheet: the sheet is turned clockwise, so the binding
    /// margin (portrait left) is the landscape top, the portrait top the right, and so on.
    PhysicalEdges,
    /// The margins keep their reading-direction names: top is top, left is left.
    Reading,
}

/// Phụ lục: heading, reference line, pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixStyle {
    /// The label when there are two or more appendices; `{n}` is the appendix's number in Arabic,
    /// `{n_roman}` in Roman numerals.
    pub label_pattern: String,
    /// The label's style.
    pub label: TextStyle,
    /// The title's style.
    pub title: TextStyle,
    /// The parent's number as the reference line prints it: `{so}`, `{loai}`, `{ky_hieu}`.
    pub number_pattern: String,
    /// The reference line: `{ten_loai}`, `{number}`, `{ngay}`, `{thang}`, `{nam}` (padded like the date
    /// line), `{co_quan}`.
    pub kem_theo_pattern: String,
    /// Printed for `{ngay}`, `{thang}`, `{nam}` when the parent has no date yet.
    pub kem_theo_blank: String,
    /// The reference line's style.
    pub kem_theo: TextStyle,
    /// Under the heading: "-----", a rule or nothing.
    pub separator: Mark,
    /// Space under the heading.
    pub space_after_pt: f32,
    /// Whether an appendix's first page shows its number (each appendix is numbered from 1).
    pub number_first_page: bool,
    /// Where the margins of a landscape appendix go.
    pub landscape_margins: LandscapeMargins,
}
