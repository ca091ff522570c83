//! Which sheet column holds which schema column, once the header is found. A schema column named twice
//! and a required column missing are errors that name the header's cells.

use super::cell_ref;
use super::header::HeaderChoice;
use super::schema::{NameParts, SheetSchema};
use crate::error::Diagnostic;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The sheet columns of a table's schema columns.
#[derive(Debug)]
pub(super) struct ColumnMap {
    /// The sheet column (0-based) of each schema column found, by key: the first one naming it.
    pub(super) by_key: BTreeMap<&'static str, usize>,
    /// Sheet columns outside the schema: (sheet column, header text), in sheet order.
    pub(super) extra: Vec<(usize, String)>,
    /// The two columns of a name split over "Họ đệm" | "Tên", when they stand for the name column (the
    /// sheet has the right part and no name column).
    pub(super) split_name: Option<NameParts>,
}

impl ColumnMap {
    /// Maps the header's columns to the schema's, with an error (not yet placed in its sheet) for each
    /// sheet column that names a schema column already named, citing both cells.
    pub(super) fn new(h: &HeaderChoice, schema: &SheetSchema) -> (Self, Vec<Diagnostic>) {
        let mut duplicates = Vec::new();
        let mut by_key: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut extra: Vec<(usize, String)> = Vec::new();
        for (c, col) in h.cols.iter().enumerate() {
            match col.matched {
                Some(i) => {
                    let column = &schema.columns[i];
                    if let Some(&prev) = by_key.get(column.key) {
                        let p = &h.cols[prev];
                        duplicates.push(
                            Diagnostic::error(
                                "cot_trung",
                                format!(
                                    "hai cột cùng là \"{}\": {} (\"{}\") và {} (\"{}\")",
                                    column.name, p.cell, p.name, col.cell, col.name
                                ),
                            )
                            .at(col.cell.clone())
                            .with_hint("đổi tên hoặc xóa một trong hai cột"),
                        );
                    } else {
                        by_key.insert(column.key, c);
                    }
                }
                None if !col.name.is_empty() => extra.push((c, col.name.clone())),
                None => {}
            }
        }
        let split_name = schema
            .name_parts
            .filter(|p| by_key.contains_key(p.last))
            .filter(|_| !by_key.contains_key(schema.name_key));
        let map = ColumnMap {
            by_key,
            extra,
            split_name,
        };
        (map, duplicates)
    }

    /// The header text of each schema column found, by key.
    pub(super) fn found(&self, h: &HeaderChoice) -> BTreeMap<&'static str, String> {
        self.by_key
            .iter()
            .map(|(key, &c)| (*key, h.cols[c].name.clone()))
            .collect()
    }

    /// An error (not yet placed in its sheet) for each required column the header lacks; a split name
    /// stands for the name column.
    pub(super) fn missing_required(
        &self,
        h: &HeaderChoice,
        schema: &SheetSchema,
    ) -> Vec<Diagnostic> {
        let header_span = {
            let last_col = h.cols.len().saturating_sub(1);
            format!(
                "{}:{}",
                cell_ref(h.header_rows.0, 0),
                cell_ref(h.header_rows.1, last_col)
            )
        };
        let present: Vec<&str> = h
            .cols
            .iter()
            .filter(|c| !c.name.is_empty())
            .map(|c| c.name.as_str())
            .collect();
        schema
            .columns
            .iter()
            .filter(|c| c.required)
            .filter(|column| {
                let split_stands_for_it =
                    column.key == schema.name_key && self.split_name.is_some();
                !self.by_key.contains_key(column.key) && !split_stands_for_it
            })
            .map(|column| {
                let aliases = if column.aliases.is_empty() {
                    String::new()
                } else {
                    format!(" (hoặc {})", column.aliases.join(", "))
                };
                Diagnostic::error(
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
                ))
            })
            .collect()
    }

    /// The sheet columns that name a row: the name column, or the two parts of a split name.
    pub(super) fn name_cols(&self, schema: &SheetSchema) -> Vec<usize> {
        match self.split_name {
            Some(p) => [p.first, p.last]
                .iter()
                .filter_map(|k| self.by_key.get(k).copied())
                .collect(),
            None => self
                .by_key
                .get(schema.name_key)
                .copied()
                .into_iter()
                .collect(),
        }
    }

    /// (key, sheet column) of each schema column found, in the schema's order: shared by the
    /// [`CellRefs`](super::CellRefs) of every row.
    pub(super) fn cell_columns(&self, schema: &SheetSchema) -> Arc<[(&'static str, usize)]> {
        schema
            .columns
            .iter()
            .filter_map(|c| self.by_key.get(c.key).map(|&i| (c.key, i)))
            .collect()
    }
}
