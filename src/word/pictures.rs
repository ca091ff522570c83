//! Pictures in the body: where a `w:drawing` or a VML `w:pict` holds an image, which package part its
//! relationship names, the size Word gives it, and the part's bytes (within the package's limits).

use super::package::Package;
use super::xml::{attr, parse};
use super::{Place, ReadError, WordPicture};
use roxmltree::Node;
use std::collections::HashMap;

/// The relationship namespaces (transitional and strict) an image's `r:embed` / `r:id` belong to.
const REL_NAMESPACES: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// English Metric Units per point.
const EMU_PER_PT: f64 = 12_700.0;

/// A picture as the body names it, before its part is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PictureRef {
    /// Where it is.
    pub place: Place,
    /// The relationship id of its image (`rId5`); `None` when the drawing names none.
    pub rid: Option<String>,
    /// Its size in EMUs (width, height), as Word shows it.
    pub extent_emu: Option<(u64, u64)>,
}

/// Whether a drawing (or VML picture, or an AlternateContent of both) holds an image.
pub(super) fn holds_picture(node: Node<'_, '_>) -> bool {
    scope(node)
        .descendants()
        .any(|d| d.is_element() && matches!(d.tag_name().name(), "blip" | "imagedata"))
}

/// The picture a drawing holds, read from its first image: the `a:blip`'s `r:embed` (or a VML
/// `v:imagedata`'s `r:id`) and the `wp:extent` (or the VML shape's `width`/`height` style).
pub(super) fn picture_ref(node: Node<'_, '_>, place: Place) -> PictureRef {
    let scope = scope(node);
    let image = scope
        .descendants()
        .find(|d| d.is_element() && matches!(d.tag_name().name(), "blip" | "imagedata"));
    let rid = image.and_then(|i| {
        i.attributes()
            .find(|a| {
                matches!(a.name(), "embed" | "id")
                    && a.namespace().is_some_and(|ns| REL_NAMESPACES.contains(&ns))
            })
            .map(|a| a.value().to_owned())
    });
    let extent_emu = scope
        .descendants()
        .find(|d| d.is_element() && d.tag_name().name() == "extent")
        .and_then(|e| Some((attr(e, "cx")?.parse().ok()?, attr(e, "cy")?.parse().ok()?)))
        .or_else(|| {
            image
                .and_then(|i| i.ancestors().find(|a| a.has_attribute("style")))
                .and_then(|shape| vml_size(attr(shape, "style")?))
        })
        .filter(|(w, h)| *w > 0 && *h > 0);
    PictureRef {
        place,
        rid,
        extent_emu,
    }
}

/// An AlternateContent's choice (its fallback repeats it); any other node itself.
fn scope<'a, 'x>(node: Node<'a, 'x>) -> Node<'a, 'x> {
    if node.tag_name().name() == "AlternateContent" {
        node.children()
            .find(|c| c.is_element() && c.tag_name().name() == "Choice")
            .unwrap_or(node)
    } else {
        node
    }
}

/// The size of a VML shape from its style ("width:85.5pt;height:114pt"), in EMUs.
fn vml_size(style: &str) -> Option<(u64, u64)> {
    let mut w = None;
    let mut h = None;
    for decl in style.split(';') {
        let Some((k, v)) = decl.split_once(':') else {
            continue;
        };
        let pt = length_pt(v.trim());
        match k.trim() {
            "width" => w = pt,
            "height" => h = pt,
            _ => {}
        }
    }
    let emu = |pt: f64| (pt * EMU_PER_PT).round() as u64;
    Some((emu(w?), emu(h?)))
}

/// A CSS length in points ("85.5pt", "3cm", "1in", "30mm", "120px").
fn length_pt(v: &str) -> Option<f64> {
    let split = v
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: f64 = num.trim().parse().ok()?;
    let pt = match unit {
        "pt" | "" => n,
        "in" => n * 72.0,
        "cm" => n * 72.0 / 2.54,
        "mm" => n * 72.0 / 25.4,
        "px" => n * 0.75,
        "pc" => n * 12.0,
        _ => return None,
    };
    (pt.is_finite() && pt > 0.0).then_some(pt)
}

/// The image relationships of `word/document.xml`: id → (part name, external link).
fn relationships(package: &Package<'_>) -> Result<HashMap<String, (String, bool)>, ReadError> {
    let Some(xml) = package.part("word/_rels/document.xml.rels")? else {
        return Ok(HashMap::new());
    };
    let doc = parse(&xml, "word/_rels/document.xml.rels")?;
    Ok(doc
        .root_element()
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "Relationship")
        .filter_map(|r| {
            let id = attr(r, "Id")?;
            let target = attr(r, "Target")?;
            let external = attr(r, "TargetMode") == Some("External");
            Some((id.to_owned(), (part_name(target), external)))
        })
        .collect())
}

/// The package part a relationship of `word/document.xml` targets ("media/image1.png" →
/// "word/media/image1.png"; an absolute "/word/media/x.png" as it is).
fn part_name(target: &str) -> String {
    let target = target.replace('\\', "/");
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut parts: Vec<&str> = vec!["word"];
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Reads the bytes of each picture the body names. A picture linked to a file outside the package, or
/// whose part is missing, keeps no bytes (it cannot be printed). Together the pictures may hold at
/// most `max_total` bytes.
pub(super) fn resolve(
    package: &Package<'_>,
    refs: Vec<PictureRef>,
    max_total: u64,
) -> Result<Vec<WordPicture>, ReadError> {
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let rels = relationships(package)?;
    let mut parts: HashMap<String, std::sync::Arc<[u8]>> = HashMap::new();
    let mut total = 0u64;
    let mut out = Vec::with_capacity(refs.len());
    for r in refs {
        let target = r.rid.as_ref().and_then(|id| rels.get(id));
        let (part, linked) = match target {
            Some((name, external)) => (Some(name.clone()), *external),
            None => (None, false),
        };
        let bytes = match &part {
            Some(name) if !linked => match parts.get(name) {
                Some(b) => Some(b.clone()),
                None => match package.bytes(name)? {
                    Some(b) => {
                        total += b.len() as u64;
                        if total > max_total {
                            return Err(ReadError::Package {
                                message: format!(
                                    "hình ảnh trong tệp .docx lớn quá: hơn {} MB (đến {name})",
                                    max_total >> 20
                                ),
                                hint: "trong Word chọn một ảnh, Định dạng ảnh → Nén ảnh (Compress Pictures) cho mọi ảnh, rồi lưu lại".into(),
                            });
                        }
                        let b: std::sync::Arc<[u8]> = b.into();
                        parts.insert(name.clone(), b.clone());
                        Some(b)
                    }
                    None => None,
                },
            },
            _ => None,
        };
        out.push(WordPicture {
            place: r.place,
            part,
            linked,
            bytes,
            extent_emu: r.extent_emu,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_become_part_names() {
        assert_eq!(part_name("media/image1.png"), "word/media/image1.png");
        assert_eq!(part_name("/word/media/a.jpeg"), "word/media/a.jpeg");
        assert_eq!(part_name("../media/x.gif"), "media/x.gif");
        assert_eq!(part_name("./media\\y.png"), "word/media/y.png");
    }

    #[test]
    fn a_vml_shape_style_gives_its_size() {
        assert_eq!(
            vml_size("position:absolute;width:72pt;height:1in"),
            Some((914_400, 914_400))
        );
        assert_eq!(vml_size("width:2.54cm;height:10mm").map(|s| s.0), Some(914_400));
        assert_eq!(vml_size("width:auto;height:10pt"), None);
    }

    #[test]
    fn a_drawing_names_its_image_and_extent() {
        let xml = r#"<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <w:drawing><wp:inline><wp:extent cx="1080000" cy="1440000"/><a:graphic><a:graphicData>
            <a:blip r:embed="rId7"/><a:ext cx="1" cy="1"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let drawing = doc
            .descendants()
            .find(|n| n.tag_name().name() == "drawing")
            .unwrap();
        assert!(holds_picture(drawing));
        let r = picture_ref(drawing, Place::Paragraph(3));
        assert_eq!(r.rid.as_deref(), Some("rId7"));
        assert_eq!(r.extent_emu, Some((1_080_000, 1_440_000)));
    }
}
