//! `word/styles.xml`: what a paragraph's style says about it (a heading level, emphasis, numbering) and
//! what a character style says about a run, each through its `basedOn` chain. A document without a
//! styles part reads with no styles.

use super::xml::{attr, child, children_named, parse, toggle};
use super::{Fmt, ReadError};
use std::collections::HashMap;

/// One style.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    num: Option<(String, u8)>,
}

/// The styles of a document, by id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, StyleDef>,
}

/// The longest `basedOn` chain followed (a loop in a broken file stops here).
const MAX_CHAIN: usize = 16;

impl Styles {
    /// Parses the styles part; `None` (no part) gives no styles.
    pub(super) fn parse(xml: Option<&str>) -> Result<Styles, ReadError> {
        let Some(xml) = xml else {
            return Ok(Styles::default());
        };
        let doc = parse(xml, "word/styles.xml")?;
        let mut by_id = HashMap::new();
        for s in children_named(doc.root_element(), "style") {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let ppr = child(s, "pPr");
            let rpr = child(s, "rPr");
            let def = StyleDef {
                name: child(s, "name")
                    .and_then(|n| attr(n, "val"))
                    .unwrap_or_default()
                    .to_owned(),
                based_on: child(s, "basedOn")
                    .and_then(|n| attr(n, "val"))
                    .map(str::to_owned),
                outline: ppr
                    .and_then(|p| child(p, "outlineLvl"))
                    .and_then(|o| attr(o, "val"))
                    .and_then(|v| v.parse::<u8>().ok()),
                bold: rpr.and_then(|r| child(r, "b")).map(toggle),
                italic: rpr.and_then(|r| child(r, "i")).map(toggle),
                underline: rpr.and_then(|r| child(r, "u")).map(underline_on),
                num: ppr.and_then(|p| child(p, "numPr")).and_then(|n| {
                    let id = child(n, "numId").and_then(|x| attr(x, "val"))?;
                    let lvl = child(n, "ilvl")
                        .and_then(|x| attr(x, "val"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    Some((id.to_owned(), lvl))
                }),
            };
            by_id.insert(id.to_owned(), def);
        }
        Ok(Styles { by_id })
    }

    /// The id vanban's templates give a style, found by its name (LibreOffice saves "Ghi chú" as
    /// `Ghich`, "VB Chữ ký: nhãn" as `VBChknhn`); any other style keeps its own id.
    pub(super) fn canonical_id(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .and_then(|def| {
                super::write::STYLES
                    .iter()
                    .find(|s| s.1 == def.name.as_str())
            })
            .map_or_else(|| id.to_owned(), |s| s.0.to_owned())
    }

    /// The style and its ancestors, nearest first.
    fn chain(&self, id: &str) -> Vec<&StyleDef> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(def) = self.by_id.get(id) else {
                break;
            };
            out.push(def);
            next = def.based_on.as_deref();
        }
        out
    }

    /// The heading level (from 1) a paragraph style gives: a style named "heading N" (Word keeps the
    /// English name of its built-in headings in every language, whatever the id), an id "HeadingN",
    /// or an outline level set in the style or one it is based on.
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        if let Some(n) = heading_number(id) {
            return Some(n);
        }
        for def in self.chain(id) {
            if let Some(n) = heading_number(&def.name) {
                return Some(n);
            }
            if let Some(o) = def.outline
                && o < 9
            {
                return Some(o + 1);
            }
        }
        None
    }

    /// The emphasis a style gives (paragraph or character style), each property from the nearest style
    /// in the chain that sets it.
    pub(super) fn fmt(&self, id: &str) -> (Option<bool>, Option<bool>, Option<bool>) {
        let chain = self.chain(id);
        (
            chain.iter().find_map(|d| d.bold),
            chain.iter().find_map(|d| d.italic),
            chain.iter().find_map(|d| d.underline),
        )
    }

    /// The numbering a paragraph style carries (list styles such as "List Bullet").
    pub(super) fn numbering(&self, id: &str) -> Option<(String, u8)> {
        self.chain(id).iter().find_map(|d| d.num.clone())
    }
}

/// Whether a run's `w:u` draws a line.
pub(super) fn underline_on(node: roxmltree::Node<'_, '_>) -> bool {
    attr(node, "val").is_none_or(|v| v != "none" && v != "0" && v != "false")
}

/// N for "heading N" / "HeadingN" / "Heading N" (case and spaces aside), 1 to 9.
fn heading_number(s: &str) -> Option<u8> {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = compact.strip_prefix("heading")?;
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

/// A run's emphasis: direct formatting first, then its character style, then the paragraph style.
pub(super) fn resolve_fmt(
    direct: (Option<bool>, Option<bool>, Option<bool>),
    char_style: (Option<bool>, Option<bool>, Option<bool>),
    para_style: (Option<bool>, Option<bool>, Option<bool>),
) -> Fmt {
    Fmt {
        bold: direct.0.or(char_style.0).or(para_style.0).unwrap_or(false),
        italic: direct.1.or(char_style.1).or(para_style.1).unwrap_or(false),
        underline: direct.2.or(char_style.2).or(para_style.2).unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục lớn"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="Mục con"/><w:basedOn w:val="Muc"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1Lorem"><w:name w:val="Heading 1 Lorem ipsum"/></w:style>
      <w:style w:type="character" w:styleId="Dam"><w:name w:val="Đậm"/><w:rPr><w:b/><w:i w:val="0"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
    </w:styles>"#;

    #[test]
    fn headings_by_name_in_any_language_id_by_outline_level_and_inherited() {
        let s = Styles::parse(Some(XML)).unwrap();
        assert_eq!(s.heading_level("u1"), Some(1));
        assert_eq!(s.heading_level("Heading2"), Some(2));
        assert_eq!(s.heading_level("Muc"), Some(2));
        assert_eq!(s.heading_level("MucCon"), Some(2));
        // "Heading 1 Lorem ipsum" is a user style, not a heading (pandoc #9184).
        assert_eq!(s.heading_level("Heading1Lorem"), None);
        assert_eq!(s.heading_level("Loop1"), None);
        assert_eq!(s.fmt("Dam"), (Some(true), Some(false), None));
    }

    #[test]
    fn no_styles_part_is_no_styles() {
        let s = Styles::parse(None).unwrap();
        assert_eq!(s.heading_level("Normal"), None);
    }
}
