//! `word/document.xml` (and header/footer parts) → blocks: paragraphs with their pieces and properties,
//! tables with their grid and merges. Content controls, smart tags and custom XML are read through; text
//! boxes are read in place, after the paragraph that anchors them; tracked changes are refused.

use super::numbering::Numbering;
use super::pictures::{PictureRef, holds_picture, picture_ref};
use super::styles::{Styles, resolve_fmt, underline_on};
use super::tags::{Atom, pieces};
use super::xml::{attr, child, parse, toggle, twips};
use super::{
    Align, Block, Cell, Paragraph, Place, ReadError, Row, Section, Table, VMerge, WordDoc,
};
use roxmltree::Node;

/// Elements that record tracked changes.
const TRACKED: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "pPrChange",
    "rPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
];

/// The deepest nesting of tables and content followed (a deeper one in a malformed file is cut off).
const MAX_DEPTH: usize = 32;

struct Reader<'s> {
    styles: &'s Styles,
    numbering: &'s mut Numbering,
    paragraphs: usize,
    tables: usize,
    pictures: Vec<PictureRef>,
}

/// Reads the body of `word/document.xml`, with the pictures it names (their parts not read yet).
pub(super) fn read_body(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<(WordDoc, Vec<PictureRef>), ReadError> {
    let doc = parse(xml, "word/document.xml")?;
    let Some(body) = doc
        .root_element()
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == "body")
    else {
        return Err(ReadError::Package {
            message: "phần word/document.xml không có thân văn bản (w:body)".into(),
            hint: "mở tệp trong Word và lưu lại dưới dạng Tài liệu Word (.docx)".into(),
        });
    };
    let mut r = Reader {
        styles,
        numbering,
        paragraphs: 0,
        tables: 0,
        pictures: Vec::new(),
    };
    let mut blocks = Vec::new();
    r.block_children(body, &mut blocks, 0)?;
    let last_section = child(body, "sectPr").map(section).unwrap_or_default();
    let doc = WordDoc {
        blocks,
        last_section,
        header_footer: Vec::new(),
        pictures: Vec::new(),
    };
    Ok((doc, r.pictures))
}

/// Reads a header or footer part's paragraphs (the `n`-th such part), its tables' paragraphs included.
pub(super) fn read_header_footer(
    xml: &str,
    n: usize,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Vec<Paragraph>, ReadError> {
    let doc = parse(xml, "word/header.xml")?;
    let mut r = Reader {
        styles,
        numbering,
        paragraphs: 0,
        tables: 0,
        pictures: Vec::new(),
    };
    let mut blocks = Vec::new();
    r.block_children(doc.root_element(), &mut blocks, 0)?;
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p),
            Block::Table(t) => out.extend(
                t.rows
                    .into_iter()
                    .flat_map(|r| r.cells)
                    .flat_map(|c| c.paragraphs),
            ),
        }
    }
    for p in &mut out {
        p.place = Place::HeaderFooter(n);
    }
    Ok(out)
}

fn tracked_error(place: Place) -> ReadError {
    ReadError::Content {
        place,
        message: "tài liệu còn thay đổi được theo dõi (Track Changes) chưa chấp nhận hoặc từ chối".into(),
        hint: "mở tệp trong Word, thẻ Xem lại (Review) → Chấp nhận (Accept) hoặc Từ chối (Reject) mọi thay đổi, tắt Theo dõi thay đổi rồi lưu lại".into(),
    }
}

fn section(sect: Node<'_, '_>) -> Section {
    let landscape = child(sect, "pgSz").is_some_and(|s| {
        attr(s, "orient") == Some("landscape")
            || matches!(
                (attr(s, "w").and_then(twips), attr(s, "h").and_then(twips)),
                (Some(w), Some(h)) if w > h
            )
    });
    Section { landscape }
}

impl Reader<'_> {
    /// The block-level children of a body, a cell, a text box or a content control, in order.
    fn block_children(
        &mut self,
        parent: Node<'_, '_>,
        out: &mut Vec<Block>,
        depth: usize,
    ) -> Result<(), ReadError> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for node in parent.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            match name {
                "p" => {
                    self.paragraphs += 1;
                    let place = Place::Paragraph(self.paragraphs);
                    self.paragraph(node, place, out, depth)?;
                }
                "tbl" => {
                    self.tables += 1;
                    let t = self.table(node, self.tables, depth)?;
                    out.push(Block::Table(t));
                }
                "sdt" => {
                    if let Some(content) = child(node, "sdtContent") {
                        self.block_children(content, out, depth + 1)?;
                    }
                }
                "customXml" | "smartTag" => self.block_children(node, out, depth + 1)?,
                n if TRACKED.contains(&n) => {
                    return Err(tracked_error(Place::Paragraph(self.paragraphs + 1)));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads a paragraph (and, after it, the paragraphs of text boxes anchored in it) into `out`.
    fn paragraph(
        &mut self,
        p: Node<'_, '_>,
        place: Place,
        out: &mut Vec<Block>,
        depth: usize,
    ) -> Result<(), ReadError> {
        let ppr = child(p, "pPr");
        if let Some(ppr) = ppr
            && ppr
                .descendants()
                .any(|d| d.is_element() && TRACKED.contains(&d.tag_name().name()))
        {
            return Err(tracked_error(place));
        }
        let style_id = ppr
            .and_then(|x| child(x, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .unwrap_or_default()
            .to_owned();
        let own_outline = ppr
            .and_then(|x| child(x, "outlineLvl"))
            .and_then(|o| attr(o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|o| *o < 9)
            .map(|o| o + 1);
        let heading = own_outline.or_else(|| self.styles.heading_level(&style_id));
        let num = ppr
            .and_then(|x| child(x, "numPr"))
            .and_then(|n| {
                let id = child(n, "numId").and_then(|x| attr(x, "val"))?;
                let lvl = child(n, "ilvl")
                    .and_then(|x| attr(x, "val"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                Some((id.to_owned(), lvl))
            })
            .or_else(|| self.styles.numbering(&style_id));
        let list = num.and_then(|(id, lvl)| self.numbering.item(&id, lvl));
        let align = match ppr
            .and_then(|x| child(x, "jc"))
            .and_then(|j| attr(j, "val"))
        {
            Some("center") => Align::Center,
            Some("right" | "end") => Align::Right,
            Some("both" | "distribute" | "thaiDistribute") => Align::Both,
            Some("left" | "start") => Align::Start,
            _ => Align::Left,
        };
        let leader_tabs = ppr.and_then(|x| child(x, "tabs")).is_some_and(|tabs| {
            tabs.children().any(|t| {
                t.is_element()
                    && t.tag_name().name() == "tab"
                    && matches!(
                        attr(t, "leader"),
                        Some("dot" | "underscore" | "middleDot" | "hyphen")
                    )
            })
        });
        let page_break_before = ppr
            .and_then(|x| child(x, "pageBreakBefore"))
            .is_some_and(toggle);
        let section_end = ppr.and_then(|x| child(x, "sectPr")).map(section);
        let para_fmt = self.styles.fmt(&style_id);
        let mut ctx = Inline {
            atoms: Vec::new(),
            boxes: Vec::new(),
            field: FieldState::default(),
            para_fmt,
            leader_tabs,
            place,
        };
        self.inline_children(p, &mut ctx, depth)?;
        let Inline { atoms, boxes, .. } = ctx;
        out.push(Block::Paragraph(Paragraph {
            place,
            style_id: self.styles.canonical_id(&style_id),
            heading,
            list,
            align,
            page_break_before,
            pieces: pieces(&atoms, place)?,
            section_end,
        }));
        // Text boxes: their paragraphs, read in place, at the anchoring paragraph's place.
        for tb in boxes {
            let mut inner = Vec::new();
            let saved = self.paragraphs;
            self.block_children(tb, &mut inner, depth + 1)?;
            self.paragraphs = saved;
            for b in inner {
                match b {
                    Block::Paragraph(mut q) => {
                        q.place = place;
                        out.push(Block::Paragraph(q));
                    }
                    t @ Block::Table(_) => out.push(t),
                }
            }
        }
        Ok(())
    }

    /// The inline children of a paragraph or a container inside it (hyperlink, content control, field).
    fn inline_children<'a, 'x>(
        &mut self,
        node: Node<'a, 'x>,
        ctx: &mut Inline<'a, 'x>,
        depth: usize,
    ) -> Result<(), ReadError> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for n in node.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "r" => self.run(n, ctx)?,
                "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "dir" | "bdo" => {
                    self.inline_children(n, ctx, depth + 1)?
                }
                "sdt" => {
                    if let Some(c) = child(n, "sdtContent") {
                        self.inline_children(c, ctx, depth + 1)?;
                    }
                }
                t if TRACKED.contains(&t) => return Err(tracked_error(ctx.place)),
                _ => {}
            }
        }
        Ok(())
    }

    /// One run: its emphasis, then its text, tabs, breaks, symbols and text boxes.
    fn run<'a, 'x>(&mut self, r: Node<'a, 'x>, ctx: &mut Inline<'a, 'x>) -> Result<(), ReadError> {
        let rpr = child(r, "rPr");
        if rpr.and_then(|x| child(x, "vanish")).is_some_and(toggle) {
            return Ok(());
        }
        if rpr.is_some_and(|x| {
            x.children()
                .any(|c| c.is_element() && TRACKED.contains(&c.tag_name().name()))
        }) {
            return Err(tracked_error(ctx.place));
        }
        let direct = (
            rpr.and_then(|x| child(x, "b")).map(toggle),
            rpr.and_then(|x| child(x, "i")).map(toggle),
            rpr.and_then(|x| child(x, "u")).map(underline_on),
        );
        let char_style = rpr
            .and_then(|x| child(x, "rStyle"))
            .and_then(|s| attr(s, "val"))
            .map(|id| self.styles.fmt(id))
            .unwrap_or_default();
        let fmt = resolve_fmt(direct, char_style, ctx.para_fmt);
        let caps = rpr.and_then(|x| child(x, "caps")).is_some_and(toggle);
        for n in r.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "fldChar" => ctx.field.update(attr(n, "fldCharType")),
                "instrText" | "delInstrText" => {}
                _ if ctx.field.in_instruction() => {}
                "t" => {
                    let text = n.text().unwrap_or_default();
                    for c in text.chars() {
                        let c = if caps { upper(c) } else { c };
                        let c = private_check_box(c).unwrap_or(c);
                        ctx.atoms.push(Atom::Char(c, fmt));
                    }
                }
                "tab" | "ptab" => ctx.atoms.push(Atom::Tab {
                    leader: ctx.leader_tabs,
                }),
                "br" => ctx.atoms.push(match attr(n, "type") {
                    Some("page") => Atom::PageBreak,
                    _ => Atom::LineBreak,
                }),
                "cr" => ctx.atoms.push(Atom::LineBreak),
                "noBreakHyphen" => ctx.atoms.push(Atom::Char('-', fmt)),
                "sym" => {
                    if let Some(c) = attr(n, "char").and_then(symbol) {
                        ctx.atoms.push(Atom::Char(c, fmt));
                    }
                }
                "delText" => return Err(tracked_error(ctx.place)),
                "drawing" | "pict" | "object" | "AlternateContent" => {
                    let boxes = text_boxes(n);
                    if boxes.is_empty() && holds_picture(n) {
                        ctx.atoms.push(Atom::Picture(self.pictures.len()));
                        self.pictures.push(picture_ref(n, ctx.place));
                    }
                    ctx.boxes.extend(boxes);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A table: its grid, its rows and cells with their merges; paragraphs in cells carry the cell's
    /// place; a table nested in a cell gives its paragraphs to the cell.
    fn table(
        &mut self,
        tbl: Node<'_, '_>,
        number: usize,
        depth: usize,
    ) -> Result<Table, ReadError> {
        let grid: Vec<u32> = child(tbl, "tblGrid")
            .map(|g| {
                g.children()
                    .filter(|c| c.is_element() && c.tag_name().name() == "gridCol")
                    .map(|c| attr(c, "w").and_then(twips).unwrap_or(0.0).round() as u32)
                    .collect()
            })
            .unwrap_or_default();
        let bordered = child(tbl, "tblPr")
            .and_then(|p| child(p, "tblBorders"))
            .is_some_and(|b| {
                b.children().any(|e| {
                    e.is_element() && !matches!(attr(e, "val"), Some("nil" | "none") | None)
                })
            })
            || child(tbl, "tblPr")
                .and_then(|p| child(p, "tblStyle"))
                .is_some_and(|s| {
                    attr(s, "val").is_some_and(|v| {
                        let l = v.to_ascii_lowercase();
                        l.contains("grid") || l.contains("bang")
                    })
                });
        let mut rows = Vec::new();
        for (ri, tr) in tbl
            .children()
            .filter(|c| c.is_element() && matches!(c.tag_name().name(), "tr"))
            .enumerate()
        {
            let trpr = child(tr, "trPr");
            if trpr.is_some_and(|x| {
                x.children()
                    .any(|c| c.is_element() && TRACKED.contains(&c.tag_name().name()))
            }) {
                return Err(tracked_error(Place::Cell {
                    table: number,
                    row: ri + 1,
                    cell: 1,
                }));
            }
            let header = trpr.and_then(|x| child(x, "tblHeader")).is_some_and(toggle);
            let mut cells = Vec::new();
            for (ci, tc) in cell_nodes(tr).into_iter().enumerate() {
                let place = Place::Cell {
                    table: number,
                    row: ri + 1,
                    cell: ci + 1,
                };
                let tcpr = child(tc, "tcPr");
                if tcpr.is_some_and(|x| {
                    x.children()
                        .any(|c| c.is_element() && TRACKED.contains(&c.tag_name().name()))
                }) {
                    return Err(tracked_error(place));
                }
                let span = tcpr
                    .and_then(|x| child(x, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<u16>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = match tcpr.and_then(|x| child(x, "vMerge")) {
                    None => VMerge::None,
                    Some(v) if attr(v, "val") == Some("restart") => VMerge::Restart,
                    Some(_) => VMerge::Continue,
                };
                let mut inner = Vec::new();
                let saved = self.paragraphs;
                self.block_children(tc, &mut inner, depth + 1)?;
                self.paragraphs = saved;
                let mut paragraphs = Vec::new();
                flatten(inner, place, &mut paragraphs);
                cells.push(Cell {
                    span,
                    vmerge,
                    paragraphs,
                });
            }
            rows.push(Row { header, cells });
        }
        Ok(Table {
            number,
            grid,
            bordered,
            rows,
        })
    }
}

/// A row's cells, through content controls and custom XML around them.
fn cell_nodes<'a, 'x>(tr: Node<'a, 'x>) -> Vec<Node<'a, 'x>> {
    let mut out = Vec::new();
    for c in tr.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "tc" => out.push(c),
            "sdt" => {
                if let Some(content) = child(c, "sdtContent") {
                    out.extend(cell_nodes(content));
                }
            }
            "customXml" => out.extend(cell_nodes(c)),
            _ => {}
        }
    }
    out
}

/// A cell's blocks as paragraphs at the cell's place (a nested table row by row).
fn flatten(blocks: Vec<Block>, place: Place, out: &mut Vec<Paragraph>) {
    for b in blocks {
        match b {
            Block::Paragraph(mut p) => {
                p.place = place;
                out.push(p);
            }
            Block::Table(t) => {
                for row in t.rows {
                    for cell in row.cells {
                        flatten(
                            cell.paragraphs.into_iter().map(Block::Paragraph).collect(),
                            place,
                            out,
                        );
                    }
                }
            }
        }
    }
}

/// What a paragraph's runs are read into, and with.
struct Inline<'a, 'x> {
    atoms: Vec<Atom>,
    boxes: Vec<Node<'a, 'x>>,
    field: FieldState,
    para_fmt: (Option<bool>, Option<bool>, Option<bool>),
    leader_tabs: bool,
    place: Place,
}

/// Where a complex field is: its instruction (hidden) or its result (shown).
#[derive(Default)]
struct FieldState {
    /// For each open field, whether its result part has started.
    stack: Vec<bool>,
}

impl FieldState {
    fn update(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => self.stack.push(false),
            Some("separate") => {
                if let Some(top) = self.stack.last_mut() {
                    *top = true;
                }
            }
            Some("end") => {
                self.stack.pop();
            }
            _ => {}
        }
    }

    fn in_instruction(&self) -> bool {
        self.stack.last().is_some_and(|result| !*result)
    }
}

/// The text-box contents (`w:txbxContent`) inside a drawing, once each (an AlternateContent's
/// fallback repeats its choice).
fn text_boxes<'a, 'x>(node: Node<'a, 'x>) -> Vec<Node<'a, 'x>> {
    let scope = if node.tag_name().name() == "AlternateContent" {
        node.children()
            .find(|c| c.is_element() && c.tag_name().name() == "Choice")
            .unwrap_or(node)
    } else {
        node
    };
    scope
        .descendants()
        .filter(|d| d.is_element() && d.tag_name().name() == "txbxContent")
        .collect()
}

/// The character a `w:sym` draws: check boxes of the Wingdings fonts as Unicode, other symbols by code.
fn symbol(code: &str) -> Option<char> {
    let n = u32::from_str_radix(code, 16).ok()?;
    let n = if (0xF000..=0xF0FF).contains(&n) {
        n - 0xF000
    } else {
        n
    };
    Some(match n {
        0xA8 | 0x6F | 0x71 => '☐',
        0xFE | 0x78 | 0xFD => '☒',
        _ => char::from_u32(n).filter(|c| !c.is_control())?,
    })
}

/// A check box typed as a symbol font's private-use character (LibreOffice saves a Wingdings `w:sym`
/// as the text U+F0A8 in a Wingdings run), as the check box it draws.
fn private_check_box(c: char) -> Option<char> {
    let n = u32::from(c);
    if !(0xF000..=0xF0FF).contains(&n) {
        return None;
    }
    symbol(&format!("{n:X}")).filter(|s| matches!(s, '☐' | '☒'))
}

/// Upper case for a `w:caps` run (Word shows it so).
fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}
