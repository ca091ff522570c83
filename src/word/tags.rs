//! A paragraph's runs → its pieces: text by emphasis, template tags made whole, tabs, breaks and fill
//! lines.
//!
//! Word splits typed text into runs wherever it likes (a spell-check mark, a language or formatting
//! change, a bookmark, a revision id), so the runs' characters are taken as one sequence and the tags
//! found in it: each tag, whole, takes the emphasis of the run holding its opening delimiter, in one
//! ordered pass (two tags sharing a run, `}} và {{`, are two tags). Inside a tag, Word's smart quotes and
//! non-breaking spaces are made plain. Outside tags, text is made NFC.

use super::{Fmt, Piece, Place, ReadError, Tag, TagKind};
use unicode_normalization::UnicodeNormalization;

/// One unit of a paragraph's runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Atom {
    /// A typed character with its run's emphasis.
    Char(char, Fmt),
    /// A tab; `leader` when the paragraph has a tab stop with a dotted or underscore leader.
    Tab {
        /// The tab reaches a leader tab stop.
        leader: bool,
    },
    /// A line break.
    LineBreak,
    /// A page break.
    PageBreak,
    /// A picture: the index of the body's picture.
    Picture(usize),
}

/// The shortest run of dots or underscores typed to the end of a line that is a fill line (an ellipsis
/// counts three).
const FILL_MIN: usize = 10;

/// The pieces of a paragraph's atoms; an unclosed tag is an error at `place`.
pub(super) fn pieces(atoms: &[Atom], place: Place) -> Result<Vec<Piece>, ReadError> {
    let mut out: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        match atoms[i] {
            Atom::Char('{', fmt) => {
                if let Some(kind) = opener(atoms.get(i + 1)) {
                    let (source, next) = tag_source(atoms, i, kind).ok_or_else(|| unclosed(atoms, i, kind, place))?;
                    if kind != TagKind::Comment {
                        out.push(Piece::Tag(Tag { kind, source, fmt }));
                    }
                    i = next;
                    continue;
                }
                push_char(&mut out, '{', fmt);
            }
            Atom::Char(c, fmt) => push_char(&mut out, c, fmt),
            Atom::Tab { leader: true } => out.push(Piece::Fill),
            Atom::Tab { leader: false } => out.push(Piece::Tab),
            Atom::LineBreak => out.push(Piece::LineBreak),
            Atom::PageBreak => out.push(Piece::PageBreak),
            Atom::Picture(n) => out.push(Piece::Picture(n)),
        }
        i += 1;
    }
    for p in &mut out {
        if let Piece::Text(t, _) = p
            && !t.is_ascii()
        {
            *t = t.nfc().collect();
        }
    }
    Ok(typed_fills(out))
}

fn push_char(out: &mut Vec<Piece>, c: char, fmt: Fmt) {
    match out.last_mut() {
        Some(Piece::Text(t, f)) if *f == fmt => t.push(c),
        _ => out.push(Piece::Text(c.to_string(), fmt)),
    }
}

/// The tag kind a `{` followed by this atom opens.
fn opener(next: Option<&Atom>) -> Option<TagKind> {
    match next {
        Some(Atom::Char('{', _)) => Some(TagKind::Expr),
        Some(Atom::Char('%', _)) => Some(TagKind::Stmt),
        Some(Atom::Char('#', _)) => Some(TagKind::Comment),
        _ => None,
    }
}

fn closer(kind: TagKind) -> char {
    match kind {
        TagKind::Expr => '}',
        TagKind::Stmt => '%',
        TagKind::Comment => '#',
    }
}

/// A character of a tag as the template engine must see it: Word's smart quotes and non-breaking or
/// other special spaces made plain.
fn plain(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\t' => ' ',
        c => c,
    }
}

/// Text as the template engine must see it: smart quotes and special spaces made plain (for values a
/// user types as expressions, such as the Thông số table's `chon`).
pub fn plain_quotes(s: &str) -> String {
    s.chars().map(plain).collect()
}

/// The tag starting at `start` (its `{`), made plain, and the index after it; `None` when it is not
/// closed in the paragraph. A closing delimiter inside a quoted string does not close it.
fn tag_source(atoms: &[Atom], start: usize, kind: TagKind) -> Option<(String, usize)> {
    let close = closer(kind);
    let mut source = String::from("{");
    let mut quote: Option<char> = None;
    let mut i = start + 1;
    let mut prev: Option<char> = None;
    while i < atoms.len() {
        let c = match atoms[i] {
            Atom::Char(c, _) => plain(c),
            // A break or tab inside a tag is only space to the template engine.
            _ => ' ',
        };
        source.push(c);
        if i > start + 1 {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if (c == '"' || c == '\'') && kind != TagKind::Comment => quote = Some(c),
                None if c == '}' && prev == Some(close) => {
                    return Some((source.nfc().collect(), i + 1));
                }
                None => {}
            }
        }
        prev = Some(c);
        i += 1;
    }
    None
}

fn unclosed(atoms: &[Atom], start: usize, kind: TagKind, place: Place) -> ReadError {
    let around: String = atoms[start..]
        .iter()
        .filter_map(|a| match a {
            Atom::Char(c, _) => Some(*c),
            _ => None,
        })
        .take(40)
        .collect();
    let (open, close) = match kind {
        TagKind::Expr => ("{{", "}}"),
        TagKind::Stmt => ("{%", "%}"),
        TagKind::Comment => ("{#", "#}"),
    };
    ReadError::Content {
        place,
        message: format!("thẻ mở {open} không có {close} đóng trong cùng đoạn: \"{around}\""),
        hint: format!("gõ đủ {open} … {close} trong một đoạn văn; một thẻ không được xuống dòng"),
    }
}

/// Dots or underscores typed to the end of a line become a fill line: a run of at least [`FILL_MIN`]
/// at the end of a text piece followed by the end of the paragraph or a break.
fn typed_fills(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let n = pieces.len();
    for (i, p) in pieces.into_iter().enumerate() {
        let at_line_end = i + 1 == n;
        match p {
            Piece::Text(t, fmt) if at_line_end => {
                let (keep, fill) = split_fill(&t);
                if fill {
                    if !keep.is_empty() {
                        out.push(Piece::Text(keep.to_owned(), fmt));
                    }
                    out.push(Piece::Fill);
                } else {
                    out.push(Piece::Text(t, fmt));
                }
            }
            p => out.push(p),
        }
    }
    // A fill before a break: the same rule, line by line.
    let mut result: Vec<Piece> = Vec::with_capacity(out.len());
    for p in out {
        if matches!(p, Piece::LineBreak | Piece::PageBreak)
            && let Some(Piece::Text(t, fmt)) = result.last().cloned()
        {
            let (keep, fill) = split_fill(&t);
            if fill {
                result.pop();
                if !keep.is_empty() {
                    result.push(Piece::Text(keep.to_owned(), fmt));
                }
                result.push(Piece::Fill);
            }
        }
        result.push(p);
    }
    result
}

/// The text before a trailing run of fill characters, and whether that run is long enough to be a fill.
fn split_fill(t: &str) -> (&str, bool) {
    let trimmed = t.trim_end();
    let mut weight = 0;
    let mut cut = trimmed.len();
    for (idx, c) in trimmed.char_indices().rev() {
        match c {
            '.' | '_' | '·' => weight += 1,
            '…' => weight += 3,
            _ => break,
        }
        cut = idx;
    }
    if weight >= FILL_MIN {
        (trimmed[..cut].trim_end(), true)
    } else {
        (t, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Fmt = Fmt {
        bold: true,
        italic: false,
        underline: false,
    };
    const N: Fmt = Fmt {
        bold: false,
        italic: false,
        underline: false,
    };

    fn atoms(parts: &[(&str, Fmt)]) -> Vec<Atom> {
        parts
            .iter()
            .flat_map(|(s, f)| s.chars().map(move |c| Atom::Char(c, *f)))
            .collect()
    }

    fn tags(p: &[Piece]) -> Vec<(String, Fmt)> {
        p.iter()
            .filter_map(|x| match x {
                Piece::Tag(t) => Some((t.source.clone(), t.fmt)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_tag_split_over_runs_is_whole_and_takes_the_opening_runs_emphasis() {
        // "{{ dv." in bold, "ho_" plain, "ten }}" italic: Word split it at spell-check marks.
        let a = atoms(&[("Đồng chí ", N), ("{", B), ("{ dv.", B), ("ho_", N), ("ten }}", N), (".", N)]);
        let p = pieces(&a, Place::Paragraph(1)).unwrap();
        assert_eq!(tags(&p), vec![("{{ dv.ho_ten }}".to_owned(), B)]);
        assert_eq!(p[0], Piece::Text("Đồng chí ".into(), N));
        assert_eq!(p[2], Piece::Text(".".into(), N));
    }

    #[test]
    fn two_tags_sharing_a_run_are_two_tags() {
        let a = atoms(&[("{{ a }} và {{ b }}", N)]);
        let p = pieces(&a, Place::Paragraph(1)).unwrap();
        assert_eq!(tags(&p).len(), 2);
        assert_eq!(p[1], Piece::Text(" và ".into(), N));
    }

    #[test]
    fn smart_quotes_and_non_breaking_spaces_inside_a_tag_are_plain() {
        let a = atoms(&[("{%\u{a0}if dv.xep_loai == \u{2018}xuat_sac\u{2019} %}", N)]);
        let p = pieces(&a, Place::Paragraph(1)).unwrap();
        assert_eq!(tags(&p)[0].0, "{% if dv.xep_loai == 'xuat_sac' %}");
        let a = atoms(&[("{{ x|replace(\u{201c}Đảng bộ\u{201d}, \u{201c}}}\u{201d}) }}", N)]);
        let p = pieces(&a, Place::Paragraph(1)).unwrap();
        assert_eq!(tags(&p)[0].0, "{{ x|replace(\"Đảng bộ\", \"}}\") }}");
    }

    #[test]
    fn decomposed_text_outside_tags_is_nfc() {
        // "Đảng" with combining marks (a VNI/Unikey setting).
        let decomposed = "Đa\u{309}ng";
        let p = pieces(&atoms(&[(decomposed, N)]), Place::Paragraph(1)).unwrap();
        assert_eq!(p, vec![Piece::Text("Đảng".into(), N)]);
    }

    #[test]
    fn an_unclosed_tag_is_an_error_with_its_place() {
        let e = pieces(&atoms(&[("Họ tên: {{ dv.ho_ten", N)]), Place::Paragraph(12)).unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("đoạn 12:"), "{text}");
        assert!(text.contains("{{ dv.ho_ten"), "{text}");
    }

    #[test]
    fn comments_vanish_and_a_lone_brace_is_text() {
        let p = pieces(&atoms(&[("a {# ghi chú #}b { c }", N)]), Place::Paragraph(1)).unwrap();
        assert_eq!(p, vec![Piece::Text("a b { c }".into(), N)]);
    }

    #[test]
    fn dots_typed_to_the_end_and_leader_tabs_are_fill_lines() {
        let mut a = atoms(&[("Họ và tên: ……………………", N)]);
        a.push(Atom::LineBreak);
        a.extend(atoms(&[("Ngày …/…/…", N)]));
        a.push(Atom::Tab { leader: true });
        let p = pieces(&a, Place::Paragraph(1)).unwrap();
        assert_eq!(
            p,
            vec![
                Piece::Text("Họ và tên:".into(), N),
                Piece::Fill,
                Piece::LineBreak,
                Piece::Text("Ngày …/…/…".into(), N),
                Piece::Fill,
            ]
        );
    }
}
