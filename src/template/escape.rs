//! Escaping of data values for the syntax they land in: Markdown (template bodies) or TOML basic strings
//! (front matter). Plugged into minijinja as its formatter, so `{{ value }}` is always escaped and only
//! `|safe` opts out.

use crate::ir::LINE_BREAK;
use minijinja::{AutoEscape, Error, Output, State, Value};

/// The auto-escape mode name of template bodies.
pub const MARKDOWN: &str = "md";
/// The auto-escape mode name of front matter.
pub const TOML: &str = "toml";

/// The IR's text rule (`crate::text::clean`: NFC, no controls but tab and newline, no invisible
/// format characters), and the private-use break marker removed so data cannot forge a break.
pub fn clean(s: &str) -> String {
    crate::text::clean(s)
        .chars()
        .filter(|c| *c != LINE_BREAK)
        .collect()
}

/// Escapes text so that Markdown prints it literally: every ASCII punctuation character gets a
/// backslash, a line break becomes the private break marker (an explicit break wherever it lands,
/// table cells included), and leading spaces cannot start a code block.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for line_start in clean(s).split('\n').enumerate() {
        let (i, line) = line_start;
        if i > 0 {
            out.push(LINE_BREAK);
        }
        for c in line.trim_start().chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
                out.push(c);
            } else if c == '\t' {
                out.push(' ');
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Escapes text for the inside of a TOML basic string ("…").
pub fn toml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// The minijinja formatter: none/undefined print nothing; safe values print as they are; everything else
/// is escaped for the template's mode.
pub fn formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let text = value.to_string();
    let escaped = if value.is_safe() {
        text
    } else {
        match state.auto_escape() {
            AutoEscape::Custom(m) if m == MARKDOWN => markdown(&text),
            AutoEscape::Custom(m) if m == TOML => toml(&text),
            _ => text,
        }
    };
    out.write_str(&escaped).map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_all_punctuation() {
        assert_eq!(markdown("a*b_c#"), "a\\*b\\_c\\#");
        assert_eq!(markdown("x\ny"), format!("x{LINE_BREAK}y"));
        assert_eq!(markdown("  1. đầu"), "1\\. đầu");
    }

    #[test]
    fn toml_escapes_quotes_and_backslashes() {
        assert_eq!(toml("a \"q\" \\ b\nc"), "a \\\"q\\\" \\\\ b\\nc");
    }

    #[test]
    fn clean_drops_controls() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{E000}"), "abc");
    }
}
