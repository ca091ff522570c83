//! Excel → records. Opens .xlsx/.xls/.xlsb/.ods with calamine, finds sheets and header rows by name,
//! skips blank, group and total rows, and types every cell by the sheet's [`schema`].
//!
//! Where things are: the sheets, their columns and the Thông tin keys in `schema` (a new column is one
//! entry there); a table's header in `header` and its columns in `columns`; its rows in `rows`, each
//! classified by `row_kind` and its cells typed by `value` (one cell's text, numbers and dates in
//! `cell`); the Thông tin sheet in `info`; what a sheet is read into in `record`.
//!
//! Only this module imports calamine.

mod cell;
mod columns;
mod formula;
mod header;
mod info;
mod limits;
pub mod matching;
mod record;
mod row_kind;
mod rows;
pub mod schema;
mod value;
mod xep_loai;
mod xls_guard;

pub use info::{InfoData, read_info};
pub use record::{CellRefs, Record};
pub use rows::{read_rows, read_table};
pub use xep_loai::XepLoai;

use crate::error::{Error, Result};
use crate::text::Date;
use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use matching::match_key;
use std::io::Cursor;
use std::path::Path;

/// A merged range of cells, 0-based and inclusive; only its top-left cell holds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// (row, col) of the top-left cell.
    pub first: (usize, usize),
    /// (row, col) of the bottom-right cell.
    pub last: (usize, usize),
}

impl Merge {
    /// True when (row, col) lies inside the range.
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.first.0..=self.last.0).contains(&row) && (self.first.1..=self.last.1).contains(&col)
    }
}

/// One worksheet's cells, as a grid from A1 (absolute positions).
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet name as written.
    pub name: String,
    /// Rows of cells; row 0 is Excel row 1, column 0 is column A.
    pub rows: Vec<Vec<Data>>,
    /// Merged ranges (known for .xlsx and .xls; .ods gives none, its covered cells read as empty).
    pub merges: Vec<Merge>,
    /// Values not read because they lie beyond column [`MAX_COLUMNS`] (or beyond the last row).
    pub outside: usize,
    /// The first such cell ("XFD1048576").
    pub first_outside: Option<String>,
    /// Formula cells the file holds no result for and the reader could not compute: (A1 reference,
    /// formula without "="). They read as empty; `check` warns about each.
    pub uncomputed: Vec<(String, String)>,
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

    /// The merged range that covers (row, col), if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }
}

/// How much a workbook may hold before it is refused (exit 2) rather than read: the guard against files
/// that would exhaust memory. The CLI sets `max_rows` from `--max-rows`; a server passes its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// The most rows with data one sheet may have.
    pub max_rows: usize,
    /// The most bytes one part of an .xlsx/.xlsb/.ods package (a sheet's XML, the shared strings) may
    /// inflate to, checked before the spreadsheet parser inflates it; for an .xls, the most bytes the
    /// file may have.
    pub max_sheet_xml_bytes: u64,
}

impl ReadLimits {
    /// The default row limit per sheet.
    pub const DEFAULT_MAX_ROWS: usize = 200_000;
    /// The default inflated size limit of one package part (512 MiB).
    pub const DEFAULT_MAX_SHEET_XML_BYTES: u64 = 512 << 20;

    /// The default limits with another row limit (`--max-rows N`).
    pub fn with_max_rows(max_rows: usize) -> Self {
        ReadLimits {
            max_rows,
            ..Self::default()
        }
    }
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_rows: Self::DEFAULT_MAX_ROWS,
            max_sheet_xml_bytes: Self::DEFAULT_MAX_SHEET_XML_BYTES,
        }
    }
}

/// A whole workbook, loaded.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The file name as the user gave it (for messages).
    pub file: String,
    /// The sheets in order.
    pub sheets: Vec<Sheet>,
    /// The date two-digit years of past dates (ngày sinh, ngày vào Đảng) are resolved against: today
    /// when the workbook is read; tests set it to fix the century.
    pub today: Date,
}

impl Workbook {
    /// Opens a workbook file (.xlsx, .xlsm, .xls, .xlsb, .ods) within `limits`.
    pub fn open(path: &Path, limits: &ReadLimits) -> Result<Workbook> {
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            message: format!("không đọc được tệp: {}", io_reason(&e)),
            hint: Some("kiểm tra đường dẫn và quyền đọc của tệp".into()),
        })?;
        Self::from_bytes(bytes, &path.display().to_string(), limits)
    }

    /// Reads a workbook from memory within `limits`; `file` names it in messages.
    ///
    /// A file that is not a spreadsheet, or is corrupt, or is beyond `limits`, gives
    /// [`Error::Unreadable`] (exit code 2). A panic inside the spreadsheet parser on malformed input is
    /// turned into the same error.
    pub fn from_bytes(bytes: Vec<u8>, file: &str, limits: &ReadLimits) -> Result<Workbook> {
        let unreadable = |fail: Refused| Error::Unreadable {
            path: file.into(),
            message: fail.message,
            hint: Some(fail.hint.unwrap_or_else(|| {
                "cần một bảng tính Excel (.xlsx, .xls) hoặc OpenDocument (.ods) còn nguyên vẹn"
                    .into()
            })),
        };
        if bytes.is_empty() {
            return Err(unreadable(
                "tệp rỗng (0 byte), không phải bảng tính".to_owned().into(),
            ));
        }
        limits::check_package(&bytes, limits).map_err(unreadable)?;
        let parsed =
            crate::guard::quiet_catch(|| read_sheets(bytes, limits)).unwrap_or_else(|_| {
                Err("tệp bị hỏng, trình đọc bảng tính không đọc được"
                    .to_owned()
                    .into())
            });
        Ok(Workbook {
            file: file.to_owned(),
            sheets: parsed.map_err(unreadable)?,
            today: today(),
        })
    }

    /// The sheet named `name`, else one named like an alias (in the order given). Names match
    /// ignoring case, diacritics (đ = d), punctuation and spaces.
    pub fn sheet(&self, name: &str, aliases: &[&str]) -> Option<&Sheet> {
        let keys: Vec<String> = self.sheets.iter().map(|s| match_key(&s.name)).collect();
        std::iter::once(name)
            .chain(aliases.iter().copied())
            .map(match_key)
            .find_map(|k| keys.iter().position(|sk| *sk == k))
            .map(|i| &self.sheets[i])
    }

    /// The canonical sheet `id`, found by its name or one of its aliases (see [`Workbook::sheet`]).
    pub fn sheet_by_id(&self, id: schema::SheetId) -> Option<&Sheet> {
        let (name, aliases) = schema::sheet_names(id);
        self.sheet(name, aliases)
    }

    /// Which canonical sheet `sheet` (one of this workbook's) is read as, if any.
    pub fn id_of(&self, sheet: &Sheet) -> Option<schema::SheetId> {
        schema::SheetId::ALL.into_iter().find(|id| {
            self.sheet_by_id(*id)
                .is_some_and(|s| std::ptr::eq(s, sheet))
        })
    }

    /// True when no sheet has any cell with content (blank text counts as empty).
    pub fn is_empty(&self) -> bool {
        self.sheets.iter().all(|s| {
            s.rows.iter().flatten().all(|c| match c {
                Data::Empty => true,
                Data::String(t) => t.trim().is_empty(),
                _ => false,
            })
        })
    }
}

/// Columns from this one on are not read: a stray value far to the right (XFD1048576) must not make every
/// row that wide. Evaluation tables are a few dozen columns.
pub const MAX_COLUMNS: usize = 1024;
/// The last row a spreadsheet can have (Excel: 1,048,576); a position beyond it is corrupt.
const MAX_ROWS: usize = 1 << 20;
/// The most cells (counted over the grid actually held) a workbook may need; beyond it the file is
/// refused rather than exhausting memory.
const MAX_CELLS: usize = 20_000_000;

/// Why a file is not read: the message, and a hint when the generic one ("a spreadsheet that is
/// intact") does not fit.
struct Refused {
    message: String,
    hint: Option<String>,
}

impl From<String> for Refused {
    fn from(message: String) -> Self {
        Refused {
            message,
            hint: None,
        }
    }
}

/// The last workbook read by [`Workbook::from_static`]: where its bytes are, the limits and the day it was
/// read within, and the workbook.
type StaticEntry = (usize, ReadLimits, Date, Workbook);

impl Workbook {
    /// A workbook embedded in the binary (the sample), read once for given limits and day and cloned
    /// afterwards: the web page's previews read the sample for every request, and parsing it again each
    /// time was most of a preview's data stage. The same workbook as [`Workbook::from_bytes`] gives.
    pub fn from_static(bytes: &'static [u8], file: &str, limits: &ReadLimits) -> Result<Workbook> {
        static LAST: std::sync::Mutex<Option<StaticEntry>> = std::sync::Mutex::new(None);
        let (at, day) = (bytes.as_ptr() as usize, today());
        let hit = |e: &StaticEntry| e.0 == at && e.1 == *limits && e.2 == day && e.3.file == file;
        if let Some(e) = LAST.lock().ok().as_ref().and_then(|g| g.as_ref()).filter(|e| hit(e)) {
            return Ok(e.3.clone());
        }
        let wb = Workbook::from_bytes(bytes.to_vec(), file, limits)?;
        if let Ok(mut last) = LAST.lock() {
            *last = Some((at, *limits, day, wb.clone()));
        }
        Ok(wb)
    }
}

/// Today's date (UTC; the day two-digit years are resolved against).
fn today() -> Date {
    use chrono::Datelike;
    let now = chrono::Utc::now().date_naive();
    // A chrono date is always a valid calendar date.
    Date {
        year: now.year(),
        month: now.month(),
        day: now.day(),
    }
}

/// Gathers cells into ragged rows (each row as long as its last value), within the limits above.
struct Grid {
    rows: Vec<Vec<Data>>,
    /// Rows holding at least one value.
    used_rows: usize,
    max_rows: usize,
    outside: usize,
    first_outside: Option<(usize, usize)>,
}

impl Grid {
    fn new(max_rows: usize) -> Self {
        Grid {
            rows: Vec::new(),
            used_rows: 0,
            max_rows,
            outside: 0,
            first_outside: None,
        }
    }

    /// Puts a value; `Err(None)` when the sheet has more rows than allowed, `Err(Some(why))` when the
    /// workbook has more cells than allowed.
    fn put(
        &mut self,
        r: usize,
        c: usize,
        v: Data,
        budget: &mut usize,
    ) -> Result<(), Option<String>> {
        if matches!(v, Data::Empty) {
            return Ok(());
        }
        if c >= MAX_COLUMNS || r >= MAX_ROWS {
            self.outside += 1;
            self.first_outside.get_or_insert((r, c));
            return Ok(());
        }
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut self.rows[r];
        if row.is_empty() {
            self.used_rows += 1;
            if self.used_rows > self.max_rows {
                return Err(None);
            }
        }
        if row.len() <= c {
            let grow = c + 1 - row.len();
            *budget = budget
                .checked_sub(grow)
                .ok_or_else(|| Some(format!("bảng tính quá lớn (hơn {MAX_CELLS} ô)")))?;
            row.resize(c + 1, Data::Empty);
        }
        row[c] = v;
        Ok(())
    }

    /// Gives back memory reserved beyond what the rows hold.
    fn shrink(&mut self) {
        for row in &mut self.rows {
            row.shrink_to_fit();
        }
        self.rows.shrink_to_fit();
    }
}

/// The refusal of a sheet with more rows than `limits` allow.
fn too_many_rows(name: &str, limits: &ReadLimits) -> Refused {
    Refused {
        message: format!(
            "trang tính \"{name}\" có hơn {} hàng có dữ liệu, vượt giới hạn đọc",
            limits::thousands(limits.max_rows as u64)
        ),
        hint: Some(format!(
            "tách dữ liệu thành nhiều tệp nhỏ hơn, hoặc nâng giới hạn (mặc định {} hàng mỗi trang) \
             bằng --max-rows N",
            limits::thousands(ReadLimits::DEFAULT_MAX_ROWS as u64)
        )),
    }
}

/// Opens the bytes with calamine and copies every sheet into an absolute grid.
fn read_sheets(bytes: Vec<u8>, limits: &ReadLimits) -> std::result::Result<Vec<Sheet>, Refused> {
    match xls_guard::check(&bytes) {
        Ok(()) => {}
        Err(xls_guard::Refusal::Corrupt(why)) => {
            return Err(format!("tệp .xls bị hỏng ({why})").into());
        }
        Err(xls_guard::Refusal::TooLarge { cells }) => {
            return Err(Refused {
                message: format!(
                    "tệp .xls quá lớn để đọc: các trang tính chiếm vùng {} ô, tối đa {} ô",
                    limits::thousands(cells),
                    limits::thousands(xls_guard::MAX_DENSE_CELLS)
                ),
                hint: Some(
                    "mở tệp bằng Excel hoặc LibreOffice, xóa các ô thừa ở xa vùng dữ liệu, rồi lưu thành .xlsx (tệp .xlsx được đọc từng ô, không giới hạn này)".into(),
                ),
            });
        }
    }
    let mut sheets: Sheets<Cursor<Vec<u8>>> = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("không phải bảng tính hoặc tệp bị hỏng ({e})"))?;
    let names = sheets.sheet_names();
    let mut out = Vec::with_capacity(names.len());
    let mut budget = MAX_CELLS;
    for name in names {
        let unreadable = |e: &dyn std::fmt::Display| -> Refused {
            format!("không đọc được trang tính \"{name}\" ({e})").into()
        };
        let put_failed = |why: Option<String>| match why {
            Some(why) => Refused::from(why),
            None => too_many_rows(&name, limits),
        };
        let mut grid = Grid::new(limits.max_rows);
        let mut pending = Vec::new();
        match &mut sheets {
            // Cells one by one: calamine's `worksheet_range` would allocate the whole bounding box of the
            // used cells, which for one value in XFD1048576 is 17 billion cells.
            // A formula cell without a cached result is kept aside to be computed.
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(&name) {
                Ok(mut reader) => {
                    while let Some(cell) =
                        reader.next_cell_with_formula().map_err(|e| unreadable(&e))?
                    {
                        let (r, c) = (cell.pos.0 as usize, cell.pos.1 as usize);
                        let value = Data::from(cell.value);
                        match cell.formula {
                            Some(f) if matches!(value, Data::Empty) && !f.trim().is_empty() => {
                                if r < MAX_ROWS && c < MAX_COLUMNS {
                                    pending.push(((r, c), f));
                                }
                            }
                            _ => grid.put(r, c, value, &mut budget).map_err(put_failed)?,
                        }
                    }
                }
                Err(calamine::XlsxError::NotAWorksheet(_)) => {}
                Err(e) => return Err(unreadable(&e)),
            },
            other => {
                let range = other.worksheet_range(&name).map_err(|e| unreadable(&e))?;
                for (r, c, v) in range.used_cells() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    grid.put(r0 as usize + r, c0 as usize + c, v.clone(), &mut budget)
                        .map_err(put_failed)?;
                }
            }
        }
        let uncomputed = if pending.is_empty() {
            Vec::new()
        } else {
            formula::compute(&mut grid.rows, pending)
        };
        grid.shrink();
        // Merged ranges only help reading; a file whose merge list cannot be read is still read.
        let dims = match &mut sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
        };
        let merges = dims
            .iter()
            .map(|d| Merge {
                first: (d.start.0 as usize, d.start.1 as usize),
                last: (d.end.0 as usize, d.end.1 as usize),
            })
            .filter(|m| m.first != m.last && m.first.1 < MAX_COLUMNS && m.first.0 < MAX_ROWS)
            .collect();
        out.push(Sheet {
            name,
            rows: grid.rows,
            merges,
            outside: grid.outside,
            first_outside: grid.first_outside.map(|(r, c)| cell_ref(r, c)),
            uncomputed,
        });
    }
    Ok(out)
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
        let e =
            Workbook::from_bytes(b"hello".to_vec(), "x.xlsx", &ReadLimits::default()).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("x.xlsx"));
    }

    /// The embedded sample read through the cache is the workbook `from_bytes` reads, the first time and
    /// after; other limits are read anew (and refused as `from_bytes` refuses them).
    #[test]
    fn a_static_workbook_is_read_once_and_the_same() {
        let bytes: &'static [u8] = include_bytes!("../../samples/chi-bo-4-tot.xlsx");
        let limits = ReadLimits::default();
        let fresh = format!("{:?}", Workbook::from_bytes(bytes.to_vec(), "mau.xlsx", &limits).unwrap());
        for _ in 0..2 {
            let cached = Workbook::from_static(bytes, "mau.xlsx", &limits).unwrap();
            assert_eq!(format!("{cached:?}"), fresh);
        }
        let tiny = ReadLimits {
            max_rows: 1,
            ..limits
        };
        assert!(Workbook::from_static(bytes, "mau.xlsx", &tiny).is_err());
        assert!(Workbook::from_bytes(bytes.to_vec(), "mau.xlsx", &tiny).is_err());
    }
}
