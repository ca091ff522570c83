//! The administrative parts of a Word document, found from its own structure: the Thông số table, the
//! header table, the title block, Kính gửi / Kính trình, the căn cứ and the enacting line, the
//! signature area with the nơi nhận, the appendices on sections of their own. What is not recognised
//! stays body text.

use super::super::lines::{authority_prefix, is_date_line};
use crate::word::{Align, Block, Paragraph, Piece, Table, TagKind, WordDoc};

/// A row of the Thông số table: the key and the value's paragraphs.
pub(super) struct MetaRow<'d> {
    /// The key as written ("per", "signature.ho_ten").
    pub key: String,
    /// The value cell's paragraphs (one line each).
    pub value: Vec<&'d Paragraph>,
    /// The table's first paragraph, for places.
    pub at: &'d Paragraph,
}

/// Kính gửi or Kính trình.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Addressed {
    /// "Kính gửi:".
    Gui,
    /// "Kính trình:".
    Trinh,
}

/// The signature area.
#[derive(Default)]
pub(super) struct SignatureArea<'d> {
    /// The issuer's signature (right column).
    pub right: Vec<&'d Paragraph>,
    /// A second signature (left column), when the left column is not the nơi nhận.
    pub left: Vec<&'d Paragraph>,
    /// The nơi nhận (left column, or paragraphs under two signatures).
    pub noi_nhan: Vec<&'d Paragraph>,
}

/// An appendix: a section after the main text.
pub(super) struct Appendix<'d> {
    /// Turned pages.
    pub landscape: bool,
    /// Its title lines (label and reference line left out: the layout writes them).
    pub title: Vec<&'d Paragraph>,
    /// Whether it had a "(Kèm theo …)" line.
    pub kem_theo: bool,
    /// Its body.
    pub body: Vec<&'d Block>,
}

/// A document divided into its parts.
#[derive(Default)]
pub(super) struct Parts<'d> {
    /// The Thông số table's rows.
    pub meta: Vec<MetaRow<'d>>,
    /// Statement-only paragraphs before the header (`{% set … %}`, `{% import … %}`).
    pub prelude: Vec<&'d Paragraph>,
    /// The header table's left and right columns.
    pub header: Option<(Vec<&'d Paragraph>, Vec<&'d Paragraph>)>,
    /// The title block's lines.
    pub title: Vec<&'d Paragraph>,
    /// Kính gửi / Kính trình: which, and its paragraphs (the first holds the label).
    pub addressed: Option<(Addressed, Vec<&'d Paragraph>)>,
    /// The căn cứ lines.
    pub can_cu: Vec<&'d Paragraph>,
    /// The enacting line.
    pub enacting: Option<&'d Paragraph>,
    /// The body.
    pub body: Vec<&'d Block>,
    /// The signature area.
    pub signature: Option<SignatureArea<'d>>,
    /// The appendices.
    pub appendices: Vec<Appendix<'d>>,
}

/// Lower-case text without marks and spaces, for comparing labels ("Thông số văn bản" → "thongsovanban").
pub(super) fn key(text: &str) -> String {
    crate::workbook::matching::match_key(text)
}

/// True for a paragraph holding only a statement tag (`{% for … %}`, `{%p if … %}`).
pub(super) fn is_statement(p: &Paragraph) -> bool {
    p.only_tag().is_some_and(|t| t.kind == TagKind::Stmt)
}

/// The block as a paragraph.
fn para<'d>(b: Option<&&'d Block>) -> Option<&'d Paragraph> {
    match b {
        Some(Block::Paragraph(p)) => Some(p),
        _ => None,
    }
}

fn is_empty(b: &Block) -> bool {
    matches!(b, Block::Paragraph(p) if p.is_empty())
}

/// The paragraphs of a table's column (every row's cell at that grid position, or its last cell for
/// the right column).
pub(super) fn column(t: &Table, right: bool) -> Vec<&Paragraph> {
    t.rows
        .iter()
        .filter_map(|r| if right { r.cells.last() } else { r.cells.first() })
        .flat_map(|c| c.paragraphs.iter())
        .collect()
}

fn is_meta_table(t: &Table) -> bool {
    t.rows
        .first()
        .and_then(|r| r.cells.first())
        .and_then(|c| c.paragraphs.iter().find(|p| !p.is_empty()))
        .is_some_and(|p| key(&p.text()) == "thongsovanban")
}

fn meta_rows(t: &Table) -> Vec<MetaRow<'_>> {
    let mut out = Vec::new();
    for row in t.rows.iter().skip(1) {
        let (Some(k), Some(v)) = (row.cells.first(), row.cells.get(1)) else {
            continue;
        };
        let key = k.paragraphs.iter().map(Paragraph::text).collect::<String>();
        let key = key.trim();
        let Some(at) = k.paragraphs.first() else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        out.push(MetaRow {
            key: key.to_owned(),
            value: v.paragraphs.iter().filter(|p| !p.is_empty()).collect(),
            at,
        });
    }
    out
}

/// True for a header table: two columns or more, the national or Party line or a date line on the
/// right, or a number line on the left.
fn is_header_table(t: &Table) -> bool {
    let cols = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if cols < 2 {
        return false;
    }
    let right = column(t, true)
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>();
    let left = column(t, false)
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>();
    right.iter().any(|r| {
        let k = key(r);
        k.contains("dangcongsanvietnam") || k.contains("conghoaxahoichunghiavietnam") || is_date_line(r)
    }) || left.iter().any(|l| {
        let lower = l.trim().to_lowercase();
        lower.starts_with("số ") || lower.starts_with("số:")
    })
}

fn is_upper_line(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

fn has_tag(p: &Paragraph) -> bool {
    p.pieces.iter().any(|x| matches!(x, Piece::Tag(_)))
}

/// A tên loại line: centred, in capitals (or a tag that prints it).
fn is_title_start(p: &Paragraph) -> bool {
    !p.is_empty()
        && p.align == Align::Center
        && p.heading.is_none()
        && (is_upper_line(&p.text()) || has_tag(p))
}

/// The addressee label a paragraph starts with.
fn addressed(p: &Paragraph) -> Option<Addressed> {
    let k = key(&p.text());
    if k.starts_with("kinhgui") {
        Some(Addressed::Gui)
    } else if k.starts_with("kinhtrinh") {
        Some(Addressed::Trinh)
    } else {
        None
    }
}

fn is_can_cu(p: &Paragraph) -> bool {
    let t = p.text();
    let t = t.trim().trim_start_matches(['-', '+', '–']).trim();
    let k = key(t);
    k.starts_with("cancu") || k.starts_with("xetde") || k.starts_with("theode")
}

fn is_enacting(p: &Paragraph) -> bool {
    let k = key(&p.text());
    !p.is_empty() && (k.ends_with("quyetdinh") || k == "quyetdinh")
}

fn is_list_item(p: &Paragraph) -> bool {
    let t = p.text();
    let t = t.trim_start();
    (t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("– ")) || p.list.is_some()
}

/// True for a table holding a signature area: borderless, two columns or more, whose right column ends
/// with a name under blank lines or holds an authority line, whose left column starts "Nơi nhận", or
/// whose lines carry the signature styles.
pub(super) fn is_signature_table(t: &Table) -> bool {
    if t.bordered {
        return false;
    }
    let cols = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if cols < 2 {
        return false;
    }
    let left: Vec<&Paragraph> = column(t, false);
    let right: Vec<&Paragraph> = column(t, true);
    let noi_nhan = left
        .iter()
        .map(|p| p.text())
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| key(&l).starts_with("noinhan"));
    let authority = right
        .iter()
        .any(|p| authority_prefix(&p.text()).is_some());
    let blank_then_name = right.len() >= 3
        && right.last().is_some_and(|p| !p.is_empty())
        && right[..right.len() - 1].iter().any(|p| p.is_empty());
    // Lines in the signature styles vanban's templates use (a name left blank to write by hand).
    let styled = left
        .iter()
        .chain(&right)
        .any(|p| p.style_id.starts_with("VBChuKy"));
    noi_nhan || authority || blank_then_name || styled
}

fn is_noi_nhan_start(p: &Paragraph) -> bool {
    key(&p.text()).starts_with("noinhan")
}

/// Finds the parts of a document.
pub(super) fn recognise(doc: &WordDoc) -> Parts<'_> {
    let blocks = &doc.blocks;
    // The main text is the first section; each later section is an appendix.
    let mut sections: Vec<(Vec<&Block>, bool)> = Vec::new();
    let mut current = Vec::new();
    for b in blocks {
        current.push(b);
        if let Block::Paragraph(p) = b
            && let Some(s) = p.section_end
        {
            sections.push((std::mem::take(&mut current), s.landscape));
        }
    }
    sections.push((current, doc.last_section.landscape));
    sections.retain(|(b, _)| b.iter().any(|x| !is_empty(x)));
    let mut sections = sections.into_iter();
    let main: Vec<&Block> = sections.next().map(|(b, _)| b).unwrap_or_default();
    let mut parts = Parts::default();
    let mut i = 0;
    let skip_empty = |i: &mut usize| {
        while *i < main.len() && is_empty(main[*i]) {
            *i += 1;
        }
    };
    skip_empty(&mut i);
    if let Some(Block::Table(t)) = main.get(i)
        && is_meta_table(t)
    {
        parts.meta = meta_rows(t);
        i += 1;
    }
    // Statement paragraphs before the header.
    while let Some(p) = para(main.get(i)) {
        if p.is_empty() {
            i += 1;
        } else if is_statement(p) {
            parts.prelude.push(p);
            i += 1;
        } else {
            break;
        }
    }
    if let Some(Block::Table(t)) = main.get(i)
        && is_header_table(t)
    {
        parts.header = Some((column(t, false), column(t, true)));
        i += 1;
    }
    skip_empty(&mut i);
    // The title block: a centred line in capitals, then centred lines until the separator.
    if let Some(p) = para(main.get(i))
        && is_title_start(p)
    {
        parts.title.push(p);
        i += 1;
        while let Some(p) = para(main.get(i)) {
            // A picture under the title (a logo, a photo) is the body's.
            if p.is_empty() || p.align != Align::Center || p.heading.is_some() || p.has_picture() {
                break;
            }
            parts.title.push(p);
            i += 1;
            let t = p.text();
            if t.trim().chars().all(|c| matches!(c, '-' | '*' | '_' | '–')) {
                break;
            }
        }
    }
    skip_empty(&mut i);
    if let Some(p) = para(main.get(i))
        && let Some(kind) = addressed(p)
    {
        let mut lines = vec![p];
        i += 1;
        while let Some(q) = para(main.get(i)) {
            if q.is_empty() || !is_list_item(q) {
                break;
            }
            lines.push(q);
            i += 1;
        }
        parts.addressed = Some((kind, lines));
    }
    skip_empty(&mut i);
    // Căn cứ lines count only when an enacting line follows them.
    let mut j = i;
    let mut can_cu = Vec::new();
    while let Some(p) = para(main.get(j)) {
        if p.is_empty() {
            j += 1;
        } else if is_can_cu(p) {
            can_cu.push(p);
            j += 1;
        } else {
            break;
        }
    }
    if let Some(p) = para(main.get(j))
        && is_enacting(p)
        && (!can_cu.is_empty() || p.align == Align::Center)
    {
        parts.can_cu = can_cu;
        parts.enacting = Some(p);
        i = j + 1;
    }
    // The signature area: the last signature table of the main text, and a nơi nhận under it — unless
    // the Thông số table says the document has none (a form signed only in rows of the body).
    let mut end = main.len();
    let no_area = parts.meta.iter().any(|row| {
        key(&row.key) == key(super::NO_SIGNATURE_AREA_KEY)
            && row.value.iter().any(|p| key(&p.text()) == key(super::NO_SIGNATURE_AREA_VALUE))
    });
    if no_area {
        // Every signature table is a row of the body.
    } else if let Some(pos) = main
        .iter()
        .rposition(|b| matches!(b, Block::Table(t) if is_signature_table(t)))
        && pos >= i
        && let Block::Table(t) = main[pos]
    {
        let left = column(t, false);
        let right = column(t, true);
        let mut area = SignatureArea {
            right,
            ..SignatureArea::default()
        };
        if left
            .iter()
            .find(|p| !p.is_empty())
            .is_some_and(|p| is_noi_nhan_start(p))
        {
            area.noi_nhan = left;
        } else {
            // A second signature keeps its blank lines: they separate the name.
            if left.iter().any(|p| !p.is_empty()) {
                area.left = left;
            }
        }
        // Paragraphs after the table: a nơi nhận under two signatures.
        let after: Vec<&Paragraph> = main[pos + 1..]
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect();
        if after
            .iter()
            .find(|p| !p.is_empty())
            .is_some_and(|p| is_noi_nhan_start(p))
        {
            area.noi_nhan = after;
        }
        parts.signature = Some(area);
        end = pos;
    } else if let Some(pos) = main[i..]
        .iter()
        .position(|b| matches!(b, Block::Paragraph(p) if is_noi_nhan_start(p)))
    {
        // No table: a nơi nhận block of paragraphs ends the body.
        let pos = i + pos;
        let noi_nhan = main[pos..]
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect();
        parts.signature = Some(SignatureArea {
            noi_nhan,
            ..SignatureArea::default()
        });
        end = pos;
    }
    parts.body = main[i.min(end)..end].to_vec();
    for (blocks, landscape) in sections {
        parts.appendices.push(appendix(blocks, landscape));
    }
    parts
}

fn appendix(blocks: Vec<&Block>, landscape: bool) -> Appendix<'_> {
    let mut i = 0;
    while i < blocks.len() && is_empty(blocks[i]) {
        i += 1;
    }
    let mut title = Vec::new();
    let mut kem_theo = false;
    while let Some(p) = para(blocks.get(i)) {
        if p.is_empty() || p.align != Align::Center || p.has_picture() {
            break;
        }
        let t = p.text();
        let k = key(&t);
        if k.starts_with("kemtheo") || (t.trim().starts_with('(') && k.contains("kemtheo")) {
            kem_theo = true;
        } else if k.starts_with("phuluc") && t.split_whitespace().count() <= 3 {
            // "PHỤ LỤC 2": the layout numbers appendices itself.
        } else if t.trim().chars().all(|c| matches!(c, '-' | '*' | '_' | '–')) {
            i += 1;
            break;
        } else {
            title.push(p);
        }
        i += 1;
    }
    Appendix {
        landscape,
        title,
        kem_theo,
        body: blocks[i..].to_vec(),
    }
}
