//! A paragraph's pieces as template text: for the Markdown body (literal text escaped, emphasis as
//! `<b>`/`<i>`/`<u>`, fill lines as `<dong-cham/>`, tags as written) and for a TOML string of the front
//! matter (literal text escaped for TOML, tags as written).

use crate::ir::LINE_BREAK;
use crate::word::{Fmt, Piece, TagKind};

/// A literal `{` as the template engine must see it: printed by a tag, so that it can never join a
/// following tag's `{{` into an opener.
const LITERAL_BRACE: &str = "{{ \"{\" }}";

/// Markdown-escapes literal text: every ASCII punctuation character gets a backslash (so `#`, `*`,
/// `|`, `<`, `1.` print as typed), a tab becomes a space; a check box (☐, or ☒/☑ ticked — typed, or a
/// Wingdings symbol the reader gave as one) becomes the dialect's `<o-trong/>` / `<o-chon/>`.
fn escape_md(s: &str, out: &mut String) {
    for c in s.chars() {
        if c == '{' {
            out.push_str(LITERAL_BRACE);
        } else if c == '☐' {
            out.push_str("<o-trong/>");
        } else if matches!(c, '☒' | '☑') {
            out.push_str("<o-chon/>");
        } else if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\t' || c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// Escapes literal text for the inside of a TOML basic string.
pub(super) fn escape_toml(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '{' => out.push_str(LITERAL_BRACE),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

fn open(fmt: Fmt, out: &mut String) {
    if fmt.bold {
        out.push_str("<b>");
    }
    if fmt.italic {
        out.push_str("<i>");
    }
    if fmt.underline {
        out.push_str("<u>");
    }
}

fn close(fmt: Fmt, out: &mut String) {
    if fmt.underline {
        out.push_str("</u>");
    }
    if fmt.italic {
        out.push_str("</i>");
    }
    if fmt.bold {
        out.push_str("</b>");
    }
}

/// How a paragraph's emphasis is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Emphasis {
    /// As the runs have it.
    Keep,
    /// Dropped (a heading, whose emphasis the profile sets).
    Drop,
}

/// The pieces as one line of Markdown (breaks as the private break character, so the line stays one
/// line). Leading and trailing spaces are trimmed.
pub(super) fn markdown(pieces: &[Piece], emphasis: Emphasis) -> String {
    let mut out = String::new();
    let mut current = Fmt::default();
    let set = |out: &mut String, current: &mut Fmt, fmt: Fmt| {
        let fmt = if emphasis == Emphasis::Drop {
            Fmt::default()
        } else {
            fmt
        };
        if *current != fmt {
            close(*current, out);
            open(fmt, out);
            *current = fmt;
        }
    };
    for p in pieces {
        match p {
            Piece::Text(t, fmt) => {
                // Spaces stay outside emphasis (CommonMark-proof, and what Word shows).
                let lead = t.len() - t.trim_start().len();
                let core = t.trim();
                let trail = t.len() - t.trim_end().len();
                if core.is_empty() {
                    out.push_str(&" ".repeat(t.chars().count().min(1)));
                    continue;
                }
                if lead > 0 {
                    set(&mut out, &mut current, Fmt::default());
                    out.push(' ');
                }
                set(&mut out, &mut current, *fmt);
                escape_md(core, &mut out);
                if trail > 0 {
                    set(&mut out, &mut current, Fmt::default());
                    out.push(' ');
                }
            }
            Piece::Tag(tag) => match tag.kind {
                TagKind::Expr => {
                    set(&mut out, &mut current, tag.fmt);
                    out.push_str(&tag.source);
                }
                TagKind::Stmt => out.push_str(&tag.source),
                TagKind::Comment => {}
            },
            Piece::Tab => out.push(' '),
            Piece::Fill => {
                set(&mut out, &mut current, Fmt::default());
                out.push_str("<dong-cham/>");
            }
            Piece::LineBreak | Piece::PageBreak => out.push(LINE_BREAK),
            Piece::Picture(n) => {
                set(&mut out, &mut current, Fmt::default());
                out.push_str(&picture_tag(*n));
            }
        }
    }
    set(&mut out, &mut current, Fmt::default());
    let trimmed = out.trim_matches(|c: char| c == ' ' || c == LINE_BREAK);
    trimmed.to_owned()
}

/// The pieces as the inside of a TOML basic string (emphasis dropped: the profile styles these
/// lines), breaks as `\n`.
pub(super) fn toml(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t, _) => escape_toml(t, &mut out),
            Piece::Tag(tag) if tag.kind != TagKind::Comment => out.push_str(&tag.source),
            Piece::Tag(_) => {}
            Piece::Tab | Piece::Fill => out.push(' '),
            Piece::LineBreak | Piece::PageBreak => out.push_str("\\n"),
            // A picture in a line of the front matter (a header, a signature) does not print.
            Piece::Picture(_) => {}
        }
    }
    out.trim().to_owned()
}

/// The dialect's tag for the picture at `index` (from 0): `<anh so="1"/>`.
pub(super) fn picture_tag(index: usize) -> String {
    format!("<anh so=\"{}\"/>", index + 1)
}

/// Whether the first text of the pieces is bold (a label's sign in a signature block).
pub(super) fn starts_bold(pieces: &[Piece]) -> bool {
    pieces.iter().find_map(|p| match p {
        Piece::Text(t, f) if !t.trim().is_empty() => Some(f.bold),
        Piece::Tag(t) if t.kind == TagKind::Expr => Some(t.fmt.bold),
        _ => None,
    }) == Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::word::Tag;

    const B: Fmt = Fmt {
        bold: true,
        italic: false,
        underline: false,
    };

    fn tag(s: &str, fmt: Fmt) -> Piece {
        Piece::Tag(Tag {
            kind: TagKind::Expr,
            source: s.into(),
            fmt,
        })
    }

    #[test]
    fn literal_text_is_escaped_and_emphasis_wraps_a_tag_without_spaces() {
        let p = vec![
            Piece::Text("Đồng chí ".into(), Fmt::default()),
            tag("{{ dv.ho_ten }}", B),
            Piece::Text(", *1. #x* |".into(), Fmt::default()),
            Piece::Fill,
        ];
        assert_eq!(
            markdown(&p, Emphasis::Keep),
            "Đồng chí <b>{{ dv.ho_ten }}</b>\\, \\*1\\. \\#x\\* \\|<dong-cham/>"
        );
        assert_eq!(toml(&p[..3]), "Đồng chí {{ dv.ho_ten }}, *1. #x* |");
    }

    #[test]
    fn bold_text_keeps_its_spaces_outside() {
        let p = vec![Piece::Text(" Họ tên: ".into(), B), tag("{{ x }}", Fmt::default())];
        assert_eq!(markdown(&p, Emphasis::Keep), "<b>Họ tên\\:</b> {{ x }}");
        assert_eq!(markdown(&p, Emphasis::Drop), "Họ tên\\: {{ x }}");
    }
}
