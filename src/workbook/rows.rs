//! Reading a table sheet's rows into records: the header found and its columns mapped, each row below it
//! classified (blank, total, group, record), a record's cells typed, and a row without a name either
//! continuing the record above or reported.

use super::cell::cell_text;
use super::columns::ColumnMap;
use super::header::{HEADER_SEARCH_ROWS, find_header};
use super::record::{CellRefs, Record, SheetData, Value};
use super::row_kind::{RowKind, classify};
use super::schema::{ColumnKind, SheetSchema};
use super::value::{CellIn, lines_of, typed_value};
use super::{Sheet, cell_ref};
use crate::error::Diagnostic;
use crate::text::Date;
use calamine::Data;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
    each: impl FnMut(Record),
) -> SheetData {
    let mut data = SheetData {
        ..SheetData::default()
    };
    if let Some(reader) = RowReader::new(sheet, schema, today, &mut data, diags) {
        reader.read(&mut data, diags, each);
    }
    data
}

/// The error for a sheet without a header row among its first rows.
fn no_header(schema: &SheetSchema) -> Diagnostic {
    let required: Vec<&str> = schema
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect();
    Diagnostic::error(
        "thieu_tieu_de",
        format!(
            "không tìm thấy hàng tiêu đề trong {} hàng đầu (cần các cột {})",
            HEADER_SEARCH_ROWS,
            required.join(", ")
        ),
    )
    .with_hint("đặt một hàng tiêu đề có tên cột, ví dụ \"STT | Họ và tên | Chi bộ | Xếp loại\"")
}

/// Cells covered by a vertical merge, each with the top-left cell whose value it reads as (a Chi bộ
/// merged over its members).
fn merged_down(sheet: &Sheet) -> HashMap<(usize, usize), (usize, usize)> {
    let mut filled = HashMap::new();
    for m in &sheet.merges {
        if m.last.0 > m.first.0 {
            for r in m.first.0..=m.last.0.min(sheet.rows.len()) {
                if r != m.first.0 {
                    filled.insert((r, m.first.1), m.first);
                }
            }
        }
    }
    filled
}

/// A table sheet whose header is found and whose columns are mapped: reads the rows below the header.
struct RowReader<'a> {
    sheet: &'a Sheet,
    schema: &'a SheetSchema,
    today: Date,
    /// First data row (0-based).
    data_start: usize,
    columns: ColumnMap,
    /// The sheet columns that name a row; a row with none of them is no record.
    name_cols: Vec<usize>,
    /// The leftmost of them: a total label stands in it or left of it.
    name_col: usize,
    /// Shared by every record's [`CellRefs`].
    cell_columns: Arc<[(&'static str, usize)]>,
    /// See [`merged_down`].
    filled: HashMap<(usize, usize), (usize, usize)>,
    /// The widest row: rows are ragged (each as long as its last value), and a merged cell can reach
    /// past a row's end.
    width: usize,
}

impl<'a> RowReader<'a> {
    /// Finds the header and maps its columns, recording the headers found in `data`. `None`, with the
    /// errors in `diags`, when there is no header, a column is named twice or a required one is missing.
    fn new(
        sheet: &'a Sheet,
        schema: &'a SheetSchema,
        today: Date,
        data: &mut SheetData,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let at = |d: Diagnostic| d.in_sheet(schema.id, sheet.name.clone());
        let Some(h) = find_header(sheet, schema) else {
            diags.push(at(no_header(schema)));
            return None;
        };
        let (columns, duplicates) = ColumnMap::new(&h, schema);
        data.found = columns.found(&h);
        let missing = columns.missing_required(&h, schema);
        let rejected = !duplicates.is_empty() || !missing.is_empty();
        diags.extend(duplicates.into_iter().chain(missing).map(at));
        if rejected {
            return None;
        }
        let name_cols = columns.name_cols(schema);
        let name_col = *name_cols.iter().min()?;
        Some(RowReader {
            sheet,
            schema,
            today,
            data_start: h.data_start,
            cell_columns: columns.cell_columns(schema),
            columns,
            name_cols,
            name_col,
            filled: merged_down(sheet),
            width: sheet.rows.iter().map(Vec::len).max().unwrap_or(0),
        })
    }

    /// Reads every row below the header, counting records and skipped rows in `data`. A record is
    /// handed to `each` once the rows that may continue it have been read.
    fn read(
        &self,
        data: &mut SheetData,
        diags: &mut Vec<Diagnostic>,
        mut each: impl FnMut(Record),
    ) {
        let mut group: Option<String> = None;
        let mut right_after_header = true;
        let mut pending: Option<Record> = None;
        for r in self.data_start..self.sheet.rows.len() {
            let row_texts: Vec<String> = (0..self.width)
                .map(|c| cell_text(self.cell(r, c)))
                .collect();
            let texts: Vec<(usize, String)> = row_texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(c, t)| (c, t.clone()))
                .collect();
            let kind = classify(&texts, self.name_col, self.schema, right_after_header);
            if kind != RowKind::Blank {
                right_after_header = false;
            }
            match kind {
                RowKind::Data => {}
                RowKind::Group(label) => {
                    group = Some(label);
                    data.skipped += 1;
                    continue;
                }
                RowKind::Blank | RowKind::Total | RowKind::ColumnNumbers => {
                    data.skipped += 1;
                    continue;
                }
            }
            if !texts.iter().any(|(c, _)| self.name_cols.contains(c)) {
                // "Nhận định": a row without its Mục carries on the section above (paragraphs on rows).
                match pending.as_mut() {
                    Some(prev) if self.schema.continuation => self.continue_record(prev, r),
                    _ => diags.push(self.at(self.missing_name(r))),
                }
                continue;
            }
            let rec = self.record(r, &row_texts, group.clone(), diags);
            data.rows += 1;
            if let Some(prev) = pending.replace(rec) {
                each(prev);
            }
        }
        if let Some(last) = pending {
            each(last);
        }
    }

    /// A finding placed in this sheet.
    fn at(&self, d: Diagnostic) -> Diagnostic {
        d.in_sheet(self.schema.id, self.sheet.name.clone())
    }

    /// The cell at (r, c), a cell covered by a vertical merge reading as the merge's value.
    fn cell(&self, r: usize, c: usize) -> &'a Data {
        match self.filled.get(&(r, c)) {
            Some(&(r0, c0)) => self.sheet.get(r0, c0),
            None => self.sheet.get(r, c),
        }
    }

    /// Appends the lines of row r's text columns to the record above.
    fn continue_record(&self, prev: &mut Record, r: usize) {
        for column in self
            .schema
            .columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Lines)
        {
            let Some(&c) = self.columns.by_key.get(column.key) else {
                continue;
            };
            let more = lines_of(&cell_text(self.cell(r, c)));
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
    }

    /// The error for row r, which has data but no name.
    fn missing_name(&self, r: usize) -> Diagnostic {
        let name_header = self
            .schema
            .columns
            .iter()
            .find(|c| c.key == self.schema.name_key)
            .map_or("", |c| c.name);
        Diagnostic::error(
            "thieu_gia_tri",
            format!(
                "hàng {} có dữ liệu nhưng trống cột \"{name_header}\"",
                r + 1
            ),
        )
        .at(cell_ref(r, self.name_col))
        .on_row(r + 1)
        .with_hint(format!("điền \"{name_header}\" hoặc xóa hàng này"))
    }

    /// The record of row r (its cells' texts in `row_texts`): every schema column's cell typed, a split
    /// name joined, the columns outside the schema kept as text. Bad cells are reported and left out.
    fn record(
        &self,
        r: usize,
        row_texts: &[String],
        group: Option<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Record {
        let mut rec = Record {
            row: r + 1,
            values: BTreeMap::new(),
            cells: CellRefs::new(r, Arc::clone(&self.cell_columns)),
            extra: Vec::new(),
            group,
        };
        for column in self.schema.columns {
            let Some(&c) = self.columns.by_key.get(column.key) else {
                continue;
            };
            let cell = CellIn {
                row: r,
                col: c,
                raw: self.cell(r, c),
                text: row_texts.get(c).map_or("", String::as_str),
            };
            match typed_value(column, &cell, self.today) {
                Ok(Some(v)) => {
                    rec.values.insert(column.key, v);
                }
                Ok(None) => {}
                Err(d) => diags.push(self.at(*d)),
            }
        }
        if let Some(p) = self.columns.split_name {
            let full: Vec<&str> = [p.first, p.last]
                .iter()
                .filter_map(|k| rec.text(k))
                .collect();
            let full = full.join(" ");
            rec.values.insert(self.schema.name_key, Value::Text(full));
        }
        for (c, header) in &self.columns.extra {
            let value = row_texts.get(*c).cloned().unwrap_or_default();
            rec.extra.push((header.clone(), value));
        }
        rec
    }
}
