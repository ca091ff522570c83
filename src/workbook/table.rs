//! Finding the header row of a sheet and reading its data rows into typed records.

use super::XepLoai;
use super::cell::{DateError, cell_text, parse_date, parse_number, parse_past_date, parse_yes_no};
use super::matching::{is_roman, match_key, strip_numbering};
use super::schema::{ColumnKind, InfoKey, SheetId, SheetSchema, THONG_TIN};
use super::{Sheet, cell_ref};
use crate::error::Diagnostic;
use crate::text::Date;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

/// Where a row's cells are: the row, and the sheet column of each schema column the sheet has (shared
/// by every row of a sheet, so a row costs a few bytes, not one string per cell).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellRefs {
    /// 0-based row.
    row: usize,
    /// (column key, 0-based sheet column).
    columns: Arc<[(&'static str, usize)]>,
}

impl CellRefs {
    /// The A1 reference of a column's cell in this row ("C7"), when the sheet has that column.
    pub fn get(&self, key: &str) -> Option<String> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| cell_ref(self.row, *c))
    }

    /// The A1 reference of a column's cell, else the row number ("7").
    pub fn cell_or_row(&self, key: &str) -> String {
        self.get(key).unwrap_or_else(|| (self.row + 1).to_string())
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The Excel row number (1-based).
    pub row: usize,
    /// Typed values by column key; empty cells are absent (a yes/no column is always present).
    pub values: BTreeMap<&'static str, Value>,
    /// Where the cells are, by column key (for messages).
    pub cells: CellRefs,
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
        self.cells.cell_or_row(key)
    }
}

/// The result of reading one sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetData {
    /// The sheet's name as written.
    pub sheet: String,
    /// The data rows ([`read_table`]; empty from [`read_rows`], which hands each row over instead).
    pub records: Vec<Record>,
    /// How many data rows were read.
    pub rows: usize,
    /// Headers of the columns found, by key.
    pub found: BTreeMap<&'static str, String>,
    /// Rows skipped as blank, group or total rows.
    pub skipped: usize,
}

/// Header rows are looked for in the first rows of a sheet.
const HEADER_SEARCH_ROWS: usize = 30;

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
struct HeaderCol {
    /// The header text as read ("Họ và tên", or "Chức vụ Đảng" for a two-row header).
    name: String,
    /// The schema column it names.
    matched: Option<usize>,
    /// The cell cited for it.
    cell: String,
}

/// A header row (or a pair of rows) and where data starts.
#[derive(Debug, Clone)]
struct HeaderChoice {
    /// First data row (0-based).
    data_start: usize,
    /// First and last header row (0-based).
    header_rows: (usize, usize),
    /// One entry per sheet column.
    cols: Vec<HeaderCol>,
}

impl HeaderChoice {
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
fn find_header(sheet: &Sheet, schema: &SheetSchema) -> Option<HeaderChoice> {
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

/// "Cộng", "Tổng cộng", "Tổng số", "Tổng", "TỔNG CỘNG:", "Cộng chi bộ Tổng hợp" (a subtotal); not
/// "Tổng hợp", "Công đoàn" or a name.
fn is_total_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let ascii = lower.is_ascii();
    match words.as_slice() {
        [] => false,
        ["cộng", ..] | ["tổng", "cộng", ..] | ["tổng", "số", ..] | ["tổng"] => true,
        ["total", ..] | ["sum"] => true,
        // Typed without diacritics: "Cong" alone, "Tong cong", "TONG SO".
        ["cong"] | ["tong"] | ["tong", "cong", ..] | ["tong", "so", ..] => ascii,
        _ => false,
    }
}

/// A numbering cell of a group row or a column-number row: "I", "II.", "1", "(1)", "a)", "A".
fn is_numbering_token(t: &str) -> bool {
    let core = t
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':']);
    if core.is_empty() || core.chars().count() > 6 {
        return false;
    }
    core.chars().all(|c| c.is_ascii_digit())
        || is_roman(core)
        || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_alphabetic()))
}

fn is_arabic_number(t: &str) -> bool {
    let core = t.trim().trim_end_matches(['.', ')']);
    !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
}

/// What a row below the header is.
#[derive(Debug, PartialEq)]
enum RowKind {
    /// Nothing in it.
    Blank,
    /// "Tổng cộng", "Cộng": skipped.
    Total,
    /// "(1) (2) (3) …" or "A B 1 2 …" under the header: skipped.
    ColumnNumbers,
    /// "I. Chi bộ Tổng hợp": its label, without the numbering.
    Group(String),
    /// A record (which may still lack its name).
    Data,
}

fn classify(
    texts: &[(usize, String)],
    name_col: usize,
    schema: &SheetSchema,
    right_after_header: bool,
) -> RowKind {
    if texts.is_empty() {
        return RowKind::Blank;
    }
    // A total label in the name column or left of it ("Tổng cộng | 3 đảng viên | …").
    if let Some((c, label)) = texts
        .iter()
        .find(|(_, t)| t.chars().any(char::is_alphabetic))
        && *c <= name_col
        && is_total_label(label)
    {
        return RowKind::Total;
    }
    if right_after_header && texts.len() >= 2 && texts.iter().all(|(_, t)| is_numbering_token(t)) {
        return RowKind::ColumnNumbers;
    }
    if !schema.groups {
        return RowKind::Data;
    }
    type Cells<'a> = Vec<&'a (usize, String)>;
    let (numbers, labels): (Cells, Cells) = texts.iter().partition(|(_, t)| is_numbering_token(t));
    let [(label_col, label)] = labels.as_slice() else {
        return RowKind::Data;
    };
    let number = match numbers.as_slice() {
        [] => None,
        [(c, n)] if c < label_col => Some(n),
        _ => return RowKind::Data,
    };
    if *label_col > name_col {
        return RowKind::Data;
    }
    let stripped = strip_numbering(label);
    let is_group = *label_col != name_col
        || number.is_some_and(|n| !is_arabic_number(n))
        || stripped != *label
        || (schema.group_key.is_some() && {
            let k = match_key(&stripped);
            ["chibo", "dangbo", "todang"]
                .iter()
                .any(|p| k.starts_with(p))
        });
    if is_group {
        RowKind::Group(stripped)
    } else {
        RowKind::Data
    }
}

/// One item per line, without list markers ("- ", "+ ", "• ").
fn lines_of(text: &str) -> Vec<String> {
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

/// Reads a table sheet by its schema into [`SheetData::records`]. Errors and warnings are appended to
/// `diags`; `today` resolves two-digit years of past dates.
pub fn read_table(
    sheet: &Sheet,
    schema: &SheetSchema,
    today: Date,
    diags: &mut Vec<Diagnostic>,
) -> SheetData {
    let mut records = Vec::new();
    let mut data = read_rows(sheet, schema, today, diags, |r| records.push(r));
    data.records = records;
    data
}

/// Reads a table sheet by its schema, handing each data row to `each` as soon as it is complete (a big
/// sheet's rows are never all held at once). Errors and warnings are appended to `diags`; `today`
/// resolves two-digit years of past dates.
pub fn read_rows(
    sheet: &Sheet,
    schema: &SheetSchema,
    today: Date,
    diags: &mut Vec<Diagnostic>,
    mut each: impl FnMut(Record),
) -> SheetData {
    let mut data = SheetData {
        sheet: sheet.name.clone(),
        ..SheetData::default()
    };
    let at = |d: Diagnostic| d.in_sheet(schema.id, sheet.name.clone());
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
                "không tìm thấy hàng tiêu đề trong {} hàng đầu (cần các cột {})",
                HEADER_SEARCH_ROWS,
                required.join(", ")
            ),
        )
        .with_hint(
            "đặt một hàng tiêu đề có tên cột, ví dụ \"STT | Họ và tên | Chi bộ | Xếp loại\"",
        )));
        return data;
    };

    // Which sheet column holds which schema column; duplicates are an error naming both cells.
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let mut by_key: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut extra_cols: Vec<(usize, String)> = Vec::new();
    for (c, col) in h.cols.iter().enumerate() {
        match col.matched {
            Some(i) => {
                let column = &schema.columns[i];
                if let Some(&prev) = by_key.get(column.key) {
                    let p = &h.cols[prev];
                    diags.push(at(Diagnostic::error(
                        "cot_trung",
                        format!(
                            "hai cột cùng là \"{}\": {} (\"{}\") và {} (\"{}\")",
                            column.name, p.cell, p.name, col.cell, col.name
                        ),
                    )
                    .at(col.cell.clone())
                    .with_hint("đổi tên hoặc xóa một trong hai cột")));
                } else {
                    by_key.insert(column.key, c);
                    data.found.insert(column.key, col.name.clone());
                }
            }
            None if !col.name.is_empty() => extra_cols.push((c, col.name.clone())),
            None => {}
        }
    }
    let header_span = {
        let last_col = h.cols.len().saturating_sub(1);
        format!(
            "{}:{}",
            cell_ref(h.header_rows.0, 0),
            cell_ref(h.header_rows.1, last_col)
        )
    };
    // A name split over "Họ đệm" | "Tên" stands for the name column.
    let split_name = schema
        .name_parts
        .filter(|p| by_key.contains_key(p.last))
        .filter(|_| !by_key.contains_key(schema.name_key));
    for column in schema.columns.iter().filter(|c| c.required) {
        let split_stands_for_it = column.key == schema.name_key && split_name.is_some();
        if !by_key.contains_key(column.key) && !split_stands_for_it {
            let aliases = if column.aliases.is_empty() {
                String::new()
            } else {
                format!(" (hoặc {})", column.aliases.join(", "))
            };
            let present: Vec<&str> = h
                .cols
                .iter()
                .filter(|c| !c.name.is_empty())
                .map(|c| c.name.as_str())
                .collect();
            diags.push(at(Diagnostic::error(
                "thieu_cot",
                format!(
                    "thiếu cột bắt buộc \"{}\" trong hàng tiêu đề {} (có các cột: {})",
                    column.name,
                    h.header_rows.0 + 1,
                    present.join(", ")
                ),
            )
            .at(header_span.clone())
            .with_hint(format!(
                "thêm cột \"{}\"{aliases} vào hàng tiêu đề",
                column.name
            ))));
        }
    }
    if diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return data;
    }
    // The name column; a split name's left part (else its right part) stands for it.
    let name_cols: Vec<usize> = match split_name {
        Some(p) => [p.first, p.last]
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect(),
        None => by_key.get(schema.name_key).copied().into_iter().collect(),
    };
    let Some(&name_col) = name_cols.iter().min() else {
        return data;
    };
    let columns: Arc<[(&'static str, usize)]> = schema
        .columns
        .iter()
        .filter_map(|c| by_key.get(c.key).map(|&i| (c.key, i)))
        .collect();

    // Cells covered by a vertical merge read as its top-left value (a Chi bộ merged over its members).
    let mut filled: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for m in &sheet.merges {
        if m.last.0 > m.first.0 {
            for r in m.first.0..=m.last.0.min(sheet.rows.len()) {
                if r != m.first.0 {
                    filled.insert((r, m.first.1), m.first);
                }
            }
        }
    }
    let cell = |r: usize, c: usize| match filled.get(&(r, c)) {
        Some(&(r0, c0)) => sheet.get(r0, c0),
        None => sheet.get(r, c),
    };

    let name_header = schema
        .columns
        .iter()
        .find(|c| c.key == schema.name_key)
        .map_or("", |c| c.name);
    // Rows are ragged (each as long as its last value); a merged cell can reach past a row's end.
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut group: Option<String> = None;
    let mut right_after_header = true;
    // The last record, held until the rows that may continue it have been read.
    let mut pending: Option<Record> = None;
    for r in h.data_start..sheet.rows.len() {
        let row_texts: Vec<String> = (0..width).map(|c| cell_text(cell(r, c))).collect();
        let texts: Vec<(usize, String)> = row_texts
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, t)| (c, t.clone()))
            .collect();
        match classify(&texts, name_col, schema, right_after_header) {
            RowKind::Blank => {
                data.skipped += 1;
                continue;
            }
            RowKind::Total | RowKind::ColumnNumbers => {
                data.skipped += 1;
                right_after_header = false;
                continue;
            }
            RowKind::Group(label) => {
                group = Some(label);
                data.skipped += 1;
                right_after_header = false;
                continue;
            }
            RowKind::Data => right_after_header = false,
        }
        if !texts.iter().any(|(c, _)| name_cols.contains(c)) {
            // "Nhận định": a row without its Mục carries on the section above (paragraphs on rows).
            if schema.continuation
                && let Some(prev) = pending.as_mut()
            {
                for column in schema
                    .columns
                    .iter()
                    .filter(|c| c.kind == ColumnKind::Lines)
                {
                    let Some(&c) = by_key.get(column.key) else {
                        continue;
                    };
                    let more = lines_of(&cell_text(cell(r, c)));
                    if more.is_empty() {
                        continue;
                    }
                    match prev.values.get_mut(column.key) {
                        Some(Value::Lines(l)) => l.extend(more),
                        _ => {
                            prev.values.insert(column.key, Value::Lines(more));
                        }
                    }
                }
                continue;
            }
            diags.push(at(Diagnostic::error(
                "thieu_gia_tri",
                format!(
                    "hàng {} có dữ liệu nhưng trống cột \"{name_header}\"",
                    r + 1
                ),
            )
            .at(cell_ref(r, name_col))
            .on_row(r + 1)
            .with_hint(format!("điền \"{name_header}\" hoặc xóa hàng này"))));
            continue;
        }
        let mut rec = Record {
            row: r + 1,
            values: BTreeMap::new(),
            cells: CellRefs {
                row: r,
                columns: Arc::clone(&columns),
            },
            extra: Vec::new(),
            group: group.clone(),
        };
        for column in schema.columns {
            let Some(&c) = by_key.get(column.key) else {
                continue;
            };
            let cref = cell_ref(r, c);
            let raw = cell(r, c);
            let text = row_texts.get(c).cloned().unwrap_or_default();
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
                            "ghi x, có, ✓, 1 cho có; để trống, không, 0 cho không",
                        ));
                        None
                    }
                },
                _ if text.is_empty() => None,
                ColumnKind::Text => Some(Value::Text(text.clone())),
                ColumnKind::Lines => Some(Value::Lines(lines_of(&text))),
                ColumnKind::Ordinal => match parse_number(raw) {
                    Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(Value::Integer(f as i64)),
                    _ => Some(Value::Text(text.clone())),
                },
                ColumnKind::Integer => match parse_number(raw) {
                    Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(Value::Integer(f as i64)),
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
                ColumnKind::Date | ColumnKind::PastDate => {
                    match if column.kind == ColumnKind::PastDate {
                        parse_past_date(raw, today)
                    } else {
                        parse_date(raw)
                    } {
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
                        Err(DateError::YearOnly(y)) => {
                            diags.push(at(Diagnostic::error(
                                "ngay_chi_co_nam",
                                format!(
                                    "cột \"{}\": chỉ ghi năm {y}, cần đủ ngày, tháng, năm",
                                    column.name
                                ),
                            )
                            .at(cref.clone())
                            .on_row(r + 1)
                            .with_hint("ghi ngày dạng dd/mm/yyyy, ví dụ 01/01/1975")));
                            None
                        }
                        Err(DateError::NotADate) => {
                            diags.push(bad(
                                "một ngày",
                                "ghi ngày dạng dd/mm/yyyy, ví dụ 29/7/2022, hoặc dùng ô kiểu ngày",
                            ));
                            None
                        }
                    }
                }
                ColumnKind::XepLoai => match XepLoai::parse(&text) {
                    Some(x) => Some(Value::XepLoai(x)),
                    None if XepLoai::is_unrated(&text) => None,
                    None => {
                        diags.push(at(Diagnostic::error(
                            "xep_loai_khong_hop_le",
                            format!(
                                "cột \"{}\": không hiểu xếp loại \"{text}\"; chỉ nhận: {}",
                                column.name,
                                XepLoai::accepted()
                            ),
                        )
                        .at(cref.clone())
                        .on_row(r + 1)
                        .with_hint(
                            "chọn một mức trong danh sách; để trống hoặc ghi \"Chưa xếp loại\" nếu chưa xếp loại",
                        )));
                        None
                    }
                },
            };
            if let Some(v) = value {
                rec.values.insert(column.key, v);
            }
        }
        if let Some(p) = split_name {
            let full: Vec<&str> = [p.first, p.last]
                .iter()
                .filter_map(|k| rec.text(k))
                .collect();
            let full = full.join(" ");
            rec.values.insert(schema.name_key, Value::Text(full));
        }
        for (c, header) in &extra_cols {
            let value = row_texts.get(*c).cloned().unwrap_or_default();
            rec.extra.push((header.clone(), value));
        }
        data.rows += 1;
        if let Some(prev) = pending.replace(rec) {
            each(prev);
        }
    }
    if let Some(last) = pending {
        each(last);
    }
    data
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
    // Keys are in column A, unless a column further right holds more of them ("STT | Mục | Giá trị").
    let known = |t: &str| {
        let k = match_key(t);
        keys.iter().any(|(_, key)| *key == k)
    };
    let key_col = (0..3)
        .map(|c| {
            let hits = (0..sheet.rows.len())
                .filter(|r| known(&cell_text(sheet.get(*r, c))))
                .count();
            (c, hits)
        })
        .fold(
            (0, 0),
            |best, (c, hits)| if hits > best.1 { (c, hits) } else { best },
        )
        .0;
    let mut seen: BTreeMap<&'static str, String> = BTreeMap::new();
    for r in 0..sheet.rows.len() {
        let label = cell_text(sheet.get(r, key_col));
        if label.is_empty() {
            continue;
        }
        out.rows += 1;
        let raw = sheet.get(r, key_col + 1);
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
                    format!(
                        "\"{}\" ghi hai lần: {prev} và {}",
                        key.name,
                        cell_ref(r, key_col)
                    ),
                )
                .in_sheet(SheetId::ThongTin, sheet.name.clone())
                .at(cell_ref(r, key_col))
                .with_hint("giữ một dòng, xóa dòng kia"),
            );
            continue;
        }
        seen.insert(key.key, cell_ref(r, key_col));
        if value.is_empty() {
            continue;
        }
        let cref = cell_ref(r, key_col + 1);
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
                    .in_sheet(SheetId::ThongTin, sheet.name.clone())
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
                    .in_sheet(SheetId::ThongTin, sheet.name.clone())
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
                    .in_sheet(SheetId::ThongTin, sheet.name.clone())
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
        assert_eq!(strip_numbering("I. Chi bộ Tổng hợp"), "Chi bộ Tổng hợp");
        assert_eq!(strip_numbering("2- Quản trị"), "Quản trị");
        assert_eq!(
            strip_numbering("Chi bộ Tài chính – Kế toán"),
            "Chi bộ Tài chính – Kế toán"
        );
    }

    #[test]
    fn totals() {
        assert!(is_total_label("Tổng cộng"));
        assert!(is_total_label("Cộng"));
        assert!(is_total_label("TỔNG SỐ"));
        assert!(!is_total_label("Tổng hợp"));
        assert!(is_total_label("TỔNG CỘNG:"));
        assert!(is_total_label("Cộng chi bộ Tổng hợp"));
        assert!(is_total_label("Tong cong"));
        assert!(!is_total_label("Công đoàn"));
        assert!(!is_total_label("Tổng Văn Cộng"));
        assert!(!is_total_label("Cong Thi Ha"));
    }

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

    fn kind(cells: &[(usize, &str)], schema: &SheetSchema) -> RowKind {
        let texts: Vec<(usize, String)> =
            cells.iter().map(|(c, t)| (*c, (*t).to_owned())).collect();
        classify(&texts, 1, schema, false)
    }

    #[test]
    fn row_kinds() {
        use super::super::schema::{CHI_BO, DANG_VIEN};
        let group = |s: &str| RowKind::Group(s.to_owned());
        assert_eq!(kind(&[], &DANG_VIEN), RowKind::Blank);
        assert_eq!(
            kind(&[(0, "Tổng cộng"), (3, "95")], &DANG_VIEN),
            RowKind::Total
        );
        assert_eq!(kind(&[(1, "Cộng"), (3, "95")], &DANG_VIEN), RowKind::Total);
        // A total label right of the name is not a total row.
        assert_eq!(
            kind(&[(1, "Nguyễn Văn An"), (4, "Cộng tác viên")], &DANG_VIEN),
            RowKind::Data
        );
        assert_eq!(
            kind(&[(0, "I. Chi bộ Tổng hợp")], &DANG_VIEN),
            group("Chi bộ Tổng hợp")
        );
        assert_eq!(
            kind(&[(0, "II"), (1, "Chi bộ Quản trị")], &DANG_VIEN),
            group("Chi bộ Quản trị")
        );
        assert_eq!(
            kind(&[(1, "Chi bộ Quản trị")], &DANG_VIEN),
            group("Chi bộ Quản trị")
        );
        assert_eq!(kind(&[(1, "2. Quản trị")], &DANG_VIEN), group("Quản trị"));
        // A member with only STT and name.
        assert_eq!(
            kind(&[(0, "1"), (1, "Nguyễn Văn An")], &DANG_VIEN),
            RowKind::Data
        );
        assert_eq!(
            kind(&[(1, "Nguyễn Văn An"), (2, "x")], &DANG_VIEN),
            RowKind::Data
        );
        // A lone value right of the name column is not a group label.
        assert_eq!(kind(&[(0, "5"), (3, "Tốt")], &DANG_VIEN), RowKind::Data);
        // In "Chi bộ", "Chi bộ Tổng hợp" is a name, a Roman-numbered label a group.
        assert_eq!(
            kind(&[(0, "1"), (1, "Chi bộ Tổng hợp")], &CHI_BO),
            RowKind::Data
        );
        assert_eq!(kind(&[(1, "Chi bộ Tổng hợp")], &CHI_BO), RowKind::Data);
        assert_eq!(
            kind(&[(0, "I"), (1, "Khối Đảng")], &CHI_BO),
            group("Khối Đảng")
        );
        let texts: Vec<(usize, String)> = ["(1)", "(2)", "(3)"]
            .iter()
            .enumerate()
            .map(|(c, t)| (c, (*t).to_owned()))
            .collect();
        assert_eq!(
            classify(&texts, 1, &DANG_VIEN, true),
            RowKind::ColumnNumbers
        );
        assert_eq!(classify(&texts, 1, &DANG_VIEN, false), RowKind::Data);
    }
}
