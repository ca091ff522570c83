//! Header and key matching: case, diacritics (đ = d), punctuation and whitespace are ignored.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The matching key of a header, sheet name or Thông tin key: "Họ và tên" → "hovaten",
/// "Đoàn kết, kỷ luật tốt" → "doanketkyluattot".
pub fn match_key(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// NFC-normalises and trims a text value; inner runs of spaces and tabs collapse to one space, line
/// breaks are kept (one per line). Invisible characters pasted from the web or Word (zero-width space,
/// byte-order mark, soft hyphen) and control characters are removed.
pub fn clean_text(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    // The text rule documents hold too (NFC, line ends folded, controls and invisible format
    // characters removed).
    let nfc = crate::text::clean(s);
    let lines: Vec<String> = nfc
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.join("\n").trim().to_owned()
}

/// Drops a leading numbering: "I. Chi bộ Tổng hợp" → "Chi bộ Tổng hợp"; "1- Tổng hợp" → "Tổng hợp"; "1.2. Quản trị" → "Quản trị".
pub fn strip_numbering(label: &str) -> String {
    let mut t = clean_text(label);
    while let Some((head, rest)) = t.split_once(['.', '-', ')', '–', ':']) {
        let h = head.trim().trim_start_matches('(');
        let is_number = !h.is_empty()
            && (h.chars().all(|c| c.is_ascii_digit())
                || is_roman(h)
                || (h.chars().count() == 1 && h.chars().all(|c| c.is_ascii_alphabetic())));
        if is_number && !rest.trim().is_empty() {
            t = rest.trim().to_owned();
        } else {
            break;
        }
    }
    t
}

/// "IV", "xii": Roman numerals, all in one case.
pub fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && (s.chars().all(|c| "IVXLC".contains(c)) || s.chars().all(|c| "ivxlc".contains(c)))
}

/// True when [`clean_text`] would return `s` unchanged (the common case, checked without allocating):
/// NFC, single spaces between words, nothing invisible, no line breaks.
fn is_clean(s: &str) -> bool {
    if unicode_normalization::is_nfc_quick(s.chars()) != unicode_normalization::IsNormalized::Yes {
        return false;
    }
    let mut after_space = true;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() || c.is_control() || crate::text::is_unwanted(c) {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
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
    fn keys() {
        assert_eq!(match_key("Họ và tên"), "hovaten");
        assert_eq!(match_key("HỌ VÀ TÊN "), "hovaten");
        assert_eq!(match_key("Đoàn kết, kỷ luật tốt"), "doanketkyluattot");
        assert_eq!(match_key("Thông tin"), match_key("THONG_TIN"));
        // Decomposed input (pasted from a Mac) matches too.
        assert_eq!(match_key("Ho\u{323} va\u{300} te\u{302}n"), "hovaten");
    }

    #[test]
    fn cleans() {
        assert_eq!(clean_text("  Tô  Trọng\tHân "), "Tô Trọng Hân");
        assert_eq!(clean_text("a\r\n b "), "a\nb");
        assert_eq!(clean_text("Ho\u{323}"), "Họ");
        assert_eq!(clean_text(""), "");
        assert_eq!(clean_text("Tô Trọng Hân"), "Tô Trọng Hân");
        assert_eq!(clean_text("Tô  Hân"), "Tô Hân");
        assert_eq!(clean_text("Tô "), "Tô");
        assert!(is_clean("Tô Trọng Hân") && !is_clean(" Tô") && !is_clean("a\nb"));
        assert_eq!(
            clean_text("\u{FEFF}Tô\u{200B} Trọng\u{00A0}Hân\u{7}"),
            "Tô Trọng Hân"
        );
    }
}
