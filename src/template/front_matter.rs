//! The metadata block of a template (TOML between `+++` lines) and how it becomes IR parts.

use crate::ir::{
    self, AddresseeLabel, Addressees, Appendix, Date, DocNumber, Header, Inline, NoiNhan,
    Orientation, Signature, Title,
};
use super::lines::{self, LineSpec};
use crate::model::parse_authority;
use serde::Deserialize;

/// Splits a template file into (front matter, body, line number where the body starts, 1-based).
/// Without a `+++` first line, the whole file is the body.
pub fn split(src: &str) -> Option<(&str, &str, usize)> {
    let rest = src
        .strip_prefix("+++\n")
        .or_else(|| src.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let fm = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + fm.lines().count() + 1;
            return Some((fm, body, body_line));
        }
        offset += line.len();
    }
    None
}

/// The number block.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NumberMeta {
    /// The number ("09"); empty reserves a blank.
    #[serde(default)]
    pub so: String,
    /// The type code ("KH").
    pub loai: String,
    /// The issuer code ("ĐU").
    pub ky_hieu: String,
}

/// A signature block.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignatureMeta {
    /// A heading line.
    #[serde(default)]
    pub label: String,
    /// "T/M", "TM.", "K/T", …; empty for none.
    #[serde(default)]
    pub quyen_han: String,
    /// The body signed for.
    #[serde(default)]
    pub to_chuc: String,
    /// The title.
    #[serde(default)]
    pub chuc_vu: String,
    /// A small note.
    #[serde(default)]
    pub ghi_chu: String,
    /// The name.
    #[serde(default)]
    pub ho_ten: String,
    /// The block as printed lines (a Word template's signature cell), read after filling; a key above
    /// that is not empty wins over what the lines give.
    #[serde(default)]
    pub dong: Vec<LineSpec>,
}

/// Recipients.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NoiNhanMeta {
    /// Recipient lines.
    #[serde(default)]
    pub items: Vec<String>,
    /// Where the file copy is kept.
    #[serde(default)]
    pub luu: String,
    /// The block as printed lines ("Nơi nhận:", "- …;", "- Lưu …"), read after filling.
    #[serde(default)]
    pub dong: Vec<LineSpec>,
}

/// The header block.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct HeaderMeta {
    /// Superior body.
    #[serde(default)]
    pub cap_tren: String,
    /// Issuing body.
    pub co_quan: String,
    /// Place.
    pub dia_danh: String,
    /// Date, ISO; empty for a blank date line.
    #[serde(default)]
    pub ngay: String,
    /// The left column as printed lines (bodies, mark, number), read after filling.
    #[serde(default)]
    pub trai: Vec<LineSpec>,
    /// The right column as printed lines (national line, place and date), read after filling.
    #[serde(default)]
    pub phai: Vec<LineSpec>,
}

/// A phụ lục: its heading; its body follows a marker line in the template body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhuLucMeta {
    /// The title ("Danh sách …").
    pub tieu_de: String,
    /// Print "(Kèm theo … số …, ngày … của …)" under the title (default: yes).
    #[serde(default = "yes")]
    pub kem_theo: bool,
    /// "doc" (portrait, the default) or "ngang" (landscape).
    #[serde(default)]
    pub huong: String,
}

fn yes() -> bool {
    true
}

/// A row of signature blocks in the body (a `[[chu_ky]]` of the front matter), placed at the body's
/// next `<chu-ky/>` line: the left block, the right block, or both.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ChuKyMeta {
    /// The left block (a biên bản's THƯ KÝ).
    #[serde(default)]
    pub trai: Option<SignatureMeta>,
    /// The right block; a single block stands on the right.
    #[serde(default)]
    pub phai: Option<SignatureMeta>,
}

/// A template's metadata.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// One document per row of this sheet (read literally by [`super::kinds`]; ignored here).
    #[serde(default, rename = "per")]
    _per: Option<serde::de::IgnoredAny>,
    /// The row filter (read literally by [`super::kinds`]; ignored here).
    #[serde(default, rename = "chon")]
    _chon: Option<serde::de::IgnoredAny>,
    /// The output file name stem (made safe afterwards).
    pub ten_tep: String,
    /// Tên loại ("Kế hoạch").
    pub ten_loai: String,
    /// Trích yếu.
    #[serde(default)]
    pub trich_yeu: String,
    /// The title block as printed lines (tên loại, trích yếu, separator), read after filling.
    #[serde(default)]
    pub tieu_de: Vec<LineSpec>,
    /// Header.
    pub header: HeaderMeta,
    /// Number, if the document has one.
    #[serde(default)]
    pub number: Option<NumberMeta>,
    /// Right signature; absent (or empty) for a form whose signatures are all in its body.
    #[serde(default)]
    pub signature: SignatureMeta,
    /// Left signature (instead of nơi nhận).
    #[serde(default)]
    pub signature_left: Option<SignatureMeta>,
    /// Recipients.
    #[serde(default)]
    pub noi_nhan: Option<NoiNhanMeta>,
    /// Căn cứ lines, without "- " or end punctuation.
    #[serde(default)]
    pub can_cu: Vec<String>,
    /// The enacting line after the căn cứ ("Đảng ủy … quyết định:").
    #[serde(default)]
    pub quyet_dinh: String,
    /// "Kính gửi:" addressees.
    #[serde(default)]
    pub kinh_gui: Vec<String>,
    /// "Kính trình:" addressees (a tờ trình).
    #[serde(default)]
    pub kinh_trinh: Vec<String>,
    /// The drafter's line after the nơi nhận; empty for none.
    #[serde(default)]
    pub nguoi_soan_thao: String,
    /// Phụ lục headings, in order.
    #[serde(default)]
    pub phu_luc: Vec<PhuLucMeta>,
    /// Rows of signature blocks in the body, in the order of its `<chu-ky/>` lines.
    #[serde(default)]
    pub chu_ky: Vec<ChuKyMeta>,
    /// Copies the PDF holds (a whole number, or a text holding one after filling, such as
    /// "{{ cb.so_dang_vien }}"); empty for one.
    #[serde(default)]
    pub so_ban: Option<toml::Value>,
}

/// The most copies one document's PDF may hold.
pub const MAX_COPIES: u32 = 1000;

/// The IR parts a front matter gives.
pub struct Parts {
    /// Header of page 1.
    pub header: Header,
    /// Tên loại and trích yếu.
    pub title: Title,
    /// Signatures.
    pub signatures: ir::Signatures,
    /// Recipients.
    pub noi_nhan: Option<NoiNhan>,
    /// Kính gửi / Kính trình.
    pub addressees: Option<Addressees>,
    /// Căn cứ lines.
    pub can_cu: Vec<String>,
    /// The enacting line.
    pub enacting: Option<String>,
    /// The drafter's line.
    pub drafter: Option<String>,
    /// Appendices without their blocks (the body gives those).
    pub appendices: Vec<Appendix>,
    /// Rows of signature blocks for the body's `<chu-ky/>` lines, in order.
    pub signings: Vec<ir::Signing>,
    /// Copies of the PDF.
    pub copies: Option<u32>,
}

/// `so_ban` as a number of copies: empty (or absent) is `None`; otherwise a whole number from 1 to
/// [`MAX_COPIES`].
fn copies(v: Option<&toml::Value>) -> Result<Option<u32>, String> {
    let text = match v {
        None => return Ok(None),
        Some(toml::Value::Integer(i)) => i.to_string(),
        Some(toml::Value::String(s)) => s.trim().to_owned(),
        Some(other) => other.to_string(),
    };
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_COPIES).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "so_ban = \"{text}\" không hợp lệ: cần một số nguyên từ 1 đến {MAX_COPIES} (số bản trong tệp PDF)"
        )),
    }
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl SignatureMeta {
    fn into_ir(self) -> Signature {
        let read = lines::signature(&self.dong);
        let name = self.ho_ten.trim();
        Signature {
            label: opt(&self.label).or(read.label),
            authority: parse_authority(&self.quyen_han).or(read.authority),
            to_chuc: opt(&self.to_chuc).or(read.to_chuc),
            chuc_vu: opt(&self.chuc_vu).or(read.chuc_vu),
            ghi_chu: opt(&self.ghi_chu).or(read.ghi_chu),
            ho_ten: if name.is_empty() {
                read.ho_ten
            } else {
                name.to_owned()
            },
        }
    }
}

impl FrontMatter {
    /// The IR parts. `Err` names a bad value (a date, two addressee lists, an orientation).
    pub fn into_parts(self) -> Result<Parts, String> {
        let ngay = match opt(&self.header.ngay) {
            Some(s) => Some(
                Date::parse_iso(&s)
                    .ok_or_else(|| format!("header.ngay: \"{s}\" không phải ngày yyyy-mm-dd"))?,
            ),
            None => None,
        };
        let read = lines::header(&self.header.trai, &self.header.phai);
        let header = Header {
            cap_tren: opt(&self.header.cap_tren).or(read.cap_tren),
            co_quan: opt(&self.header.co_quan)
                .or(read.co_quan)
                .unwrap_or_default(),
            number: self
                .number
                .map(|n| DocNumber {
                    so: opt(&n.so),
                    loai: n.loai.trim().to_owned(),
                    ky_hieu: n.ky_hieu.trim().to_owned(),
                })
                .or(read.number),
            dia_danh: opt(&self.header.dia_danh)
                .or(read.dia_danh)
                .unwrap_or_default(),
            ngay: ngay.or(read.ngay),
        };
        let trich_yeu: Vec<Inline> = self
            .trich_yeu
            .trim()
            .split('\n')
            .enumerate()
            .flat_map(|(i, l)| {
                let mut v = Vec::new();
                if i > 0 {
                    v.push(Inline::LineBreak);
                }
                v.push(Inline::plain(l.trim()));
                v
            })
            .filter(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()))
            .collect();
        let (read_loai, read_trich_yeu) = lines::title(&self.tieu_de);
        let title = Title {
            ten_loai: opt(&self.ten_loai).unwrap_or(read_loai),
            trich_yeu: if trich_yeu.is_empty() {
                read_trich_yeu
            } else {
                trich_yeu
            },
        };
        let signatures = ir::Signatures {
            left: self.signature_left.map(SignatureMeta::into_ir),
            right: self.signature.into_ir(),
        };
        let noi_nhan = self.noi_nhan.map(|n| {
            let (read_items, read_luu) = lines::noi_nhan(&n.dong);
            let items: Vec<String> = n.items.iter().filter_map(|i| opt(i)).collect();
            NoiNhan {
                items: if items.is_empty() { read_items } else { items },
                luu: opt(&n.luu).or(read_luu),
            }
        });
        // Lines a Word template types with their marker ("- Căn cứ …") lose it: the profile adds its own.
        let lines = |v: Vec<String>| -> Vec<String> {
            v.iter().filter_map(|i| opt(lines::strip_item(i))).collect()
        };
        let (gui, trinh) = (lines(self.kinh_gui), lines(self.kinh_trinh));
        let addressees = match (gui.is_empty(), trinh.is_empty()) {
            (false, false) => {
                return Err("chỉ dùng một trong hai khóa kinh_gui và kinh_trinh".into());
            }
            (false, true) => Some(Addressees {
                label: AddresseeLabel::KinhGui,
                items: gui,
            }),
            (true, false) => Some(Addressees {
                label: AddresseeLabel::KinhTrinh,
                items: trinh,
            }),
            (true, true) => None,
        };
        let appendices = self
            .phu_luc
            .into_iter()
            .map(|p| {
                let orientation = match p.huong.trim() {
                    "" | "doc" | "dọc" => Orientation::Portrait,
                    "ngang" => Orientation::Landscape,
                    other => {
                        return Err(format!(
                            "phu_luc.huong = \"{other}\" không hợp lệ (nhận \"doc\" hoặc \"ngang\")"
                        ));
                    }
                };
                Ok(Appendix {
                    title: vec![Inline::plain(p.tieu_de.trim())],
                    kem_theo: p.kem_theo,
                    orientation,
                    blocks: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let signings = self
            .chu_ky
            .into_iter()
            .map(|c| ir::Signing {
                left: c.trai.map(SignatureMeta::into_ir),
                right: c.phai.map(SignatureMeta::into_ir),
            })
            .collect();
        Ok(Parts {
            copies: copies(self.so_ban.as_ref())?,
            signings,
            header,
            title,
            signatures,
            noi_nhan,
            addressees,
            can_cu: lines(self.can_cu),
            enacting: opt(&self.quyet_dinh),
            drafter: opt(&self.nguoi_soan_thao),
            appendices,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_line_numbers() {
        let src = "+++\na = 1\nb = 2\n+++\nbody line\n";
        let (fm, body, line) = split(src).unwrap();
        assert_eq!(fm, "a = 1\nb = 2\n");
        assert_eq!(body, "body line\n");
        assert_eq!(line, 5);
        assert!(split("no front matter").is_none());
    }

    #[test]
    fn copies_are_whole_numbers_from_one() {
        let v = |s: &str| toml::Value::String(s.into());
        assert_eq!(copies(None), Ok(None));
        assert_eq!(copies(Some(&v(" "))), Ok(None));
        assert_eq!(copies(Some(&v("18"))), Ok(Some(18)));
        assert_eq!(copies(Some(&toml::Value::Integer(3))), Ok(Some(3)));
        for bad in ["0", "-1", "2,5", "nhiều", "1001"] {
            let e = copies(Some(&v(bad))).unwrap_err();
            assert!(e.contains("so_ban"), "{e}");
        }
    }
}
