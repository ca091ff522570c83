//! The records a sheet is read into: typed cell values, where each row's cells are, one sheet's rows.

use super::XepLoai;
use super::cell_ref;
use crate::text::Date;
use std::collections::BTreeMap;
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
    /// The cells of 0-based row `row`, with the sheet column of each schema column the sheet has.
    pub(super) fn new(row: usize, columns: Arc<[(&'static str, usize)]>) -> Self {
        CellRefs { row, columns }
    }

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
    /// The data rows ([`read_table`](super::read_table); empty from [`read_rows`](super::read_rows),
    /// which hands each row over instead).
    pub records: Vec<Record>,
    /// How many data rows were read.
    pub rows: usize,
    /// Headers of the columns found, by key.
    pub found: BTreeMap<&'static str, String>,
    /// Rows skipped as blank, group or total rows.
    pub skipped: usize,
}
