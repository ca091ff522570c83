//! Layout profiles: every layout number and convention of a format, as data.
//!
//! The built-in profiles are `templates/profiles/dang.toml` (Party, Hướng dẫn 05-HD/VPTW of 2026, the
//! default), `templates/profiles/dang-36.toml` (Party, the superseded Hướng dẫn 36-HD/VPTW of 2018, for a
//! series that must match older documents) and `templates/profiles/nha-nuoc.toml` (State, Nghị định
//! 30/2020), embedded in the binary. `--profile NAME` selects one; `--profile FILE.toml` loads a file, which may start with `extends = "dang"` and change only
//! some keys. A bad profile is reported with its file and the dotted key.

mod inspect;
mod marks;
mod numbering;
mod styles;

pub use crate::model::Rules;
pub use inspect::{InspectRules, MarginRanges};
pub use marks::{
    BanSaoStyle, ContactPlace, CopyForm, CopyPart, Levels, MarkPlace, MarkStyle, MarksStyle,
};
pub use crate::text::{ToneStyle, apply_tone_style};
pub use numbering::*;
pub use styles::*;

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

/// A whole layout profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// Its name for people, in Vietnamese ("Đảng (Hướng dẫn 05-HD/VPTW)"): the web page's choice and
    /// the `--profile` help show it. A profile file without one is shown by its `name`.
    #[serde(default)]
    pub ten: String,
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
    #[serde(default = "styles::default_check_box")]
    pub check_box: CheckBoxStyle,
    /// Tables.
    pub table: TableStyle,
    /// Notes.
    pub note: TextStyle,
    /// Signatures.
    pub signature: SignatureStyle,
    /// Signature blocks in a form's body.
    #[serde(default = "styles::default_signing")]
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
    /// Khẩn, mật, draft and circulation marks; the number of copies.
    pub marks: MarksStyle,
    /// The block of a bản sao.
    pub ban_sao: BanSaoStyle,
    /// What `vanban kiem-tra` allows and cites.
    pub kiem_tra: InspectRules,
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
        let m = &self.marks;
        if m.lien_he_place == ContactPlace::Page1Footer {
            match m.lien_he_bottom_mm {
                None => {
                    return err(
                        "marks.lien_he_bottom_mm",
                        "thông tin liên hệ ở chân trang 1 (lien_he_place = \"page1-footer\") cần khoảng cách tới mép dưới trang (lien_he_bottom_mm)",
                    );
                }
                Some(b) if !(0.0..p.margin_bottom_mm).contains(&b) => {
                    return err(
                        "marks.lien_he_bottom_mm",
                        "khoảng cách từ thông tin liên hệ tới mép dưới trang (lien_he_bottom_mm) phải không âm và nhỏ hơn lề dưới (page.margin_bottom_mm): thông tin liên hệ đứng trong lề dưới của trang 1",
                    );
                }
                Some(_) => {}
            }
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

    /// The profile's name for people: `ten`, or `name` when the file gives none.
    pub fn label(&self) -> &str {
        if self.ten.trim().is_empty() {
            &self.name
        } else {
            &self.ten
        }
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
mod tests;
