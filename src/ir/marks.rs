//! The optional parts of 05-HD (§II.2–4, §III) and NĐ 30 (Phụ lục I, boxes 10–13; Điều 25–27) a
//! document may carry: its urgency and secrecy marks, the draft mark, its circulation, the number of
//! copies, and the block of a bản sao. Roles only; the profile places and styles them.

use super::{Date, NoiNhan, Signature};
use serde::{Deserialize, Serialize};

/// Mức độ khẩn (05-HD §II.3; NĐ 30 box 10b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoKhan {
    /// "KHẨN".
    Khan,
    /// "THƯỢNG KHẨN".
    ThuongKhan,
    /// "HỎA TỐC".
    HoaToc,
}

impl DoKhan {
    /// Reads "khan", "thượng khẩn", "HỎA TỐC" … (case, diacritics and spaces ignored).
    pub fn parse(text: &str) -> Option<Self> {
        match key(text).as_str() {
            "khan" => Some(DoKhan::Khan),
            "thuongkhan" => Some(DoKhan::ThuongKhan),
            "hoatoc" => Some(DoKhan::HoaToc),
            _ => None,
        }
    }
}

/// Độ mật (NĐ 30 box 10a; 05-HD §II.2 refers to the law on state secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoMat {
    /// "MẬT".
    Mat,
    /// "TỐI MẬT".
    ToiMat,
    /// "TUYỆT MẬT".
    TuyetMat,
}

impl DoMat {
    /// Reads "mat", "tối mật", "TUYỆT MẬT" … (case, diacritics and spaces ignored).
    pub fn parse(text: &str) -> Option<Self> {
        match key(text).as_str() {
            "mat" => Some(DoMat::Mat),
            "toimat" => Some(DoMat::ToiMat),
            "tuyetmat" => Some(DoMat::TuyetMat),
            _ => None,
        }
    }
}

/// The form of a bản sao (05-HD §III, Phụ lục 3; NĐ 30 Điều 25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HinhThucSao {
    /// Sao y: a full copy of the original.
    SaoY,
    /// Sao lục: a full copy made from a bản sao y.
    SaoLuc,
    /// Trích sao: a copy of part of the original.
    TrichSao,
}

impl HinhThucSao {
    /// Reads "sao-y", "sao lục", "Trích sao" … (case, diacritics, spaces and hyphens ignored).
    pub fn parse(text: &str) -> Option<Self> {
        match key(text).as_str() {
            "saoy" => Some(HinhThucSao::SaoY),
            "saoluc" => Some(HinhThucSao::SaoLuc),
            "trichsao" => Some(HinhThucSao::TrichSao),
            _ => None,
        }
    }
}

/// Lower-case ASCII letters and digits only ("Thượng khẩn" → "thuongkhan").
fn key(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The marks of a document, each optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Marks {
    /// Mức độ khẩn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub khan: Option<DoKhan>,
    /// Độ mật.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mat: Option<DoMat>,
    /// A draft: "Dự thảo lần N" (a draft takes no number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub du_thao: Option<u32>,
    /// Phạm vi lưu hành, as written ("Tài liệu lưu hành nội bộ", "Không phổ biến …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub luu_hanh: Option<String>,
    /// The number of copies issued ("Số bản").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_ban: Option<u32>,
    /// Contact details, as written ("Địa chỉ: …; Điện thoại: …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lien_he: Option<String>,
}

impl Marks {
    /// True when the document carries none.
    pub fn is_empty(&self) -> bool {
        *self == Marks::default()
    }
}

/// A bản sao: the block after the copied document (its own number in the copies' series, place and
/// date, signature and recipients).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BanSao {
    /// Sao y, sao lục or trích sao.
    pub hinh_thuc: HinhThucSao,
    /// The copy's number ("01"); `None` reserves a blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so: Option<String>,
    /// The body that makes the copy ("Đảng ủy Văn phòng Tỉnh ủy").
    pub co_quan: String,
    /// Its issuer code ("ĐU").
    pub ky_hieu: String,
    /// The place of the date line.
    pub dia_danh: String,
    /// The date of the copy; `None` prints a blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay: Option<Date>,
    /// Who signs the copy.
    pub signature: Signature,
    /// Who receives it.
    pub noi_nhan: NoiNhan,
}
