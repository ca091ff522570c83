//! Finding the header of a table sheet: the row (or pair of rows) that names the most schema columns,
//! each header cell matched to a schema column by its name or an alias.

use super::cell::cell_text;
use super::matching::match_key;
use super::schema::SheetSchema;
use super::{Sheet, cell_ref};

/// Header rows are looked for in the first rows of a sheet.
pub(super) const HEADER_SEARCH_ROWS: usize = 30;

/// The match keys of every schema column: (schema column index, key).
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

/// The schema column a header names: the whole text, else the text without a parenthesised note
/// ("Tổng điểm (100đ)", "Ngày sinh (dd/mm/yyyy)").
fn match_header(name: &str, keys: &[(usize, String)]) -> Option<usize> {
    let find = |k: &str| {
        (!k.is_empty())
            .then(|| keys.iter().find(|(_, key)| key == k).map(|(i, _)| *i))
            .flatten()
    };
    find(&match_key(name)).or_else(|| {
        let without_notes = strip_parenthesised(name);
        (without_notes != name)
            .then(|| find(&match_key(&without_notes)))
            .flatten()
    })
}

/// "Tổng điểm (100đ)" → "Tổng điểm"; text in (), [] is removed.
fn strip_parenthesised(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// One column of a header candidate.
#[derive(Debug, Clone)]
pub(super) struct HeaderCol {
    /// The header text as read ("Họ và tên", or "Chức vụ Đảng" for a two-row header).
    pub(super) name: String,
    /// The schema column it names (an index into the schema's columns).
    pub(super) matched: Option<usize>,
    /// The cell cited for it.
    pub(super) cell: String,
}

/// A header row (or a pair of rows) and where data starts.
#[derive(Debug, Clone)]
pub(super) struct HeaderChoice {
    /// First data row (0-based).
    pub(super) data_start: usize,
    /// First and last header row (0-based).
    pub(super) header_rows: (usize, usize),
    /// One entry per sheet column.
    pub(super) cols: Vec<HeaderCol>,
}

impl HeaderChoice {
    /// Ten points per schema column named, a hundred more per required one (a split name counts as the
    /// name column).
    fn score(&self, schema: &SheetSchema) -> usize {
        let mut distinct: Vec<usize> = self.cols.iter().filter_map(|c| c.matched).collect();
        // "Họ đệm" | "Tên" stand for the required name column.
        if let Some(parts) = schema.name_parts
            && distinct
                .iter()
                .any(|i| schema.columns[*i].key == parts.last)
            && let Some(name) = schema.columns.iter().position(|c| c.key == schema.name_key)
        {
            distinct.push(name);
        }
        distinct.sort_unstable();
        distinct.dedup();
        let required = distinct
            .iter()
            .filter(|i| schema.columns[**i].required)
            .count();
        distinct.len() * 10 + required * 100
    }
}

/// A cell's text where a vertical merge counts for every row it covers (the first column of any merged
/// range carries its value down; the other columns stay empty).
fn down_text(sheet: &Sheet, r: usize, c: usize) -> String {
    match sheet.merge_at(r, c) {
        Some(m) if m.first.1 == c => cell_text(sheet.get(m.first.0, c)),
        Some(_) => String::new(),
        None => cell_text(sheet.get(r, c)),
    }
}

/// A cell's text where a merged range's value counts for every cell it covers (for the upper row of a
/// two-row header, whose group titles span the columns below them).
fn spread_text(sheet: &Sheet, r: usize, c: usize) -> String {
    match sheet.merge_at(r, c) {
        Some(m) => cell_text(sheet.get(m.first.0, m.first.1)),
        None => cell_text(sheet.get(r, c)),
    }
}

/// A header in row r alone.
fn single_row(sheet: &Sheet, r: usize, width: usize, keys: &[(usize, String)]) -> HeaderChoice {
    HeaderChoice {
        data_start: r + 1,
        header_rows: (r, r),
        cols: (0..width)
            .map(|c| {
                let name = down_text(sheet, r, c);
                HeaderCol {
                    matched: match_header(&name, keys),
                    name,
                    cell: cell_ref(r, c),
                }
            })
            .collect(),
    }
}

/// A header over rows r and r + 1: the lower cell names the column; an empty lower cell (a vertically
/// merged header) keeps the upper one; a lower cell that names no column is tried after the group title
/// above it ("Chức vụ" over "Đảng" → "Chức vụ Đảng").
fn two_rows(sheet: &Sheet, r: usize, width: usize, keys: &[(usize, String)]) -> HeaderChoice {
    let mut cols = Vec::with_capacity(width);
    // The group title of the previous column, for files that do not record merged ranges (.ods): an
    // empty upper cell over a named lower cell continues the title on its left.
    let mut carried: Option<String> = None;
    for c in 0..width {
        let mut upper = spread_text(sheet, r, c);
        let lower = down_text(sheet, r + 1, c);
        if upper.is_empty()
            && !lower.is_empty()
            && sheet.merge_at(r, c).is_none()
            && let Some(title) = &carried
        {
            upper = title.clone();
        }
        carried = (!upper.is_empty() && !lower.is_empty() && lower != upper).then(|| upper.clone());
        cols.push(two_row_col(sheet, r, c, upper, lower, keys));
    }
    HeaderChoice {
        data_start: r + 2,
        header_rows: (r, r + 1),
        cols,
    }
}

/// One column of a two-row header (see [`two_rows`]).
fn two_row_col(
    sheet: &Sheet,
    r: usize,
    c: usize,
    upper: String,
    lower: String,
    keys: &[(usize, String)],
) -> HeaderCol {
    if lower.is_empty() || lower == upper {
        return HeaderCol {
            matched: match_header(&upper, keys),
            cell: sheet
                .merge_at(r, c)
                .map_or_else(|| cell_ref(r, c), |m| cell_ref(m.first.0, m.first.1)),
            name: upper,
        };
    }
    let cell = cell_ref(r + 1, c);
    if let Some(i) = match_header(&lower, keys) {
        return HeaderCol {
            name: lower,
            matched: Some(i),
            cell,
        };
    }
    if !upper.is_empty() {
        let both = format!("{upper} {lower}");
        if let Some(i) = match_header(&both, keys) {
            return HeaderCol {
                name: both,
                matched: Some(i),
                cell,
            };
        }
    }
    HeaderCol {
        name: lower,
        matched: None,
        cell,
    }
}

/// Finds the header: the row (or pair of rows) in the first rows of the sheet that names the most schema
/// columns, required ones first. A pair wins only when it names more than either of its rows alone, so a
/// title row above a one-row header is never glued to it.
pub(super) fn find_header(sheet: &Sheet, schema: &SheetSchema) -> Option<HeaderChoice> {
    let keys = column_keys(schema);
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = sheet.rows.len().min(HEADER_SEARCH_ROWS);
    let singles: Vec<HeaderChoice> = (0..sheet.rows.len().min(HEADER_SEARCH_ROWS + 1))
        .map(|r| single_row(sheet, r, width, &keys))
        .collect();
    let mut best: Option<(usize, HeaderChoice)> = None;
    let mut consider = |score: usize, choice: HeaderChoice| {
        if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, choice));
        }
    };
    for r in 0..rows {
        let single = singles[r].score(schema);
        consider(single, singles[r].clone());
        if let Some(next) = singles.get(r + 1) {
            let pair = two_rows(sheet, r, width, &keys);
            let pair_score = pair.score(schema);
            if pair_score > single.max(next.score(schema)) {
                consider(pair_score, pair);
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Đảng viên".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|s| {
                            if s.is_empty() {
                                calamine::Data::Empty
                            } else {
                                calamine::Data::String((*s).into())
                            }
                        })
                        .collect()
                })
                .collect(),
            merges: Vec::new(),
            outside: 0,
            first_outside: None,
            uncomputed: Vec::new(),
        }
    }

    fn names(h: &HeaderChoice) -> Vec<(&str, Option<&str>)> {
        h.cols
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.matched
                        .map(|i| super::super::schema::DANG_VIEN.columns[i].key),
                )
            })
            .collect()
    }

    #[test]
    fn a_title_row_is_not_glued_to_a_one_row_header() {
        let s = sheet(&[
            &["DANH SÁCH ĐẢNG VIÊN", "", "", "Ghi chú chung"],
            &["STT", "Họ và tên", "Chi bộ", ""],
            &["1", "Nguyễn Văn An", "Tổng hợp", ""],
        ]);
        let h = find_header(&s, &super::super::schema::DANG_VIEN).unwrap();
        assert_eq!(h.header_rows, (1, 1));
        assert_eq!(h.data_start, 2);
        assert_eq!(
            names(&h),
            [
                ("STT", Some("stt")),
                ("Họ và tên", Some("ho_ten")),
                ("Chi bộ", Some("chi_bo")),
                ("", None)
            ]
        );
    }

    #[test]
    fn two_row_header_without_merge_records() {
        // As an .ods reads: merged cells are just empty.
        let s = sheet(&[
            &["STT", "Họ và tên", "Chi bộ", "Chức vụ", "", "Kết quả", ""],
            &["", "", "", "Chính quyền", "Đảng", "Tổng điểm", "Xếp loại"],
            &[
                "1",
                "Nguyễn Văn An",
                "Tổng hợp",
                "Chuyên viên",
                "Đảng viên",
                "80",
                "Tốt",
            ],
        ]);
        let h = find_header(&s, &super::super::schema::DANG_VIEN).unwrap();
        assert_eq!(h.header_rows, (0, 1));
        assert_eq!(
            names(&h),
            [
                ("STT", Some("stt")),
                ("Họ và tên", Some("ho_ten")),
                ("Chi bộ", Some("chi_bo")),
                ("Chức vụ Chính quyền", Some("chuc_vu")),
                ("Chức vụ Đảng", Some("chuc_vu_dang")),
                ("Tổng điểm", Some("tong_diem")),
                ("Xếp loại", Some("xep_loai")),
            ]
        );
        assert_eq!(h.cols[4].cell, "E2");
    }
}
