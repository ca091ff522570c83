//! A kind's front matter as written — TOML with template tags, and statement lines (`{% if %}`,
//! `{% set %}`) between keys and array items — read line by line into sections and items, without
//! filling it: the exporter places each key where a Word template shows it.

/// One array item: a string (its TOML escapes undone) or a statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    /// A string.
    Str(String),
    /// A statement tag on its own line.
    Stmt(String),
}

/// A key's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Val {
    /// A string (escapes undone; tags as written).
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An array.
    Array(Vec<Item>),
}

/// An entry of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// `key = value`.
    Key(String, Val),
    /// A statement tag on its own line between keys.
    Stmt(String),
}

/// A section: the top level (`""`), a table (`header`), or an item of `[[phu_luc]]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Section {
    /// Its name ("" for the top level; `phu_luc` for each appendix item).
    pub name: String,
    /// Its entries, in order.
    pub entries: Vec<Entry>,
}

impl Section {
    /// The string value of a key outside any statement, if any.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.entries.iter().find_map(|e| match e {
            Entry::Key(k, Val::Str(v)) if k == key => Some(v.as_str()),
            _ => None,
        })
    }

    /// The array value of a key.
    pub(super) fn array(&self, key: &str) -> Option<&[Item]> {
        self.entries.iter().find_map(|e| match e {
            Entry::Key(k, Val::Array(v)) if k == key => Some(v.as_slice()),
            _ => None,
        })
    }

    /// The boolean value of a key.
    pub(super) fn flag(&self, key: &str) -> Option<bool> {
        self.entries.iter().find_map(|e| match e {
            Entry::Key(k, Val::Bool(v)) if k == key => Some(*v),
            _ => None,
        })
    }
}

/// Undoes a TOML basic string's escapes (`\"`, `\\`, `\n`, `\t`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A quoted TOML string at the start of `s`: its content and the rest after the closing quote.
fn quoted(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let rest = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return Some((unescape(&rest[..i]), &rest[i + 1..]));
        }
    }
    None
}

fn is_statement(line: &str) -> bool {
    line.starts_with("{%") && line.ends_with("%}")
}

/// Reads a front matter into sections; `Err` names the first line it cannot place.
pub(super) fn parse(front: &str) -> Result<Vec<Section>, String> {
    let mut sections = vec![Section::default()];
    let mut lines = front.lines().peekable();
    while let Some(raw) = lines.next() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("{#") {
            continue;
        }
        if is_statement(line) {
            if let Some(s) = sections.last_mut() {
                s.entries.push(Entry::Stmt(line.to_owned()));
            }
            continue;
        }
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            sections.push(Section {
                name: name.trim().to_owned(),
                entries: Vec::new(),
            });
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push(Section {
                name: name.trim().to_owned(),
                entries: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("không hiểu dòng \"{line}\""));
        };
        let key = key.trim().to_owned();
        let value = value.trim();
        let val = if value == "true" || value == "false" {
            Val::Bool(value == "true")
        } else if let Some(rest) = value.strip_prefix('[') {
            let mut items = Vec::new();
            let mut pending = rest.to_owned();
            loop {
                let mut rest = pending.trim().to_owned();
                while !rest.is_empty() {
                    if let Some(after) = rest.strip_prefix(']') {
                        if !after.trim().is_empty() {
                            return Err(format!("không hiểu phần sau dấu ] trong \"{line}\""));
                        }
                        rest = String::new();
                        pending = "]".into();
                        break;
                    }
                    if is_statement(&rest) {
                        items.push(Item::Stmt(rest.clone()));
                        rest.clear();
                        break;
                    }
                    let Some((s, after)) = quoted(&rest) else {
                        return Err(format!("không hiểu phần tử mảng \"{rest}\""));
                    };
                    items.push(Item::Str(s));
                    rest = after.trim().trim_start_matches(',').trim().to_owned();
                }
                if pending == "]" {
                    break;
                }
                match lines.next() {
                    Some(next) => pending = next.trim().to_owned(),
                    None => return Err(format!("mảng {key} không được đóng bằng ]")),
                }
                if pending.is_empty() || pending.starts_with('#') {
                    pending.clear();
                }
            }
            Val::Array(items)
        } else {
            let Some((s, rest)) = quoted(value) else {
                return Err(format!("không hiểu giá trị của khóa {key}"));
            };
            if !rest.trim().is_empty() && !rest.trim().starts_with('#') {
                return Err(format!("không hiểu phần sau giá trị của khóa {key}"));
            }
            Val::Str(s)
        };
        if let Some(s) = sections.last_mut() {
            s.entries.push(Entry::Key(key, val));
        }
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_arrays_statements_and_sections() {
        let src = "# comment\nten_tep = \"a-{{ x }}\"\nper = \"chi-bo\"\n{% set y = 1 %}\n[noi_nhan]\nitems = [\n{% if a %}\n  \"Ban \\\"A\\\"\",\n{% endif %}\n  \"C\",\n]\nluu = \"V\"\n[[phu_luc]]\ntieu_de = \"T\"\nkem_theo = false\nxs = [\"a\", \"b\"]\n";
        let s = parse(src).unwrap();
        assert_eq!(s[0].get("ten_tep"), Some("a-{{ x }}"));
        assert!(s[0].entries.contains(&Entry::Stmt("{% set y = 1 %}".into())));
        assert_eq!(s[1].name, "noi_nhan");
        assert_eq!(
            s[1].array("items").unwrap(),
            &[
                Item::Stmt("{% if a %}".into()),
                Item::Str("Ban \"A\"".into()),
                Item::Stmt("{% endif %}".into()),
                Item::Str("C".into())
            ]
        );
        assert_eq!(s[2].name, "phu_luc");
        assert_eq!(s[2].flag("kem_theo"), Some(false));
        assert_eq!(s[2].array("xs").unwrap().len(), 2);
        assert!(parse("garbage line").is_err());
    }
}
