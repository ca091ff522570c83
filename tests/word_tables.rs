//! Tables of a Word kind keep their merged cells and their relative column widths, in the IR and in both
//! formats; a header cell merged down makes a two-row header that repeats on every page.

#![allow(clippy::unwrap_used)]

mod common;

use common::word::*;
use std::io::Read;
use vanban::ir::{Document, Merge};
use vanban::pipeline::{self, DocumentRequest, Format, Input, Library, ReadLimits};

/// A cell with its own properties (`w:gridSpan`, `w:vMerge`) and text.
fn cell(tcpr: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{tcpr}</w:tcPr>{}</w:tc>", pt(text))
}

const SPAN2: &str = "<w:gridSpan w:val=\"2\"/>";
const RESTART: &str = "<w:vMerge w:val=\"restart\"/>";
const CONTINUE: &str = "<w:vMerge/>";

/// A kết quả table as a clerk draws it in Word: STT and Chi bộ merged down over two header rows,
/// "Xếp loại" over two columns, a wide name column; one body cell across two columns. Then many rows,
/// so the table runs over a page.
fn kind(rows: usize) -> Vec<u8> {
    let mut table_rows = vec![
        tr(&[
            cell(RESTART, "STT"),
            cell(RESTART, "Chi bộ"),
            cell(SPAN2, "Xếp loại"),
        ]),
        tr(&[
            cell(CONTINUE, ""),
            cell(CONTINUE, ""),
            cell("", "Tốt"),
            cell("", "Hoàn thành"),
        ]),
        tr(&[
            cell("", "1"),
            cell("", "Chi bộ Tổng hợp"),
            cell(SPAN2, "Chưa xếp loại"),
        ]),
    ];
    for i in 2..=rows {
        table_rows.push(tr(&[
            cell("", &i.to_string()),
            cell("", &format!("Chi bộ số {i}")),
            cell("", "x"),
            cell("", ""),
        ]));
    }
    docx(&[
        centred_bold("BÁO CÁO"),
        pt("Kết quả như sau:"),
        tbl(true, &[800, 4600, 1300, 1300], &table_rows),
        pt("Hết."),
    ])
}

fn render(bytes: Vec<u8>, format: Format) -> Vec<u8> {
    let library = Library::load(None)
        .unwrap()
        .with_word_file("bang.docx", bytes);
    let engine = library.engine("dang", ReadLimits::default()).unwrap();
    let mut r = pipeline::render(
        &engine,
        &DocumentRequest::new("bang", None, Input::Sample),
        &[format],
    )
    .unwrap();
    r.files.pop().unwrap().1
}

#[test]
fn merged_cells_and_column_widths_reach_the_ir() {
    let doc: Document = serde_json::from_slice(&render(kind(3), Format::Ir)).unwrap();
    let t = common::first_table(&doc);
    // Per mille of the grid.
    assert_eq!(t.widths, [100, 575, 162, 162]);
    let m = |row, col, rows, cols| Merge {
        row,
        col,
        rows,
        cols,
    };
    assert_eq!(
        t.merges,
        [m(0, 0, 2, 1), m(0, 1, 2, 1), m(0, 2, 1, 2), m(2, 2, 1, 2)]
    );
    assert_eq!(t.header.len(), 4);
    // The covered cells are empty; the merged cell's text is in its first cell.
    assert!(t.header[3].is_empty());
    assert!(t.rows[0][0].is_empty());
}

#[test]
fn merged_cells_print_once_in_docx_with_a_two_row_header() {
    let bytes = render(kind(60), Format::Docx);
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let table = &xml[xml.find("BangDuLieu2").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    assert_eq!(
        table.matches("<w:gridSpan w:val=\"2\"").count(),
        2,
        "{table}"
    );
    assert_eq!(table.matches("w:val=\"restart\"").count(), 2);
    assert_eq!(table.matches("w:val=\"continue\"").count(), 2);
    // Both header rows repeat on every page.
    assert_eq!(table.matches("<w:tblHeader/>").count(), 2);
    // "Xếp loại" once, as one cell: the rows have 4, 4 and 3 cells.
    let rows: Vec<usize> = table
        .split("<w:tr>")
        .skip(1)
        .take(3)
        .map(|r| r.matches("<w:tc>").count())
        .collect();
    assert_eq!(rows, [3, 4, 3]);
    // The columns in the proportions of the Word grid: 800 : 4600.
    let grid: Vec<f32> = table
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|g| g[..g.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 4);
    assert!((grid[1] / grid[0] - 5.75).abs() < 0.05, "{grid:?}");
}

#[test]
fn merged_cells_print_once_in_pdf_and_the_header_repeats() {
    let doc: Document = serde_json::from_slice(&render(kind(60), Format::Ir)).unwrap();
    let profile = vanban::profile::Profile::builtin("dang").unwrap();
    let pages =
        vanban::render::pdf::page_texts(&vanban::render::layout::resolve(&doc, &profile)).unwrap();
    assert!(pages.len() >= 2, "the table runs over a page");
    for (i, page) in pages.iter().enumerate() {
        // The two header rows on every page the table is on: "Xếp loại" once above "Tốt".
        if page.contains("Chi bộ số") {
            assert_eq!(
                page.matches("Xếp loại").count(),
                1,
                "page {}: {page}",
                i + 1
            );
            assert!(page.contains("Tốt"), "page {}", i + 1);
        }
    }
    assert_eq!(pages.concat().matches("Chưa xếp loại").count(), 1);
}

/// A Markdown kind whose table has relative widths and merged cells, exported as a Word template
/// (`vanban init --word`, "Tải mẫu Word") and read back: the same merges, the same proportions.
#[test]
fn a_markdown_table_with_widths_and_merges_exports_to_word_and_reads_back() {
    let text = "+++\nten_tep = \"bao-cao-bang\"\nten_loai = \"Báo cáo\"\n[header]\nco_quan = \"Đảng ủy Văn phòng Tỉnh ủy\"\ndia_danh = \"Vĩnh Phúc\"\n[signature]\nho_ten = \"Trần Việt Cường\"\n+++\nKết quả:\n\n<bang cot=\"10,60,15,15\"/>\n\n| <gop hang=\"2\"/>STT | <gop hang=\"2\"/>Chi bộ | <gop cot=\"2\"/>Xếp loại | |\n|---|---|:---:|:---:|\n| | | Tốt | Hoàn thành |\n{% for cb in chi_bo %}\n| {{ loop.index }} | {{ cb.ten }} | <gop cot=\"2\"/>x | |\n{% endfor %}\n\nHết.\n";
    let library = Library::load(None)
        .unwrap()
        .with_file("bao-cao-bang.md", text);
    let engine = library.engine("dang", ReadLimits::default()).unwrap();
    let request = DocumentRequest::new("bao-cao-bang", None, Input::Sample);
    let from_md = pipeline::render(&engine, &request, &[Format::Ir]).unwrap();
    let md: Document = serde_json::from_slice(&from_md.files[0].1).unwrap();

    let bytes = pipeline::word_template("bao-cao-bang", text).unwrap();
    let xml = common::docx::document_xml(&bytes);
    assert!(
        !xml.contains("&lt;gop") && !xml.contains("&lt;bang"),
        "a dialect tag leaked into Word"
    );
    let word = Library::load(None)
        .unwrap()
        .with_word_file("bao-cao-bang.docx", bytes)
        .engine("dang", ReadLimits::default())
        .unwrap();
    let from_word = pipeline::render(&word, &request, &[Format::Ir]).unwrap();
    let wd: Document = serde_json::from_slice(&from_word.files[0].1).unwrap();

    let (a, b) = (common::first_table(&md), common::first_table(&wd));
    assert_eq!(a.merges, b.merges);
    assert_eq!(a.header, b.header);
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.align, b.align);
    let share = |w: &[u32]| {
        let t: u32 = w.iter().sum();
        w.iter()
            .map(|x| f64::from(*x) / f64::from(t))
            .collect::<Vec<_>>()
    };
    for (x, y) in share(&a.widths).iter().zip(share(&b.widths)) {
        assert!((x - y).abs() < 0.005, "{:?} vs {:?}", a.widths, b.widths);
    }
}
