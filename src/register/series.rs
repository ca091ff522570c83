//! Which series a number comes from and how it is written, from the profile's `[numbering]`: one
//! series per type or one for the body, restarting each term of the cấp ủy or each year, secret and
//! congress documents where the format puts them.

use crate::profile::{NumberReset, NumberingRules, SecretSeries, SeriesBy};
use crate::text::Date;
use serde::Serialize;

/// A document set apart by the numbering rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Special {
    /// An ordinary document.
    #[default]
    None,
    /// A secret (mật) document.
    Mat,
    /// A congress (đại hội) document.
    DaiHoi,
}

/// What a series restarts on, and its current value: a term ("2020-2025") or a year ("2026").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `nhiem-ky` or `nam`.
    pub kind: &'static str,
    /// "2020-2025" or "2026".
    pub value: String,
}

impl Period {
    /// A calendar year.
    pub fn year(y: i32) -> Period {
        Period {
            kind: "nam",
            value: y.to_string(),
        }
    }

    /// A term of the cấp ủy, written "2020-2025" whatever dash or spaces the workbook used.
    pub fn term(text: &str) -> Period {
        Period {
            kind: "nhiem-ky",
            value: normalise_term(text),
        }
    }

    /// "nhiệm kỳ 2020-2025" / "năm 2026", for messages and the register's cover.
    pub fn label(&self) -> String {
        match self.kind {
            "nhiem-ky" => format!("nhiệm kỳ {}", self.value),
            _ => format!("năm {}", self.value),
        }
    }
}

/// "2020 – 2025", "2020—2025", "2020-2025" → "2020-2025"; other text is kept, trimmed.
pub fn normalise_term(text: &str) -> String {
    let t: String = text
        .trim()
        .chars()
        .map(|c| if matches!(c, '–' | '—' | '‒') { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() { text.trim().to_owned() } else { t }
}

/// One series of numbers of one issuing body in one period, and how its numbers are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The series' key in the register ("TB/ĐU"; "*/ĐU" for one series for all types; "MẬT TB/ĐU"
    /// for secret documents in a series of their own; "*/ĐH/ĐU" for a congress).
    pub key: String,
    /// The period it restarts on.
    pub period: Period,
    /// The document-type code the number is written with ("TB").
    pub loai: String,
    /// The issuer code the number is written with ("ĐU", or "ĐH" for a congress).
    pub ky_hieu: String,
    /// The pattern of the number and symbol (`{so}`, `{loai}`, `{ky_hieu}`).
    pub pattern: String,
    /// Digits numbers are padded to.
    pub padding: u8,
}

impl Series {
    /// The number as the document prints it: "05", "123".
    pub fn so(&self, n: i64) -> String {
        format!("{n:0width$}", width = usize::from(self.padding))
    }

    /// The number and symbol as the register writes it: "05-TB/ĐU".
    pub fn so_ky_hieu(&self, n: i64) -> String {
        self.pattern
            .replace("{so}", &self.so(n))
            .replace("{loai}", &self.loai)
            .replace("{ky_hieu}", &self.ky_hieu)
    }
}

/// The series a document of type `loai` issued by `ky_hieu` belongs to, dated `ngay` (else `today`),
/// in the term `nhiem_ky` if the workbook gives one. The second value is true when the profile numbers
/// per term but no term was given, so the series runs per calendar year (the caller warns).
pub fn series_for(
    rules: &NumberingRules,
    loai: &str,
    ky_hieu: &str,
    special: Special,
    nhiem_ky: Option<&str>,
    ngay: Option<Date>,
    today: Date,
) -> Result<(Series, bool), String> {
    let loai = loai.trim();
    let ky_hieu = ky_hieu.trim();
    if loai.is_empty() {
        return Err("văn bản không có mã loại (KH, BC, QĐ …) để cấp số".into());
    }
    if ky_hieu.is_empty() {
        return Err("thiếu ký hiệu cơ quan (Thông tin: Ký hiệu cơ quan) để cấp số".into());
    }
    let (period, no_term) = match (rules.reset, nhiem_ky.filter(|t| !t.trim().is_empty())) {
        (NumberReset::NhiemKy, Some(t)) => (Period::term(t), false),
        (NumberReset::NhiemKy, None) => (Period::year(ngay.unwrap_or(today).year), true),
        (NumberReset::Nam, _) => (Period::year(ngay.unwrap_or(today).year), false),
    };
    let by_type = |l: &str| match rules.series {
        SeriesBy::Loai => format!("{l}/{ky_hieu}"),
        SeriesBy::Chung => format!("*/{ky_hieu}"),
    };
    let (key, printed_ky_hieu) = match special {
        Special::None => (by_type(loai), ky_hieu.to_owned()),
        Special::Mat => match rules.mat {
            SecretSeries::TheoLoai => (by_type(loai), ky_hieu.to_owned()),
            SecretSeries::Rieng => (format!("MẬT {}", by_type(loai)), ky_hieu.to_owned()),
        },
        Special::DaiHoi => {
            let dh = rules.dai_hoi_ky_hieu.trim();
            if dh.is_empty() {
                return Err(
                    "thể thức này không có loạt số riêng cho văn bản đại hội (numbering.dai_hoi_ky_hieu trống)"
                        .into(),
                );
            }
            (format!("*/{dh}/{ky_hieu}"), dh.to_owned())
        }
    };
    Ok((
        Series {
            key,
            period,
            loai: loai.to_owned(),
            ky_hieu: printed_ky_hieu,
            pattern: rules.so_ky_hieu.clone(),
            padding: rules.padding,
        },
        no_term,
    ))
}

/// A key that matches a number and symbol however it is typed: "5-tb/du", "05-TB/ĐU" and "05 - TB/ĐU"
/// give the same key (diacritics, case, spaces and the leading zeros of the number ignored).
pub fn match_key(so_ky_hieu: &str) -> String {
    let plain: String = deunicode::deunicode(so_ky_hieu)
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = plain.chars().take_while(char::is_ascii_digit).count();
    let (num, rest) = plain.split_at(digits);
    let num = num.trim_start_matches('0');
    format!("{}{rest}", if num.is_empty() && digits > 0 { "0" } else { num })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn party_numbers_per_type_and_term() {
        let p = Profile::dang();
        let (s, no_term) = series_for(
            &p.numbering,
            "TB",
            "ĐU",
            Special::None,
            Some("2020 – 2025"),
            Some(d(2023, 4, 12)),
            d(2026, 1, 1),
        )
        .unwrap();
        assert!(!no_term);
        assert_eq!(s.key, "TB/ĐU");
        assert_eq!(s.period, Period::term("2020-2025"));
        assert_eq!(s.so_ky_hieu(5), "05-TB/ĐU");
        assert_eq!(s.so_ky_hieu(123), "123-TB/ĐU");
        // A chi bộ's series never shares numbers with the đảng ủy's.
        let (cb, _) = series_for(
            &p.numbering,
            "BB",
            "CB",
            Special::None,
            Some("2025-2030"),
            None,
            d(2026, 1, 1),
        )
        .unwrap();
        let (du, _) = series_for(
            &p.numbering,
            "BB",
            "ĐU",
            Special::None,
            Some("2025-2030"),
            None,
            d(2026, 1, 1),
        )
        .unwrap();
        assert_ne!(cb.key, du.key);
        assert_eq!(cb.so_ky_hieu(3), "03-BB/CB");
        // Without a term: per year, flagged.
        let (s, no_term) = series_for(
            &p.numbering,
            "TB",
            "ĐU",
            Special::None,
            None,
            Some(d(2023, 4, 12)),
            d(2026, 1, 1),
        )
        .unwrap();
        assert!(no_term);
        assert_eq!(s.period, Period::year(2023));
        // A congress: one series, issuer code ĐH.
        let (s, _) = series_for(
            &p.numbering,
            "NQ",
            "ĐU",
            Special::DaiHoi,
            Some("2025-2030"),
            None,
            d(2026, 1, 1),
        )
        .unwrap();
        assert_eq!(s.key, "*/ĐH/ĐU");
        assert_eq!(s.so_ky_hieu(1), "01-NQ/ĐH");
        // Secret documents share their type's series.
        let (s, _) = series_for(
            &p.numbering,
            "TB",
            "ĐU",
            Special::Mat,
            Some("2025-2030"),
            None,
            d(2026, 1, 1),
        )
        .unwrap();
        assert_eq!(s.key, "TB/ĐU");
    }

    #[test]
    fn state_numbers_per_year_secret_apart() {
        let p = Profile::builtin("nha-nuoc").unwrap();
        let (s, no_term) = series_for(
            &p.numbering,
            "KH",
            "UBND",
            Special::None,
            Some("2021-2026"),
            Some(d(2027, 1, 2)),
            d(2026, 1, 1),
        )
        .unwrap();
        assert!(!no_term);
        assert_eq!(s.period, Period::year(2027));
        assert_eq!(s.so_ky_hieu(5), "05/KH-UBND");
        let (m, _) = series_for(
            &p.numbering,
            "KH",
            "UBND",
            Special::Mat,
            None,
            None,
            d(2026, 1, 1),
        )
        .unwrap();
        assert_ne!(m.key, s.key);
        assert!(series_for(&p.numbering, "KH", "UBND", Special::DaiHoi, None, None, d(2026, 1, 1)).is_err());
    }

    #[test]
    fn typed_numbers_match_loosely() {
        assert_eq!(match_key("05-TB/ĐU"), match_key("5-tb/du"));
        assert_eq!(match_key("05 - TB/ĐU"), match_key("5-TB/ĐU"));
        assert_ne!(match_key("05-TB/ĐU"), match_key("50-TB/ĐU"));
        assert_eq!(match_key("05/KH-UBND"), "5/KH-UBND");
    }
}
