//! Tone-mark placement on "oa, oe, uy": new style (hòa, ủy) or old style (hoà, uỷ).

use serde::{Deserialize, Serialize};

/// Where tone marks sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToneStyle {
    /// On the main vowel: hòa, thủy, ủy (Nghị định 30, the default).
    New,
    /// On the last vowel: hoà, thuỷ, uỷ (36-HD samples).
    Old,
}

/// Pairs (new, old) for the open syllables oa, oe, uy with each tone, lower and upper case.
const PAIRS: &[(&str, &str)] = &[
    ("òa", "oà"),
    ("óa", "oá"),
    ("ỏa", "oả"),
    ("õa", "oã"),
    ("ọa", "oạ"),
    ("òe", "oè"),
    ("óe", "oé"),
    ("ỏe", "oẻ"),
    ("õe", "oẽ"),
    ("ọe", "oẹ"),
    ("ùy", "uỳ"),
    ("úy", "uý"),
    ("ủy", "uỷ"),
    ("ũy", "uỹ"),
    ("ụy", "uỵ"),
    ("ÒA", "OÀ"),
    ("ÓA", "OÁ"),
    ("ỎA", "OẢ"),
    ("ÕA", "OÃ"),
    ("ỌA", "OẠ"),
    ("ÒE", "OÈ"),
    ("ÓE", "OÉ"),
    ("ỎE", "OẺ"),
    ("ÕE", "OẼ"),
    ("ỌE", "OẸ"),
    ("ÙY", "UỲ"),
    ("ÚY", "UÝ"),
    ("ỦY", "UỶ"),
    ("ŨY", "UỸ"),
    ("ỤY", "UỴ"),
    ("Òa", "Oà"),
    ("Óa", "Oá"),
    ("Ỏa", "Oả"),
    ("Õa", "Oã"),
    ("Ọa", "Oạ"),
    ("Ùy", "Uỳ"),
    ("Úy", "Uý"),
    ("Ủy", "Uỷ"),
    ("Ũy", "Uỹ"),
    ("Ụy", "Uỵ"),
];

/// Rewrites NFC text to the given tone style. Only open syllables change: a following consonant or
/// vowel ("hoàng", "khuyên", "quý" before a letter) keeps the mark where both styles put it.
pub fn apply_tone_style(text: &str, style: ToneStyle) -> String {
    // A pair to rewrite starts with o, u (old style) or a toned o, u (new style); other characters
    // are copied without looking the pairs up.
    let candidate = |c: char| first_of_pair(c, style);
    if !text.chars().any(candidate) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len() && candidate(chars[i]) {
            let (a, b) = (chars[i], chars[i + 1]);
            let found = PAIRS.iter().find_map(|(new, old)| {
                let (from, to) = match style {
                    ToneStyle::Old => (new, old),
                    ToneStyle::New => (old, new),
                };
                let mut it = from.chars();
                (it.next() == Some(a) && it.next() == Some(b)).then_some(*to)
            });
            if let Some(rep) = found {
                let next_is_letter = chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
                let prev_is_q = i > 0 && matches!(chars[i - 1], 'q' | 'Q');
                if !next_is_letter && !prev_is_q {
                    out.push_str(rep);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Whether `c` can start a pair that `style` rewrites (the first characters of [`PAIRS`]).
fn first_of_pair(c: char, style: ToneStyle) -> bool {
    match style {
        ToneStyle::New => matches!(c, 'o' | 'u' | 'O' | 'U'),
        ToneStyle::Old => matches!(
            c,
            'ò' | 'ó'
                | 'ỏ'
                | 'õ'
                | 'ọ'
                | 'ù'
                | 'ú'
                | 'ủ'
                | 'ũ'
                | 'ụ'
                | 'Ò'
                | 'Ó'
                | 'Ỏ'
                | 'Õ'
                | 'Ọ'
                | 'Ù'
                | 'Ú'
                | 'Ủ'
                | 'Ũ'
                | 'Ụ'
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_characters_match_the_pairs() {
        for (new, old) in PAIRS {
            assert!(
                first_of_pair(new.chars().next().unwrap(), ToneStyle::Old),
                "{new}"
            );
            assert!(
                first_of_pair(old.chars().next().unwrap(), ToneStyle::New),
                "{old}"
            );
        }
    }

    #[test]
    fn converts_open_syllables_both_ways() {
        assert_eq!(
            apply_tone_style("ĐẢNG ỦY, hòa bình, thủy lợi", ToneStyle::Old),
            "ĐẢNG UỶ, hoà bình, thuỷ lợi"
        );
        assert_eq!(
            apply_tone_style("ĐẢNG UỶ, hoà bình, thuỷ lợi", ToneStyle::New),
            "ĐẢNG ỦY, hòa bình, thủy lợi"
        );
    }

    #[test]
    fn leaves_closed_syllables_and_qu() {
        assert_eq!(
            apply_tone_style("hoàng, khuyến, quý, quỳnh", ToneStyle::Old),
            "hoàng, khuyến, quý, quỳnh"
        );
    }
}
