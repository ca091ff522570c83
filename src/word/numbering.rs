//! `word/numbering.xml`: which lists are bulleted and which numbered, and the label each numbered item
//! shows ("1.", "a)", "II."), counted in document order as Word counts them. A document without a
//! numbering part has no lists.

use super::xml::{attr, child, children_named, parse};
use super::{ListInfo, ReadError};
use std::collections::HashMap;

/// One level of an abstract numbering.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of a document and the counters of the items seen so far.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// numId → (level → definition).
    nums: HashMap<String, HashMap<u8, Level>>,
    /// numId → the current count of each level.
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    /// Parses the numbering part; `None` (no part) gives no lists.
    pub(super) fn parse(xml: Option<&str>) -> Result<Numbering, ReadError> {
        let Some(xml) = xml else {
            return Ok(Numbering::default());
        };
        let doc = parse(xml, "word/numbering.xml")?;
        let root = doc.root_element();
        let mut abstracts: HashMap<String, HashMap<u8, Level>> = HashMap::new();
        for a in children_named(root, "abstractNum") {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            abstracts.insert(id.to_owned(), levels(a));
        }
        let mut nums = HashMap::new();
        for n in children_named(root, "num") {
            let (Some(id), Some(abs)) = (
                attr(n, "numId"),
                child(n, "abstractNumId").and_then(|a| attr(a, "val")),
            ) else {
                continue;
            };
            let mut lv = abstracts.get(abs).cloned().unwrap_or_default();
            for o in children_named(n, "lvlOverride") {
                let Some(ilvl) = attr(o, "ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                    continue;
                };
                if let Some(l) = child(o, "lvl") {
                    lv.extend(levels_of(&[l]));
                }
                if let Some(start) = child(o, "startOverride")
                    .and_then(|s| attr(s, "val"))
                    .and_then(|v| v.parse().ok())
                    && let Some(level) = lv.get_mut(&ilvl)
                {
                    level.start = start;
                }
            }
            nums.insert(id.to_owned(), lv);
        }
        Ok(Numbering {
            nums,
            counters: HashMap::new(),
        })
    }

    /// The list item a paragraph with numbering `(num_id, level)` is, counted in document order: its
    /// level, whether it is numbered, and its label. `None` for numbering id 0 ("no list") or an
    /// unknown id.
    pub(super) fn item(&mut self, num_id: &str, level: u8) -> Option<ListInfo> {
        if num_id == "0" {
            return None;
        }
        let levels = self.nums.get(num_id)?;
        let level = level.min(8);
        let def = levels.get(&level).cloned().unwrap_or(Level {
            format: "bullet".into(),
            text: String::new(),
            start: 1,
        });
        let ordered = !matches!(def.format.as_str(), "bullet" | "none" | "");
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        let i = usize::from(level);
        counters[i] = if counters[i] == 0 {
            def.start
        } else {
            counters[i] + 1
        };
        for c in counters.iter_mut().skip(i + 1) {
            *c = 0;
        }
        let label = ordered.then(|| {
            let mut out = def.text.clone();
            for (l, count) in counters.iter().enumerate().take(i + 1) {
                let format = levels.get(&(l as u8)).map_or("decimal", |d| d.format.as_str());
                let value = if *count == 0 { 1 } else { *count };
                out = out.replace(&format!("%{}", l + 1), &format_number(format, value));
            }
            out
        });
        Some(ListInfo {
            level,
            ordered,
            label,
        })
    }
}

fn levels(abstract_num: roxmltree::Node<'_, '_>) -> HashMap<u8, Level> {
    let lvls: Vec<_> = children_named(abstract_num, "lvl").collect();
    levels_of(&lvls)
}

fn levels_of(lvls: &[roxmltree::Node<'_, '_>]) -> HashMap<u8, Level> {
    lvls.iter()
        .filter_map(|l| {
            let ilvl: u8 = attr(*l, "ilvl")?.parse().ok()?;
            Some((
                ilvl,
                Level {
                    format: child(*l, "numFmt")
                        .and_then(|f| attr(f, "val"))
                        .unwrap_or("decimal")
                        .to_owned(),
                    text: child(*l, "lvlText")
                        .and_then(|t| attr(t, "val"))
                        .unwrap_or_default()
                        .to_owned(),
                    start: child(*l, "start")
                        .and_then(|s| attr(s, "val"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1),
                },
            ))
        })
        .collect()
}

/// A count in a list format: 3 → "3", "c", "C", "iii", "III" (Vietnamese lists use Latin letters).
fn format_number(format: &str, n: u32) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'A' + (n % 26) as u8);
    c.to_string().repeat((n / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn numbered_items_are_counted_as_word_counts_them() {
        let mut n = Numbering::parse(Some(XML)).unwrap();
        let label = |n: &mut Numbering, id: &str, l: u8| n.item(id, l).and_then(|i| i.label);
        assert_eq!(label(&mut n, "1", 0).as_deref(), Some("1."));
        assert_eq!(label(&mut n, "1", 1).as_deref(), Some("a)"));
        assert_eq!(label(&mut n, "1", 1).as_deref(), Some("b)"));
        assert_eq!(label(&mut n, "1", 0).as_deref(), Some("2."));
        // A lower level starts again under a new higher item.
        assert_eq!(label(&mut n, "1", 1).as_deref(), Some("a)"));
        assert_eq!(label(&mut n, "3", 0).as_deref(), Some("5."));
        let bullet = n.item("2", 0).unwrap();
        assert!(!bullet.ordered && bullet.label.is_none());
        assert_eq!(n.item("0", 0), None);
        assert_eq!(n.item("99", 0), None);
    }
}
