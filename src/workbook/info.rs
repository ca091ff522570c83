//! Reading the "Thông tin" sheet: one key per row, its label in one column and its value in the next.

use super::cell::{DateError, cell_text, parse_date, parse_number};
use super::matching::match_key;
use super::schema::{ColumnKind, InfoKey, SheetId, THONG_TIN, THONG_TIN_HEADER};
use super::{Sheet, cell_ref};
use crate::error::Diagnostic;
use crate::text::Date;
use calamine::Data;
use std::collections::BTreeMap;

/// The "Thông tin" values by key.
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
    let keys: Vec<(&'static InfoKey, String)> = THONG_TIN
        .iter()
        .flat_map(|k| {
            std::iter::once(k.name)
                .chain(k.aliases.iter().copied())
                .map(move |n| (k, match_key(n)))
        })
        .collect();
    let mut reader = InfoReader {
        sheet,
        key_col: key_column(sheet, &keys),
        keys,
        value_header: match_key(THONG_TIN_HEADER[1]),
        seen: BTreeMap::new(),
        out: InfoData::default(),
    };
    for r in 0..sheet.rows.len() {
        reader.row(r, diags);
    }
    for k in THONG_TIN.iter().filter(|k| k.required) {
        if !reader.out.text.contains_key(k.key) {
            diags.push(reader.at(
                Diagnostic::error("thieu_thong_tin", format!("thiếu \"{}\"", k.name)).with_hint(
                    format!("thêm một dòng: cột A \"{}\", cột B giá trị", k.name),
                ),
            ));
        }
    }
    reader.out
}

/// The column holding the labels: column A, unless a column further right holds more known labels
/// ("STT | Mục | Giá trị").
fn key_column(sheet: &Sheet, keys: &[(&InfoKey, String)]) -> usize {
    let known = |t: &str| {
        let k = match_key(t);
        keys.iter().any(|(_, key)| *key == k)
    };
    (0..3)
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
        .0
}

/// The keys that hold names printed in running text as typed (the header prints them in capitals by
/// itself): a name typed all in capitals would print in capitals in the middle of a sentence.
const NAME_KEYS: &[&str] = &["co_quan", "cap_tren", "dia_danh", "nguoi_ky"];

/// True when a text has at least two letters and every letter is a capital ("ĐẢNG ỦY VĂN PHÒNG").
fn all_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// The warning for a name typed all in capitals.
fn capitals_warning(name: &str, value: &str) -> Diagnostic {
    Diagnostic::warning(
        "viet_hoa_toan_bo",
        format!("\"{name}\" viết toàn chữ in hoa: \"{value}\"; lời văn sẽ in nguyên chữ in hoa giữa câu"),
    )
    .with_hint(
        "viết thường, chỉ viết hoa chữ cái đầu của tên riêng (ví dụ \"Đảng ủy Văn phòng Tỉnh ủy\"); phần đầu văn bản tự in hoa tên cơ quan",
    )
}

/// The "Thông tin" sheet being read.
struct InfoReader<'a> {
    sheet: &'a Sheet,
    /// The match key of every label and alias, with its key.
    keys: Vec<(&'static InfoKey, String)>,
    /// The labels' column; values are in the next one.
    key_col: usize,
    /// The match key of the values' header ("Giá trị").
    value_header: String,
    /// The cell each key was read from, by key (a key given twice is an error).
    seen: BTreeMap<&'static str, String>,
    out: InfoData,
}

impl InfoReader<'_> {
    /// A finding placed in this sheet.
    fn at(&self, d: Diagnostic) -> Diagnostic {
        d.in_sheet(SheetId::ThongTin, self.sheet.name.clone())
    }

    /// Reads row r: a known key's value, an unknown label's row kept as extra, a repeated key reported.
    fn row(&mut self, r: usize, diags: &mut Vec<Diagnostic>) {
        let label = cell_text(self.sheet.get(r, self.key_col));
        if label.is_empty() {
            return;
        }
        let raw = self.sheet.get(r, self.key_col + 1);
        let value = cell_text(raw);
        // An optional header row ("Mục | Giá trị") is not data.
        if match_key(&value) == self.value_header {
            return;
        }
        self.out.rows += 1;
        let lk = match_key(&label);
        let Some(&(key, _)) = self.keys.iter().find(|(_, k)| *k == lk) else {
            self.out.extra.push((label, value));
            return;
        };
        let here = cell_ref(r, self.key_col);
        if let Some(prev) = self.seen.get(key.key) {
            let d = Diagnostic::error(
                "khoa_trung",
                format!("\"{}\" ghi hai lần: {prev} và {here}", key.name),
            )
            .at(here)
            .with_hint("giữ một dòng, xóa dòng kia");
            diags.push(self.at(d));
            return;
        }
        self.seen.insert(key.key, here);
        if value.is_empty() {
            return;
        }
        if NAME_KEYS.contains(&key.key) && all_capitals(&value) {
            diags.push(self.at(capitals_warning(key.name, &value).at(cell_ref(r, self.key_col + 1))));
        }
        if let Err(d) = self.store(key, raw, value) {
            diags.push(self.at(d.at(cell_ref(r, self.key_col + 1))));
        }
    }

    /// Stores a key's value by its kind; `Err` with the finding (not yet placed in the sheet) when the
    /// value is not of that kind.
    fn store(
        &mut self,
        key: &'static InfoKey,
        raw: &Data,
        value: String,
    ) -> Result<(), Box<Diagnostic>> {
        match key.kind {
            ColumnKind::Date => match parse_date(raw) {
                Ok(Some(d)) => {
                    self.out.dates.insert(key.key, d);
                }
                Ok(None) => {}
                Err(e) => {
                    let code = if e == DateError::Impossible {
                        "ngay_khong_ton_tai"
                    } else {
                        "gia_tri_khong_hop_le"
                    };
                    return Err(Box::new(
                        Diagnostic::error(
                            code,
                            format!("\"{}\": \"{value}\" không phải một ngày hợp lệ", key.name),
                        )
                        .with_hint("ghi ngày dạng dd/mm/yyyy, ví dụ 29/7/2022"),
                    ));
                }
            },
            ColumnKind::Integer => match parse_number(raw) {
                Some(f) if f.fract() == 0.0 => {
                    self.out.integers.insert(key.key, f as i64);
                }
                _ => {
                    return Err(Box::new(
                        Diagnostic::error(
                            "gia_tri_khong_hop_le",
                            format!("\"{}\": \"{value}\" không phải một số nguyên", key.name),
                        )
                        .with_hint("ghi một số, ví dụ 2022"),
                    ));
                }
            },
            _ => {
                self.out.text.insert(key.key, value);
            }
        }
        Ok(())
    }
}
