//! Typed reading of one cell: text, numbers typed as text with a decimal comma, dates as serials, date
//! cells or d/m/yyyy text, yes/no marks.

use super::matching::{clean_text, match_key};
use crate::ir::Date;
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

fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f}");
        s
    }
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
    let (y, m, d, ..) =
        ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
    Date::new(i32::from(y), u32::from(m), u32::from(d))
}

/// Why a date cell could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not a date at all.
    NotADate,
    /// Shaped like a date but the day does not exist (31/02/2023).
    Impossible,
}

/// Reads a date: a date cell, an Excel serial, or text "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd".
pub fn parse_date(d: &Data) -> Result<Option<Date>, DateError> {
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => date_from_serial(dt.as_f64(), true)
            .map(Some)
            .ok_or(DateError::NotADate),
        Data::Float(f) => date_from_serial(*f, false)
            .map(Some)
            .ok_or(DateError::NotADate),
        Data::Int(i) => date_from_serial(*i as f64, false)
            .map(Some)
            .ok_or(DateError::NotADate),
        Data::DateTimeIso(s) | Data::String(s) => parse_date_text(s),
        _ => Err(DateError::NotADate),
    }
}

/// Parses a date written as text.
pub fn parse_date_text(s: &str) -> Result<Option<Date>, DateError> {
    let t = clean_text(s);
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.split(['T', ' ']).next().unwrap_or("");
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
    fn dates() {
        assert_eq!(parse_date_text("29/7/2022"), Ok(Date::new(2022, 7, 29)));
        assert_eq!(parse_date_text("05/01/2023"), Ok(Date::new(2023, 1, 5)));
        assert_eq!(parse_date_text("2022-07-29"), Ok(Date::new(2022, 7, 29)));
        assert_eq!(parse_date_text("31/02/2023"), Err(DateError::Impossible));
        assert_eq!(parse_date_text("hôm qua"), Err(DateError::NotADate));
        // 44771 = 2022-07-29 in the 1900 system.
        assert_eq!(
            parse_date(&Data::Float(44771.0)),
            Ok(Date::new(2022, 7, 29))
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
