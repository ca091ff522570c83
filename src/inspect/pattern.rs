//! Reading a line against a profile's pattern ("Số {so}-{loai}/{ky_hieu}", "{dia_danh}, ngày {ngay}
//! tháng {thang} năm {nam}"): the literal parts exactly as written, each placeholder's text by its kind.

use std::collections::BTreeMap;

enum Piece<'a> {
    Lit(&'a str),
    Var(&'a str),
}

fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Lit(&rest[..open]));
        }
        let Some(close) = rest[open..].find('}') else {
            out.push(Piece::Lit(&rest[open..]));
            return out;
        };
        out.push(Piece::Var(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest));
    }
    out
}

/// The placeholders' texts when `text` is written as `pattern` says, else `None`. Literal parts must be
/// exact; a placeholder takes the text up to the next literal part.
pub(super) fn read<'t>(pattern: &str, text: &'t str) -> Option<BTreeMap<String, &'t str>> {
    let ps = pieces(pattern);
    let mut out = BTreeMap::new();
    let mut rest = text;
    for (i, p) in ps.iter().enumerate() {
        match p {
            Piece::Lit(l) => rest = rest.strip_prefix(l)?,
            Piece::Var(name) => {
                let end = match ps.get(i + 1) {
                    Some(Piece::Lit(next)) => rest.find(next)?,
                    _ => rest.len(),
                };
                out.insert((*name).to_owned(), &rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(out)
}

/// True when every placeholder's text is of its kind: `so` digits (or blank, to fill by hand), `loai`
/// and `ky_hieu` letters, digits and hyphens, `ngay` two digits, `thang` as the date line writes a
/// month (two digits for 1 and 2, none before 3–12), `nam` four digits (a blank date's day and month
/// are spaces).
pub(super) fn well_formed(parts: &BTreeMap<String, &str>) -> bool {
    parts.iter().all(|(k, v)| {
        let blank = !v.is_empty() && v.chars().all(|c| c == ' ' || c == '\u{a0}');
        match k.as_str() {
            "so" => blank || (!v.is_empty() && v.chars().all(|c| c.is_ascii_digit())),
            "loai" | "ky_hieu" => {
                !v.is_empty()
                    && v.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && !v.starts_with('-')
            }
            "ngay" => blank || (v.len() == 2 && v.chars().all(|c| c.is_ascii_digit())),
            "thang" => {
                blank
                    || match v.parse::<u32>() {
                        Ok(m @ 1..=2) => v.len() == 2 && m > 0,
                        Ok(3..=12) => !v.starts_with('0'),
                        _ => false,
                    }
            }
            "nam" => {
                v.len() == 4 && v.chars().all(|c| c.is_ascii_digit())
                    || v.trim_start_matches("20").trim().is_empty()
            }
            "dia_danh" => !v.trim().is_empty() && !v.ends_with(' '),
            _ => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_are_read_by_their_pattern() {
        let party = "Số {so}-{loai}/{ky_hieu}";
        let p = read(party, "Số 09-KH/ĐU").unwrap();
        assert_eq!(p["so"], "09");
        assert!(well_formed(&p));
        assert!(read(party, "Số: 09-KH/ĐU").is_none_or(|p| !well_formed(&p)));
        assert!(read(party, "Số       -KH/ĐU").is_some_and(|p| well_formed(&p)));
        let state = "Số: {so}/{loai}-{ky_hieu}";
        assert!(read(state, "Số: 09/KH-UBND").is_some_and(|p| well_formed(&p)));
        assert!(read(state, "Số 09/KH-UBND").is_none());
        let date = "{dia_danh}, ngày {ngay} tháng {thang} năm {nam}";
        for ok in [
            "Vĩnh Phúc, ngày 29 tháng 7 năm 2022",
            "Hà Nội, ngày 05 tháng 01 năm 2020",
            "Hà Nội, ngày       tháng       năm 20    ",
        ] {
            assert!(read(date, ok).is_some_and(|p| well_formed(&p)), "{ok}");
        }
        for bad in [
            "Vĩnh Phúc, ngày 5 tháng 7 năm 2022",
            "Vĩnh Phúc, ngày 29 tháng 07 năm 2022",
            "Vĩnh Phúc, ngày 29 tháng 1 năm 2022",
            "Vĩnh Phúc ngày 29 tháng 7 năm 2022",
        ] {
            assert!(!read(date, bad).is_some_and(|p| well_formed(&p)), "{bad}");
        }
    }
}
