//! The text invariant of everything vanban reads and writes: NFC, no control character but tab and
//! newline, no invisible format character. The workbook reader cleans cell text with it, the template
//! stage cleans data values, and the IR establishes it on every string of a document.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// True for a character that has no place in a document's text: control characters (C0, DEL, C1) other
/// than tab and newline; every Unicode format character (`Cf`: zero-width space and joiners, word joiner,
/// byte-order mark, soft hyphen, bidirectional embeddings and overrides that reorder what is shown,
/// invisible operators, tag characters); and U+FFFE, U+FFFF, which XML forbids.
pub fn is_unwanted(c: char) -> bool {
    if c == '\t' || c == '\n' {
        return false;
    }
    // The common letters answered without the category table: below U+0600 the one format character
    // is the soft hyphen, and Latin Extended Additional (Vietnamese letters with tone marks) has none.
    let n = u32::from(c);
    if n < 0x600 {
        return c.is_control() || n == 0xAD;
    }
    if (0x1E00..0x1F00).contains(&n) {
        return false;
    }
    unwanted_by_category(c)
}

/// [`is_unwanted`] for a character other than tab and newline, answered from Unicode's category table.
fn unwanted_by_category(c: char) -> bool {
    c.is_control()
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
        || c.general_category() == GeneralCategory::Format
}

/// `text` in NFC; most text is already, and the quick check spares it the full normalisation.
pub fn nfc(text: String) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// A line break in any of its spellings (`\r\n`, `\r`, U+2028, U+2029) becomes `\n`; unwanted
/// characters ([`is_unwanted`]) are removed; the result is NFC. Borrows when the text is already clean.
pub fn clean(text: &str) -> Cow<'_, str> {
    let breaks = |c: char| matches!(c, '\r' | '\u{2028}' | '\u{2029}');
    let nfc = text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes;
    if nfc && !text.chars().any(|c| breaks(c) || is_unwanted(c)) {
        return Cow::Borrowed(text);
    }
    let folded = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    // Normalise after filtering: a removed character between a letter and its combining mark must not
    // keep them apart.
    Cow::Owned(folded.chars().filter(|&c| !is_unwanted(c)).nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_answers_agree_with_the_category_table() {
        let slow = |c: char| !matches!(c, '\t' | '\n') && unwanted_by_category(c);
        for c in ('\0'..='\u{2FFF}').chain(['\u{FEFF}', '\u{FFFE}', '\u{E0001}']) {
            assert_eq!(is_unwanted(c), slow(c), "{:04X}", u32::from(c));
        }
    }

    /// Every character the invariant excludes: C0 but tab and newline, DEL, C1, and invisible format
    /// characters.
    fn unwanted() -> Vec<char> {
        let mut v: Vec<char> = ('\u{0}'..='\u{1F}')
            .chain('\u{7F}'..='\u{9F}')
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        v.extend([
            '\u{00AD}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{E0001}',
        ]);
        v
    }

    #[test]
    fn removes_controls_and_invisibles_and_normalises() {
        for c in unwanted() {
            assert!(is_unwanted(c), "{:04X}", c as u32);
            assert_eq!(clean(&format!("a{c}b")), "ab", "{:04X}", c as u32);
        }
        assert_eq!(clean("x\r\ny\rz\u{2028}w\u{2029}v"), "x\ny\nz\nw\nv");
        assert_eq!(clean("a\tb\nc"), "a\tb\nc");
        // "ệ" decomposed (e + dot below + circumflex) becomes one precomposed letter, also when a
        // zero-width space sat between the letter and its marks.
        assert_eq!(clean("Vi\u{0065}\u{0323}\u{0302}t"), "Vi\u{1EC7}t");
        assert_eq!(clean("Vi\u{0065}\u{200B}\u{0323}\u{0302}t"), "Vi\u{1EC7}t");
        assert!(matches!(clean("Nguyễn Văn An"), Cow::Borrowed(_)));
        assert_eq!(clean("# $ * _ < > & @ \\ |"), "# $ * _ < > & @ \\ |");
        // Visible characters stay: letters, punctuation, spaces of every width, emoji modifiers.
        for keep in ['đ', 'Ư', '“', '–', '\u{00A0}', '\u{2009}', '\u{0301}'] {
            assert!(!is_unwanted(keep), "{:04X}", keep as u32);
        }
    }
}
