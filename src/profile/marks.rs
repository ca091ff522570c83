//! The profile's say on the optional parts (`[marks]`, `[ban_sao]`): where the khẩn, mật, draft and
//! circulation marks stand and how they look, how the number of copies is written, and the block of a
//! bản sao.

use super::TextStyle;
use serde::{Deserialize, Serialize};

/// Where a mark stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkPlace {
    /// In the header's left column, under the number (marks in the order khẩn/mật, draft, circulation).
    DuoiSo,
    /// Page 1, top right, `marks.top_mm` from the top edge.
    TrenPhai,
    /// The last page, centred, `marks.bottom_mm` from the bottom edge.
    CuoiTrang,
}

/// Where the contact details stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactPlace {
    /// At the end of the document, on its last page, under a full-width rule (05-HD §II.6).
    #[default]
    End,
    /// At the foot of page 1, in its footer, under a full-width rule (NĐ 30 Phụ lục I, box 13).
    #[serde(rename = "page1-footer")]
    Page1Footer,
}

/// How one mark looks and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkStyle {
    /// Size and emphasis (case included).
    pub style: TextStyle,
    /// Where it stands.
    pub place: MarkPlace,
    /// Drawn in a single-line box (a stamp).
    #[serde(default)]
    pub khung: bool,
}

/// The words of the three levels of a mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// The first level ("KHẨN", "MẬT").
    pub muc_1: String,
    /// The second ("THƯỢNG KHẨN", "TỐI MẬT").
    pub muc_2: String,
    /// The third ("HỎA TỐC", "TUYỆT MẬT").
    pub muc_3: String,
}

/// `[marks]`: khẩn, mật, draft and circulation marks, and the number of copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarksStyle {
    /// Mức độ khẩn.
    pub khan: MarkStyle,
    /// Its words.
    pub khan_text: Levels,
    /// Độ mật.
    pub mat: MarkStyle,
    /// Its words.
    pub mat_text: Levels,
    /// The draft mark.
    pub du_thao: MarkStyle,
    /// Its words; `{n}` is the draft's number ("Dự thảo lần {n}").
    pub du_thao_pattern: String,
    /// Phạm vi lưu hành.
    pub luu_hanh: MarkStyle,
    /// Circulation marks that start with one of these stand on the last page instead
    /// ("Không phổ biến …"), centred.
    #[serde(default)]
    pub luu_hanh_cuoi: Vec<String>,
    /// Distance of a top-right mark from the top edge of page 1.
    pub top_mm: f32,
    /// Distance of a last-page mark from the bottom edge.
    pub bottom_mm: f32,
    /// The drafter's line with the number of copies: `{nguoi_soan_thao}`, `{so_ban}`.
    pub so_ban_pattern: String,
    /// The number of copies when there is no drafter's line: `{so_ban}`.
    pub so_ban_alone: String,
    /// Space between a stamp's text and its box.
    pub khung_pad_pt: f32,
    /// The contact details: their style (under a full-width solid rule).
    pub lien_he: TextStyle,
    /// Where they stand: at the end of the document, or in page 1's footer (a file without the key:
    /// at the end, as before the key existed).
    #[serde(default)]
    pub lien_he_place: ContactPlace,
    /// Space between the document's last part and the contact details' rule (at the end).
    pub lien_he_before_pt: f32,
    /// Space between the rule and the contact details.
    pub lien_he_gap_pt: f32,
    /// In page 1's footer: the distance of the block's foot (its last line's) from the page's bottom
    /// edge; needed with `lien_he_place = "page1-footer"`.
    #[serde(default)]
    pub lien_he_bottom_mm: Option<f32>,
}

/// Which part of a bản sao stands in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopyPart {
    /// The heading ("BẢN SAO VĂN BẢN").
    TieuDe,
    /// The body that makes the copy.
    CoQuan,
    /// The copy's number ("Số 01-BS/ĐU").
    So,
    /// Its form ("SAO Y").
    HinhThuc,
    /// Place and date.
    Ngay,
    /// Its recipients.
    NoiNhan,
    /// The signature.
    ChuKy,
}

/// One form of copy: its name as printed and its type code in the copies' series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyForm {
    /// The name ("Sao y"); the style sets its case.
    pub ten: String,
    /// The type code of its numbers ("BS" for every Party copy, "SY" for a State sao y).
    pub loai: String,
}

/// `[ban_sao]`: the block of a bản sao after the copied document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BanSaoStyle {
    /// Sao y.
    pub sao_y: CopyForm,
    /// Sao lục.
    pub sao_luc: CopyForm,
    /// Trích sao.
    pub trich_sao: CopyForm,
    /// The heading, for a format that has one ("BẢN SAO VĂN BẢN"); empty for none.
    #[serde(default)]
    pub tieu_de: String,
    /// The heading's style.
    pub tieu_de_style: TextStyle,
    /// The copying body's style.
    pub co_quan: TextStyle,
    /// The number's style.
    pub so: TextStyle,
    /// The form's style.
    pub hinh_thuc: TextStyle,
    /// The date line's style.
    pub ngay: TextStyle,
    /// What stands in the left column, top to bottom.
    pub trai: Vec<CopyPart>,
    /// What stands in the right column, top to bottom.
    pub phai: Vec<CopyPart>,
    /// The left column is a stamp in a single-line box.
    #[serde(default)]
    pub khung_trai: bool,
    /// Space between the stamp's text and its box.
    pub khung_pad_pt: f32,
    /// Width of the left column.
    pub trai_width_mm: f32,
    /// Space between the document and the full-width rule above the block.
    pub space_before_pt: f32,
    /// Space between the rule and the block.
    pub rule_gap_pt: f32,
}
