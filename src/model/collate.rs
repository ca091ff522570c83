//! Vietnamese ordering: ICU `vi` collation, and people by tên → tên đệm → họ.

use crate::text::{ToneStyle, apply_tone_style};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::locale;
use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// A Vietnamese collator (ICU4X `vi`, standard variant).
pub struct VnCollator {
    inner: CollatorBorrowed<'static>,
}

impl VnCollator {
    /// Builds the collator from compiled ICU data.
    pub fn new() -> Self {
        let inner = Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .unwrap_or_else(|e| panic!("compiled ICU data has the vi collation: {e}"));
        Self { inner }
    }

    /// Compares two strings in Vietnamese order (a < ă < â, d < đ; tones break ties).
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.inner.compare(a, b)
    }

    /// Compares two full names: tên (last word), then tên đệm (middle words), then họ (first word).
    /// Names are compared in NFC with one tone placement (hòa and hoà, thủy and thuỷ are the same name).
    pub fn compare_names(&self, a: &str, b: &str) -> Ordering {
        let (na, nb) = (name_key(a), name_key(b));
        let (ha, da, ta) = split_name(&na);
        let (hb, db, tb) = split_name(&nb);
        self.compare(ta, tb)
            .then_with(|| self.compare(&da, &db))
            .then_with(|| self.compare(ha, hb))
            .then_with(|| a.cmp(b))
    }

    /// Compares two names given split as the sheet wrote them, (họ đệm, tên): tên first, then họ đệm.
    /// The split is used as given (a tên of two words stays one tên), not re-split from the full name.
    pub fn compare_split_names(&self, a: (&str, &str), b: (&str, &str)) -> Ordering {
        let key = |s: &str| name_key(s.trim());
        let (ha, ta) = (key(a.0), key(a.1));
        let (hb, tb) = (key(b.0), key(b.1));
        self.compare(&ta, &tb)
            .then_with(|| self.compare(&ha, &hb))
            .then_with(|| (a.1, a.0).cmp(&(b.1, b.0)))
    }
}

impl Default for VnCollator {
    fn default() -> Self {
        Self::new()
    }
}

/// A name as compared: NFC, tone marks placed in the new style.
fn name_key(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    apply_tone_style(&nfc, ToneStyle::New)
}

/// Splits "Nguyễn Thị Minh Khai" into ("Nguyễn", "Thị Minh", "Khai"); a one-word name is all tên.
pub fn split_name(full: &str) -> (&str, String, &str) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.len() {
        0 => ("", String::new(), ""),
        1 => ("", String::new(), words[0]),
        n => (words[0], words[1..n - 1].join(" "), words[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letter_and_tone_order() {
        let c = VnCollator::new();
        assert_eq!(c.compare("an", "ăn"), Ordering::Less);
        assert_eq!(c.compare("ăn", "ân"), Ordering::Less);
        assert_eq!(c.compare("dũng", "đức"), Ordering::Less);
        assert_eq!(c.compare("Đức", "Giang"), Ordering::Less);
        assert_eq!(c.compare("ma", "mà"), Ordering::Less);
        assert_eq!(c.compare("mà", "mả"), Ordering::Less);
        assert_eq!(c.compare("mả", "mã"), Ordering::Less);
        assert_eq!(c.compare("mã", "má"), Ordering::Less);
        assert_eq!(c.compare("má", "mạ"), Ordering::Less);
        // Byte order would put "Ánh" after "Yến".
        assert_eq!(c.compare("Ánh", "Yến"), Ordering::Less);
    }

    #[test]
    fn names_by_ten_then_dem_then_ho() {
        let c = VnCollator::new();
        let mut names = vec!["Nguyễn Thị Bình", "Lê Bình", "Trần Văn An"];
        names.sort_by(|a, b| c.compare_names(a, b));
        assert_eq!(names, vec!["Trần Văn An", "Lê Bình", "Nguyễn Thị Bình"]);
    }

    #[test]
    fn a_split_name_is_ordered_by_its_ten_as_given() {
        let c = VnCollator::new();
        // Split from the full name, "Nguyễn Văn Minh Anh" would sort under "Anh"; written as
        // "Nguyễn Văn" | "Minh Anh" its tên is "Minh Anh".
        let mut people = vec![
            ("Nguyễn Văn", "Minh Anh"),
            ("Lê Thị", "Bình"),
            ("Trần", "Hòa"),
            ("Bùi Văn", "Hoà"),
        ];
        people.sort_by(|a, b| c.compare_split_names(*a, *b));
        assert_eq!(
            people,
            vec![
                ("Lê Thị", "Bình"),
                ("Bùi Văn", "Hoà"),
                ("Trần", "Hòa"),
                ("Nguyễn Văn", "Minh Anh"),
            ]
        );
        assert_eq!(
            c.compare_names("Nguyễn Văn Minh Anh", "Lê Thị Bình"),
            Ordering::Less
        );
    }

    #[test]
    fn tone_placement_and_nfd_do_not_change_the_order() {
        let c = VnCollator::new();
        let nfd: String = "Lê Hòa".nfd().collect();
        let mut names = vec!["Trần Hoà", nfd.as_str(), "Bùi Hòa"];
        names.sort_by(|a, b| c.compare_names(a, b));
        assert_eq!(names, vec!["Bùi Hòa", nfd.as_str(), "Trần Hoà"]);
    }
}
