//! Finding the header row of a sheet and reading its data rows into typed records.

use super::cell::{DateError, cell_text, parse_date, parse_number, parse_yes_no};
use super::matching::{clean_text, match_key};
use super::schema::{ColumnKind, InfoKey, SheetSchema, THONG_TIN};
use super::{Sheet, cell_ref};
use crate::error::Diagnostic;
use crate::ir::Date;
use crate::model::XepLoai;
use std::collections::BTreeMap;

/// A typed cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// One item per line.
    Lines(Vec<String>),
    /// Whole number.
    Integer(i64),
    /// Number.
    Decimal(f64),
    /// Date.
    Date(Date),
    /// Quality level.
    XepLoai(XepLoai),
    /// Yes/no.
    YesNo(bool),
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The Excel row number (1-based).
    pub row: usize,
    /// Typed values by column key; empty cells are absent (a yes/no column is always present).
    pub values: BTreeMap<&'static str, Value>,
    /// A1 references of the cells, by column key (for messages).
    pub cells: BTreeMap<&'static str, String>,
    /// Columns that are not in the schema: (header text, cell text), in sheet order.
    pub extra: Vec<(String, String)>,
    /// The label of the group row above this row ("Chi bộ Tổng hợp"), if any.
    pub group: Option<String>,
}

impl Record {
    /// A text value.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.values.get(key) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
    /// A lines value (empty if absent).
    pub fn lines(&self, key: &str) -> Vec<String> {
        match self.values.get(key) {
            Some(Value::Lines(l)) => l.clone(),
            _ => Vec::new(),
        }
    }
    /// An integer value.
    pub fn integer(&self, key: &str) -> Option<i64> {
        match self.values.get(key) {
            Some(Value::Integer(i)) => Some(*i),
            _ => None,
        }
    }
    /// A decimal value.
    pub fn decimal(&self, key: &str) -> Option<f64> {
        match self.values.get(key) {
            Some(Value::Decimal(f)) => Some(*f),
            _ => None,
        }
    }
    /// A date value.
    pub fn date(&self, key: &str) -> Option<Date> {
        match self.values.get(key) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }
    /// A xếp loại value.
    pub fn xep_loai(&self, key: &str) -> Option<XepLoai> {
        match self.values.get(key) {
            Some(Value::XepLoai(x)) => Some(*x),
            _ => None,
        }
    }
    /// A yes/no value (false if absent).
    pub fn yes(&self, key: &str) -> bool {
        matches!(self.values.get(key), Some(Value::YesNo(true)))
    }
    /// The A1 reference of a column's cell in this row (or the row number).
    pub fn cell(&self, key: &str) -> String {
        self.cells
            .get(key)
            .cloned()
            .unwrap_or_else(|| self.row.to_string())
    }
}

/// The result of reading one sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetData {
    /// The sheet's name as written.
    pub sheet: String,
    /// The data rows.
    pub records: Vec<Record>,
    /// Headers of the columns found, by key.
    pub found: BTreeMap<&'static str, String>,
    /// Rows skipped as blank, group or total rows.
    pub skipped: usize,
}

/// Header rows are looked for in the first rows of a sheet.
const HEADER_SEARCH_ROWS: usize = 30;

fn column_keys(schema: &SheetSchema) -> Vec<(usize, String)> {
    schema
        .columns
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            std::iter::once(c.name)
                .chain(c.aliases.iter().copied())
                .map(move |n| (i, match_key(n)))
        })
        .collect()
}

/// Matches header names to schema columns: (sheet column → schema column index).
fn match_headers(names: &[String], keys: &[(usize, String)]) -> Vec<Option<usize>> {
    names
        .iter()
        .map(|n| {
            let k = match_key(n);
            if k.is_empty() {
                return None;
            }
            keys.iter().find(|(_, key)| *key == k).map(|(i, _)| *i)
        })
        .collect()
}

struct HeaderChoice {
    /// First data row (0-based).
    data_start: usize,
    /// The row whose cells are cited for each column.
    header_rows: (usize, usize),
    names: Vec<String>,
    matches: Vec<Option<usize>>,
}

fn find_header(sheet: &Sheet, schema: &SheetSchema) -> Option<HeaderChoice> {
    let keys = column_keys(schema);
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut best: Option<(usize, HeaderChoice)> = None;
    let row_names =
        |r: usize| -> Vec<String> { (0..width).map(|c| cell_text(sheet.get(r, c))).collect() };
    for r in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        let upper = row_names(r);
        let candidates = {
            let mut v = vec![(upper.clone(), (r, r), r + 1)];
            if r + 1 < sheet.rows.len() {
                let lower = row_names(r + 1);
                // A header over two rows: the lower cell names the column; an empty lower cell (a
                // vertically merged header) keeps the upper one.
                let combined: Vec<String> = upper
                    .iter()
                    .zip(&lower)
                    .map(|(u, l)| if l.is_empty() { u.clone() } else { l.clone() })
                    .collect();
                v.push((combined, (r, r + 1), r + 2));
            }
            v
        };
        for (names, rows, data_start) in candidates {
            let matches = match_headers(&names, &keys);
            let mut distinct: Vec<usize> = matches.iter().flatten().copied().collect();
            distinct.sort_unstable();
            distinct.dedup();
            let required_found = schema
                .columns
                .iter()
                .enumerate()
                .filter(|(i, c)| c.required && distinct.contains(i))
                .count();
            let score = distinct.len() * 10 + required_found * 100;
            if distinct.is_empty() {
                continue;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    HeaderChoice {
                        data_start,
                        header_rows: rows,
                        names,
                        matches,
                    },
                ));
            }
        }
    }
    best.map(|(_, c)| c)
}

fn is_total_label(text: &str) -> bool {
    let k = match_key(text);
    ["cong", "tongcong", "tongso", "tong", "total"]
        .iter()
        .any(|p| k == *p || k.starts_with("tongcong") || k.starts_with("tongso"))
}

/// Reads a table sheet by its schema. Errors and warnings are appended to `diags`.
pub fn read_table(sheet: &Sheet, schema: &SheetSchema, diags: &mut Vec<Diagnostic>) -> SheetData {
    let mut data = SheetData {
        sheet: sheet.name.clone(),
        ..SheetData::default()
    };
    let at = |d: Diagnostic| d.in_sheet(sheet.name.clone());
    let Some(h) = find_header(sheet, schema) else {
        let required: Vec<&str> = schema
            .columns
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name)
            .collect();
        diags.push(at(Diagnostic::error(
            "thieu_tieu_de",
            format!(
                "không tìm thấy hàng tiêu đề (cần các cột {})",
                required.join(", ")
            ),
        )
        .with_hint(
            "đặt một hàng tiêu đề có tên cột, ví dụ \"STT | Họ và tên | Chi bộ | Xếp loại\"",
        )));
        return data;
    };

    // Which sheet column holds which schema column; duplicates are an error naming both cells.
    let header_cell = |c: usize| {
        let r = if h.header_rows.1 != h.header_rows.0
            && !cell_text(sheet.get(h.header_rows.1, c)).is_empty()
        {
            h.header_rows.1
        } else {
            h.header_rows.0
        };
        cell_ref(r, c)
    };
    let mut by_key: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut extra_cols: Vec<(usize, String)> = Vec::new();
    for (c, m) in h.matches.iter().enumerate() {
        match m {
            Some(i) => {
                let column = &schema.columns[*i];
                if let Some(prev) = by_key.get(column.key) {
                    diags.push(at(Diagnostic::error(
                        "cot_trung",
                        format!(
                            "hai cột cùng là \"{}\": {} (\"{}\") và {} (\"{}\")",
                            column.name,
                            header_cell(*prev),
                            h.names[*prev],
                            header_cell(c),
                            h.names[c]
                        ),
                    )
                    .at(header_cell(c))
                    .with_hint("đổi tên hoặc xóa một trong hai cột")));
                } else {
                    by_key.insert(column.key, c);
                    data.found.insert(column.key, h.names[c].clone());
                }
            }
            None if !h.names[c].is_empty() => extra_cols.push((c, h.names[c].clone())),
            None => {}
        }
    }
    for column in schema.columns.iter().filter(|c| c.required) {
        if !by_key.contains_key(column.key) {
            let aliases = if column.aliases.is_empty() {
                String::new()
            } else {
                format!(" (hoặc {})", column.aliases.join(", "))
            };
            diags.push(at(Diagnostic::error(
                "thieu_cot",
                format!("thiếu cột bắt buộc \"{}\"", column.name),
            )
            .at(cell_ref(h.header_rows.0, 0)
                .trim_start_matches('A')
                .to_owned())
            .with_hint(format!(
                "thêm cột \"{}\"{aliases} vào hàng tiêu đề",
                column.name
            ))));
        }
    }
    if diags.iter().any(|d| {
        d.sheet.as_deref() == Some(&sheet.name) && d.severity == crate::error::Severity::Error
    }) {
        return data;
    }

    let name_col = by_key.get(schema.name_key).copied();
    let mut group: Option<String> = None;
    for r in h.data_start..sheet.rows.len() {
        let texts: Vec<(usize, String)> = (0..sheet.rows[r].len())
            .map(|c| (c, cell_text(sheet.get(r, c))))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if texts.is_empty() {
            data.skipped += 1;
            continue;
        }
        if texts.iter().any(|(_, t)| is_total_label(t))
            && name_col.is_none_or(|c| !texts.iter().any(|(tc, t)| *tc == c && !is_total_label(t)))
        {
            data.skipped += 1;
            continue;
        }
        let name_empty = name_col.is_none_or(|c| cell_text(sheet.get(r, c)).is_empty());
        if name_empty {
            // A group row: one label and nothing else of substance ("I. Chi bộ Tổng hợp").
            let labels: Vec<&String> = texts
                .iter()
                .map(|(_, t)| t)
                .filter(|t| t.chars().any(char::is_alphabetic))
                .collect();
            if labels.len() == 1 && texts.len() <= 2 {
                group = Some(strip_group_numbering(labels[0]));
                data.skipped += 1;
                continue;
            }
            let name = schema
                .columns
                .iter()
                .find(|c| c.key == schema.name_key)
                .map_or("", |c| c.name);
            diags.push(at(Diagnostic::error(
                "thieu_gia_tri",
                format!("hàng {} có dữ liệu nhưng trống cột \"{name}\"", r + 1),
            )
            .at(name_col.map_or_else(|| (r + 1).to_string(), |c| cell_ref(r, c)))
            .on_row(r + 1)
            .with_hint(format!("điền \"{name}\" hoặc xóa hàng này"))));
            continue;
        }
        let mut rec = Record {
            row: r + 1,
            values: BTreeMap::new(),
            cells: BTreeMap::new(),
            extra: Vec::new(),
            group: group.clone(),
        };
        for column in schema.columns {
            let Some(&c) = by_key.get(column.key) else {
                continue;
            };
            let cref = cell_ref(r, c);
            rec.cells.insert(column.key, cref.clone());
            let raw = sheet.get(r, c);
            let text = cell_text(raw);
            let bad = |expected: &str, hint: &str| {
                at(Diagnostic::error(
                    "gia_tri_khong_hop_le",
                    format!("cột \"{}\": \"{text}\" không phải {expected}", column.name),
                )
                .at(cref.clone())
                .on_row(r + 1)
                .with_hint(hint.to_owned()))
            };
            let value = match column.kind {
                ColumnKind::YesNo => match parse_yes_no(raw) {
                    Some(b) => Some(Value::YesNo(b)),
                    None => {
                        diags.push(bad(
                            "có/không",
                            "ghi x, có, 1 cho có; để trống, không, 0 cho không",
                        ));
                        None
                    }
                },
                _ if text.is_empty() => None,
                ColumnKind::Text => Some(Value::Text(text.clone())),
                ColumnKind::Lines => Some(Value::Lines(
                    text.lines()
                        .map(|l| {
                            l.trim()
                                .trim_start_matches(['-', '+', '•'])
                                .trim()
                                .to_owned()
                        })
                        .filter(|l| !l.is_empty())
                        .collect(),
                )),
                ColumnKind::Integer => match parse_number(raw) {
                    Some(f) if f.fract() == 0.0 => Some(Value::Integer(f as i64)),
                    _ => {
                        diags.push(bad("một số nguyên", "ghi một số nguyên, ví dụ 12"));
                        None
                    }
                },
                ColumnKind::Decimal => match parse_number(raw) {
                    Some(f) => Some(Value::Decimal(f)),
                    None => {
                        diags.push(bad(
                            "một số",
                            "ghi một số, dùng dấu phẩy cho phần thập phân, ví dụ 9,5",
                        ));
                        None
                    }
                },
                ColumnKind::Date => match parse_date(raw) {
                    Ok(Some(d)) => Some(Value::Date(d)),
                    Ok(None) => None,
                    Err(DateError::Impossible) => {
                        diags.push(at(Diagnostic::error(
                            "ngay_khong_ton_tai",
                            format!("cột \"{}\": ngày \"{text}\" không tồn tại", column.name),
                        )
                        .at(cref.clone())
                        .on_row(r + 1)
                        .with_hint(
                            "kiểm tra ngày và tháng (ghi dd/mm/yyyy, ví dụ 05/01/2023)",
                        )));
                        None
                    }
                    Err(DateError::NotADate) => {
                        diags.push(bad(
                            "một ngày",
                            "ghi ngày dạng dd/mm/yyyy, ví dụ 29/7/2022, hoặc dùng ô kiểu ngày",
                        ));
                        None
                    }
                },
                ColumnKind::XepLoai => match XepLoai::parse(&text) {
                    Some(x) => Some(Value::XepLoai(x)),
                    None => {
                        diags.push(at(Diagnostic::error(
                            "xep_loai_khong_hop_le",
                            format!("cột \"{}\": không hiểu xếp loại \"{text}\"", column.name),
                        )
                        .at(cref.clone())
                        .on_row(r + 1)
                        .with_hint(format!("dùng một trong: {}", XepLoai::accepted()))));
                        None
                    }
                },
            };
            if let Some(v) = value {
                rec.values.insert(column.key, v);
            }
        }
        for (c, header) in &extra_cols {
            rec.extra
                .push((header.clone(), cell_text(sheet.get(r, *c))));
        }
        data.records.push(rec);
    }
    data
}

/// "I. Chi bộ Tổng hợp" → "Chi bộ Tổng hợp"; "1- Tổng hợp" → "Tổng hợp".
fn strip_group_numbering(label: &str) -> String {
    let t = clean_text(label);
    if let Some((head, rest)) = t.split_once(['.', '-', ')', '–']) {
        let h = head.trim();
        let is_number = !h.is_empty()
            && (h.chars().all(|c| c.is_ascii_digit())
                || h.chars().all(|c| "IVXLCivxlc".contains(c))
                || (h.chars().count() == 1 && h.chars().all(char::is_alphabetic)));
        if is_number && !rest.trim().is_empty() {
            return rest.trim().to_owned();
        }
    }
    t
}

/// The "Thông tin" values by key, with the cells they came from.
#[derive(Debug, Clone, Default)]
pub struct InfoData {
    /// Text values by key.
    pub text: BTreeMap<&'static str, String>,
    /// Date values by key.
    pub dates: BTreeMap<&'static str, Date>,
    /// Integer values by key.
    pub integers: BTreeMap<&'static str, i64>,
    /// Rows whose key is not known: (label, value).
    pub extra: Vec<(String, String)>,
    /// Rows read (with a label).
    pub rows: usize,
}

/// Reads the "Thông tin" sheet: key in column A, value in column B (an optional header row is ignored).
pub fn read_info(sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> InfoData {
    let mut out = InfoData::default();
    let keys: Vec<(&InfoKey, String)> = THONG_TIN
        .iter()
        .flat_map(|k| {
            std::iter::once(k.name)
                .chain(k.aliases.iter().copied())
                .map(move |n| (k, match_key(n)))
        })
        .collect();
    let mut seen: BTreeMap<&'static str, String> = BTreeMap::new();
    for r in 0..sheet.rows.len() {
        let label = cell_text(sheet.get(r, 0));
        if label.is_empty() {
            continue;
        }
        out.rows += 1;
        let raw = sheet.get(r, 1);
        let value = cell_text(raw);
        let lk = match_key(&label);
        // An optional header row ("Mục | Giá trị") is not data.
        if match_key(&value) == "giatri" {
            out.rows -= 1;
            continue;
        }
        let Some((key, _)) = keys.iter().find(|(_, k)| *k == lk) else {
            out.extra.push((label, value));
            continue;
        };
        if let Some(prev) = seen.get(key.key) {
            diags.push(
                Diagnostic::error(
                    "khoa_trung",
                    format!("\"{}\" ghi hai lần: {prev} và {}", key.name, cell_ref(r, 0)),
                )
                .in_sheet(sheet.name.clone())
                .at(cell_ref(r, 0))
                .with_hint("giữ một dòng, xóa dòng kia"),
            );
            continue;
        }
        seen.insert(key.key, cell_ref(r, 0));
        if value.is_empty() {
            continue;
        }
        let cref = cell_ref(r, 1);
        match key.kind {
            ColumnKind::Date => match parse_date(raw) {
                Ok(Some(d)) => {
                    out.dates.insert(key.key, d);
                }
                Ok(None) => {}
                Err(e) => diags.push(
                    Diagnostic::error(
                        if e == DateError::Impossible {
                            "ngay_khong_ton_tai"
                        } else {
                            "gia_tri_khong_hop_le"
                        },
                        format!("\"{}\": \"{value}\" không phải một ngày hợp lệ", key.name),
                    )
                    .in_sheet(sheet.name.clone())
                    .at(cref)
                    .with_hint("ghi ngày dạng dd/mm/yyyy, ví dụ 29/7/2022"),
                ),
            },
            ColumnKind::Integer => match parse_number(raw) {
                Some(f) if f.fract() == 0.0 => {
                    out.integers.insert(key.key, f as i64);
                }
                _ => diags.push(
                    Diagnostic::error(
                        "gia_tri_khong_hop_le",
                        format!("\"{}\": \"{value}\" không phải một số nguyên", key.name),
                    )
                    .in_sheet(sheet.name.clone())
                    .at(cref)
                    .with_hint("ghi một số, ví dụ 2022"),
                ),
            },
            _ => {
                out.text.insert(key.key, value);
            }
        }
    }
    for k in THONG_TIN.iter().filter(|k| k.required) {
        if !out.text.contains_key(k.key) {
            diags.push(
                Diagnostic::error("thieu_thong_tin", format!("thiếu \"{}\"", k.name))
                    .in_sheet(sheet.name.clone())
                    .with_hint(format!(
                        "thêm một dòng: cột A \"{}\", cột B giá trị",
                        k.name
                    )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_labels() {
        assert_eq!(
            strip_group_numbering("I. Chi bộ Tổng hợp"),
            "Chi bộ Tổng hợp"
        );
        assert_eq!(strip_group_numbering("2- Quản trị"), "Quản trị");
        assert_eq!(
            strip_group_numbering("Chi bộ Tài chính – Kế toán"),
            "Chi bộ Tài chính – Kế toán"
        );
    }

    #[test]
    fn totals() {
        assert!(is_total_label("Tổng cộng"));
        assert!(is_total_label("Cộng"));
        assert!(is_total_label("TỔNG SỐ"));
        assert!(!is_total_label("Tổng hợp"));
    }
}
