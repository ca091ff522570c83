//! Vietnamese filters for templates: dates, numbers, percentages, upper case, xếp loại names.

use crate::ir::Date;
use crate::model::XepLoai;
use minijinja::{Error, ErrorKind, Value};

fn date_arg(v: &Value, filter: &str) -> Result<Option<Date>, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(None);
    }
    let s = v.to_string();
    if s.trim().is_empty() {
        return Ok(None);
    }
    Date::parse_iso(&s).map(Some).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("bộ lọc {filter} cần một ngày (yyyy-mm-dd), nhận \"{s}\""),
        )
    })
}

/// `{{ d|ngay_dai }}` → "ngày 29 tháng 7 năm 2022", "ngày 05 tháng 01 năm 2023" (leading zero for days
/// below 10 and months 1–2); no date → "ngày      tháng      năm      ".
pub fn ngay_dai(v: Value) -> Result<String, Error> {
    Ok(match date_arg(&v, "ngay_dai")? {
        Some(d) => format!(
            "ngày {} tháng {} năm {}",
            format_day(d.day),
            format_month(d.month),
            d.year
        ),
        None => "ngày      tháng      năm      ".into(),
    })
}

/// The day of a date line: two digits below 10.
pub fn format_day(day: u32) -> String {
    format!("{day:02}")
}

/// The month of a date line: two digits for January and February.
pub fn format_month(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// `{{ d|ngay_ngan }}` → "29/7/2022" (citations in running text).
pub fn ngay_ngan(v: Value) -> Result<String, Error> {
    Ok(match date_arg(&v, "ngay_ngan")? {
        Some(d) => format!("{}/{}/{}", d.day, d.month, d.year),
        None => "…/…/…".into(),
    })
}

/// `{{ d|nam }}` → the year of a date.
pub fn nam(v: Value) -> Result<Value, Error> {
    Ok(match date_arg(&v, "nam")? {
        Some(d) => Value::from(d.year),
        None => Value::from(()),
    })
}

/// Formats a number the Vietnamese way: "1.234.567", "9,5", "87,25" (at most `decimals` decimals,
/// trailing zeros dropped).
pub fn format_number(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Formats a percentage: two decimals with a decimal comma, ",00" dropped: "83,33%", "12,50%", "100%".
pub fn format_percent(p: f64) -> String {
    let s = format!("{p:.2}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let int_f: f64 = int.parse().unwrap_or(0.0);
    let int_s = format_number(int_f, 0);
    if frac == "00" {
        format!("{int_s}%")
    } else {
        format!("{int_s},{frac}%")
    }
}

fn number_arg(v: &Value, filter: &str) -> Result<f64, Error> {
    if let Ok(f) = f64::try_from(v.clone()) {
        return Ok(f);
    }
    Err(Error::new(
        ErrorKind::InvalidOperation,
        format!("bộ lọc {filter} cần một số, nhận \"{v}\""),
    ))
}

/// `{{ n|so }}` → "1.234,5"; `{{ n|so(0) }}` rounds to whole numbers.
pub fn so(v: Value, decimals: Option<usize>) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(String::new());
    }
    Ok(format_number(number_arg(&v, "so")?, decimals.unwrap_or(2)))
}

/// `{{ p|phan_tram }}` → "83,33%" from a percentage value (83.333…).
pub fn phan_tram(v: Value) -> Result<String, Error> {
    Ok(format_percent(number_arg(&v, "phan_tram")?))
}

/// `{{ a|ty_le(b) }}` → a as a percentage of b (0 when b is 0), to pipe into `phan_tram`.
pub fn ty_le(a: Value, b: Value) -> Result<f64, Error> {
    let a = number_arg(&a, "ty_le")?;
    let b = number_arg(&b, "ty_le")?;
    Ok(if b == 0.0 { 0.0 } else { a * 100.0 / b })
}

/// `{{ n|pad(3) }}` → "007": a whole number with leading zeros.
pub fn pad(v: Value, width: usize) -> Result<String, Error> {
    let n = number_arg(&v, "pad")?;
    Ok(format!("{:0width$}", n as i64))
}

/// `{{ s|hoa }}` → Vietnamese upper case ("Đảng ủy" → "ĐẢNG ỦY").
pub fn hoa(v: Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    v.to_string().to_uppercase()
}

/// `{{ "xuat_sac"|xep_loai }}` → "Hoàn thành xuất sắc nhiệm vụ"; `xep_loai("viet_tat")` → "HTXSNV".
pub fn xep_loai(v: Value, form: Option<String>) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok("Chưa xếp loại".into());
    }
    let s = v.to_string();
    let x = XepLoai::ALL
        .into_iter()
        .find(|x| x.key() == s)
        .or_else(|| XepLoai::parse(&s))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("không hiểu xếp loại \"{s}\""),
            )
        })?;
    Ok(match form.as_deref() {
        Some("viet_tat") => x.viet_tat().into(),
        _ => x.ten().into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(format_number(1234567.0, 0), "1.234.567");
        assert_eq!(format_number(9.5, 2), "9,5");
        assert_eq!(format_number(87.25, 2), "87,25");
        assert_eq!(format_number(-1200.0, 0), "-1.200");
        assert_eq!(format_percent(83.3333), "83,33%");
        assert_eq!(format_percent(12.5), "12,50%");
        assert_eq!(format_percent(100.0), "100%");
        assert_eq!(format_percent(1000.0), "1.000%");
    }

    #[test]
    fn dates() {
        assert_eq!(
            ngay_dai(Value::from("2022-07-29")).unwrap(),
            "ngày 29 tháng 7 năm 2022"
        );
        assert_eq!(
            ngay_dai(Value::from("2023-01-05")).unwrap(),
            "ngày 05 tháng 01 năm 2023"
        );
        assert_eq!(ngay_ngan(Value::from("2022-07-29")).unwrap(), "29/7/2022");
        assert!(ngay_dai(Value::from("29/7/2022")).is_err());
    }

    #[test]
    fn upper_case() {
        assert_eq!(
            hoa(Value::from("Đảng ủy Văn phòng Tỉnh ủy")),
            "ĐẢNG ỦY VĂN PHÒNG TỈNH ỦY"
        );
    }
}
