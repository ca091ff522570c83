//! Typed reading of one cell: text, numbers typed as text with a decimal comma, dates as serials, date
//! cells or d/m/yyyy text, yes/no marks.

use super::matching::{clean_text, match_key};
use crate::text::Date;
use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

/// The text of a cell as a user sees it (numbers without a trailing ".0"); empty cells give "".
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_float(*f),
        Data::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Data::DateTime(dt) => match date_from_serial(dt.as_f64(), dt.is_datetime()) {
            Some(date) => format!("{}/{}/{}", date.day, date.month, date.year),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a user sees it: no trailing ".0", and binary noise (0.30000000000000004) rounded away
/// at ten decimals, as Excel shows at most 15 significant digits.
fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    if f.abs() >= 1e15 || !f.is_finite() {
        return format!("{f}");
    }
    let s = format!("{f:.10}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Reads a number: numeric cells, or text with a decimal comma ("9,5") or point ("9.5").
pub fn parse_number(d: &Data) -> Option<f64> {
    match d {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        Data::String(s) => {
            let t = clean_text(s).replace(' ', "");
            if t.is_empty() {
                return None;
            }
            // "1.234,5" (Vietnamese grouping) and "9,5" and "9.5".
            let normalised = if t.contains(',') {
                t.replace('.', "").replace(',', ".")
            } else if t.matches('.').count() > 1 {
                t.replace('.', "")
            } else {
                t
            };
            normalised.parse::<f64>().ok().filter(|f| f.is_finite())
        }
        _ => None,
    }
}

/// Converts an Excel serial (1900 system) to a date.
pub fn date_from_serial(serial: f64, _is_datetime: bool) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    from_excel(&ExcelDateTime::new(
        serial,
        ExcelDateTimeType::DateTime,
        false,
    ))
}

/// The calendar date of a date cell, in the workbook's own date system (1900 or 1904).
fn from_excel(dt: &ExcelDateTime) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&dt.as_f64()) {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Date::new(i32::from(y), u32::from(m), u32::from(d))
}

/// Why a date cell could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date at all.
    NotADate,
    /// Shaped like a date but the day does not exist (31/02/2023).
    Impossible,
    /// Only a year (1975): a number that would otherwise be read as a serial in 1905.
    YearOnly(i32),
}

/// Numbers from 1900 to 2100 in a date column are years, not Excel serials (which would all fall in 1905).
fn year_only(f: f64) -> Option<i32> {
    (f.fract() == 0.0 && (1900.0..=2100.0).contains(&f)).then_some(f as i32)
}

/// Reads a date: a date cell, an Excel serial, or text "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd".
pub fn parse_date(d: &Data) -> Result<Option<Date>, DateError> {
    parse_date_in(d, None)
}

/// Reads a date that lies in the past (ngày sinh, ngày vào Đảng): as [`parse_date`], and a two-digit year
/// ("05/01/80") is the latest such date not after `today`.
pub fn parse_past_date(d: &Data, today: Date) -> Result<Option<Date>, DateError> {
    parse_date_in(d, Some(today))
}

fn parse_date_in(d: &Data, past_of: Option<Date>) -> Result<Option<Date>, DateError> {
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => from_excel(dt).map(Some).ok_or(DateError::NotADate),
        Data::Float(f) => match year_only(*f) {
            Some(y) => Err(DateError::YearOnly(y)),
            None => date_from_serial(*f, false)
                .map(Some)
                .ok_or(DateError::NotADate),
        },
        Data::Int(i) => parse_date(&Data::Float(*i as f64)),
        Data::DateTimeIso(s) | Data::String(s) => parse_text(s, past_of),
        _ => Err(DateError::NotADate),
    }
}

/// Parses a date written as text: "29/7/2022", "05/01/2023", "29-07-2022", "29.07.2022", "2022-07-29",
/// "29 / 7 / 2022", "29/07/2022 08:30", "2022-07-29T00:00:00" or "ngày 29 tháng 7 năm 2022".
#[cfg(test)]
pub fn parse_date_text(s: &str) -> Result<Option<Date>, DateError> {
    parse_text(s, None)
}

/// Parses a past date written as text: as [`parse_date_text`], and a two-digit year ("05/01/80") is the
/// latest such date not after `today` (on 1 December 2026, "80" is 1980 and "26" is 2026 for a day up
/// to 1 December, 1926 for a later one).
#[cfg(test)]
pub fn parse_past_date_text(s: &str, today: Date) -> Result<Option<Date>, DateError> {
    parse_text(s, Some(today))
}

/// The latest date with year `yy` (two digits) on `month`/`day` that is not after `today`.
fn past_century(yy: u32, month: u32, day: u32, today: Date) -> Result<Date, DateError> {
    let century = today.year - today.year.rem_euclid(100);
    let year = century + i32::try_from(yy).map_err(|_| DateError::NotADate)?;
    // 29/02 exists only in some years of the same two digits: judge it in the year chosen.
    match Date::new(year, month, day) {
        Some(date) if date <= today => Ok(date),
        _ => Date::new(year - 100, month, day).ok_or(DateError::Impossible),
    }
}

fn parse_text(s: &str, past_of: Option<Date>) -> Result<Option<Date>, DateError> {
    let t = clean_text(s);
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 4
        && let Some(y) = t.parse::<f64>().ok().and_then(year_only)
    {
        return Err(DateError::YearOnly(y));
    }
    let lower = t.to_lowercase();
    if lower.contains("tháng") || lower.contains("thang") {
        // "ngày 29 tháng 7 năm 2022": the three numbers in order.
        let nums: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        if nums.len() == 3 && nums[2].len() == 4 {
            return parse_text(&nums.join("/"), past_of);
        }
        return Err(DateError::NotADate);
    }
    // Drop a time ("08:30", "T00:00:00") and the spaces around separators.
    let date_part = t.split('T').next().unwrap_or("");
    let t: String = date_part
        .split_whitespace()
        .filter(|w| !w.contains(':'))
        .collect();
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError::NotADate);
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return Err(DateError::NotADate);
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else if parts[2].len() == 4 {
        (nums[2], nums[1], nums[0])
    } else if parts[2].len() == 2
        && parts[0].len() <= 2
        && let Some(today) = past_of
    {
        return past_century(nums[2], nums[1], nums[0], today).map(Some);
    } else {
        return Err(DateError::NotADate);
    };
    let year = i32::try_from(y).map_err(|_| DateError::NotADate)?;
    Date::new(year, m, d).map(Some).ok_or(DateError::Impossible)
}

/// Reads a yes/no mark: x, X, có, ✓, 1, TRUE are yes; empty, không, 0, FALSE are no.
pub fn parse_yes_no(d: &Data) -> Option<bool> {
    match d {
        Data::Empty => Some(false),
        Data::Bool(b) => Some(*b),
        Data::Int(i) => match i {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
        Data::Float(f) => {
            if *f == 0.0 {
                Some(false)
            } else if *f == 1.0 {
                Some(true)
            } else {
                None
            }
        }
        Data::String(s) => {
            let t = clean_text(s);
            if matches!(t.as_str(), "✓" | "✔" | "☑" | "√") {
                return Some(true);
            }
            match match_key(&t).as_str() {
                "" | "khong" | "0" | "false" | "no" | "n" => Some(false),
                "x" | "co" | "1" | "true" | "yes" | "y" | "dat" => Some(true),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number(&Data::String("9,5".into())), Some(9.5));
        assert_eq!(parse_number(&Data::String("9.5".into())), Some(9.5));
        assert_eq!(parse_number(&Data::String("1.234,5".into())), Some(1234.5));
        assert_eq!(parse_number(&Data::Float(87.0)), Some(87.0));
        assert_eq!(parse_number(&Data::String("abc".into())), None);
    }

    #[test]
    fn float_text() {
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(9.5)), "9.5");
        assert_eq!(cell_text(&Data::Float(87.0)), "87");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date_text("29/7/2022"), Ok(Date::new(2022, 7, 29)));
        assert_eq!(parse_date_text("05/01/2023"), Ok(Date::new(2023, 1, 5)));
        assert_eq!(parse_date_text("2022-07-29"), Ok(Date::new(2022, 7, 29)));
        assert_eq!(parse_date_text("31/02/2023"), Err(DateError::Impossible));
        assert_eq!(parse_date_text("hôm qua"), Err(DateError::NotADate));
        assert_eq!(parse_date_text("29 / 7 / 2022"), Ok(Date::new(2022, 7, 29)));
        assert_eq!(
            parse_date_text("29/07/2022 08:30"),
            Ok(Date::new(2022, 7, 29))
        );
        assert_eq!(
            parse_date_text("2022-07-29T00:00:00"),
            Ok(Date::new(2022, 7, 29))
        );
        assert_eq!(
            parse_date_text("ngày 05 tháng 01 năm 2023"),
            Ok(Date::new(2023, 1, 5))
        );
        assert_eq!(parse_date_text("1975"), Err(DateError::YearOnly(1975)));
        assert_eq!(
            parse_date(&Data::Float(1975.0)),
            Err(DateError::YearOnly(1975))
        );
        assert_eq!(parse_date_text("29/7/22"), Err(DateError::NotADate));
        assert_eq!(
            parse_date(&Data::String("29/7/22".into())),
            Err(DateError::NotADate)
        );
        // 44771 = 2022-07-29 in the 1900 system.
        assert_eq!(
            parse_date(&Data::Float(44771.0)),
            Ok(Date::new(2022, 7, 29))
        );
    }

    #[test]
    fn two_digit_years_of_past_dates() {
        let today = Date::new(2026, 12, 1).expect("date");
        let past = |s: &str| parse_past_date_text(s, today);
        assert_eq!(past("05/01/80"), Ok(Date::new(1980, 1, 5)));
        assert_eq!(past("5/1/80"), Ok(Date::new(1980, 1, 5)));
        assert_eq!(past("05-01-03"), Ok(Date::new(2003, 1, 5)));
        // This year's two digits: this century up to today, the last one after it.
        assert_eq!(past("01/12/26"), Ok(Date::new(2026, 12, 1)));
        assert_eq!(past("02/12/26"), Ok(Date::new(1926, 12, 2)));
        assert_eq!(past("31/12/99"), Ok(Date::new(1999, 12, 31)));
        assert_eq!(past("01/01/00"), Ok(Date::new(2000, 1, 1)));
        // 29/02/00 is in 2000 (a leap year); 29/02/27 would be 1927, not a leap year.
        assert_eq!(past("29/02/00"), Ok(Date::new(2000, 2, 29)));
        assert_eq!(past("29/02/27"), Err(DateError::Impossible));
        assert_eq!(past("31/04/80"), Err(DateError::Impossible));
        // Four-digit years and other forms read as before; a two-digit first part is not a year.
        assert_eq!(past("05/01/1980"), Ok(Date::new(1980, 1, 5)));
        assert_eq!(past("80/01/05"), Err(DateError::Impossible));
        let cell = Data::String("05/01/80".into());
        assert_eq!(parse_past_date(&cell, today), Ok(Date::new(1980, 1, 5)));
        assert_eq!(parse_date(&cell), Err(DateError::NotADate));
        // A century later, the same text is a century later.
        let later = Date::new(2090, 6, 1).expect("date");
        assert_eq!(
            parse_past_date_text("05/01/80", later),
            Ok(Date::new(2080, 1, 5))
        );
    }

    #[test]
    fn yes_no() {
        for y in ["x", "X", "có", "Có", "✓", "1", "TRUE"] {
            assert_eq!(parse_yes_no(&Data::String(y.into())), Some(true), "{y}");
        }
        for n in ["", "không", "0", "FALSE"] {
            assert_eq!(parse_yes_no(&Data::String(n.into())), Some(false), "{n}");
        }
        assert_eq!(parse_yes_no(&Data::Empty), Some(false));
        assert_eq!(parse_yes_no(&Data::String("có lẽ".into())), None);
    }
}
