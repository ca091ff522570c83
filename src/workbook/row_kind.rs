//! What a row below the header is: blank, a total, the column numbers, a group title or a record.

use super::matching::{is_roman, match_key, strip_numbering};
use super::schema::SheetSchema;

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

/// "1", "12.", "3)": an Arabic number, as a record's STT is written.
fn is_arabic_number(t: &str) -> bool {
    let core = t.trim().trim_end_matches(['.', ')']);
    !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
}

/// What a row below the header is.
#[derive(Debug, PartialEq)]
pub(super) enum RowKind {
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

/// What a row is, from its non-empty cells (column, text); `name_col` is the sheet column of the name,
/// `right_after_header` is true until the first non-blank row below the header.
pub(super) fn classify(
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

#[cfg(test)]
mod tests {
    use super::*;

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
