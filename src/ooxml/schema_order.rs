//! The schema pass: one streaming rewrite of a WordprocessingML part so that it validates against
//! ECMA-376.
//!
//! docx-rs writes the children of property elements (`w:pPr`, `w:rPr`, `w:tblPr`, `w:sectPr`, …) in its
//! own order, while the schema defines each of them as an `xsd:sequence`; Word then offers to repair the
//! file. This pass copies the part event by event with quick-xml and, inside each such element, sorts the
//! children into sequence order (a stable sort of byte ranges of the output, done only when they are out
//! of order). While it streams it also adds what docx-rs cannot write:
//! - extra children of the default run properties (`w:lang`, `w:color`), see [`Fixes::default_run`];
//! - `w:tblHeader` in the first row of every table whose `w:tblStyle` is [`Fixes::repeat_header_style`],
//!   in the first N rows when the style's name is that name followed by the number N;
//!
//! and drops what the schema does not allow: `w:type` on `w:gridCol`, and the `w:rPr` docx-rs puts in
//! the paragraph properties of styles and document defaults (CT_PPrGeneral has none); also the optional
//! `w14:paraId` of paragraphs, which docx-rs takes from a thread-local counter.
//! An extra child is added only when the element has no child of that name yet.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// An element to insert: its local name (for ordering) and its XML.
#[derive(Debug, Clone, Copy)]
pub(super) struct Extra<'a> {
    /// Local name without prefix, e.g. `lang`.
    pub local: &'a [u8],
    /// The serialised element, e.g. `<w:lang w:val="vi-VN"/>`.
    pub xml: &'a [u8],
}

/// What the pass adds besides ordering.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fixes<'a> {
    /// Appended to `w:docDefaults/w:rPrDefault/w:rPr`.
    pub default_run: &'a [Extra<'a>],
    /// Tables whose `w:tblStyle` has this value get `w:tblHeader` on their first row; this value followed
    /// by a number N, on their first N rows.
    pub repeat_header_style: &'a [u8],
}

/// The error of a malformed part (never expected: the input comes from docx-rs).
pub(super) type Error = quick_xml::Error;

/// Rewrites one XML part.
pub(super) fn fix_part(src: &[u8], fixes: &Fixes<'_>) -> Result<Vec<u8>, Error> {
    let mut reader = Reader::from_reader(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut pass = Pass {
        reader,
        out: Vec::with_capacity(src.len() + src.len() / 16 + 256),
        scratch: Vec::new(),
        items: Vec::new(),
        tables: Vec::new(),
        fixes,
    };
    pass.top()?;
    Ok(pass.out)
}

/// The elements the pass knows about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Other,
    PPr,
    /// The pPr of a style or of the document defaults (CT_PPrGeneral).
    PPrGeneral,
    PPrDefault,
    RPr,
    TblPr,
    TrPr,
    TcPr,
    SectPr,
    TblBorders,
    TcBorders,
    PBdr,
    CellMar,
    Style,
    Styles,
    DocDefaults,
    RPrDefault,
    Tbl,
    Tr,
    TblStyle,
    GridCol,
    P,
}

fn classify(local: &[u8]) -> Kind {
    match local {
        b"pPr" => Kind::PPr,
        b"rPr" => Kind::RPr,
        b"tblPr" => Kind::TblPr,
        b"trPr" => Kind::TrPr,
        b"tcPr" => Kind::TcPr,
        b"sectPr" => Kind::SectPr,
        b"tblBorders" => Kind::TblBorders,
        b"tcBorders" => Kind::TcBorders,
        b"pBdr" => Kind::PBdr,
        b"tblCellMar" | b"tcMar" => Kind::CellMar,
        b"style" => Kind::Style,
        b"styles" => Kind::Styles,
        b"docDefaults" => Kind::DocDefaults,
        b"rPrDefault" => Kind::RPrDefault,
        b"pPrDefault" => Kind::PPrDefault,
        b"tbl" => Kind::Tbl,
        b"tr" => Kind::Tr,
        b"tblStyle" => Kind::TblStyle,
        b"gridCol" => Kind::GridCol,
        b"p" => Kind::P,
        _ => Kind::Other,
    }
}

/// Children in schema order; names on one entry share a rank (an `xsd:choice` inside the sequence).
type Order = &'static [&'static [&'static [u8]]];

/// CT_PPr (17.3.1.26): CT_PPrBase, then rPr, sectPr, pPrChange.
const PPR: Order = &[
    &[b"pStyle"],
    &[b"keepNext"],
    &[b"keepLines"],
    &[b"pageBreakBefore"],
    &[b"framePr"],
    &[b"widowControl"],
    &[b"numPr"],
    &[b"suppressLineNumbers"],
    &[b"pBdr"],
    &[b"shd"],
    &[b"tabs"],
    &[b"suppressAutoHyphens"],
    &[b"kinsoku"],
    &[b"wordWrap"],
    &[b"overflowPunct"],
    &[b"topLinePunct"],
    &[b"autoSpaceDE"],
    &[b"autoSpaceDN"],
    &[b"bidi"],
    &[b"adjustRightInd"],
    &[b"snapToGrid"],
    &[b"spacing"],
    &[b"ind"],
    &[b"contextualSpacing"],
    &[b"mirrorIndents"],
    &[b"suppressOverlap"],
    &[b"jc"],
    &[b"textDirection"],
    &[b"textAlignment"],
    &[b"textboxTightWrap"],
    &[b"outlineLvl"],
    &[b"divId"],
    &[b"cnfStyle"],
    &[b"rPr"],
    &[b"sectPr"],
    &[b"pPrChange"],
];

/// CT_RPr / CT_ParaRPr (17.3.2.28, 17.3.1.29): the revision marks of a paragraph mark, EG_RPrBase,
/// then rPrChange.
const RPR: Order = &[
    &[b"ins"],
    &[b"del"],
    &[b"moveFrom"],
    &[b"moveTo"],
    &[b"rStyle"],
    &[b"rFonts"],
    &[b"b"],
    &[b"bCs"],
    &[b"i"],
    &[b"iCs"],
    &[b"caps"],
    &[b"smallCaps"],
    &[b"strike"],
    &[b"dstrike"],
    &[b"outline"],
    &[b"shadow"],
    &[b"emboss"],
    &[b"imprint"],
    &[b"noProof"],
    &[b"snapToGrid"],
    &[b"vanish"],
    &[b"webHidden"],
    &[b"color"],
    &[b"spacing"],
    &[b"w"],
    &[b"kern"],
    &[b"position"],
    &[b"sz"],
    &[b"szCs"],
    &[b"highlight"],
    &[b"u"],
    &[b"effect"],
    &[b"bdr"],
    &[b"shd"],
    &[b"fitText"],
    &[b"vertAlign"],
    &[b"rtl"],
    &[b"cs"],
    &[b"em"],
    &[b"lang"],
    &[b"eastAsianLayout"],
    &[b"specVanish"],
    &[b"oMath"],
    &[b"rPrChange"],
];

/// CT_TblPr (17.4.60).
const TBLPR: Order = &[
    &[b"tblStyle"],
    &[b"tblpPr"],
    &[b"tblOverlap"],
    &[b"bidiVisual"],
    &[b"tblStyleRowBandSize"],
    &[b"tblStyleColBandSize"],
    &[b"tblW"],
    &[b"jc"],
    &[b"tblCellSpacing"],
    &[b"tblInd"],
    &[b"tblBorders"],
    &[b"shd"],
    &[b"tblLayout"],
    &[b"tblCellMar"],
    &[b"tblLook"],
    &[b"tblCaption"],
    &[b"tblDescription"],
    &[b"tblPrChange"],
];

/// CT_TrPr (17.4.82): CT_TrPrBase is a choice, kept in the order the schema lists it; then ins, del,
/// trPrChange.
const TRPR: Order = &[
    &[b"cnfStyle"],
    &[b"divId"],
    &[b"gridBefore"],
    &[b"gridAfter"],
    &[b"wBefore"],
    &[b"wAfter"],
    &[b"cantSplit"],
    &[b"trHeight"],
    &[b"tblHeader"],
    &[b"tblCellSpacing"],
    &[b"jc"],
    &[b"hidden"],
    &[b"ins"],
    &[b"del"],
    &[b"trPrChange"],
];

/// CT_TcPr (17.4.70).
const TCPR: Order = &[
    &[b"cnfStyle"],
    &[b"tcW"],
    &[b"gridSpan"],
    &[b"hMerge"],
    &[b"vMerge"],
    &[b"tcBorders"],
    &[b"shd"],
    &[b"noWrap"],
    &[b"tcMar"],
    &[b"textDirection"],
    &[b"tcFitText"],
    &[b"vAlign"],
    &[b"hideMark"],
    &[b"headers"],
    &[b"cellIns"],
    &[b"cellDel"],
    &[b"cellMerge"],
    &[b"tcPrChange"],
];

/// CT_SectPr (17.6.17): header/footer references first (a choice), then the section properties.
const SECTPR: Order = &[
    &[b"headerReference", b"footerReference"],
    &[b"footnotePr"],
    &[b"endnotePr"],
    &[b"type"],
    &[b"pgSz"],
    &[b"pgMar"],
    &[b"paperSrc"],
    &[b"pgBorders"],
    &[b"lnNumType"],
    &[b"pgNumType"],
    &[b"cols"],
    &[b"formProt"],
    &[b"vAlign"],
    &[b"noEndnote"],
    &[b"titlePg"],
    &[b"textDirection"],
    &[b"bidi"],
    &[b"rtlGutter"],
    &[b"docGrid"],
    &[b"printerSettings"],
    &[b"sectPrChange"],
];

/// CT_TblBorders / CT_TcBorders (17.4.39, 17.4.67); `start`/`end` are the strict names of left/right.
const BORDERS: Order = &[
    &[b"top"],
    &[b"left", b"start"],
    &[b"bottom"],
    &[b"right", b"end"],
    &[b"insideH"],
    &[b"insideV"],
    &[b"tl2br"],
    &[b"tr2bl"],
];

/// CT_PBdr (17.3.1.24).
const PBDR: Order = &[
    &[b"top"],
    &[b"left"],
    &[b"bottom"],
    &[b"right"],
    &[b"between"],
    &[b"bar"],
];

/// CT_TblCellMar / CT_TcMar (17.4.43, 17.4.69).
const CELLMAR: Order = &[
    &[b"top"],
    &[b"left", b"start"],
    &[b"bottom"],
    &[b"right", b"end"],
];

/// CT_Style (17.7.4.17).
const STYLE: Order = &[
    &[b"name"],
    &[b"aliases"],
    &[b"basedOn"],
    &[b"next"],
    &[b"link"],
    &[b"autoRedefine"],
    &[b"hidden"],
    &[b"uiPriority"],
    &[b"semiHidden"],
    &[b"unhideWhenUsed"],
    &[b"qFormat"],
    &[b"locked"],
    &[b"personal"],
    &[b"personalCompose"],
    &[b"personalReply"],
    &[b"rsid"],
    &[b"pPr"],
    &[b"rPr"],
    &[b"tblPr"],
    &[b"trPr"],
    &[b"tcPr"],
    &[b"tblStylePr"],
];

/// CT_Styles and CT_DocDefaults (17.7.4.18, 17.7.5.1).
const STYLES: Order = &[&[b"docDefaults"], &[b"latentStyles"], &[b"style"]];
const DOC_DEFAULTS: Order = &[&[b"rPrDefault"], &[b"pPrDefault"]];

fn order_of(kind: Kind) -> Option<Order> {
    Some(match kind {
        Kind::PPr | Kind::PPrGeneral => PPR,
        Kind::RPr => RPR,
        Kind::TblPr => TBLPR,
        Kind::TrPr => TRPR,
        Kind::TcPr => TCPR,
        Kind::SectPr => SECTPR,
        Kind::TblBorders | Kind::TcBorders => BORDERS,
        Kind::PBdr => PBDR,
        Kind::CellMar => CELLMAR,
        Kind::Style => STYLE,
        Kind::Styles => STYLES,
        Kind::DocDefaults => DOC_DEFAULTS,
        _ => return None,
    })
}

/// The rank of a child (`w:name`, or a bare local name) in its parent's sequence. Only WordprocessingML
/// children are ranked; anything else (an extension element) goes last, where the schema's extension
/// points are.
fn rank(order: Order, qname: &[u8]) -> u16 {
    let (prefix, local) = split_qname(qname);
    if !prefix.is_empty() && prefix != b"w" {
        return u16::MAX;
    }
    order
        .iter()
        .position(|names| names.contains(&local))
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(u16::MAX - 1)
}

/// Children the schema does not allow where docx-rs writes them.
fn dropped(parent: Kind, qname: &[u8]) -> bool {
    parent == Kind::PPrGeneral && split_qname(qname).1 == b"rPr"
}

fn split_qname(qname: &[u8]) -> (&[u8], &[u8]) {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => (&qname[..i], &qname[i + 1..]),
        None => (&[], qname),
    }
}

#[derive(Debug, Clone, Copy)]
struct Item {
    rank: u16,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct TableState {
    /// How many of the first rows repeat as the header (0: none).
    repeat_rows: u32,
    rows: u32,
}

struct Pass<'a, 'f> {
    reader: Reader<&'a [u8]>,
    out: Vec<u8>,
    scratch: Vec<u8>,
    /// A stack of child ranges; each ordered element uses the items above the length it found.
    items: Vec<Item>,
    tables: Vec<TableState>,
    fixes: &'f Fixes<'f>,
}

impl Pass<'_, '_> {
    fn top(&mut self) -> Result<(), Error> {
        loop {
            match self.reader.read_event()? {
                Event::Eof => return Ok(()),
                Event::Start(e) => self.element(&e, Kind::Root, false)?,
                Event::Empty(e) => self.element(&e, Kind::Root, true)?,
                other => self.raw(&other),
            }
        }
    }

    /// Writes one element (its start tag has just been read) with everything inside it.
    fn element(&mut self, e: &BytesStart<'_>, parent: Kind, empty: bool) -> Result<(), Error> {
        let qname = e.name();
        let qname = qname.as_ref().as_bytes();
        let (_, local) = split_qname(qname);
        let kind = match (classify(local), parent) {
            (Kind::PPr, Kind::Style | Kind::PPrDefault) => Kind::PPrGeneral,
            (k, _) => k,
        };
        match kind {
            Kind::Tbl if !empty => self.tables.push(TableState::default()),
            Kind::Tr => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows += 1;
                }
            }
            Kind::TblStyle
                if parent == Kind::TblPr && !self.fixes.repeat_header_style.is_empty() =>
            {
                let repeat = e.try_get_attribute("w:val").ok().flatten().and_then(|a| {
                    let value: &[u8] = a.value.as_bytes();
                    let rest = value.strip_prefix(self.fixes.repeat_header_style)?;
                    if rest.is_empty() {
                        Some(1)
                    } else {
                        std::str::from_utf8(rest).ok()?.parse::<u32>().ok()
                    }
                });
                if let (Some(n), Some(t)) = (repeat, self.tables.last_mut()) {
                    t.repeat_rows = n;
                }
            }
            _ => {}
        }
        let extras: &[Extra<'_>] = match (kind, parent) {
            (Kind::RPr, Kind::RPrDefault) => self.fixes.default_run,
            (Kind::TrPr, Kind::Tr)
                if self
                    .tables
                    .last()
                    .is_some_and(|t| t.rows <= t.repeat_rows) =>
            {
                const TBL_HEADER: &[Extra<'static>] = &[Extra {
                    local: b"tblHeader",
                    xml: b"<w:tblHeader/>",
                }];
                TBL_HEADER
            }
            _ => &[],
        };

        // CT_TblGridCol has only w:w; docx-rs adds w:type. docx-rs numbers paragraphs (w14:paraId)
        // from a thread-local counter: optional for Word, and dropping them keeps the bytes independent
        // of whatever the thread rendered before.
        let drop_attrs: &[&str] = match kind {
            Kind::GridCol => &["w:type"],
            Kind::P => &["w14:paraId", "w14:textId"],
            _ => &[],
        };
        self.out.push(b'<');
        let raw: &str = e;
        if drop_attrs.iter().any(|k| raw.contains(k)) {
            self.out.extend_from_slice(qname);
            for a in e.attributes().with_checks(false).flatten() {
                if !drop_attrs.contains(&a.key.as_ref()) {
                    self.out.push(b' ');
                    self.out.extend_from_slice(a.key.as_ref().as_bytes());
                    self.out.extend_from_slice(b"=\"");
                    self.out.extend_from_slice(a.value.as_bytes());
                    self.out.push(b'"');
                }
            }
        } else if empty && !extras.is_empty() {
            // `<w:trPr />` opened up as `<w:trPr>…</w:trPr>`.
            self.out.extend_from_slice(e.as_bytes().trim_ascii_end());
        } else {
            self.out.extend_from_slice(e.as_bytes());
        }
        if empty && extras.is_empty() {
            self.out.extend_from_slice(b"/>");
        } else {
            self.out.push(b'>');
            if empty {
                let base = self.items.len();
                self.close(order_of(kind), extras, qname, base)?;
            } else {
                self.children(kind, extras)?;
            }
        }
        if kind == Kind::Tbl && !empty {
            self.tables.pop();
        }
        Ok(())
    }

    /// Copies the children of an element of `kind` up to and including its end tag.
    fn children(&mut self, kind: Kind, extras: &[Extra<'_>]) -> Result<(), Error> {
        let order = order_of(kind);
        let base = self.items.len();
        loop {
            let event = self.reader.read_event()?;
            let start = self.out.len();
            let rank = match event {
                Event::Start(e) => {
                    if dropped(kind, e.name().as_ref().as_bytes()) {
                        self.skip_subtree()?;
                        continue;
                    }
                    let rank = order.map(|o| rank(o, e.name().as_ref().as_bytes()));
                    self.element(&e, kind, false)?;
                    rank
                }
                Event::Empty(e) => {
                    if dropped(kind, e.name().as_ref().as_bytes()) {
                        continue;
                    }
                    let rank = order.map(|o| rank(o, e.name().as_ref().as_bytes()));
                    self.element(&e, kind, true)?;
                    rank
                }
                Event::End(end) => {
                    return self.close(order, extras, end.name().as_ref().as_bytes(), base);
                }
                Event::Eof => {
                    return Err(Error::Syntax(quick_xml::errors::SyntaxError::UnclosedTag));
                }
                // Indentation between ordered children would travel with them: drop it.
                Event::Text(t) if order.is_some() && t.bytes().all(|b| b.is_ascii_whitespace()) => {
                    continue;
                }
                other => {
                    self.raw(&other);
                    order.map(|_| u16::MAX)
                }
            };
            if let Some(rank) = rank {
                self.items.push(Item {
                    rank,
                    start,
                    end: self.out.len(),
                });
            }
        }
    }

    /// Appends the extra children, sorts the child ranges above `base` into schema order (only when
    /// they are out of order) and writes the end tag.
    fn close(
        &mut self,
        order: Option<Order>,
        extras: &[Extra<'_>],
        qname: &[u8],
        base: usize,
    ) -> Result<(), Error> {
        for x in extras {
            let rank = order.map_or(u16::MAX - 1, |o| rank(o, x.local));
            // Only when the element does not have that child yet.
            if self.items[base..].iter().any(|i| i.rank == rank) {
                continue;
            }
            let start = self.out.len();
            self.out.extend_from_slice(x.xml);
            self.items.push(Item {
                rank,
                start,
                end: self.out.len(),
            });
        }
        let items = &mut self.items[base..];
        if items.windows(2).any(|w| w[0].rank > w[1].rank) {
            let region = items[0].start;
            items.sort_by_key(|i| i.rank);
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.out[region..]);
            self.out.truncate(region);
            for i in items.iter() {
                self.out
                    .extend_from_slice(&self.scratch[i.start - region..i.end - region]);
            }
        }
        self.items.truncate(base);
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(qname);
        self.out.push(b'>');
        Ok(())
    }

    /// Skips the rest of an element whose start tag has just been read.
    fn skip_subtree(&mut self) -> Result<(), Error> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.reader.read_event()? {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => {
                    return Err(Error::Syntax(quick_xml::errors::SyntaxError::UnclosedTag));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Copies an event as it was.
    fn raw(&mut self, event: &Event<'_>) {
        let out = &mut self.out;
        match event {
            Event::Text(t) => out.extend_from_slice(t.as_bytes()),
            Event::GeneralRef(r) => {
                out.push(b'&');
                out.extend_from_slice(r.as_bytes());
                out.push(b';');
            }
            Event::CData(c) => {
                out.extend_from_slice(b"<![CDATA[");
                out.extend_from_slice(c.as_bytes());
                out.extend_from_slice(b"]]>");
            }
            Event::Comment(c) => {
                out.extend_from_slice(b"<!--");
                out.extend_from_slice(c.as_bytes());
                out.extend_from_slice(b"-->");
            }
            Event::Decl(d) => {
                out.extend_from_slice(b"<?");
                out.extend_from_slice(d.as_bytes());
                out.extend_from_slice(b"?>");
            }
            Event::PI(p) => {
                out.extend_from_slice(b"<?");
                out.extend_from_slice(p.as_bytes());
                out.extend_from_slice(b"?>");
            }
            Event::DocType(d) => {
                out.extend_from_slice(b"<!DOCTYPE ");
                out.extend_from_slice(d.as_bytes());
                out.push(b'>');
            }
            Event::End(e) => {
                out.extend_from_slice(b"</");
                out.extend_from_slice(e.name().as_ref().as_bytes());
                out.push(b'>');
            }
            Event::Start(_) | Event::Empty(_) | Event::Eof => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANG: &[Extra<'static>] = &[
        Extra {
            local: b"color",
            xml: b"<w:color w:val=\"000000\"/>",
        },
        Extra {
            local: b"lang",
            xml: b"<w:lang w:val=\"vi-VN\"/>",
        },
    ];

    fn fix(src: &str) -> String {
        let fixes = Fixes {
            default_run: LANG,
            repeat_header_style: b"Repeat",
        };
        String::from_utf8(fix_part(src.as_bytes(), &fixes).unwrap()).unwrap()
    }

    #[test]
    fn paragraph_properties_in_sequence_order() {
        let src = r#"<w:p><w:pPr><w:rPr><w:sz w:val="28" /><w:rFonts w:ascii="X" /><w:b /></w:rPr><w:jc w:val="both" /><w:ind w:firstLine="567" /><w:spacing w:after="120" /><w:pBdr><w:bottom w:val="single" /><w:top w:val="single" /></w:pBdr><w:keepNext /></w:pPr><w:r><w:rPr><w:i /><w:b /></w:rPr><w:t>x</w:t></w:r></w:p>"#;
        assert_eq!(
            fix(src),
            r#"<w:p><w:pPr><w:keepNext /><w:pBdr><w:top w:val="single" /><w:bottom w:val="single" /></w:pBdr><w:spacing w:after="120" /><w:ind w:firstLine="567" /><w:jc w:val="both" /><w:rPr><w:rFonts w:ascii="X" /><w:b /><w:sz w:val="28" /></w:rPr></w:pPr><w:r><w:rPr><w:b /><w:i /></w:rPr><w:t>x</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn ordered_input_is_unchanged() {
        let src = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:pPr><w:spacing w:after="0" /><w:jc w:val="center" /></w:pPr><w:r><w:rPr><w:b /><w:sz w:val="28" /></w:rPr><w:t xml:space="preserve">a &amp; &lt;b&gt; &quot;c&quot; # $ * _ @ \ |</w:t><w:br /></w:r></w:p><!-- c --></w:body></w:document>"#;
        assert_eq!(fix(src), src);
    }

    #[test]
    fn table_properties_borders_and_section() {
        let src = r#"<w:tbl><w:tblPr><w:tblW w:w="100" /><w:tblCellMar><w:right w:w="0" /><w:top w:w="0" /><w:left w:w="0" /><w:bottom w:w="0" /></w:tblCellMar><w:tblLayout w:type="fixed" /><w:tblBorders><w:insideV /><w:right /><w:top /><w:left /></w:tblBorders><w:tblStyle w:val="Other" /></w:tblPr><w:tblGrid><w:gridCol w:w="100" w:type="dxa" /></w:tblGrid><w:tr><w:trPr /><w:tc><w:tcPr><w:vAlign w:val="center" /><w:tcW w:w="100" /></w:tcPr><w:p /></w:tc></w:tr></w:tbl><w:sectPr><w:titlePg /><w:pgMar w:top="1" /><w:pgSz w:w="1" /><w:headerReference r:id="a" /><w:headerReference r:id="b" /></w:sectPr>"#;
        assert_eq!(
            fix(src),
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="Other" /><w:tblW w:w="100" /><w:tblBorders><w:top /><w:left /><w:right /><w:insideV /></w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar><w:top w:w="0" /><w:left w:w="0" /><w:bottom w:w="0" /><w:right w:w="0" /></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr><w:trPr /><w:tc><w:tcPr><w:tcW w:w="100" /><w:vAlign w:val="center" /></w:tcPr><w:p /></w:tc></w:tr></w:tbl><w:sectPr><w:headerReference r:id="a" /><w:headerReference r:id="b" /><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:titlePg /></w:sectPr>"#
        );
    }

    #[test]
    fn header_row_of_marked_tables_repeats() {
        let row = r#"<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc><w:p /></w:tc></w:tr>"#;
        let empty_row = r#"<w:tr><w:trPr /><w:tc><w:p /></w:tc></w:tr>"#;
        let src = format!(
            r#"<w:body><w:tbl><w:tblPr><w:tblStyle w:val="Repeat" /></w:tblPr>{row}{row}</w:tbl><w:tbl><w:tblPr /><w:tr><w:trPr /><w:tc><w:tbl><w:tblPr><w:tblStyle w:val="Repeat" /></w:tblPr>{empty_row}{empty_row}</w:tbl><w:p /></w:tc></w:tr></w:tbl></w:body>"#
        );
        let out = fix(&src);
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        assert!(out.contains(
            r#"<w:tblPr><w:tblStyle w:val="Repeat" /></w:tblPr><w:tr><w:trPr><w:cantSplit /><w:tblHeader/></w:trPr>"#
        ));
        // The inner marked table's first row: an empty trPr opened up.
        assert!(out.contains(
            r#"<w:tblPr><w:tblStyle w:val="Repeat" /></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>"#
        ));
        // The outer unmarked table's row is left alone.
        assert!(out.contains(r#"<w:tblPr /><w:tr><w:trPr /><w:tc><w:tbl>"#));
        // "Repeat2": the first two rows repeat, the third does not.
        let src = format!(
            r#"<w:body><w:tbl><w:tblPr><w:tblStyle w:val="Repeat2" /></w:tblPr>{row}{row}{row}</w:tbl></w:body>"#
        );
        assert_eq!(fix(&src).matches("<w:tblHeader/>").count(), 2);
        // Another style that merely starts with the name is not marked.
        let src = format!(
            r#"<w:body><w:tbl><w:tblPr><w:tblStyle w:val="RepeatX" /></w:tblPr>{row}</w:tbl></w:body>"#
        );
        assert_eq!(fix(&src).matches("<w:tblHeader/>").count(), 0);
    }

    #[test]
    fn default_run_properties_get_language_once() {
        let src = r#"<w:styles><w:style w:type="paragraph"><w:pPr><w:rPr /><w:jc w:val="left" /></w:pPr><w:rPr /><w:name w:val="Normal" /></w:style><w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="0" /><w:rPr /></w:pPr></w:pPrDefault><w:rPrDefault><w:rPr><w:sz w:val="28" /><w:rFonts w:ascii="T" /></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        assert_eq!(
            fix(src),
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="T" /><w:color w:val="000000"/><w:sz w:val="28" /><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" /></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph"><w:name w:val="Normal" /><w:pPr><w:jc w:val="left" /></w:pPr><w:rPr /></w:style></w:styles>"#
        );
        // Present already: not added again; an empty rPr is opened up.
        let out = fix(r#"<w:rPrDefault><w:rPr><w:lang w:val="en-US" /></w:rPr></w:rPrDefault>"#);
        assert_eq!(
            out,
            r#"<w:rPrDefault><w:rPr><w:color w:val="000000"/><w:lang w:val="en-US" /></w:rPr></w:rPrDefault>"#
        );
        assert_eq!(
            fix(r#"<w:rPrDefault><w:rPr /></w:rPrDefault>"#),
            r#"<w:rPrDefault><w:rPr><w:color w:val="000000"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>"#
        );
    }

    #[test]
    fn unknown_and_extension_children_go_last_in_order() {
        let src = r#"<w:rPr><w:madeUp /><w14:glow /><w:sz w:val="2" /><w:b /></w:rPr>"#;
        assert_eq!(
            fix(src),
            r#"<w:rPr><w:b /><w:sz w:val="2" /><w:madeUp /><w14:glow /></w:rPr>"#
        );
    }

    #[test]
    fn paragraph_ids_are_dropped() {
        assert_eq!(
            fix(r#"<w:p w14:paraId="0000000a" w:rsidR="1"><w:r /></w:p><w:p w14:paraId="b"/>"#),
            r#"<w:p w:rsidR="1"><w:r /></w:p><w:p/>"#
        );
    }

    #[test]
    fn malformed_input_is_an_error() {
        let fixes = Fixes::default();
        assert!(fix_part(b"<w:pPr><w:jc>", &fixes).is_err());
    }
}
