//! Markdown (as rendered by the templates) → IR blocks, with pulldown-cmark.
//!
//! Templates escape every value from data, so any markup here was written by the template author. A line
//! break inside a data value arrives as [`LINE_BREAK`] and becomes an explicit break wherever it lands.
//!
//! Beside CommonMark (with GitHub tables), vanban's dialect reads a few inline HTML tags that Markdown
//! lacks and Word templates need: `<b>…</b>`, `<i>…</i>`, `<u>…</u>` (emphasis that survives an empty
//! value, unlike `**`), `<dong-cham/>` (a fill line to the right margin), `<o-trong/>` and `<o-chon/>`
//! (a check box, empty or ticked), `<anh so="1"/>` (the document's first picture, a Word template's
//! own image), `<giua/>`, `<phai/>` or `<trai/>` at the start of a paragraph
//! (centred, right-aligned, or flush left without the first-line indent), `<br/>` (a line break), a
//! line `<sang-trang/>` (a page break), a line `<chu-ky/>` (a row of signature blocks: the template
//! stage puts the next `[[chu_ky]]` of the front matter there), a line `<bang cot="30,15,55"/>`
//! before a table (its columns' relative widths), and `<gop cot="2" hang="3"/>` at the start of a
//! table cell (the cell spans 2 columns and 3 rows; the cells it covers are left empty). Any other
//! HTML prints as literal text.

use super::{Align, Block, Inline, ListItem, Merge, Signing, Table};
use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

/// The private-use character that stands for a line break inside a data value.
pub const LINE_BREAK: char = '\u{E000}';

/// The Markdown heading level (`####`) that marks an article ("Điều N.") rather than a heading.
const ARTICLE_LEVEL: u8 = 4;

#[derive(Default)]
struct Style {
    bold: u32,
    italic: u32,
    underline: u32,
}

enum Container {
    Paragraph(Vec<Inline>, Align),
    Heading(u8, Vec<Inline>),
    Item(Vec<Inline>),
    Cell(Vec<Inline>),
}

/// Parses the body Markdown of a rendered template into blocks. Headings `#`, `##`, `###` are levels
/// 1–3; a level-4 heading `#### text` is an article of a decision ([`Block::Article`]: the layout prints
/// the run-in label "Điều N." before the text, numbered through the document, so the template writes only
/// the text); `#####` and deeper are headings of those levels; a blockquote (`> …`) is a [`Block::Note`];
/// raw HTML is kept as literal text.
pub fn blocks_from_markdown(src: &str) -> Vec<Block> {
    let parser = Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut blocks = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    let mut style = Style::default();
    let mut list_depth = 0u8;
    let mut items: Vec<ListItem> = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Vec<Vec<Inline>> = Vec::new();
    let mut in_head = false;
    let mut quote = 0u32;
    // The widths a `<bang cot="…"/>` line gives the next table; the merge a `<gop …/>` gives this cell.
    let mut next_widths: Vec<u32> = Vec::new();
    let mut cell_merge: Option<(usize, usize)> = None;

    let push_text = |stack: &mut Vec<Container>, style: &Style, text: &str| {
        let Some(runs) = stack.last_mut().map(container_runs) else {
            return;
        };
        for (i, piece) in text.split(LINE_BREAK).enumerate() {
            if i > 0 {
                runs.push(Inline::LineBreak);
            }
            if piece.is_empty() {
                continue;
            }
            let (bold, italic, underline) = (style.bold > 0, style.italic > 0, style.underline > 0);
            match runs.last_mut() {
                Some(Inline::Text {
                    text,
                    bold: b,
                    italic: it,
                    underline: u,
                }) if *b == bold && *it == italic && *u == underline => text.push_str(piece),
                _ => runs.push(Inline::Text {
                    text: piece.to_owned(),
                    bold,
                    italic,
                    underline,
                }),
            }
        }
    };

    for event in parser {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph if !matches!(stack.last(), Some(Container::Item(_))) => {
                    stack.push(Container::Paragraph(Vec::new(), Align::Default));
                }
                Tag::Heading { level, .. } => {
                    stack.push(Container::Heading(level as u8, Vec::new()))
                }
                Tag::List(_) => {
                    // A nested list ends the parent item's own text.
                    if let Some(Container::Item(runs)) = stack.last_mut()
                        && !runs.is_empty()
                    {
                        items.push(ListItem {
                            depth: list_depth,
                            content: finish(std::mem::take(runs)),
                        });
                    }
                    list_depth += 1;
                }
                Tag::Item => stack.push(Container::Item(Vec::new())),
                Tag::Table(aligns) => {
                    table = Some(Table {
                        align: aligns
                            .iter()
                            .map(|a| match a {
                                Alignment::None => Align::Default,
                                Alignment::Left => Align::Left,
                                Alignment::Center => Align::Center,
                                Alignment::Right => Align::Right,
                            })
                            .collect(),
                        widths: std::mem::take(&mut next_widths),
                        ..Table::default()
                    })
                }
                Tag::TableHead => in_head = true,
                Tag::TableRow => row.clear(),
                Tag::TableCell => {
                    cell_merge = None;
                    stack.push(Container::Cell(Vec::new()));
                }
                Tag::Emphasis => style.italic += 1,
                Tag::Strong => style.bold += 1,
                Tag::BlockQuote(_) => quote += 1,
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph => {
                    if let Some(Container::Paragraph(runs, align)) = stack.last() {
                        let align = *align;
                        let content = finish(runs.clone());
                        stack.pop();
                        if !content.is_empty() {
                            blocks.push(if quote > 0 {
                                Block::Note { content }
                            } else {
                                Block::Paragraph { content, align }
                            });
                        }
                    } else if let Some(Container::Item(runs)) = stack.last_mut() {
                        // A loose list: each paragraph of an item is its own item line.
                        if !runs.is_empty() {
                            items.push(ListItem {
                                depth: list_depth,
                                content: finish(std::mem::take(runs)),
                            });
                        }
                    }
                }
                TagEnd::Heading(_) => {
                    if let Some(Container::Heading(level, runs)) = stack.pop() {
                        blocks.push(if level == ARTICLE_LEVEL {
                            Block::Article {
                                content: finish(runs),
                            }
                        } else {
                            Block::Heading {
                                level,
                                content: finish(runs),
                            }
                        });
                    }
                }
                TagEnd::Item => {
                    if let Some(Container::Item(runs)) = stack.pop() {
                        let content = finish(runs);
                        if !content.is_empty() {
                            items.push(ListItem {
                                depth: list_depth,
                                content,
                            });
                        }
                    }
                }
                TagEnd::List(_) => {
                    list_depth = list_depth.saturating_sub(1);
                    if list_depth == 0 && !items.is_empty() {
                        blocks.push(Block::List {
                            items: std::mem::take(&mut items),
                        });
                    }
                }
                TagEnd::TableCell => {
                    if let Some(Container::Cell(runs)) = stack.pop() {
                        if let (Some((cols, rows)), Some(t)) = (cell_merge.take(), table.as_mut()) {
                            t.merges.push(Merge {
                                row: if in_head { 0 } else { t.rows.len() + 1 },
                                col: row.len(),
                                rows,
                                cols,
                            });
                        }
                        row.push(finish(runs));
                    }
                }
                TagEnd::TableHead => {
                    in_head = false;
                    if let Some(t) = table.as_mut() {
                        t.header = std::mem::take(&mut row);
                    }
                }
                TagEnd::TableRow => {
                    if let Some(t) = table.as_mut()
                        && !in_head
                    {
                        let mut r = std::mem::take(&mut row);
                        r.resize(t.header.len().max(r.len()), Vec::new());
                        t.rows.push(r);
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        blocks.push(Block::Table(t));
                    }
                }
                TagEnd::Emphasis => style.italic = style.italic.saturating_sub(1),
                TagEnd::Strong => style.bold = style.bold.saturating_sub(1),
                TagEnd::BlockQuote(_) => quote = quote.saturating_sub(1),
                _ => {}
            },
            Event::InlineHtml(t) => match inline_tag(&t) {
                Some(HtmlTag::Bold(on)) => style.bold = toggle(style.bold, on),
                Some(HtmlTag::Italic(on)) => style.italic = toggle(style.italic, on),
                Some(HtmlTag::Underline(on)) => style.underline = toggle(style.underline, on),
                Some(HtmlTag::Fill) => {
                    if let Some(runs) = stack.last_mut().map(container_runs) {
                        runs.push(Inline::Fill);
                    }
                }
                Some(HtmlTag::CheckBox(checked)) => {
                    if let Some(runs) = stack.last_mut().map(container_runs) {
                        runs.push(Inline::CheckBox { checked });
                    }
                }
                Some(HtmlTag::Picture(picture)) => {
                    if let Some(runs) = stack.last_mut().map(container_runs) {
                        runs.push(Inline::Picture { picture });
                    }
                }
                Some(HtmlTag::Break) => {
                    if let Some(runs) = stack.last_mut().map(container_runs) {
                        runs.push(Inline::LineBreak);
                    }
                }
                Some(HtmlTag::Align(a)) => match stack.last_mut() {
                    Some(Container::Paragraph(runs, align)) if runs.is_empty() => *align = a,
                    _ => push_text(&mut stack, &style, &t),
                },
                Some(HtmlTag::Merge { cols, rows }) => match stack.last() {
                    Some(Container::Cell(runs)) if runs.is_empty() && cell_merge.is_none() => {
                        cell_merge = Some((cols, rows));
                    }
                    _ => push_text(&mut stack, &style, &t),
                },
                Some(HtmlTag::Widths(_)) => push_text(&mut stack, &style, &t),
                None => push_text(&mut stack, &style, &t),
            },
            Event::Html(t) if stack.is_empty() && t.trim() == PAGE_BREAK => {
                blocks.push(Block::PageBreak);
            }
            Event::Html(t)
                if stack.is_empty() && matches!(inline_tag(&t), Some(HtmlTag::Widths(_))) =>
            {
                if let Some(HtmlTag::Widths(w)) = inline_tag(&t) {
                    next_widths = w;
                }
            }
            Event::Html(t) if stack.is_empty() && t.trim() == SIGNING => {
                blocks.push(Block::Signing(Signing::default()));
            }
            // A fill line, a check box or a picture alone on its line is an HTML block to CommonMark: a
            // paragraph of one line.
            Event::Html(t) if stack.is_empty() && item(&t).is_some() => {
                if let Some(inline) = item(&t) {
                    blocks.push(Block::Paragraph {
                        content: vec![inline],
                        align: Align::Default,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) => push_text(&mut stack, &style, &t),
            Event::SoftBreak => push_text(&mut stack, &style, " "),
            Event::HardBreak => {
                if let Some(runs) = stack.last_mut().map(container_runs) {
                    runs.push(Inline::LineBreak);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The line that breaks the page.
const PAGE_BREAK: &str = "<sang-trang/>";
/// The line that places a row of signature blocks.
pub const SIGNING: &str = "<chu-ky/>";

/// An inline HTML tag of vanban's dialect.
enum HtmlTag {
    Bold(bool),
    Italic(bool),
    Underline(bool),
    Fill,
    CheckBox(bool),
    /// `<anh so="1"/>`: the document's first picture (index 0).
    Picture(usize),
    Break,
    Align(Align),
    /// `<gop cot="2" hang="3"/>`: the cell spans columns and rows.
    Merge {
        cols: usize,
        rows: usize,
    },
    /// `<bang cot="30,15,55"/>`: the next table's relative column widths.
    Widths(Vec<u32>),
}

/// The most columns or rows a merged cell may span (a larger number is a typing slip, not a table).
const MAX_SPAN: usize = 1000;

/// The spans of a `<gop cot="2" hang="3"/>` tag (columns, rows; 1 when not said); `None` for another
/// tag or a span outside 1 to 1,000.
pub fn merge_tag(html: &str) -> Option<(usize, usize)> {
    let t = html.trim().to_ascii_lowercase().replace(' ', "");
    let attrs = t.strip_prefix("<gop")?.strip_suffix("/>")?;
    let span = |name: &str| match attr(attrs, name) {
        None => Some(1),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_SPAN).contains(n)),
    };
    Some((span("cot")?, span("hang")?))
}

/// The relative column widths of a `<bang cot="30,15,55"/>` line; `None` for another tag or a width
/// that is not a positive number.
pub fn widths_tag(html: &str) -> Option<Vec<u32>> {
    let t = html.trim().to_ascii_lowercase().replace(' ', "");
    let attrs = t.strip_prefix("<bang")?.strip_suffix("/>")?;
    let widths: Option<Vec<u32>> = attr(attrs, "cot")?
        .split(',')
        .map(|w| w.parse::<u32>().ok().filter(|w| *w > 0))
        .collect();
    widths.filter(|w| !w.is_empty())
}

/// The index of the picture an `<anh so="1"/>` tag names (from 0); `None` for another tag or a number
/// outside 1 to 1,000.
pub fn picture_tag(html: &str) -> Option<usize> {
    let t = html.trim().to_ascii_lowercase().replace(' ', "");
    let attrs = t.strip_prefix("<anh")?.strip_suffix("/>")?;
    let n = attr(attrs, "so")?.parse::<usize>().ok()?;
    (1..=MAX_SPAN).contains(&n).then(|| n - 1)
}

/// What a tag that stands for one inline item (a fill line, a check box, a picture) puts in the text.
fn item(html: &str) -> Option<Inline> {
    match inline_tag(html)? {
        HtmlTag::Fill => Some(Inline::Fill),
        HtmlTag::CheckBox(checked) => Some(Inline::CheckBox { checked }),
        HtmlTag::Picture(picture) => Some(Inline::Picture { picture }),
        _ => None,
    }
}

fn inline_tag(html: &str) -> Option<HtmlTag> {
    if let Some(picture) = picture_tag(html) {
        return Some(HtmlTag::Picture(picture));
    }
    if let Some((cols, rows)) = merge_tag(html) {
        return Some(HtmlTag::Merge { cols, rows });
    }
    if let Some(widths) = widths_tag(html) {
        return Some(HtmlTag::Widths(widths));
    }
    let t = html.trim().to_ascii_lowercase().replace(' ', "");
    Some(match t.as_str() {
        "<b>" | "<strong>" => HtmlTag::Bold(true),
        "</b>" | "</strong>" => HtmlTag::Bold(false),
        "<i>" | "<em>" => HtmlTag::Italic(true),
        "</i>" | "</em>" => HtmlTag::Italic(false),
        "<u>" => HtmlTag::Underline(true),
        "</u>" => HtmlTag::Underline(false),
        "<dong-cham/>" | "<dong-cham>" => HtmlTag::Fill,
        "<o-trong/>" => HtmlTag::CheckBox(false),
        "<o-chon/>" => HtmlTag::CheckBox(true),
        "<br/>" | "<br>" => HtmlTag::Break,
        "<giua/>" => HtmlTag::Align(Align::Center),
        "<phai/>" => HtmlTag::Align(Align::Right),
        "<trai/>" => HtmlTag::Align(Align::Left),
        _ => return None,
    })
}

/// The value of `name="…"` among a tag's attributes (spaces already removed).
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let start = attrs.find(&format!("{name}=\""))? + name.len() + 2;
    let len = attrs[start..].find('"')?;
    Some(&attrs[start..start + len])
}

fn toggle(count: u32, on: bool) -> u32 {
    if on {
        count + 1
    } else {
        count.saturating_sub(1)
    }
}

fn container_runs(c: &mut Container) -> &mut Vec<Inline> {
    match c {
        Container::Paragraph(r, _)
        | Container::Heading(_, r)
        | Container::Item(r)
        | Container::Cell(r) => r,
    }
}

/// NFC-normalises, trims the ends and drops empty runs.
fn finish(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = runs
        .into_iter()
        .map(|r| match r {
            Inline::Text {
                text,
                bold,
                italic,
                underline,
            } => Inline::Text {
                text: crate::text::nfc(text),
                bold,
                italic,
                underline,
            },
            other => other,
        })
        .collect();
    if let Some(Inline::Text { text, .. }) = out.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Text { text, .. }) = out.last_mut() {
        *text = text.trim_end().to_owned();
    }
    out.retain(|r| !matches!(r, Inline::Text { text, .. } if text.is_empty()));
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_lists_tables() {
        let md = "# Mục đích\n\nĐoạn **đậm** và *nghiêng*.\n\n- một\n  - hai\n- ba\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n> ghi chú\n";
        let b = blocks_from_markdown(md);
        assert_eq!(b.len(), 5, "{b:#?}");
        assert!(matches!(&b[0], Block::Heading { level: 1, .. }));
        let Block::Paragraph { content, .. } = &b[1] else {
            panic!()
        };
        assert_eq!(content.len(), 5);
        let Block::List { items } = &b[2] else {
            panic!()
        };
        assert_eq!(
            items.iter().map(|i| i.depth).collect::<Vec<_>>(),
            vec![1, 2, 1]
        );
        let Block::Table(t) = &b[3] else { panic!() };
        assert_eq!(t.align, vec![Align::Default, Align::Right]);
        assert_eq!(t.rows.len(), 1);
        assert!(matches!(&b[4], Block::Note { .. }));
    }

    #[test]
    fn level_four_headings_are_articles() {
        let md = "#### Công nhận kết quả xếp loại **chi bộ**.\n\n##### Năm\n\n#### Hiệu lực.\n";
        let b = blocks_from_markdown(md);
        assert_eq!(b.len(), 3, "{b:#?}");
        let Block::Article { content } = &b[0] else {
            panic!("{b:#?}")
        };
        assert_eq!(
            content,
            &vec![
                Inline::plain("Công nhận kết quả xếp loại "),
                Inline::styled("chi bộ", true, false),
                Inline::plain("."),
            ]
        );
        assert!(matches!(&b[1], Block::Heading { level: 5, .. }));
        assert!(matches!(&b[2], Block::Article { .. }));
    }

    #[test]
    fn private_break_becomes_line_break() {
        let b = blocks_from_markdown(&format!("a{LINE_BREAK}b\n"));
        let Block::Paragraph { content, .. } = &b[0] else {
            panic!()
        };
        assert_eq!(
            content,
            &vec![Inline::plain("a"), Inline::LineBreak, Inline::plain("b")]
        );
    }

    #[test]
    fn the_dialect_emphasis_fill_alignment_and_page_break() {
        let md = "<giua/>Họ tên: <b>An</b><u> x</u> <dong-cham/>\n\n<sang-trang/>\n\n<b></b>Rỗng <blink>\n\n<dong-cham/>\n<dong-cham/>\n";
        let b = blocks_from_markdown(md);
        assert_eq!(b.len(), 5, "{b:#?}");
        let Block::Paragraph { content, align } = &b[0] else {
            panic!("{b:#?}")
        };
        assert_eq!(*align, Align::Center);
        assert_eq!(
            content,
            &vec![
                Inline::plain("Họ tên: "),
                Inline::styled("An", true, false),
                Inline::Text {
                    text: " x".into(),
                    bold: false,
                    italic: false,
                    underline: true
                },
                Inline::plain(" "),
                Inline::Fill,
            ]
        );
        assert_eq!(b[1], Block::PageBreak);
        // An empty emphasis prints nothing; other HTML is literal text.
        let Block::Paragraph { content, align } = &b[2] else {
            panic!()
        };
        assert_eq!(*align, Align::Default);
        assert_eq!(content, &vec![Inline::plain("Rỗng <blink>")]);
        // A fill line alone is a whole line, one paragraph each.
        for block in &b[3..] {
            assert_eq!(
                block,
                &Block::Paragraph {
                    content: vec![Inline::Fill],
                    align: Align::Default
                }
            );
        }
    }

    #[test]
    fn table_widths_and_merged_cells() {
        let md = "<bang cot=\"10, 60,30\"/>\n\n| <gop hang=\"2\"/>STT | <gop cot=\"2\"/>Kết quả | |\n|---|---|---|\n| | Tốt | Đạt |\n| 1 | <gop cot=\"2\"/>x | |\n| 2 | <gop cot=\"0\"/>y | z |\n\n| A |\n|---|\n| 1 |\n";
        let b = blocks_from_markdown(md);
        let Block::Table(t) = &b[0] else {
            panic!("{b:#?}")
        };
        assert_eq!(t.widths, [10, 60, 30]);
        let m = |row, col, rows, cols| Merge {
            row,
            col,
            rows,
            cols,
        };
        assert_eq!(t.merges, [m(0, 0, 2, 1), m(0, 1, 1, 2), m(2, 1, 1, 2)]);
        assert_eq!(t.header[0], vec![Inline::plain("STT")]);
        // A span of 0 is not a merge: the tag prints as typed.
        assert_eq!(t.rows[2][1], vec![Inline::plain("<gop cot=\"0\"/>y")]);
        // The widths belong to the table after them only.
        let Block::Table(next) = &b[1] else {
            panic!("{b:#?}")
        };
        assert!(next.widths.is_empty() && next.merges.is_empty());
    }

    #[test]
    fn check_boxes_left_alignment_and_signing_rows() {
        let md = "<trai/><o-chon/> Hoàn thành xuất sắc nhiệm vụ\n\n<o-trong/>\n\n| A | B |\n|---|---|\n| <o-trong/> | <o-chon/> x |\n\nTrước.\n\n<chu-ky/>\n\n<chu-ky/>\n";
        let b = blocks_from_markdown(md);
        assert_eq!(b.len(), 6, "{b:#?}");
        assert_eq!(
            b[0],
            Block::Paragraph {
                content: vec![
                    Inline::CheckBox { checked: true },
                    Inline::plain(" Hoàn thành xuất sắc nhiệm vụ"),
                ],
                align: Align::Left,
            }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                content: vec![Inline::CheckBox { checked: false }],
                align: Align::Default,
            }
        );
        let Block::Table(t) = &b[2] else {
            panic!("{b:#?}")
        };
        assert_eq!(t.rows[0][0], vec![Inline::CheckBox { checked: false }]);
        assert_eq!(
            t.rows[0][1],
            vec![Inline::CheckBox { checked: true }, Inline::plain(" x")]
        );
        assert_eq!(b[4], Block::Signing(Signing::default()));
        assert_eq!(b[5], Block::Signing(Signing::default()));
    }
}
