//! The wording of numbers the layout writes: heading numbers ("I.", "1.", "a)"), article labels
//! ("Điều 1."), appendix labels, and the document number ("Số 09-KH/ĐU") from the profile's pattern.

use super::fix_inlines;
use crate::ir::{DocNumber, Inline};
use crate::profile::{HeadingStyle, Numbering, Profile};

/// The number line's text from a pattern ("Số {so}-{loai}/{ky_hieu}"); an empty number takes `blank`.
pub(super) fn number_text(pattern: &str, n: &DocNumber, blank: &str) -> String {
    let so =
        n.so.as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(blank);
    pattern
        .replace("{so}", so)
        .replace("{loai}", &n.loai)
        .replace("{ky_hieu}", &n.ky_hieu)
}

/// An article's runs: the label "Điều n." (bold per the profile), a space, then the content (bold per the
/// profile, or as written).
pub(super) fn article_runs(n: u32, content: &[Inline], profile: &Profile) -> Vec<Inline> {
    let st = &profile.article;
    let mut runs = vec![Inline::styled(
        format!("{} ", st.label_pattern.replace("{n}", &n.to_string())),
        st.label_bold,
        false,
    )];
    runs.extend(
        fix_inlines(content, profile, false)
            .into_iter()
            .map(|r| match r {
                Inline::Text {
                    text,
                    bold,
                    italic,
                    underline,
                } => Inline::Text {
                    text,
                    bold: bold || st.content_bold,
                    italic,
                    underline,
                },
                other => other,
            }),
    );
    runs
}

/// "I.", "1.", "a)" for the n-th heading of a level (n from 1).
pub fn heading_number(style: &HeadingStyle, n: u32) -> String {
    let num = match style.numbering {
        Numbering::UpperRoman => roman(n),
        Numbering::Decimal => n.to_string(),
        Numbering::LowerAlphaVi => alpha_vi(n),
        Numbering::None => return String::new(),
    };
    format!("{num}{}", style.suffix)
}

pub(super) fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn alpha_vi(n: u32) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    let i = (n.max(1) - 1) as usize;
    let base = LETTERS[i % LETTERS.len()];
    base.repeat(i / LETTERS.len() + 1)
}
