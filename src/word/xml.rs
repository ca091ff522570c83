//! Small helpers over roxmltree for WordprocessingML: elements and attributes by local name, so the
//! transitional and the strict namespaces read alike.

use super::ReadError;
use roxmltree::{Document, Node};

/// The most XML nodes a part may have (a 64 MB part of tiny elements stays well under it).
const MAX_NODES: u32 = 8_000_000;

/// Parses a part, naming it in the error.
pub(super) fn parse<'x>(xml: &'x str, part: &str) -> Result<Document<'x>, ReadError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(xml, options).map_err(|e| ReadError::Package {
        message: format!("phần {part} của tệp .docx không phải XML hợp lệ ({e})"),
        hint: "mở tệp trong Word hoặc LibreOffice và lưu lại dưới dạng Tài liệu Word (.docx)".into(),
    })
}

/// An attribute by local name, whatever its namespace (`w:val`, `val`).
pub(super) fn attr<'a>(node: Node<'a, '_>, local: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == local)
        .map(|a| a.value())
}

/// The first child element with this local name.
pub(super) fn child<'a, 'x>(node: Node<'a, 'x>, local: &str) -> Option<Node<'a, 'x>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

/// The child elements with this local name.
pub(super) fn children_named<'a, 'x>(
    node: Node<'a, 'x>,
    local: &'static str,
) -> impl Iterator<Item = Node<'a, 'x>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == local)
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
pub(super) fn toggle(node: Node<'_, '_>) -> bool {
    attr(node, "val").is_none_or(|v| !matches!(v, "0" | "false" | "off"))
}

/// A measure in twentieths of a point: a number (transitional OOXML) or a number with a unit
/// (strict OOXML: "2.5in", "12pt", "4cm", "10mm", "3pc", "1pi").
pub(super) fn twips(value: &str) -> Option<f64> {
    let v = value.trim();
    let split = v
        .find(|c: char| c.is_ascii_alphabetic() || c == '%')
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: f64 = num.trim().parse().ok()?;
    let t = match unit.trim() {
        "" => n,
        "pt" => n * 20.0,
        "in" => n * 1440.0,
        "cm" => n * 1440.0 / 2.54,
        "mm" => n * 144.0 / 2.54,
        "pc" | "pi" => n * 240.0,
        _ => return None,
    };
    (t.is_finite() && t >= 0.0).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_and_without_units() {
        assert_eq!(twips("1440"), Some(1440.0));
        assert_eq!(twips("1in"), Some(1440.0));
        assert_eq!(twips("12pt"), Some(240.0));
        assert!((twips("2.54cm").unwrap() - 1440.0).abs() < 1e-9);
        assert_eq!(twips("50%"), None);
        assert_eq!(twips("abc"), None);
        assert_eq!(twips("-5"), None);
    }
}
