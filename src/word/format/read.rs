//! The traversal of [`super::read_format`]: the body's paragraphs and tables in order (through content
//! controls and custom XML; text boxes' paragraphs at their anchor's place), runs with their resolved
//! properties, line shapes, and each section with its page, margins and page-number header.

use super::props::{FormatStyles, LineRule, PPr, RPr, measure, ppr, rpr};
use super::{
    FBlock, FCell, FParagraph, FRun, FSection, FTable, FormatDoc, LineShape, PageNumberField,
};
use crate::word::package::Package;
use crate::word::xml::{attr, child, parse, twips};
use crate::word::{Align, Place, ReadError, WordLimits};
use roxmltree::Node;
use std::collections::HashMap;

/// Twips per point.
const TWIPS_PER_PT: f64 = 20.0;
/// Millimetres per twip.
const MM_PER_TWIP: f64 = 25.4 / 1440.0;
/// EMUs per point.
const EMU_PER_PT: f64 = 12_700.0;
/// The deepest nesting followed.
const MAX_DEPTH: usize = 32;

pub(super) fn read(bytes: &[u8], limits: &WordLimits) -> Result<FormatDoc, ReadError> {
    let package = Package::open(bytes, limits)?;
    let styles = FormatStyles::parse(package.part("word/styles.xml")?.as_deref())?;
    let document = package
        .part("word/document.xml")?
        .ok_or_else(|| ReadError::Package {
            message: "tệp không có phần văn bản chính (word/document.xml)".into(),
            hint: "mở tệp trong Word và lưu lại dưới dạng Tài liệu Word (.docx)".into(),
        })?;
    let rels = relationships(package.part("word/_rels/document.xml.rels")?.as_deref())?;
    let mut headers: HashMap<String, Option<PageNumberField>> = HashMap::new();
    for (id, target) in &rels {
        if target.to_ascii_lowercase().contains("header") {
            let name = format!("word/{}", target.trim_start_matches('/').trim_start_matches("word/"));
            let field = match package.part(&name)? {
                Some(xml) => page_number_field(&xml, &styles)?,
                None => None,
            };
            headers.insert(id.clone(), field);
        }
    }
    let doc = parse(&document, "word/document.xml")?;
    let Some(body) = child(doc.root_element(), "body") else {
        return Err(ReadError::Package {
            message: "phần word/document.xml không có thân văn bản (w:body)".into(),
            hint: "mở tệp trong Word và lưu lại dưới dạng Tài liệu Word (.docx)".into(),
        });
    };
    let mut r = Reader {
        styles: &styles,
        headers: &headers,
        paragraphs: 0,
        tables: 0,
        out: FormatDoc::default(),
        section_start: 0,
    };
    r.blocks(body, Target::Body, 0)?;
    if let Some(s) = child(body, "sectPr") {
        let sec = r.section(s);
        r.out.sections.push(sec);
    }
    Ok(r.out)
}

/// The relationships of the document part: id → target.
fn relationships(xml: Option<&str>) -> Result<HashMap<String, String>, ReadError> {
    let mut out = HashMap::new();
    let Some(xml) = xml else { return Ok(out) };
    let doc = parse(xml, "word/_rels/document.xml.rels")?;
    for r in doc.root_element().children().filter(Node::is_element) {
        if let (Some(id), Some(target)) = (attr(r, "Id"), attr(r, "Target")) {
            out.insert(id.to_owned(), target.to_owned());
        }
    }
    Ok(out)
}

/// The page-number field of a header part: the paragraph holding a PAGE field (complex or simple).
fn page_number_field(xml: &str, styles: &FormatStyles) -> Result<Option<PageNumberField>, ReadError> {
    let doc = parse(xml, "word/header.xml")?;
    for p in doc.descendants().filter(|n| n.is_element() && n.tag_name().name() == "p") {
        let is_page = |s: &str| s.split_whitespace().next() == Some("PAGE");
        let has = p.descendants().any(|n| {
            n.is_element()
                && ((n.tag_name().name() == "instrText" && is_page(n.text().unwrap_or("")))
                    || (n.tag_name().name() == "fldSimple" && attr(n, "instr").is_some_and(is_page)))
        });
        if !has {
            continue;
        }
        let style = style_id(p);
        let para = styles.paragraph(&style, &ppr(child(p, "pPr")));
        let size = p
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "r")
            .map(|r| styles.run(&style, None, &rpr(child(r, "rPr"))))
            .filter_map(|r| r.size_half_points)
            .next()
            .or_else(|| styles.run(&style, None, &RPr::default()).size_half_points);
        return Ok(Some(PageNumberField {
            align: para.align.unwrap_or_default(),
            size_pt: size.map_or(10.0, |h| (h / 2.0) as f32),
        }));
    }
    Ok(None)
}

fn style_id(p: Node<'_, '_>) -> String {
    child(p, "pPr")
        .and_then(|x| child(x, "pStyle"))
        .and_then(|s| attr(s, "val"))
        .unwrap_or_default()
        .to_owned()
}

/// Where blocks read now go.
#[derive(Clone, Copy)]
enum Target {
    Body,
    Cell(Place),
}

struct Reader<'s> {
    styles: &'s FormatStyles,
    headers: &'s HashMap<String, Option<PageNumberField>>,
    paragraphs: usize,
    tables: usize,
    out: FormatDoc,
    section_start: usize,
}

impl Reader<'_> {
    /// The block children of a body or cell; a cell's blocks are returned as paragraphs.
    fn blocks(
        &mut self,
        parent: Node<'_, '_>,
        target: Target,
        depth: usize,
    ) -> Result<Vec<FParagraph>, ReadError> {
        let mut cell_out = Vec::new();
        if depth > MAX_DEPTH {
            return Ok(cell_out);
        }
        for node in parent.children().filter(Node::is_element) {
            match node.tag_name().name() {
                "p" => {
                    let place = match target {
                        Target::Body => {
                            self.paragraphs += 1;
                            Place::Paragraph(self.paragraphs)
                        }
                        Target::Cell(p) => p,
                    };
                    let (p, boxes) = self.paragraph(node, place);
                    let section_end = child(node, "pPr").and_then(|x| child(x, "sectPr"));
                    match target {
                        Target::Body => self.out.blocks.push(FBlock::Paragraph(p)),
                        Target::Cell(_) => cell_out.push(p),
                    }
                    for tb in boxes {
                        let inner = self.blocks(tb, Target::Cell(place), depth + 1)?;
                        match target {
                            Target::Body => self
                                .out
                                .blocks
                                .extend(inner.into_iter().map(FBlock::Paragraph)),
                            Target::Cell(_) => cell_out.extend(inner),
                        }
                    }
                    if let (Some(s), Target::Body) = (section_end, target) {
                        let sec = self.section(s);
                        self.out.sections.push(sec);
                    }
                }
                "tbl" => match target {
                    Target::Body => {
                        self.tables += 1;
                        let t = self.table(node, self.tables, depth)?;
                        self.out.blocks.push(FBlock::Table(t));
                    }
                    Target::Cell(place) => {
                        let t = self.table(node, 0, depth)?;
                        for row in t.rows {
                            for mut c in row {
                                for p in &mut c.paragraphs {
                                    p.place = place;
                                }
                                cell_out.extend(c.paragraphs);
                            }
                        }
                    }
                },
                "sdt" => {
                    if let Some(c) = child(node, "sdtContent") {
                        cell_out.extend(self.blocks(c, target, depth + 1)?);
                    }
                }
                "customXml" | "smartTag" => cell_out.extend(self.blocks(node, target, depth + 1)?),
                _ => {}
            }
        }
        Ok(cell_out)
    }

    /// A section's page from its `w:sectPr`; it covers the blocks since the previous one.
    fn section(&mut self, s: Node<'_, '_>) -> FSection {
        let mm = |v: Option<f64>| (v.unwrap_or(0.0) * MM_PER_TWIP) as f32;
        let pg = child(s, "pgSz");
        let mar = child(s, "pgMar");
        let m = |name: &str| mm(mar.and_then(|x| measure(x, name)));
        let reference = |kind: &str| {
            s.children()
                .filter(|c| c.is_element() && c.tag_name().name() == "headerReference")
                .find(|c| attr(*c, "type").unwrap_or("default") == kind)
                .and_then(|c| attr(c, "id"))
                .and_then(|id| self.headers.get(id))
        };
        let first_block = self.section_start;
        self.section_start = self.out.blocks.len();
        FSection {
            width_mm: mm(pg.and_then(|p| attr(p, "w")).and_then(twips)),
            height_mm: mm(pg.and_then(|p| attr(p, "h")).and_then(twips)),
            margins_mm: [m("top"), m("bottom"), m("left"), m("right")],
            header_mm: m("header"),
            title_page: child(s, "titlePg").is_some_and(crate::word::xml::toggle),
            page_number: reference("default").cloned().flatten(),
            first_page_number: reference("first").is_some_and(Option::is_some),
            first_block,
        }
    }

    /// A paragraph's properties, runs and line shapes; and the text boxes anchored in it.
    fn paragraph<'a, 'x>(
        &mut self,
        p: Node<'a, 'x>,
        place: Place,
    ) -> (FParagraph, Vec<Node<'a, 'x>>) {
        let style = style_id(p);
        let own = child(p, "pPr");
        let props: PPr = self.styles.paragraph(&style, &ppr(own));
        let mut runs = Vec::new();
        let mut lines = Vec::new();
        let mut boxes = Vec::new();
        let mut in_instruction = Vec::new();
        for r in p
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "r")
        {
            // Runs inside text boxes belong to the boxes' paragraphs.
            if r.ancestors().skip(1).take_while(|a| *a != p).any(|a| {
                a.is_element() && matches!(a.tag_name().name(), "txbxContent" | "p")
            }) {
                continue;
            }
            let own_r = child(r, "rPr");
            let char_style = own_r
                .and_then(|x| child(x, "rStyle"))
                .and_then(|s| attr(s, "val"));
            let props = self.styles.run(&style, char_style, &rpr(own_r));
            let mut text = String::new();
            for n in r.children().filter(Node::is_element) {
                match n.tag_name().name() {
                    "fldChar" => match attr(n, "fldCharType") {
                        Some("begin") => in_instruction.push(true),
                        Some("separate") => {
                            if let Some(t) = in_instruction.last_mut() {
                                *t = false;
                            }
                        }
                        Some("end") => {
                            in_instruction.pop();
                        }
                        _ => {}
                    },
                    _ if in_instruction.last() == Some(&true) => {}
                    "t" => text.push_str(n.text().unwrap_or("")),
                    "tab" | "ptab" => text.push('\t'),
                    "br" | "cr" => text.push('\n'),
                    "noBreakHyphen" => text.push('-'),
                    "drawing" | "pict" | "AlternateContent" => {
                        lines.extend(line_shapes(n));
                        boxes.extend(
                            n.descendants()
                                .filter(|d| d.is_element() && d.tag_name().name() == "txbxContent"),
                        );
                    }
                    _ => {}
                }
            }
            if props.caps == Some(true) {
                text = text.to_uppercase();
            }
            let text = crate::text::clean(&text).into_owned();
            runs.push(FRun {
                text,
                font: props.font.clone(),
                size_pt: props.size_half_points.map_or(10.0, |h| (h / 2.0) as f32),
                bold: props.bold.unwrap_or(false),
                italic: props.italic.unwrap_or(false),
                underline: props.underline.unwrap_or(false),
            });
        }
        let pt = |v: Option<f64>| (v.unwrap_or(0.0) / TWIPS_PER_PT) as f32;
        let first_line = match (props.first_line, props.hanging) {
            (_, Some(h)) if h > 0.0 => -pt(Some(h)),
            (f, _) => pt(f),
        };
        let line = props.line.map(|(v, rule)| match rule {
            LineRule::Auto => ((v / 240.0) as f32, rule),
            _ => (pt(Some(v)), rule),
        });
        let paragraph = FParagraph {
            place,
            style_id: style,
            align: props.align.unwrap_or(Align::Left),
            first_line_pt: first_line,
            left_pt: pt(props.left),
            right_pt: pt(props.right),
            before_pt: pt(props.before),
            after_pt: pt(props.after),
            line,
            border_bottom: props.border_bottom.unwrap_or(false),
            boxed: props.boxed.unwrap_or(false),
            frame: own.and_then(|x| child(x, "framePr")).is_some(),
            runs,
            lines,
        };
        (paragraph, boxes)
    }

    fn table(
        &mut self,
        tbl: Node<'_, '_>,
        number: usize,
        depth: usize,
    ) -> Result<FTable, ReadError> {
        let drawn = |borders: Option<Node<'_, '_>>| {
            borders.is_some_and(|b| {
                b.children().any(|e| {
                    e.is_element() && !matches!(attr(e, "val"), Some("nil" | "none") | None)
                })
            })
        };
        let tbl_pr = child(tbl, "tblPr");
        let bordered = drawn(tbl_pr.and_then(|p| child(p, "tblBorders")))
            || tbl_pr
                .and_then(|p| child(p, "tblStyle"))
                .and_then(|s| attr(s, "val"))
                .is_some_and(|v| {
                    let l = v.to_ascii_lowercase();
                    l.contains("grid") || l.contains("bang")
                });
        let mut rows = Vec::new();
        for (ri, tr) in tbl
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "tr")
            .enumerate()
        {
            let mut cells = Vec::new();
            for (ci, tc) in tr
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "tc")
                .enumerate()
            {
                let place = Place::Cell {
                    table: number,
                    row: ri + 1,
                    cell: ci + 1,
                };
                let tc_pr = child(tc, "tcPr");
                let width_pt = tc_pr
                    .and_then(|p| child(p, "tcW"))
                    .filter(|w| attr(*w, "type").is_none_or(|t| t == "dxa"))
                    .and_then(|w| attr(w, "w"))
                    .and_then(twips)
                    .map(|t| (t / TWIPS_PER_PT) as f32);
                let cell_borders = drawn(tc_pr.and_then(|p| child(p, "tcBorders")));
                let paragraphs = self.blocks(tc, Target::Cell(place), depth + 1)?;
                cells.push(FCell {
                    width_pt,
                    bordered: cell_borders,
                    paragraphs,
                });
            }
            rows.push(cells);
        }
        Ok(FTable {
            number,
            bordered,
            rows,
        })
    }
}

/// The straight lines in a drawing: DrawingML shapes with the preset geometry `line` (or a straight
/// connector) and VML `v:line`s, once each (an AlternateContent's fallback repeats its choice).
fn line_shapes(node: Node<'_, '_>) -> Vec<LineShape> {
    let scope = if node.tag_name().name() == "AlternateContent" {
        node.children()
            .find(|c| c.is_element() && c.tag_name().name() == "Choice")
            .unwrap_or(node)
    } else {
        node
    };
    let mut out = Vec::new();
    for d in scope.descendants().filter(Node::is_element) {
        match d.tag_name().name() {
            "prstGeom"
                if matches!(attr(d, "prst"), Some("line" | "straightConnector1")) =>
            {
                let sp_pr = d.parent();
                let length = sp_pr
                    .and_then(|p| child(p, "xfrm"))
                    .and_then(|x| child(x, "ext"))
                    .and_then(|e| attr(e, "cx"))
                    .and_then(|v| v.parse::<f64>().ok())
                    .or_else(|| {
                        d.ancestors()
                            .find(|a| a.tag_name().name() == "anchor" || a.tag_name().name() == "inline")
                            .and_then(|a| child(a, "extent"))
                            .and_then(|e| attr(e, "cx"))
                            .and_then(|v| v.parse::<f64>().ok())
                    })
                    .unwrap_or(0.0);
                let width = sp_pr
                    .and_then(|p| child(p, "ln"))
                    .and_then(|l| attr(l, "w"))
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0);
                out.push(LineShape {
                    length_pt: (length / EMU_PER_PT) as f32,
                    width_pt: (width / EMU_PER_PT) as f32,
                });
            }
            "line" if d.tag_name().namespace().is_some_and(|n| n.contains("vml")) => {
                let coord = |name: &str| -> Option<(f64, f64)> {
                    let v = attr(d, name)?;
                    let mut it = v.split(',').map(|p| {
                        let p = p.trim();
                        twips(p).map(|t| t / TWIPS_PER_PT).or_else(|| p.parse().ok())
                    });
                    Some((it.next()??, it.next().flatten().unwrap_or(0.0)))
                };
                let length = match (coord("from"), coord("to")) {
                    (Some(a), Some(b)) => ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt(),
                    _ => 0.0,
                };
                out.push(LineShape {
                    length_pt: length as f32,
                    width_pt: 0.0,
                });
            }
            _ => {}
        }
    }
    out
}
