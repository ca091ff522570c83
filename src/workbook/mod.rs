//! Excel → records. Opens .xlsx/.xls/.xlsb/.ods with calamine, finds sheets and header rows by name,
//! skips blank, group and total rows, and types every cell by the sheet's [`schema`].
//!
//! Only this module imports calamine.

mod cell;
pub mod matching;
pub mod schema;
mod table;

pub use cell::{parse_date_text, parse_number};
pub use table::{InfoData, Record, SheetData, Value, read_info, read_table};

use crate::error::{Error, Result};
use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use matching::match_key;
use std::io::Cursor;
use std::path::Path;

/// One worksheet's cells, as a grid from A1 (absolute positions).
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet name as written.
    pub name: String,
    /// Rows of cells; row 0 is Excel row 1, column 0 is column A.
    pub rows: Vec<Vec<Data>>,
}

impl Sheet {
    /// The cell at (row, col), or Empty.
    pub fn get(&self, row: usize, col: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }
}

/// A whole workbook, loaded.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The file name as the user gave it (for messages).
    pub file: String,
    /// The sheets in order.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// Opens a workbook file (.xlsx, .xlsm, .xls, .xlsb, .ods).
    pub fn open(path: &Path) -> Result<Workbook> {
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            message: format!("không đọc được tệp: {}", io_reason(&e)),
            hint: Some("kiểm tra đường dẫn và quyền đọc của tệp".into()),
        })?;
        Self::from_bytes(bytes, &path.display().to_string())
    }

    /// Reads a workbook from memory; `file` names it in messages.
    pub fn from_bytes(bytes: Vec<u8>, file: &str) -> Result<Workbook> {
        let unreadable = |message: String| Error::Unreadable {
            path: file.into(),
            message,
            hint: Some(
                "cần một bảng tính Excel (.xlsx, .xls) hoặc OpenDocument (.ods) còn nguyên vẹn"
                    .into(),
            ),
        };
        let mut sheets: Sheets<Cursor<Vec<u8>>> = open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| unreadable(format!("không phải bảng tính hoặc tệp bị hỏng ({e})")))?;
        let names = sheets.sheet_names();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let range = sheets
                .worksheet_range(&name)
                .map_err(|e| unreadable(format!("không đọc được trang tính \"{name}\" ({e})")))?;
            let (r0, c0) = range
                .start()
                .map(|(r, c)| (r as usize, c as usize))
                .unwrap_or((0, 0));
            let mut rows: Vec<Vec<Data>> = vec![Vec::new(); r0];
            for row in range.rows() {
                let mut cells = vec![Data::Empty; c0];
                cells.extend(row.iter().cloned());
                rows.push(cells);
            }
            out.push(Sheet { name, rows });
        }
        Ok(Workbook {
            file: file.to_owned(),
            sheets: out,
        })
    }

    /// The sheet whose name matches `name` or one of `aliases` (case, diacritics, spaces ignored).
    pub fn sheet(&self, name: &str, aliases: &[&str]) -> Option<&Sheet> {
        let keys: Vec<String> = std::iter::once(name)
            .chain(aliases.iter().copied())
            .map(match_key)
            .collect();
        self.sheets
            .iter()
            .find(|s| keys.contains(&match_key(&s.name)))
    }

    /// True when no sheet has any non-empty cell.
    pub fn is_empty(&self) -> bool {
        self.sheets
            .iter()
            .all(|s| s.rows.iter().flatten().all(|c| matches!(c, Data::Empty)))
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc".into(),
        _ => e.to_string(),
    }
}

/// "A", "B", … "AA" for a 0-based column.
pub fn column_letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The A1 reference of a 0-based (row, col).
pub fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", column_letter(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 2), "C7");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn not_a_spreadsheet() {
        let e = Workbook::from_bytes(b"hello".to_vec(), "x.xlsx").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("x.xlsx"));
    }
}
