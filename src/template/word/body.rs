//! The body of a Word kind as Markdown in vanban's dialect, line by line with each line's place, and the
//! block rules: a block tag stands alone in its paragraph or opens and closes a table row; blocks close
//! in order; an unclosed block is reported where it opens.

use super::inline::{Emphasis, markdown};
use super::recognise::{column, is_signature_table, is_statement};
use super::{CompileError, Out, Value, line_array, signature_role};
use crate::template::APPENDIX_MARKER;
use crate::word::{Align, Block, Cell, Fmt, Paragraph, Piece, Place, Table, TagKind, VMerge};

/// Statements that open a block, and the statement that ends each.
const BLOCKS: &[(&str, &str)] = &[
    ("for", "endfor"),
    ("if", "endif"),
    ("macro", "endmacro"),
    ("call", "endcall"),
    ("filter", "endfilter"),
    ("with", "endwith"),
    ("block", "endblock"),
    ("autoescape", "endautoescape"),
    ("raw", "endraw"),
    ("set", "endset"),
];

/// A statement tag's source with docxtpl's paragraph/row markers removed (`{%p if x %}` → `{% if x %}`).
pub(super) fn plain_statement(source: &str) -> String {
    for marker in ["{%-p ", "{%-tr ", "{%-tc ", "{%p ", "{%tr ", "{%tc ", "{%r "] {
        if let Some(rest) = source.strip_prefix(marker) {
            let dash = if marker.starts_with("{%-") { "{%- " } else { "{% " };
            return format!("{dash}{rest}");
        }
    }
    source.to_owned()
}

/// The keyword of a statement (`for`, `endif`, `set` …).
fn keyword(source: &str) -> String {
    let inner = plain_statement(source);
    let inner = inner
        .trim_start_matches("{%")
        .trim_start_matches('-')
        .trim_end_matches("%}")
        .trim_end_matches('-');
    inner
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// What a statement does to the block structure.
#[derive(PartialEq, Eq, Debug)]
enum Effect {
    Open(&'static str),
    Close(&'static str),
    Middle,
    None,
}

fn effect(source: &str) -> Effect {
    let kw = keyword(source);
    // `{% set x = … %}` is a statement; `{% set x %}…{% endset %}` a block.
    if kw == "set" && source.contains('=') {
        return Effect::None;
    }
    if kw == "else" || kw == "elif" {
        return Effect::Middle;
    }
    for (open, close) in BLOCKS {
        if kw == *open {
            return Effect::Open(open);
        }
        if kw == *close {
            return Effect::Close(open);
        }
    }
    Effect::None
}

/// A block opened and not yet closed.
struct Open {
    keyword: &'static str,
    source: String,
    /// The `{% elif %}` / `{% else %}` met since it opened.
    middles: Vec<String>,
    place: Place,
    text: String,
}

/// A row of signature blocks the body holds (a signature table where it stands): its `[[chu_ky]]`
/// item, between the statements that hold it in the body (so the front matter has as many items as
/// the filled body has `<chu-ky/>` lines).
pub(super) struct SigningRow {
    /// The statements opening the blocks around it (with the branches taken so far).
    pub before: Vec<String>,
    /// The left column's lines, when it has any.
    pub left: Option<Value>,
    /// The right column's lines, when it has any.
    pub right: Option<Value>,
    /// The statements closing those blocks.
    pub after: Vec<String>,
}

/// The body's writer.
pub(super) struct Body<'o> {
    out: &'o mut Out,
    open: Vec<Open>,
    /// The signature rows met, in order.
    pub signings: Vec<SigningRow>,
}

fn error(place: Place, text: &str, message: String, hint: &str) -> CompileError {
    CompileError {
        place,
        text: text.chars().take(80).collect(),
        message,
        hint: hint.to_owned(),
    }
}

impl<'o> Body<'o> {
    pub(super) fn new(out: &'o mut Out) -> Self {
        Body {
            out,
            open: Vec::new(),
            signings: Vec::new(),
        }
    }

    fn line(&mut self, s: &str, from: Option<&Paragraph>) {
        self.out.line(s, from);
    }

    /// Applies a statement at the block level (its own paragraph, or a row): checks the nesting.
    fn structure(&mut self, source: &str, place: Place, text: &str) -> Result<(), CompileError> {
        match effect(source) {
            Effect::Open(k) => self.open.push(Open {
                keyword: k,
                source: source.to_owned(),
                middles: Vec::new(),
                place,
                text: text.to_owned(),
            }),
            Effect::Close(k) => match self.open.pop() {
                Some(o) if o.keyword == k => {}
                Some(o) => {
                    return Err(error(
                        place,
                        text,
                        format!(
                            "thẻ {} đóng khối {k}, nhưng khối đang mở là {} ({}, \"{}\")",
                            keyword(source),
                            o.keyword,
                            o.place,
                            o.source
                        ),
                        "mỗi khối mở ({% for %}, {% if %} …) phải đóng theo đúng thứ tự bằng {% endfor %}, {% endif %} …",
                    ));
                }
                None => {
                    return Err(error(
                        place,
                        text,
                        format!("thẻ {} không có khối nào đang mở để đóng", keyword(source)),
                        "xóa thẻ này, hoặc thêm thẻ mở tương ứng ở trước",
                    ));
                }
            },
            Effect::Middle => {
                if let Some(o) = self
                    .open
                    .last_mut()
                    .filter(|o| o.keyword == "if" || o.keyword == "for")
                {
                    o.middles.push(plain_statement(source));
                } else {
                    return Err(error(
                        place,
                        text,
                        format!("thẻ {} nằm ngoài khối {{% if %}}", keyword(source)),
                        "{% else %} và {% elif %} chỉ dùng giữa {% if … %} và {% endif %}",
                    ));
                }
            }
            Effect::None => {}
        }
        Ok(())
    }

    /// A paragraph holding only a statement: its tag on a line of its own.
    pub(super) fn statement_paragraph(&mut self, p: &Paragraph) -> Result<(), CompileError> {
        let Some(tag) = p.only_tag() else {
            return Ok(());
        };
        self.structure(&tag.source, p.place, &p.text())?;
        let s = plain_statement(&tag.source);
        self.line(&s, Some(p));
        Ok(())
    }

    /// The marker line that starts an appendix's body.
    pub(super) fn appendix_marker(&mut self) {
        self.line("", None);
        self.line(APPENDIX_MARKER, None);
    }

    /// Every block opened is closed.
    pub(super) fn finish(&mut self) -> Result<(), CompileError> {
        if let Some(o) = self.open.pop() {
            return Err(error(
                o.place,
                &o.text,
                format!("khối {} mở ở đây không được đóng", o.source),
                &format!("thêm một đoạn {{% end{} %}} ở chỗ khối kết thúc", o.keyword),
            ));
        }
        Ok(())
    }

    /// The body's blocks, in order.
    pub(super) fn blocks(&mut self, blocks: &[&Block]) -> Result<(), CompileError> {
        for b in blocks {
            match b {
                Block::Paragraph(p) => self.paragraph(p)?,
                Block::Table(t) => self.table(t)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Paragraph) -> Result<(), CompileError> {
        if p.page_break_before {
            self.line("", None);
            self.line("<sang-trang/>", Some(p));
            self.line("", None);
        }
        if p.is_empty() {
            return Ok(());
        }
        if is_statement(p) {
            return self.statement_paragraph(p);
        }
        balanced(&p.pieces, p.place, &p.text())?;
        if let Some(tag) = p.only_tag()
            && tag.kind == TagKind::Expr
            && is_call(tag.inner())
        {
            // A macro whose value is Markdown blocks (a table, paragraphs): expanded as blocks.
            self.line(&tag.source, Some(p));
            self.line("", None);
            return Ok(());
        }
        let line = self.paragraph_line(p);
        self.line(&line, Some(p));
        self.line("", None);
        if line.ends_with("%}") {
            // The engine drops the newline after a block tag that ends a line: one more blank line
            // keeps the next paragraph apart.
            self.line("", None);
        }
        if p.pieces.iter().any(|x| matches!(x, Piece::PageBreak)) {
            self.line("<sang-trang/>", Some(p));
            self.line("", None);
        }
        Ok(())
    }

    /// One body paragraph as one Markdown line: a heading, an article, a list item, a note or a
    /// paragraph (aligned when the document aligns it).
    fn paragraph_line(&self, p: &Paragraph) -> String {
        let text = p.text();
        let lead = text.trim_start();
        if let Some(rest) = article_label(lead) {
            let pieces = strip_chars(&p.pieces, text.chars().count() - rest.chars().count());
            return format!("#### {}", markdown(&pieces, Emphasis::Drop));
        }
        let typed = typed_heading(lead, first_fmt(&p.pieces));
        if let Some(level) = p.heading.or(typed.map(|(l, _)| l)) {
            let cut = typed.map_or(0, |(_, n)| text.chars().count() - lead.chars().count() + n);
            let pieces = strip_chars(&p.pieces, cut);
            return format!(
                "{} {}",
                "#".repeat(usize::from(level.clamp(1, 3))),
                markdown(&pieces, Emphasis::Drop)
            );
        }
        if let Some(list) = &p.list {
            let content = markdown(&p.pieces, Emphasis::Keep);
            return match &list.label {
                Some(label) if list.ordered => {
                    let mut escaped = String::new();
                    for c in label.chars() {
                        if c.is_ascii_punctuation() {
                            escaped.push('\\');
                        }
                        escaped.push(c);
                    }
                    format!("{escaped} {content}")
                }
                _ => format!("{}- {content}", "  ".repeat(usize::from(list.level.min(1)))),
            };
        }
        if let Some((depth, n)) = typed_item(lead) {
            let cut = text.chars().count() - lead.chars().count() + n;
            let pieces = strip_chars(&p.pieces, cut);
            return format!(
                "{}- {}",
                "  ".repeat(depth - 1),
                markdown(&pieces, Emphasis::Keep)
            );
        }
        if matches!(p.style_id.as_str(), "GhiChu" | "VBGhiChu") {
            // The note style is italic, as the profile prints notes: only other emphasis is the text's.
            let pieces: Vec<Piece> = p
                .pieces
                .iter()
                .map(|x| match x {
                    Piece::Text(t, f) => Piece::Text(t.clone(), Fmt { italic: false, ..*f }),
                    other => other.clone(),
                })
                .collect();
            return format!("> {}", markdown(&pieces, Emphasis::Keep));
        }
        let content = markdown(&p.pieces, Emphasis::Keep);
        match p.align {
            Align::Center => format!("<giua/>{content}"),
            Align::Right => format!("<phai/>{content}"),
            Align::Start => format!("<trai/>{content}"),
            _ => content,
        }
    }

    /// A signature table in the body: a `<chu-ky/>` line, its columns kept for a `[[chu_ky]]` item.
    fn signing_row(&mut self, t: &Table) {
        let side = |right: bool| {
            let lines = column(t, right);
            lines
                .iter()
                .any(|p| !p.is_empty())
                .then(|| line_array(&lines, signature_role))
        };
        let mut before = Vec::new();
        for o in &self.open {
            before.push(plain_statement(&o.source));
            before.extend(o.middles.iter().cloned());
        }
        let after = self
            .open
            .iter()
            .rev()
            .map(|o| format!("{{% end{} %}}", o.keyword))
            .collect();
        self.signings.push(SigningRow {
            before,
            left: side(false),
            right: side(true),
            after,
        });
        self.line("", None);
        self.line(crate::ir::SIGNING, None);
        self.line("", None);
    }

    /// A table: GitHub Markdown with the first row as its header; a row that a `for` (or `if`) starts
    /// in its first cell and ends in its last repeats (or drops), and a row holding only block tags
    /// (`{%tr … %}`) gives its tags as lines.
    fn table(&mut self, t: &Table) -> Result<(), CompileError> {
        if is_signature_table(t) {
            self.signing_row(t);
            return Ok(());
        }
        let ncols = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| usize::from(c.span)).sum::<usize>())
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return Ok(());
        }
        self.line("", None);
        // The grid's relative widths, when it has one width per column and they differ: columns all of
        // one width (what Word's Insert Table gives) are left to the layout to size by content.
        let total: u64 = t.grid.iter().map(|w| u64::from(*w)).sum();
        let (min, max) = (
            t.grid.iter().copied().min().unwrap_or(0),
            t.grid.iter().copied().max().unwrap_or(0),
        );
        let sized = u64::from(max) * 100 > u64::from(min) * 105;
        if t.grid.len() == ncols && ncols > 1 && min > 0 && sized {
            let per_mille: Vec<String> = t
                .grid
                .iter()
                .map(|w| (u64::from(*w) * 1000 / total).max(1).to_string())
                .collect();
            self.line(&format!("<bang cot=\"{}\"/>", per_mille.join(",")), None);
            self.line("", None);
        }
        let mut header_done = false;
        for (ri, row) in t.rows.iter().enumerate() {
            let place = |ci: usize| Place::Cell {
                table: t.number,
                row: ri + 1,
                cell: ci + 1,
            };
            let first = row.cells.first().and_then(|c| c.paragraphs.first());
            // A row of block tags only: its tags are lines of their own.
            if let Some(tags) = statement_row(row) {
                for (ci, source) in tags {
                    let text = source.clone();
                    self.structure(&source, place(ci), &text)?;
                    self.line(&plain_statement(&source), first);
                }
                continue;
            }
            let mut cells: Vec<Vec<Piece>> = row.cells.iter().map(cell_pieces).collect();
            // A loop or condition around the row: opened at the start of its first cell, closed at
            // the end of its last.
            let mut before = None;
            let mut after = None;
            if let Some(Piece::Tag(tag)) = cells.first().and_then(|c| first_content(c)).cloned()
                && tag.kind == TagKind::Stmt
                && matches!(effect(&tag.source), Effect::Open(_))
            {
                let last = cells.len() - 1;
                let closes = cells
                    .get(last)
                    .and_then(|c| last_content(c))
                    .and_then(|p| match p {
                        Piece::Tag(t) if t.kind == TagKind::Stmt => Some(t.clone()),
                        _ => None,
                    });
                let balanced_row = closes.as_ref().is_some_and(|c| {
                    matches!((effect(&tag.source), effect(&c.source)), (Effect::Open(a), Effect::Close(b)) if a == b)
                });
                if balanced_row && !(last == 0 && balanced(&cells[0], place(0), "").is_ok()) {
                    remove_first_content(&mut cells[0]);
                    remove_last_content(&mut cells[last]);
                    before = Some(tag.source.clone());
                    after = closes.map(|c| c.source);
                }
            }
            if let Some(b) = &before {
                self.structure(b, place(0), &b.clone())?;
                self.line(&plain_statement(b), first);
            }
            let mut md_cells = Vec::new();
            let looped = before.is_some();
            for (ci, (cell, pieces)) in row.cells.iter().zip(&cells).enumerate() {
                balanced(pieces, place(ci), &plain(pieces))?;
                let content = if cell.vmerge == VMerge::Continue {
                    String::new()
                } else {
                    // A merged cell: how many columns, and (not in a repeated row) how many rows.
                    let rows = if cell.vmerge == VMerge::Restart && !looped {
                        1 + merged_below(t, ri, md_cells.len())
                    } else {
                        1
                    };
                    let mut attrs = String::new();
                    if cell.span > 1 {
                        attrs.push_str(&format!(" cot=\"{}\"", cell.span));
                    }
                    if rows > 1 {
                        attrs.push_str(&format!(" hang=\"{rows}\""));
                    }
                    let merge = if attrs.is_empty() {
                        String::new()
                    } else {
                        format!("<gop{attrs}/>")
                    };
                    format!("{merge}{}", markdown(pieces, Emphasis::Keep))
                };
                md_cells.push(content);
                for _ in 1..cell.span {
                    md_cells.push(String::new());
                }
            }
            md_cells.resize(ncols, String::new());
            self.line(&format!("| {} |", md_cells.join(" | ")), first);
            if !header_done {
                header_done = true;
                let aligns = column_aligns(t, ncols);
                self.line(&format!("|{}|", aligns.join("|")), None);
            }
            if let Some(a) = &after {
                self.structure(a, place(row.cells.len() - 1), &a.clone())?;
                self.line(&plain_statement(a), first);
            }
        }
        self.line("", None);
        Ok(())
    }
}

/// How many rows below row `ri` continue the vertical merge of the cell starting at grid column `col`
/// (a row of block tags or a repeated row ends it).
fn merged_below(t: &Table, ri: usize, col: usize) -> usize {
    t.rows[ri + 1..]
        .iter()
        .take_while(|row| {
            statement_row(row).is_none()
                && grid_cell(row, col).is_some_and(|c| c.vmerge == VMerge::Continue)
        })
        .count()
}

/// The cell of a row that starts at grid column `col`.
fn grid_cell(row: &crate::word::Row, col: usize) -> Option<&Cell> {
    let mut at = 0;
    for c in &row.cells {
        if at == col {
            return Some(c);
        }
        at += usize::from(c.span);
    }
    None
}

fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t, _) => t.clone(),
            Piece::Tag(t) => t.source.clone(),
            _ => " ".into(),
        })
        .collect()
}

/// A cell's paragraphs as one line of pieces, joined by breaks (a statement paragraph inside a cell
/// stays inline).
fn cell_pieces(c: &Cell) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, p) in c.paragraphs.iter().filter(|p| !p.is_empty()).enumerate() {
        if i > 0 && !is_statement(p) {
            out.push(Piece::LineBreak);
        }
        for piece in &p.pieces {
            match piece {
                Piece::Tag(t) if t.kind == TagKind::Stmt => {
                    out.push(Piece::Tag(crate::word::Tag {
                        source: plain_statement(&t.source),
                        ..t.clone()
                    }))
                }
                other => out.push(other.clone()),
            }
        }
    }
    out
}

fn is_blank(p: &Piece) -> bool {
    match p {
        Piece::Text(t, _) => t.trim().is_empty(),
        Piece::Tab | Piece::LineBreak => true,
        _ => false,
    }
}

fn first_content(pieces: &[Piece]) -> Option<&Piece> {
    pieces.iter().find(|p| !is_blank(p))
}

fn last_content(pieces: &[Piece]) -> Option<&Piece> {
    pieces.iter().rev().find(|p| !is_blank(p))
}

fn remove_first_content(pieces: &mut Vec<Piece>) {
    if let Some(i) = pieces.iter().position(|p| !is_blank(p)) {
        pieces.remove(i);
    }
}

fn remove_last_content(pieces: &mut Vec<Piece>) {
    if let Some(i) = pieces.iter().rposition(|p| !is_blank(p)) {
        pieces.remove(i);
    }
}

/// The statement tags of a row that holds nothing else (`{%tr for … %}`, or `{% for %}` alone), with
/// their cells; `None` when the row has other content.
fn statement_row(row: &crate::word::Row) -> Option<Vec<(usize, String)>> {
    let mut tags = Vec::new();
    for (ci, c) in row.cells.iter().enumerate() {
        for p in &c.paragraphs {
            for piece in &p.pieces {
                match piece {
                    Piece::Tag(t) if t.kind == TagKind::Stmt => tags.push((ci, t.source.clone())),
                    Piece::Tag(t) if t.kind == TagKind::Comment => {}
                    other if is_blank(other) => {}
                    _ => return None,
                }
            }
        }
    }
    // A row with one statement that opens and closes inside is content, not structure.
    (!tags.is_empty()).then_some(tags)
}

/// Inline statements must open and close within the same paragraph or cell.
fn balanced(pieces: &[Piece], place: Place, text: &str) -> Result<(), CompileError> {
    let mut stack: Vec<(&'static str, String)> = Vec::new();
    for p in pieces {
        let Piece::Tag(t) = p else { continue };
        if t.kind != TagKind::Stmt {
            continue;
        }
        match effect(&t.source) {
            Effect::Open(k) => stack.push((k, t.source.clone())),
            Effect::Close(k) => match stack.pop() {
                Some((o, _)) if o == k => {}
                _ => {
                    return Err(error(
                        place,
                        text,
                        format!(
                            "thẻ khối {} không đứng riêng một đoạn và không đóng một khối mở trong cùng đoạn",
                            t.source
                        ),
                        "đặt thẻ mở và thẻ đóng khối mỗi thẻ trong một đoạn riêng (hoặc cả hai trong cùng một đoạn, cùng một ô); lặp hàng bảng: thẻ for ở đầu ô đầu, endfor ở cuối ô cuối",
                    ));
                }
            },
            _ => {}
        }
    }
    if let Some((_, source)) = stack.pop() {
        return Err(error(
            place,
            text,
            format!("thẻ khối {source} không đứng riêng một đoạn và không được đóng trong cùng đoạn"),
            "đặt thẻ mở khối ({% for %}, {% if %}) trong một đoạn riêng và thẻ đóng trong một đoạn riêng sau các đoạn cần lặp; hoặc đóng nó ngay trong đoạn này",
        ));
    }
    Ok(())
}

/// Column alignments for the separator row: from the first row after the header that is not a row of
/// block tags.
fn column_aligns(t: &Table, ncols: usize) -> Vec<String> {
    let mut out = vec!["---".to_owned(); ncols];
    let Some(row) = t.rows.iter().skip(1).find(|r| statement_row(r).is_none()) else {
        return out;
    };
    let mut col = 0;
    for c in &row.cells {
        let align = c.paragraphs.iter().find(|p| !p.is_empty()).map(|p| p.align);
        if col < ncols {
            out[col] = match align {
                Some(Align::Center) => ":---:".into(),
                Some(Align::Right) => "---:".into(),
                _ => "---".into(),
            };
        }
        col += usize::from(c.span);
    }
    out
}

/// An expression that calls a macro or function (`bc.bang_tieu_chi()`, `x(1)`), whose value is blocks.
fn is_call(inner: &str) -> bool {
    let s = inner.trim();
    let Some(open) = s.find('(') else {
        return false;
    };
    let name = &s[..open];
    s.ends_with(')')
        && !name.is_empty()
        && !name.contains('|')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The emphasis of the paragraph's first text or tag.
fn first_fmt(pieces: &[Piece]) -> crate::word::Fmt {
    pieces
        .iter()
        .find_map(|p| match p {
            Piece::Text(t, f) if !t.trim().is_empty() => Some(*f),
            Piece::Tag(t) if t.kind == TagKind::Expr => Some(t.fmt),
            _ => None,
        })
        .unwrap_or_default()
}

/// "Điều 3." at the start of a paragraph: the text after the label.
fn article_label(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Điều ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &rest[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(':'))?;
    Some(rest.trim_start())
}

/// A heading typed with its number, in bold (or italic for "a)"): "I. ", "1. ", "1.1. ", "a) ".
/// Returns the level and the length of the number with its space, in characters.
fn typed_heading(text: &str, fmt: crate::word::Fmt) -> Option<(u8, usize)> {
    if !fmt.bold && !fmt.italic {
        return None;
    }
    let word: String = text.chars().take_while(|c| !c.is_whitespace()).collect();
    let after = text[word.len()..].chars().take_while(|c| c.is_whitespace()).count();
    if after == 0 || text[word.len()..].trim().is_empty() {
        return None;
    }
    let n = word.chars().count() + after;
    if let Some(r) = word.strip_suffix('.')
        && !r.is_empty()
        && r.chars().all(|c| "IVXLC".contains(c))
        && fmt.bold
    {
        return Some((1, n));
    }
    let numeric = word.trim_end_matches('.');
    if word.ends_with('.') && !numeric.is_empty() && numeric.chars().all(|c| c.is_ascii_digit()) && fmt.bold {
        return Some((2, n));
    }
    if word.ends_with('.')
        && numeric.contains('.')
        && numeric.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((3, n));
    }
    if let Some(l) = word.strip_suffix(')')
        && l.chars().count() == 1
        && l.chars().all(|c| c.is_lowercase())
    {
        return Some((3, n));
    }
    None
}

/// A list item typed with its marker: "- " (depth 1), "+ " (depth 2), "• " / "– " (depth 1); the
/// depth and the marker's length with its space, in characters.
fn typed_item(text: &str) -> Option<(usize, usize)> {
    let mut chars = text.chars();
    let depth = match chars.next()? {
        '-' | '•' | '–' => 1,
        '+' => 2,
        _ => return None,
    };
    let spaces = chars.take_while(|c| c.is_whitespace()).count();
    (spaces > 0 && text.chars().count() > 1 + spaces).then_some((depth, 1 + spaces))
}

/// The pieces without their first `n` characters of text (the typed number or marker).
fn strip_chars(pieces: &[Piece], mut n: usize) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        match p {
            Piece::Text(t, f) if n > 0 => {
                let len = t.chars().count();
                if len <= n {
                    n -= len;
                } else {
                    out.push(Piece::Text(t.chars().skip(n).collect(), *f));
                    n = 0;
                }
            }
            Piece::Tab | Piece::LineBreak if n > 0 => n = n.saturating_sub(1),
            other => out.push(other.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::word::Fmt;

    const B: Fmt = Fmt {
        bold: true,
        italic: false,
        underline: false,
    };

    #[test]
    fn statements_and_their_markers() {
        assert_eq!(plain_statement("{%p if x %}"), "{% if x %}");
        assert_eq!(plain_statement("{%tr for r in rows %}"), "{% for r in rows %}");
        assert_eq!(effect("{%tr endfor %}"), Effect::Close("for"));
        assert_eq!(effect("{% set x = 1 %}"), Effect::None);
        assert_eq!(effect("{% set x %}"), Effect::Open("set"));
        assert_eq!(effect("{%- else -%}"), Effect::Middle);
    }

    #[test]
    fn typed_headings_items_and_articles() {
        assert_eq!(typed_heading("I. MỤC ĐÍCH", B), Some((1, 3)));
        assert_eq!(typed_heading("12. Nội dung", B), Some((2, 4)));
        assert_eq!(typed_heading("1.2. Nội dung", B), Some((3, 5)));
        assert_eq!(typed_heading("a) Tổ chức", B), Some((3, 3)));
        assert_eq!(typed_heading("1. Nội dung thường", Fmt::default()), None);
        assert_eq!(typed_heading("I.", B), None);
        assert_eq!(typed_item("- một"), Some((1, 2)));
        assert_eq!(typed_item("+  hai"), Some((2, 3)));
        assert_eq!(typed_item("-5 độ"), None);
        assert_eq!(article_label("Điều 2. Hiệu lực"), Some("Hiệu lực"));
        assert_eq!(article_label("Điều lệ Đảng"), None);
        assert!(is_call("bc.bang_tieu_chi()"));
        assert!(is_call("bc.nhan_dinh_doan(\"uu_diem\")"));
        assert!(!is_call("x|replace('a', 'b')"));
        assert!(!is_call("dv.ho_ten"));
    }
}
