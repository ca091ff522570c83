//! Solid rules as Word line shapes: the rule under the Party line or the Tiêu ngữ, under the issuing
//! body and under the trích yếu (State) is a DrawingML line (`wps:wsp`, preset geometry `line`) anchored
//! in an empty paragraph of the rule's gap, centred on its column (the header cell, or the text block),
//! as long as the layout decided, black, as thick as the profile says. Word, LibreOffice and the add-ins
//! offices check thể thức with all see a line there (a paragraph border is not a line to them).
//!
//! docx-rs cannot write shapes: [`rule_paragraph`] leaves a run carrying a private character style and
//! the line's measures, and [`draw_lines`] replaces each such run of the serialised document with the
//! drawing. No text of a document can carry that style, so nothing typed becomes a line.

use super::text::{Spacing, blank_paragraph};
use crate::profile::RuleStyle;
use docx_rs::{Paragraph, Run};

/// The character style that marks a run to become a line shape (never in the styles part: the run is
/// replaced before the document is packaged).
const MARK_STYLE: &str = "VanBanDuongKeTam";
/// EMUs (the DrawingML unit) per twip.
const EMU_PER_TWIP: i64 = 635;
/// EMUs per point.
const EMU_PER_PT: f32 = 12_700.0;
/// The first `wp:docPr` id of line shapes (pictures take small ids; ids only need to be unique).
const FIRST_ID: u32 = 1001;

/// A paragraph `rule.gap_pt` and the line's thickness high holding a solid line `width_twips` long,
/// centred on its column, at its bottom (where a bottom border of that thickness would be: the line's
/// place and the text after it are those of the paragraph border this replaces); `after_pt` of space
/// below it. The line is never longer than `avail_twips`.
pub(super) fn rule_paragraph(
    width_twips: i32,
    avail_twips: i32,
    after_pt: f32,
    rule: &RuleStyle,
) -> Paragraph {
    let width = i64::from(width_twips.clamp(0, avail_twips.max(0)));
    let measures = format!(
        "{} {} {}",
        width * EMU_PER_TWIP,
        (rule.thickness_pt * EMU_PER_PT).round() as i64,
        ((rule.gap_pt + rule.thickness_pt / 2.0) * EMU_PER_PT).round() as i64,
    );
    let height = rule.gap_pt + rule.thickness_pt;
    blank_paragraph(
        height,
        Spacing {
            before_pt: 0.0,
            after_pt,
            exact_pt: Some(height),
        },
    )
    .add_run(Run::new().style(MARK_STYLE).add_text(measures))
}

/// The ids of the line shapes of one document, unique across its parts (the document, its footers).
#[derive(Debug, Clone, Copy)]
pub(super) struct LineIds(u32);

impl Default for LineIds {
    fn default() -> Self {
        Self(FIRST_ID)
    }
}

/// Replaces every marked run of a serialised part with its line shape, numbering the shapes on from
/// `ids` (one [`LineIds`] for all the parts of a document).
pub(super) fn draw_lines(xml: &[u8], ids: &mut LineIds) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    let marker = format!("w:val=\"{MARK_STYLE}\"");
    if !text.contains(&marker) {
        return xml.to_vec();
    }
    let mut out = String::with_capacity(text.len() + 2048);
    let mut rest = text;
    let id = &mut ids.0;
    while let Some(at) = rest.find(&marker) {
        // The run around the mark: from the last "<w:r>" before it to the "</w:r>" after it.
        let Some(start) = rest[..at].rfind("<w:r>") else {
            break;
        };
        let Some(end_rel) = rest[at..].find("</w:r>") else {
            break;
        };
        let end = at + end_rel + "</w:r>".len();
        let run = &rest[start..end];
        let numbers: Vec<i64> = run
            .split_once("<w:t")
            .and_then(|(_, t)| t.split_once('>'))
            .and_then(|(_, t)| t.split_once("</w:t>"))
            .map(|(t, _)| t.split_whitespace().filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default();
        out.push_str(&rest[..start]);
        if let [length, thickness, offset] = numbers[..] {
            out.push_str(&line_run(*id, length, thickness, offset));
            *id += 1;
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// A run holding one anchored line shape: `length` long, `thickness` wide, `offset` below the top of
/// its paragraph, centred on the column (all in EMUs).
fn line_run(id: u32, length: i64, thickness: i64, offset: i64) -> String {
    format!(
        concat!(
            "<w:r><w:drawing>",
            "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"{z}\"",
            " behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">",
            "<wp:simplePos x=\"0\" y=\"0\"/>",
            "<wp:positionH relativeFrom=\"column\"><wp:align>center</wp:align></wp:positionH>",
            "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>",
            "<wp:extent cx=\"{length}\" cy=\"0\"/>",
            "<wp:effectExtent l=\"0\" t=\"{half}\" r=\"0\" b=\"{half}\"/>",
            "<wp:wrapNone/>",
            "<wp:docPr id=\"{id}\" name=\"Đường kẻ {n}\"/>",
            "<wp:cNvGraphicFramePr/>",
            "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">",
            "<a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">",
            "<wps:wsp><wps:cNvCnPr/>",
            "<wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{length}\" cy=\"0\"/></a:xfrm>",
            "<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom>",
            "<a:ln w=\"{thickness}\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill>",
            "<a:prstDash val=\"solid\"/></a:ln></wps:spPr>",
            "<wps:bodyPr/></wps:wsp>",
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>",
        ),
        z = 251_660_288 + id,
        offset = offset,
        length = length,
        half = thickness / 2,
        id = id,
        n = id - FIRST_ID + 1,
        thickness = thickness,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::BuildXML;

    #[test]
    fn marked_runs_become_line_shapes() {
        let rule = RuleStyle {
            thickness_pt: 0.75,
            gap_pt: 2.0,
        };
        let p = rule_paragraph(2000, 3000, 6.0, &rule);
        let mut ids = LineIds::default();
        let xml = draw_lines(&p.build(), &mut ids);
        let xml = String::from_utf8(xml).unwrap();
        assert!(!xml.contains(MARK_STYLE), "{xml}");
        assert!(xml.contains("<a:prstGeom prst=\"line\">"), "{xml}");
        assert!(xml.contains("<wp:extent cx=\"1270000\" cy=\"0\"/>"), "{xml}");
        assert!(xml.contains("<a:ln w=\"9525\">"), "{xml}");
        assert!(xml.contains("<wp:posOffset>30163</wp:posOffset>"), "{xml}");
        assert!(xml.contains("<wp:align>center</wp:align>"), "{xml}");
        // A longer rule than its space is cut to the space.
        let xml = String::from_utf8(draw_lines(
            &rule_paragraph(5000, 3000, 0.0, &rule).build(),
            &mut ids,
        ))
        .unwrap();
        assert!(xml.contains("cx=\"1905000\""), "{xml}");
        // The ids run on across parts.
        assert!(xml.contains("<wp:docPr id=\"1002\""), "{xml}");
        // Text that merely looks like the measures is left alone.
        let plain = docx_rs::Paragraph::new()
            .add_run(Run::new().add_text("1270000 9525 25400"))
            .build();
        assert_eq!(draw_lines(&plain, &mut ids), plain);
    }
}
