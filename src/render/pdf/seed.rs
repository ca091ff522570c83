//! The glyphs every embedded font subset starts with.
//!
//! A PDF embeds, for each face it uses, a subset of the font: by default the glyphs that document uses,
//! so every form of a batch carries a slightly different subset that Typst's PDF writer must subset,
//! measure and compress again (43 % of the instructions of a one-page PDF, callgrind). With a seed, each
//! subset holds the glyphs of a fixed Vietnamese repertoire first, then any other glyph the document
//! uses. Documents inside the repertoire (nearly all) then embed identical subsets, made once per
//! process and reused, and a document gets the same bytes alone (`render`) as in a batch.
//!
//! Only the regular and bold faces are seeded: they carry the text that changes from form to form
//! (names, units, numbers). Italic text (dates, notes, "Kèm theo …") is fixed text of the kind, so its
//! subset repeats anyway; seeding it would only add bytes. The seeded subsets make a one-page form
//! about a third larger (52 → 70 KB); the measurements are in the README (Performance).

use unicode_normalization::UnicodeNormalization;

/// Vowels, with their hats and horns, that take the five tone marks.
const VOWELS: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
/// The combining tone marks: sắc, huyền, hỏi, ngã, nặng.
const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];
/// Punctuation of Vietnamese administrative text beyond ASCII.
const PUNCTUATION: &str = "đĐ–—‘’“”…";

/// The repertoire, in a fixed order: printable ASCII, the Vietnamese letters with a tone mark (NFC,
/// upper and lower case), then the punctuation.
pub(super) fn repertoire() -> String {
    let mut seed: String = (' '..='~').collect();
    for vowel in VOWELS.chars() {
        for tone in TONES {
            seed.extend([vowel, tone].into_iter().nfc());
        }
    }
    seed.push_str(&VOWELS.chars().filter(|c| !c.is_ascii()).collect::<String>());
    seed.push_str(PUNCTUATION);
    seed
}

/// The faces whose subsets are seeded (PostScript names of the embedded Liberation Serif).
const SEEDED_FACES: [&str; 2] = ["LiberationSerif", "LiberationSerif-Bold"];

/// Makes every later PDF of this process start its regular and bold subsets with the repertoire.
pub(super) fn install() {
    krilla::text::set_subset_seed(Some(&repertoire()), &SEEDED_FACES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn repertoire_holds_every_vietnamese_letter_once_each_one_precomposed_char() {
        let seed = repertoire();
        let chars: Vec<char> = seed.chars().collect();
        let unique: HashSet<char> = chars.iter().copied().collect();
        assert_eq!(unique.len(), chars.len(), "no duplicates");
        // Printable ASCII, 12 vowels × 5 tones × 2 cases, ă â ê ô ơ ư in both cases, the punctuation.
        assert_eq!(chars.len(), 95 + 120 + 12 + 9);
        for word in [
            "Nguyễn", "ĐẢNG", "Việt", "cộng", "hưởng", "TỈNH", "Ứng", "ỷ", "Ỹ",
        ] {
            assert!(word.chars().all(|c| unique.contains(&c)), "{word}");
        }
        assert!(seed.nfc().eq(seed.chars()), "already NFC");
    }
}
