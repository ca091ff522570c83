//! A kind's Markdown body, as written (with its tags), → Word paragraphs and tables the reader reads
//! back into the same body: a line holding only a statement is a paragraph of its own; a macro call
//! alone is a paragraph; headings take Word's heading styles; articles are typed "Điều n."; list items
//! are typed "- " and "+ "; tables are Word tables with their statement lines as rows of their own;
//! notes take the note style.

use crate::word::{Align, Block, Cell, Fmt, Paragraph, Piece, Place, Row, Table, VMerge};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A paragraph of the given pieces, style and alignment.
pub(super) fn para(pieces: Vec<Piece>, style: &str, align: Align, heading: Option<u8>) -> Paragraph {
    Paragraph {
        place: Place::Paragraph(0),
        style_id: style.to_owned(),
        heading,
        list: None,
        align,
        page_break_before: false,
        pieces,
        section_end: None,
    }
}

/// A paragraph of plain text.
pub(super) fn text_para(text: &str, fmt: Fmt, style: &str, align: Align) -> Paragraph {
    let pieces = if text.is_empty() {
        Vec::new()
    } else {
        vec![Piece::Text(text.to_owned(), fmt)]
    };
    para(pieces, style, align, None)
}

/// The private characters standing for tags while a line's Markdown is parsed (so a tag's `|`, `*`
/// or `_` is never Markdown).
const TAG_BASE: u32 = 0xF0000;

/// Replaces every tag of a line with a private character; returns the line and the tags.
fn protect(line: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut tags = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(['{']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let close = match from.get(..2) {
            Some("{{") => Some("}}"),
            Some("{%") => Some("%}"),
            Some("{#") => Some("#}"),
            _ => None,
        };
        match close.and_then(|c| from[2..].find(c).map(|j| j + 4)) {
            Some(end) => {
                let c = char::from_u32(TAG_BASE + tags.len() as u32).unwrap_or('\u{FFFD}');
                tags.push(from[..end].to_owned());
                out.push(c);
                rest = &from[end..];
            }
            None => {
                out.push('{');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    (out, tags)
}

/// Restores the tags in text.
fn restore(text: &str, tags: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let n = c as u32;
        if n >= TAG_BASE
            && let Some(t) = tags.get((n - TAG_BASE) as usize)
        {
            out.push_str(t);
        } else {
            out.push(c);
        }
    }
    out
}

/// A line of inline Markdown (emphasis, escapes, the dialect's `<b>`, `<dong-cham/>` …) → pieces; the
/// tags in it stay text for the Word template.
pub(super) fn inline(line: &str) -> Vec<Piece> {
    let (protected, tags) = protect(line);
    let mut out: Vec<Piece> = Vec::new();
    let (mut bold, mut italic, mut underline) = (0u32, 0u32, 0u32);
    let push = |out: &mut Vec<Piece>, text: &str, fmt: Fmt| match out.last_mut() {
        Some(Piece::Text(t, f)) if *f == fmt => t.push_str(text),
        _ => out.push(Piece::Text(text.to_owned(), fmt)),
    };
    for event in Parser::new(&protected) {
        let fmt = Fmt {
            bold: bold > 0,
            italic: italic > 0,
            underline: underline > 0,
        };
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => push(&mut out, &restore(&t, &tags), fmt),
            Event::SoftBreak => push(&mut out, " ", fmt),
            Event::HardBreak => out.push(Piece::LineBreak),
            Event::InlineHtml(h) | Event::Html(h) => {
                match h.trim().to_ascii_lowercase().replace(' ', "").as_str() {
                    "<b>" | "<strong>" => bold += 1,
                    "</b>" | "</strong>" => bold = bold.saturating_sub(1),
                    "<i>" | "<em>" => italic += 1,
                    "</i>" | "</em>" => italic = italic.saturating_sub(1),
                    "<u>" => underline += 1,
                    "</u>" => underline = underline.saturating_sub(1),
                    "<dong-cham/>" | "<dong-cham>" => out.push(Piece::Fill),
                    "<o-trong/>" => push(&mut out, "☐", fmt),
                    "<o-chon/>" => push(&mut out, "☒", fmt),
                    "<br/>" | "<br>" => out.push(Piece::LineBreak),
                    _ => push(&mut out, &restore(&h, &tags), fmt),
                }
            }
            _ => {}
        }
    }
    for p in &mut out {
        if let Piece::Text(t, _) = p {
            *t = t.replace(crate::ir::LINE_BREAK, "\n");
        }
    }
    out
}

/// True for a line holding only a statement tag.
fn is_statement(line: &str) -> bool {
    line.starts_with("{%") && line.ends_with("%}") && line.matches("%}").count() == 1
}

/// True for a line holding only a call (`{{ bc.bang_tieu_chi() }}`): its value is blocks.
fn is_call_line(line: &str) -> bool {
    line.starts_with("{{") && line.ends_with("}}") && line.matches("}}").count() == 1 && {
        let inner = line[2..line.len() - 2].trim();
        inner.ends_with(')') && inner.find('(').is_some_and(|i| {
            let name = &inner[..i];
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        })
    }
}

/// The cells of a table line (`| a | b |`), split at `|` outside tags and escapes.
fn cells(line: &str) -> Vec<String> {
    let (protected, tags) = protect(line.trim());
    let inner = protected
        .strip_prefix('|')
        .unwrap_or(&protected)
        .strip_suffix('|')
        .unwrap_or_else(|| protected.strip_prefix('|').unwrap_or(&protected));
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            cur.push(c);
            escaped = true;
        } else if c == '|' {
            out.push(restore(cur.trim(), &tags));
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(restore(cur.trim(), &tags));
    out
}

/// Column alignments of a table's separator line.
fn aligns(line: &str) -> Vec<Align> {
    cells(line)
        .iter()
        .map(|c| {
            let c = c.trim();
            match (c.starts_with(':'), c.ends_with(':')) {
                (true, true) => Align::Center,
                (false, true) => Align::Right,
                _ => Align::Left,
            }
        })
        .collect()
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' '))
        && t.contains('-')
}

/// A statement row: the tag in the first cell, the others empty.
fn statement_row(tag: &str, ncols: usize) -> Row {
    let mut cells = vec![cell(vec![text_para(tag, Fmt::default(), "", Align::Left)])];
    for _ in 1..ncols {
        cells.push(cell(Vec::new()));
    }
    Row {
        header: false,
        cells,
    }
}

fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        span: 1,
        vmerge: VMerge::None,
        paragraphs,
    }
}

/// The spans of a cell that starts with `<gop cot="2" hang="3"/>` (columns, rows) and the text after it.
fn merge_of(cell: &str) -> Option<((u16, usize), &str)> {
    let cell = cell.trim_start();
    let end = cell.starts_with("<gop").then(|| cell.find("/>"))?? + 2;
    let (cols, rows) = crate::ir::merge_tag(&cell[..end])?;
    Some(((u16::try_from(cols).ok()?, rows), cell[end..].trim_start()))
}

/// A Markdown table (its lines, statement lines among them) → a bordered Word table, its columns as
/// wide as a `<bang cot="…"/>` line before it says, its `<gop …/>` cells merged.
fn table(lines: &[&str], widths: Option<&[u32]>) -> Block {
    let ncols = lines
        .iter()
        .filter(|l| l.trim().starts_with('|'))
        .map(|l| cells(l).len())
        .max()
        .unwrap_or(1);
    let column_aligns = lines
        .iter()
        .find(|l| is_separator(l))
        .map(|l| aligns(l))
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut header_done = false;
    // Vertical merges still running: for each column, (rows left below, columns spanned).
    let mut below: Vec<(usize, u16)> = vec![(0, 1); ncols];
    for line in lines {
        let t = line.trim();
        if is_statement(t) {
            rows.push(statement_row(t, ncols));
            below.fill((0, 1));
            continue;
        }
        if is_separator(t) {
            continue;
        }
        let texts = cells(t);
        let mut row_cells: Vec<Cell> = Vec::new();
        let mut col = 0;
        while col < ncols {
            if below[col].0 > 0 {
                let (left, span) = below[col];
                below[col].0 = left - 1;
                row_cells.push(Cell {
                    span,
                    vmerge: VMerge::Continue,
                    paragraphs: vec![para(Vec::new(), "", Align::Left, None)],
                });
                col += usize::from(span).max(1);
                continue;
            }
            let text = texts.get(col).map_or("", String::as_str);
            let align = if header_done {
                column_aligns.get(col).copied().unwrap_or(Align::Left)
            } else {
                Align::Center
            };
            let ((span, down), text) = merge_of(text).unwrap_or(((1, 1), text));
            let span = span.min(u16::try_from(ncols - col).unwrap_or(1)).max(1);
            let mut c = cell(vec![para(inline(text), "", align, None)]);
            c.span = span;
            if down > 1 {
                c.vmerge = VMerge::Restart;
                below[col] = (down - 1, span);
            }
            row_cells.push(c);
            col += usize::from(span);
        }
        rows.push(Row {
            header: !header_done,
            cells: row_cells,
        });
        header_done = true;
    }
    let grid = match widths.filter(|w| w.len() == ncols) {
        Some(w) => {
            let total: u64 = w.iter().map(|x| u64::from(*x)).sum::<u64>().max(1);
            w.iter()
                .map(|x| u32::try_from(u64::from(*x) * 9354 / total).unwrap_or(1).max(1))
                .collect()
        }
        None => vec![9354 / ncols.max(1) as u32; ncols],
    };
    Block::Table(Table {
        number: 0,
        grid,
        bordered: true,
        rows,
    })
}

/// A heading line's level and text (`## Mục đích` → (2, "Mục đích")).
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    rest.starts_with(' ').then(|| (level, rest.trim()))
}

/// A list item line's depth and text (`  - hai` → (2, "hai")).
fn list_item(raw: &str) -> Option<(usize, &str)> {
    let indent = raw.len() - raw.trim_start().len();
    let t = raw.trim_start();
    let rest = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "))?;
    Some((indent / 2 + 1, rest.trim()))
}

/// The body's blocks, one list per section (the main text, then each appendix after its marker line);
/// each `<chu-ky/>` line takes the next of `signings` (the front matter's `[[chu_ky]]` as tables).
pub(super) fn blocks(
    body: &str,
    marker: &str,
    signings: &mut dyn Iterator<Item = Block>,
) -> Result<Vec<Vec<Block>>, String> {
    let mut sections = vec![Vec::new()];
    let lines: Vec<&str> = body.lines().collect();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut articles = 0;
    let mut widths: Option<Vec<u32>> = None;
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            let text = paragraph.join(" ");
            out.push(Block::Paragraph(paragraph_of(text.trim())));
            paragraph.clear();
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let line = raw.trim();
        let out = sections.last_mut().expect("one section at least");
        if line == marker {
            flush(&mut paragraph, out);
            sections.push(Vec::new());
            i += 1;
            continue;
        }
        if line.is_empty() || line.starts_with("{#") && line.ends_with("#}") {
            flush(&mut paragraph, out);
            i += 1;
            continue;
        }
        if line.starts_with('|') {
            flush(&mut paragraph, out);
            let start = i;
            // Statement lines inside the table, and those closing what the table opened, are its rows.
            let mut depth = 0i32;
            while i < lines.len() {
                let l = lines[i].trim();
                let more_rows = lines[i + 1..]
                    .iter()
                    .map(|x| x.trim())
                    .find(|x| !is_statement(x))
                    .is_some_and(|x| x.starts_with('|'));
                let kw = l
                    .trim_start_matches("{%")
                    .trim_start_matches('-')
                    .split_whitespace()
                    .next()
                    .unwrap_or_default();
                let closes = kw.starts_with("end") && depth > 0;
                if l.starts_with('|') || (is_statement(l) && (more_rows || closes)) {
                    if is_statement(l) {
                        if kw.starts_with("end") {
                            depth -= 1;
                        } else if matches!(kw, "for" | "if") {
                            depth += 1;
                        }
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(table(&lines[start..i], widths.take().as_deref()));
            continue;
        }
        if let Some(w) = crate::ir::widths_tag(line) {
            flush(&mut paragraph, out);
            widths = Some(w);
            i += 1;
            continue;
        }
        if line == crate::ir::SIGNING {
            flush(&mut paragraph, out);
            let Some(table) = signings.next() else {
                return Err(format!(
                    "thân mẫu có nhiều dòng {} hơn số mục [[chu_ky]] ở phần đầu",
                    crate::ir::SIGNING
                ));
            };
            out.push(table);
            i += 1;
            continue;
        }
        if is_statement(line) || is_call_line(line) || line == "<sang-trang/>" {
            flush(&mut paragraph, out);
            out.push(Block::Paragraph(text_para(line, Fmt::default(), "", Align::Left)));
            i += 1;
            continue;
        }
        if let Some((level, text)) = heading(line) {
            flush(&mut paragraph, out);
            if level == 4 {
                articles += 1;
                let mut pieces = vec![Piece::Text(format!("Điều {articles}. "), bold())];
                pieces.extend(inline(text));
                out.push(Block::Paragraph(para(pieces, "", Align::Both, None)));
            } else {
                out.push(Block::Paragraph(para(
                    inline(text),
                    "",
                    Align::Left,
                    Some(level.min(3) as u8),
                )));
            }
            i += 1;
            continue;
        }
        if let Some((depth, text)) = list_item(raw) {
            flush(&mut paragraph, out);
            let marker = if depth >= 2 { "+ " } else { "- " };
            let mut pieces = vec![Piece::Text(marker.to_owned(), Fmt::default())];
            pieces.extend(inline(text));
            out.push(Block::Paragraph(para(pieces, "", Align::Both, None)));
            i += 1;
            continue;
        }
        if let Some(note) = line.strip_prefix('>') {
            flush(&mut paragraph, out);
            out.push(Block::Paragraph(para(inline(note.trim()), "GhiChu", Align::Both, None)));
            i += 1;
            continue;
        }
        paragraph.push(line);
        i += 1;
    }
    if let Some(out) = sections.last_mut() {
        flush(&mut paragraph, out);
    }
    if signings.next().is_some() {
        return Err(format!(
            "phần đầu có nhiều mục [[chu_ky]] hơn số dòng {} trong thân mẫu",
            crate::ir::SIGNING
        ));
    }
    Ok(sections)
}

fn bold() -> Fmt {
    Fmt {
        bold: true,
        ..Fmt::default()
    }
}

/// A body paragraph's text with the dialect's alignment markers.
fn paragraph_of(text: &str) -> Paragraph {
    let (align, text) = if let Some(rest) = text.strip_prefix("<giua/>") {
        (Align::Center, rest)
    } else if let Some(rest) = text.strip_prefix("<phai/>") {
        (Align::Right, rest)
    } else if let Some(rest) = text.strip_prefix("<trai/>") {
        (Align::Start, rest)
    } else {
        (Align::Both, text)
    };
    para(inline(text), "", align, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_emphasis_escapes_and_tags_with_markdown_characters() {
        let p = inline("Đồng chí **{{ dv.ho_ten }}**, \\*x\\* {{ a|so }} <u>gạch</u> <dong-cham/>");
        assert_eq!(
            p,
            vec![
                Piece::Text("Đồng chí ".into(), Fmt::default()),
                Piece::Text("{{ dv.ho_ten }}".into(), bold()),
                Piece::Text(", *x* {{ a|so }} ".into(), Fmt::default()),
                Piece::Text(
                    "gạch".into(),
                    Fmt {
                        underline: true,
                        ..Fmt::default()
                    }
                ),
                Piece::Text(" ".into(), Fmt::default()),
                Piece::Fill,
            ]
        );
    }

    #[test]
    fn table_cells_split_outside_tags() {
        assert_eq!(
            cells("| {{ loop.index }} | {{ c.ten|upper }} | a \\| b |"),
            vec!["{{ loop.index }}", "{{ c.ten|upper }}", "a \\| b"]
        );
    }

    #[test]
    fn body_sections_statements_tables_and_articles() {
        let body = "{% import \"_x.md\" as x %}\nMột\nhai.\n\n# Mục\n\n| A | B |\n|---|:---:|\n{% for r in rs %}\n| {{ r.a }} | {{ r.b }} |\n{% endfor %}\n\n#### Hiệu lực.\n\n- một\n  - hai\n\n<!-- phu-luc -->\n{{ x.bang() }}\n";
        let s = blocks(body, "<!-- phu-luc -->", &mut std::iter::empty()).unwrap();
        assert_eq!(s.len(), 2);
        let texts: Vec<String> = s[0]
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text(),
                Block::Table(t) => format!("table {}", t.rows.len()),
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "{% import \"_x.md\" as x %}",
                "Một hai.",
                "Mục",
                "table 4",
                "Điều 1. Hiệu lực.",
                "- một",
                "+ hai"
            ]
        );
        assert!(matches!(&s[1][0], Block::Paragraph(p) if p.text() == "{{ x.bang() }}"));
    }
}
