//! Writes a [`WordDoc`] as a `.docx` a person edits in Word: the Word template `vanban init --word`
//! exports. Paragraph styles carry what the reader needs back (Heading 1–3 named as Word names them,
//! the note style, the signature lines' roles), tables keep their grid, merges and borders, fill lines
//! are tabs to a dotted-leader stop at the margin, and appendices are sections of their own.
//!
//! The package goes through the same schema pass as every document vanban writes ([`crate::ooxml`]).

use super::{Align, Block, Cell, Paragraph, Piece, Row, Table, VMerge, WordDoc};
use crate::ooxml;
use docx_rs::{
    AlignmentType, BorderType, BreakType, BuildXML, Docx, LineSpacing, PageMargin,
    PageOrientationType, PageSize, Paragraph as P, Run, RunFonts, SectionProperty,
    SpecialIndentType, Style, StyleType, Sym, Tab, TabLeaderType, TabValueType, Table as T,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableProperty,
    TableRow, VMergeType, WidthType,
};

/// The style of bordered data tables (its first row repeats as the header on each page).
const DATA_TABLE: &str = "BangDuLieu";

/// The font a template names (as offices expect; LibreOffice substitutes a metric-compatible face).
const FONT: &str = "Times New Roman";
/// Text block width of an A4 page with 30 mm and 15 mm side margins, in twips.
const TEXT_TWIPS: usize = 9354;
/// The same, turned.
const TEXT_TWIPS_LANDSCAPE: usize = 13606;

/// The paragraph styles a template defines: (id, name, bold, italic, size in half points, centred).
pub(super) const STYLES: &[(&str, &str, bool, bool, usize, bool)] = &[
    ("Heading1", "heading 1", true, false, 28, false),
    ("Heading2", "heading 2", true, false, 28, false),
    ("Heading3", "heading 3", true, true, 28, false),
    ("GhiChu", "Ghi chú", false, true, 24, false),
    ("VBChuKyNhan", "VB Chữ ký: nhãn", true, false, 28, true),
    ("VBChuKyQuyenHan", "VB Chữ ký: quyền hạn", true, false, 28, true),
    ("VBChuKyChucVu", "VB Chữ ký: chức vụ", false, false, 28, true),
    ("VBChuKyGhiChu", "VB Chữ ký: ghi chú", false, true, 26, true),
    ("VBChuKyTen", "VB Chữ ký: họ tên", true, false, 28, true),
];

/// Writes the document as `.docx` bytes; `title` names it in the document properties.
pub fn write(doc: &WordDoc, title: &str) -> Result<Vec<u8>, String> {
    let mut docx = Docx::new()
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).east_asia(FONT).cs(FONT))
        .default_size(28)
        .default_line_spacing(LineSpacing::new().before(0).after(120));
    for (id, name, bold, italic, size, centred) in STYLES {
        let mut s = Style::new(*id, StyleType::Paragraph).name(*name).size(*size);
        if *bold {
            s = s.bold();
        }
        if *italic {
            s = s.italic();
        }
        if *centred {
            s = s.align(AlignmentType::Center);
        }
        docx = docx.add_style(s);
    }
    // Bordered tables: the style names its borders (the reader tells a data table by them).
    let border = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, pos| b.set(border(pos)));
    docx = docx.add_style(
        Style::new(DATA_TABLE, StyleType::Table)
            .name("Bảng dữ liệu")
            .table_property(TableProperty::new().set_borders(borders)),
    );
    // Each block's section: a paragraph's section properties close the section it ends.
    let mut turned = vec![doc.last_section.landscape; doc.blocks.len()];
    let mut start = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Paragraph(p) = block
            && let Some(s) = p.section_end
        {
            turned[start..=i].fill(s.landscape);
            start = i + 1;
        }
    }
    for (block, landscape) in doc.blocks.iter().zip(turned) {
        match block {
            Block::Paragraph(p) => {
                let width = if landscape {
                    TEXT_TWIPS_LANDSCAPE
                } else {
                    TEXT_TWIPS
                };
                let mut para = paragraph(p, width);
                if let Some(s) = p.section_end {
                    para = para.section_property(section(s.landscape));
                }
                docx = docx.add_paragraph(para);
            }
            Block::Table(t) => docx = docx.add_table(table(t)),
        }
    }
    docx.document.section_property = section(doc.last_section.landscape);
    let parts = ooxml::Parts {
        document: docx.document.build(),
        styles: docx.styles.build(),
        font_table: docx.font_table.build(),
        headers: Vec::new(),
        footers: Vec::new(),
    };
    let info = ooxml::PackageInfo {
        lang: "vi-VN",
        title,
        author: "vanban",
        subject: "Mẫu văn bản",
        created: None,
        media: &[],
        repeat_header_style: DATA_TABLE,
        font_family: FONT,
    };
    ooxml::write(&parts, &info).map_err(|e| e.0)
}

/// An A4 section, upright or turned.
fn section(landscape: bool) -> SectionProperty {
    let mut s = SectionProperty::new();
    let (w, h) = (11906u32, 16838u32);
    s.page_size = if landscape {
        PageSize::new()
            .size(h, w)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().size(w, h)
    };
    s.page_margin = PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1701)
        .right(850)
        .header(567)
        .gutter(0);
    s
}

fn paragraph(p: &Paragraph, width: usize) -> P {
    let mut para = P::new();
    let style = match p.heading {
        Some(level) => format!("Heading{}", level.clamp(1, 3)),
        None => p.style_id.clone(),
    };
    if !style.is_empty() {
        para = para.style(&style);
    }
    para = match p.align {
        Align::Center => para.align(AlignmentType::Center),
        Align::Right => para.align(AlignmentType::Right),
        Align::Both => para.align(AlignmentType::Both),
        Align::Start => para.align(AlignmentType::Left),
        Align::Left => para,
    };
    if p.page_break_before {
        para = para.page_break_before(true);
    }
    if p.pieces.iter().any(|x| matches!(x, Piece::Fill)) {
        para = para.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(width),
        );
    }
    if p.heading.is_none() && p.style_id.is_empty() && p.align == Align::Both {
        para = para.indent(None, Some(SpecialIndentType::FirstLine(567)), None, None);
    }
    for piece in &p.pieces {
        para = match piece {
            Piece::Text(t, fmt) => text_runs(t)
                .into_iter()
                .fold(para, |para, part| match part {
                    TextPart::Text(s) => para.add_run(run(s, fmt.bold, fmt.italic, fmt.underline)),
                    TextPart::CheckBox(code) => {
                        para.add_run(Run::new().add_sym(Sym::new(CHECK_BOX_FONT, code)))
                    }
                }),
            Piece::Tag(tag) => para.add_run(run(
                &tag.source,
                tag.fmt.bold,
                tag.fmt.italic,
                tag.fmt.underline,
            )),
            Piece::Tab | Piece::Fill => para.add_run(Run::new().add_tab()),
            Piece::LineBreak => para.add_run(Run::new().add_break(BreakType::TextWrapping)),
            Piece::PageBreak => para.add_run(Run::new().add_break(BreakType::Page)),
            // The kinds exported to Word are vanban's own, which hold no pictures.
            Piece::Picture(_) => para,
        };
    }
    para
}

/// The font of a check box symbol, and its empty and ticked characters (what Word's Insert Symbol
/// gives; the reader reads them back as check boxes).
const CHECK_BOX_FONT: &str = "Wingdings";
const CHECK_BOX_EMPTY: &str = "F0A8";
const CHECK_BOX_TICKED: &str = "F0FD";

/// A piece of a text run: text, or a check box drawn as a Wingdings symbol.
enum TextPart<'t> {
    Text(&'t str),
    CheckBox(&'static str),
}

/// Text split at its check boxes (☐ empty, ☒ ticked).
fn text_runs(text: &str) -> Vec<TextPart<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let code = match c {
            '☐' => CHECK_BOX_EMPTY,
            '☒' | '☑' => CHECK_BOX_TICKED,
            _ => continue,
        };
        if start < i {
            out.push(TextPart::Text(&text[start..i]));
        }
        out.push(TextPart::CheckBox(code));
        start = i + c.len_utf8();
    }
    if start < text.len() {
        out.push(TextPart::Text(&text[start..]));
    }
    out
}

fn run(text: &str, bold: bool, italic: bool, underline: bool) -> Run {
    let mut r = Run::new().add_text(text);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    if underline {
        r = r.underline("single");
    }
    r
}

fn table(t: &Table) -> T {
    let total: u32 = t.grid.iter().sum::<u32>().max(1);
    let width = usize::try_from(total).unwrap_or(TEXT_TWIPS);
    let rows: Vec<TableRow> = t.rows.iter().map(|r| row(r, &t.grid)).collect();
    let table = if t.bordered {
        T::new(rows).style(DATA_TABLE)
    } else {
        T::without_borders(rows)
    };
    table
        .set_grid(t.grid.iter().map(|w| *w as usize).collect())
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn row(r: &Row, grid: &[u32]) -> TableRow {
    let mut col = 0usize;
    let cells = r
        .cells
        .iter()
        .map(|c| {
            let span = usize::from(c.span.max(1));
            let w: u32 = grid.iter().skip(col).take(span).sum();
            col += span;
            cell(c, w as usize)
        })
        .collect();
    TableRow::new(cells)
}

fn cell(c: &Cell, width: usize) -> TableCell {
    let mut tc = TableCell::new().width(width, WidthType::Dxa);
    if c.span > 1 {
        tc = tc.grid_span(usize::from(c.span));
    }
    match c.vmerge {
        VMerge::Restart => tc = tc.vertical_merge(VMergeType::Restart),
        VMerge::Continue => tc = tc.vertical_merge(VMergeType::Continue),
        VMerge::None => {}
    }
    if c.paragraphs.is_empty() {
        return tc.add_paragraph(P::new());
    }
    for p in &c.paragraphs {
        tc = tc.add_paragraph(paragraph(p, width));
    }
    tc
}
