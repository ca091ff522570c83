//! Layout profiles: every layout number and convention of a format, as data.
//!
//! The built-in profiles are `templates/profiles/dang.toml` (Party, Hướng dẫn 05-HD/VPTW of 2026, the
//! default), `templates/profiles/dang-36.toml` (Party, the superseded Hướng dẫn 36-HD/VPTW of 2018, for a
//! series that must match older documents) and `templates/profiles/nha-nuoc.toml` (State, Nghị định
//! 30/2020), embedded in the binary. `--profile NAME` selects one; `--profile FILE.toml` loads a file, which may start with `extends = "dang"` and change only
//! some keys. A bad profile is reported with its file and the dotted key.

pub use crate::model::Rules;
pub use crate::text::{ToneStyle, apply_tone_style};

use crate::error::{Error, Result};
use crate::ir::TheThuc;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The built-in profiles: (name, TOML source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("dang", include_str!("../../templates/profiles/dang.toml")),
    (
        "dang-36",
        include_str!("../../templates/profiles/dang-36.toml"),
    ),
    (
        "nha-nuoc",
        include_str!("../../templates/profiles/nha-nuoc.toml"),
    ),
];

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

fn default_check_box() -> CheckBoxStyle {
    builtin_section("check_box")
}

fn default_signing() -> SigningStyle {
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

/// When a series of document numbers starts again from 01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberReset {
    /// Each term of the cấp ủy (Party: 05-HD §I.3.1.1); without a term in the workbook, each year.
    NhiemKy,
    /// Each calendar year, 1 January to 31 December (State: NĐ 30 Điều 15).
    Nam,
}

/// Which documents share one series of numbers (always within one issuing body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeriesBy {
    /// One series per document type (KH, BC, QĐ, TB …).
    Loai,
    /// One series for every type the body issues.
    Chung,
}

/// How secret (mật) documents are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretSeries {
    /// In the series of their type, like any other document (Party: 05-HD §I.3.1.1).
    TheoLoai,
    /// In a series of their own (State: NĐ 30 Điều 15).
    Rieng,
}

/// Numbering outgoing documents and the register (`[numbering]`): when series restart, which documents
/// share one, how the number is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingRules {
    /// When a series starts again from 01.
    pub reset: NumberReset,
    /// One series per type or one for all types.
    pub series: SeriesBy,
    /// Digits a number is padded to with leading zeros ("05"); larger numbers keep their digits.
    pub padding: u8,
    /// How the register writes the number and symbol: `{so}`, `{loai}`, `{ky_hieu}` ("05-TB/ĐU").
    pub so_ky_hieu: String,
    /// How secret documents are numbered.
    pub mat: SecretSeries,
    /// The issuer code of a congress's documents, which share one series for every type ("ĐH"); empty
    /// when the format has no such series.
    pub dai_hoi_ky_hieu: String,
    /// The tên loại of each type code, for numbers taken for documents typed elsewhere
    /// (`register add --loai CV`).
    pub ten_loai: std::collections::BTreeMap<String, String>,
}

/// A whole layout profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// The format family.
    pub the_thuc: TheThuc,
    /// The built-in profile this one changes (only in files; resolved at load time).
    #[serde(default, skip_serializing)]
    pub extends: Option<String>,
    /// Page setup.
    pub page: Page,
    /// Fonts.
    pub fonts: Fonts,
    /// Text conventions.
    pub text: TextConventions,
    /// Solid rules.
    pub rule: RuleStyle,
    /// Header.
    pub header: HeaderStyle,
    /// Title.
    pub title: TitleStyle,
    /// Body.
    pub body: BodyStyle,
    /// Headings, by level from 1.
    pub headings: Vec<HeadingStyle>,
    /// Lists.
    pub list: ListStyle,
    /// Fill lines.
    #[serde(default)]
    pub fill: FillStyle,
    /// Check boxes.
    #[serde(default = "default_check_box")]
    pub check_box: CheckBoxStyle,
    /// Tables.
    pub table: TableStyle,
    /// Notes.
    pub note: TextStyle,
    /// Signatures.
    pub signature: SignatureStyle,
    /// Signature blocks in a form's body.
    #[serde(default = "default_signing")]
    pub signing: SigningStyle,
    /// Recipients.
    pub noi_nhan: NoiNhanStyle,
    /// Kính gửi / Kính trình.
    pub addressees: AddresseeStyle,
    /// Căn cứ lines.
    pub can_cu: CanCuStyle,
    /// The enacting line.
    pub enacting: EnactingStyle,
    /// Articles.
    pub article: ArticleStyle,
    /// The drafter's line.
    pub drafter: DrafterStyle,
    /// Appendices.
    pub appendix: AppendixStyle,
    /// Signature and seal images.
    pub images: ImageStyle,
    /// Numbering outgoing documents and the register.
    pub numbering: NumberingRules,
    /// Evaluation rules (the `[rules]` table), owned by [`crate::model`].
    pub rules: Rules,
}

impl Profile {
    /// The built-in profile with this name (`dang`, `dang-36`, `nha-nuoc`).
    pub fn builtin(name: &str) -> Result<Profile> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::usage(
                format!("không có hồ sơ trình bày tên \"{name}\""),
                "dùng --profile dang (Hướng dẫn 05-HD/VPTW), dang-36 (Hướng dẫn 36-HD/VPTW), nha-nuoc (Nghị định 30/2020) hoặc đường dẫn tới một tệp .toml",
            )
        })?;
        Self::parse(src, name)
    }

    /// The Party profile (the default), for tests.
    #[cfg(any(test, feature = "internals"))]
    pub fn dang() -> Profile {
        // The embedded profile is validated by a unit test; fall back loudly if it ever is not.
        Self::builtin("dang").unwrap_or_else(|e| panic!("built-in profile dang is invalid: {e}"))
    }

    /// `--profile` as given: a built-in name or a path to a TOML file.
    pub fn load(spec: &str) -> Result<Profile> {
        let looks_like_file = spec.ends_with(".toml") || spec.contains('/') || spec.contains('\\');
        if !looks_like_file {
            return Self::builtin(spec);
        }
        let path = Path::new(spec);
        let src = std::fs::read_to_string(path).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            message: format!("không đọc được hồ sơ trình bày: {e}"),
            hint: Some("kiểm tra đường dẫn của --profile".into()),
        })?;
        Self::parse(&src, spec)
    }

    /// Parses a profile's TOML; `origin` names it in errors.
    pub fn parse(src: &str, origin: &str) -> Result<Profile> {
        let value = resolved_table(src, origin, 0)?;
        let profile: Profile = serde_path_to_error::deserialize(toml::Value::Table(value))
            .map_err(|e| Error::Profile {
                file: origin.to_owned(),
                key: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        profile.validate(origin)?;
        Ok(profile)
    }

    fn validate(&self, origin: &str) -> Result<()> {
        let err = |key: &str, message: &str| {
            Err(Error::Profile {
                file: origin.to_owned(),
                key: key.to_owned(),
                message: message.to_owned(),
            })
        };
        let p = &self.page;
        if p.text_width_mm() < 50.0 || p.height_mm - p.margin_top_mm - p.margin_bottom_mm < 50.0 {
            return err(
                "page",
                "lề quá lớn so với khổ giấy: vùng chữ phải rộng và cao ít nhất 50 mm",
            );
        }
        if self.header.left_width_mm + self.header.right_width_mm > p.text_width_mm() + 0.5 {
            return err(
                "header.right_width_mm",
                "hai cột tiêu đề rộng hơn vùng chữ (left_width_mm + right_width_mm > khổ giấy - lề trái - lề phải)",
            );
        }
        if self.headings.is_empty() {
            return err("headings", "cần ít nhất một cấp đề mục");
        }
        if self.list.markers.is_empty() {
            return err("list.markers", "cần ít nhất một dấu đầu dòng");
        }
        if self.body.size_pt <= 0.0 || self.body.line_pitch_pt < self.body.size_pt {
            return err(
                "body.line_pitch_pt",
                "khoảng cách dòng phải lớn hơn hoặc bằng cỡ chữ",
            );
        }
        if let Some([min, max]) = self.body.line_pitch_range_pt {
            let pitch = self.body.line_pitch_pt;
            if !(min..=max).contains(&pitch) {
                return Err(Error::Profile {
                    file: origin.to_owned(),
                    key: "body.line_pitch_pt".into(),
                    message: format!(
                        "khoảng cách dòng {pitch} pt nằm ngoài khoảng {min}–{max} pt mà hướng dẫn cho phép (body.line_pitch_range_pt)"
                    ),
                });
            }
        }
        let cb = &self.check_box;
        let hex4 = |c: &str| c.len() == 4 && c.chars().all(|x| x.is_ascii_hexdigit());
        if !hex4(&cb.docx_empty) || !hex4(&cb.docx_checked) {
            return err(
                "check_box.docx_empty",
                "ký tự ô đánh dấu phải là bốn chữ số hệ 16, ví dụ \"F0A8\"",
            );
        }
        if !(0.2..=2.0).contains(&cb.size_em) || cb.stroke_pt <= 0.0 {
            return err(
                "check_box.size_em",
                "ô đánh dấu: size_em trong khoảng 0,2–2 và stroke_pt > 0",
            );
        }
        if self.signing.width_mm <= 0.0 || 2.0 * self.signing.width_mm > p.text_width_mm() + 0.5 {
            return err(
                "signing.width_mm",
                "hai khối chữ ký cạnh nhau phải vừa vùng chữ (2 × width_mm ≤ khổ giấy - lề trái - lề phải)",
            );
        }
        let n = &self.numbering;
        if !(1..=6).contains(&n.padding) {
            return err("numbering.padding", "số chữ số phải từ 1 đến 6");
        }
        if !n.so_ky_hieu.contains("{so}") {
            return err("numbering.so_ky_hieu", "mẫu số, ký hiệu phải có {so}");
        }
        let im = &self.images;
        if im.min_side_px == 0
            || im.min_side_px > im.max_side_px
            || im.max_aspect < 1.0
            || im.chu_ky_width_mm <= 0.0
            || im.con_dau_width_mm <= 0.0
            || !(0.0..=1.0).contains(&im.con_dau_overlap)
        {
            return err(
                "images",
                "giới hạn ảnh không hợp lệ: cần 0 < min_side_px ≤ max_side_px, max_aspect ≥ 1, kích thước mặc định > 0, con_dau_overlap trong [0, 1]",
            );
        }
        Ok(())
    }

    /// The heading style of a level (deeper levels reuse the last).
    pub fn heading(&self, level: u8) -> &HeadingStyle {
        let i = usize::from(level.max(1) - 1).min(self.headings.len() - 1);
        &self.headings[i]
    }
}

/// A profile's TOML table with its `extends` chain resolved (a built-in profile may itself extend
/// another, as `dang-36` extends `dang`).
fn resolved_table(src: &str, origin: &str, depth: u8) -> Result<toml::Table> {
    let mut value: toml::Table = toml::from_str(src).map_err(|e| Error::Profile {
        file: origin.to_owned(),
        key: line_of(src, e.span()),
        message: e.message().to_owned(),
    })?;
    let Some(base) = value.remove("extends") else {
        return Ok(value);
    };
    let base = base.as_str().unwrap_or_default().to_owned();
    let found = BUILTIN.iter().find(|(n, _)| *n == base);
    let (_, base_src) = match found {
        Some(b) if depth < 4 => b,
        _ => {
            return Err(Error::Profile {
                file: origin.to_owned(),
                key: "extends".into(),
                message: format!("không có hồ sơ gốc \"{base}\" (chỉ có dang, dang-36, nha-nuoc)"),
            });
        }
    };
    let mut merged = resolved_table(base_src, &base, depth + 1)?;
    merge(&mut merged, value);
    Ok(merged)
}

/// Deep-merges `over` onto `base` (tables merge key by key; other values replace).
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

fn line_of(src: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(s) => format!(
            "dòng {}",
            src[..s.start.min(src.len())].lines().count().max(1)
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for (name, _) in BUILTIN {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(p.name, *name);
        }
        assert_eq!(Profile::dang().the_thuc, TheThuc::Dang);
        assert_eq!(
            Profile::builtin("nha-nuoc").unwrap().the_thuc,
            TheThuc::NhaNuoc
        );
    }

    #[test]
    fn builtin_rules_are_the_regulation_defaults() {
        for (name, _) in BUILTIN {
            assert_eq!(
                Profile::builtin(name).unwrap().rules,
                Rules::default(),
                "{name}"
            );
        }
    }

    #[test]
    fn extends_changes_only_given_keys() {
        let p = Profile::parse(
            "extends = \"dang\"\n[page]\nmargin_top_mm = 25.0\n",
            "unit.toml",
        )
        .unwrap();
        assert_eq!(p.page.margin_top_mm, 25.0);
        assert_eq!(p.page.margin_left_mm, 30.0);
        assert_eq!(p.name, "dang");
    }

    #[test]
    fn bad_key_is_named() {
        let e = Profile::parse(
            "extends = \"dang\"\n[page]\nmargin_left = 35.0\n",
            "unit.toml",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("unit.toml"), "{msg}");
        assert!(msg.contains("page"), "{msg}");
        assert!(msg.contains("margin_left"), "{msg}");
        let e = Profile::parse("extends = \"dang\"\n[body]\nsize_pt = \"big\"\n", "u.toml")
            .unwrap_err();
        assert!(e.to_string().contains("body.size_pt"), "{e}");
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn party_profiles_follow_their_guides() {
        let hd05 = Profile::builtin("dang").unwrap();
        assert_eq!(hd05.noi_nhan.separator, ";");
        assert_eq!(hd05.noi_nhan.last, ".");
        assert_eq!(hd05.body.line_pitch_range_pt, Some([18.0, 22.0]));
        let hd36 = Profile::builtin("dang-36").unwrap();
        assert_eq!(hd36.noi_nhan.separator, ",");
        assert_eq!(hd36.the_thuc, TheThuc::Dang);
        assert_eq!(hd36.addressees.kinh_trinh, "Kính gửi:");
        assert_eq!(hd36.addressees.separator, ",");
        assert_eq!(hd36.can_cu.last, ",");
        assert_eq!(hd36.drafter.style.size_pt, 8.0);
        assert_eq!(hd05.addressees.kinh_trinh, "Kính trình:");
        assert_eq!(hd05.can_cu.last, ".");
        assert_eq!(hd05.drafter.style.size_pt, 11.0);
        // A unit profile can extend the old guide.
        let p = Profile::parse("extends = \"dang-36\"\n", "u.toml").unwrap();
        assert_eq!(p.name, "dang-36");
    }

    #[test]
    fn line_pitch_outside_the_guide_is_rejected() {
        // 05-HD §I.6.2.2: Exactly 18–22 pt.
        for pitch in ["17.5", "22.5"] {
            let src = format!("extends = \"dang\"\n[body]\nline_pitch_pt = {pitch}\n");
            let e = Profile::parse(&src, "u.toml").unwrap_err();
            assert!(e.to_string().contains("body.line_pitch_pt"), "{e}");
            assert!(e.to_string().contains("18–22"), "{e}");
        }
        for pitch in ["18.0", "20", "22.0"] {
            let src = format!("extends = \"dang\"\n[body]\nline_pitch_pt = {pitch}\n");
            assert!(Profile::parse(&src, "u.toml").is_ok(), "{pitch}");
        }
    }

    #[test]
    fn a_profile_file_without_the_newer_sections_takes_them_from_dang() {
        let mut table: toml::Table = toml::from_str(BUILTIN[0].1).unwrap();
        table.remove("check_box");
        table.remove("signing");
        let p = Profile::parse(&toml::to_string(&table).unwrap(), "old.toml").unwrap();
        assert_eq!(p.check_box, Profile::dang().check_box);
        assert_eq!(p.signing, Profile::dang().signing);
        let e = Profile::parse(
            "extends = \"dang\"\n[check_box]\ndocx_empty = \"xyz\"\n",
            "u.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("check_box"), "{e}");
    }

    #[test]
    fn unknown_builtin_is_usage_error() {
        assert_eq!(Profile::load("khong-co").unwrap_err().exit_code(), 2);
    }
}
