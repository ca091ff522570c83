//! Typing one cell of a table by its column's kind: text, lines, numbers, dates, xếp loại, yes/no.

use super::XepLoai;
use super::cell::{DateError, parse_date, parse_number, parse_past_date, parse_yes_no};
use super::cell_ref;
use super::record::Value;
use super::schema::{Column, ColumnKind};
use crate::error::Diagnostic;
use crate::text::Date;
use calamine::Data;

/// One cell to type: where it is and what it holds.
pub(super) struct CellIn<'a> {
    /// 0-based row.
    pub(super) row: usize,
    /// 0-based sheet column.
    pub(super) col: usize,
    /// The cell as read (a vertically merged cell's top-left value).
    pub(super) raw: &'a Data,
    /// Its text as a user sees it.
    pub(super) text: &'a str,
}

impl CellIn<'_> {
    /// An error about this cell (not yet placed in its sheet).
    fn error(&self, code: &str, message: String, hint: &str) -> Box<Diagnostic> {
        let d = Diagnostic::error(code, message)
            .at(cell_ref(self.row, self.col))
            .on_row(self.row + 1)
            .with_hint(hint.to_owned());
        Box::new(d)
    }

    /// The error "cột "X": "text" không phải …" with what was expected.
    fn not_a(&self, column: &Column, expected: &str, hint: &str) -> Box<Diagnostic> {
        let message = format!(
            "cột \"{}\": \"{}\" không phải {expected}",
            column.name, self.text
        );
        self.error("gia_tri_khong_hop_le", message, hint)
    }
}

/// The value of a cell of `column`, or `Ok(None)` for an empty cell (a yes/no column reads it as "no").
/// `Err` holds the finding (not yet placed in its sheet; boxed, as findings are rare and large) when
/// the text is not of the column's kind. `today` resolves two-digit years of past dates.
pub(super) fn typed_value(
    column: &Column,
    cell: &CellIn<'_>,
    today: Date,
) -> Result<Option<Value>, Box<Diagnostic>> {
    let text = cell.text;
    let whole = |f: f64| f.fract() == 0.0 && f.abs() < 1e15;
    match column.kind {
        ColumnKind::YesNo => match parse_yes_no(cell.raw) {
            Some(b) => Ok(Some(Value::YesNo(b))),
            None => Err(cell.not_a(
                column,
                "có/không",
                "ghi x, có, ✓, 1 cho có; để trống, không, 0 cho không",
            )),
        },
        _ if text.is_empty() => Ok(None),
        ColumnKind::Text => Ok(Some(Value::Text(text.to_owned()))),
        ColumnKind::Lines => Ok(Some(Value::Lines(lines_of(text)))),
        ColumnKind::Ordinal => match parse_number(cell.raw) {
            Some(f) if whole(f) => Ok(Some(Value::Integer(f as i64))),
            _ => Ok(Some(Value::Text(text.to_owned()))),
        },
        ColumnKind::Integer => match parse_number(cell.raw) {
            Some(f) if whole(f) => Ok(Some(Value::Integer(f as i64))),
            _ => Err(cell.not_a(column, "một số nguyên", "ghi một số nguyên, ví dụ 12")),
        },
        ColumnKind::Decimal => match parse_number(cell.raw) {
            Some(f) => Ok(Some(Value::Decimal(f))),
            None => Err(cell.not_a(
                column,
                "một số",
                "ghi một số, dùng dấu phẩy cho phần thập phân, ví dụ 9,5",
            )),
        },
        ColumnKind::Date | ColumnKind::PastDate => date_value(column, cell, today),
        ColumnKind::XepLoai => match XepLoai::parse(text) {
            Some(x) => Ok(Some(Value::XepLoai(x))),
            None if XepLoai::is_unrated(text) => Ok(None),
            None => Err(cell.error(
                "xep_loai_khong_hop_le",
                format!(
                    "cột \"{}\": không hiểu xếp loại \"{text}\"; chỉ nhận: {}",
                    column.name,
                    XepLoai::accepted()
                ),
                "chọn một mức trong danh sách; để trống hoặc ghi \"Chưa xếp loại\" nếu chưa xếp loại",
            )),
        },
    }
}

/// The value of a date cell: a date that does not exist, a year alone and text that is no date are
/// each their own error.
fn date_value(
    column: &Column,
    cell: &CellIn<'_>,
    today: Date,
) -> Result<Option<Value>, Box<Diagnostic>> {
    let parsed = if column.kind == ColumnKind::PastDate {
        parse_past_date(cell.raw, today)
    } else {
        parse_date(cell.raw)
    };
    match parsed {
        Ok(Some(d)) => Ok(Some(Value::Date(d))),
        Ok(None) => Ok(None),
        Err(DateError::Impossible) => Err(cell.error(
            "ngay_khong_ton_tai",
            format!(
                "cột \"{}\": ngày \"{}\" không tồn tại",
                column.name, cell.text
            ),
            "kiểm tra ngày và tháng (ghi dd/mm/yyyy, ví dụ 05/01/2023)",
        )),
        Err(DateError::YearOnly(y)) => Err(cell.error(
            "ngay_chi_co_nam",
            format!(
                "cột \"{}\": chỉ ghi năm {y}, cần đủ ngày, tháng, năm",
                column.name
            ),
            "ghi ngày dạng dd/mm/yyyy, ví dụ 01/01/1975",
        )),
        Err(DateError::NotADate) => Err(cell.not_a(
            column,
            "một ngày",
            "ghi ngày dạng dd/mm/yyyy, ví dụ 29/7/2022, hoặc dùng ô kiểu ngày",
        )),
    }
}

/// One item per line, without list markers ("- ", "+ ", "• ").
pub(super) fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '+', '•'])
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}
