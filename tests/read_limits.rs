//! Workbooks beyond the reading limits are refused (exit 2) with the numbers and a hint, before they are
//! read into memory.
#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use std::io::Write;
use vanban::workbook::{ReadLimits, Workbook};

fn sample_file(dir: &std::path::Path, rows: usize) -> String {
    let p = dir.join("du-lieu.xlsx");
    std::fs::write(&p, vanban::sample::scaled_data(rows).to_xlsx().unwrap()).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn more_rows_than_max_rows_is_refused_by_check_render_and_batch() {
    let dir = tempfile::tempdir().unwrap();
    let wb = sample_file(dir.path(), 120);
    // 120 đảng viên and a header: 121 rows with data.
    for args in [
        vec!["check", wb.as_str(), "--max-rows", "100"],
        vec![
            "render",
            "ke-hoach",
            "--data",
            wb.as_str(),
            "--max-rows",
            "100",
        ],
        vec![
            "batch",
            "cam-ket",
            "--per",
            "chi-bo",
            "--data",
            &wb,
            "--max-rows",
            "100",
        ],
    ] {
        let o = vanban(&args, dir.path());
        let err = stderr(&o) + &stdout(&o);
        assert_eq!(code(&o), 2, "{args:?}: {err}");
        assert!(err.contains("hơn 100 hàng"), "{args:?}: {err}");
        assert!(err.contains("--max-rows"), "{args:?}: {err}");
        assert!(!dir.path().join("out").exists());
    }
    // With room for them, the same file is read.
    let o = vanban(&["check", &wb, "--max-rows", "121"], dir.path());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn the_row_limit_counts_rows_with_data_per_sheet() {
    let bytes = vanban::sample::scaled_data(50).to_xlsx().unwrap();
    assert!(Workbook::from_bytes(bytes.clone(), "a.xlsx", &ReadLimits::with_max_rows(51)).is_ok());
    let e = Workbook::from_bytes(bytes, "a.xlsx", &ReadLimits::with_max_rows(50)).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let text = e.to_string();
    assert!(
        text.contains("\"Đảng viên\"") && text.contains("hơn 50 hàng"),
        "{text}"
    );
    assert!(text.contains("gợi ý:"), "{text}");
}

/// A zip whose one sheet part inflates to `size` bytes of spaces.
fn zip_bomb(size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "xl/worksheets/sheet1.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        w.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_part_inflating_past_the_cap_is_refused_with_the_numbers() {
    let bytes = zip_bomb(3 << 20);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let limits = ReadLimits {
        max_sheet_xml_bytes: 2 << 20,
        ..ReadLimits::default()
    };
    let e = Workbook::from_bytes(bytes.clone(), "bom.xlsx", &limits).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let text = e.to_string();
    assert!(text.contains("bom.xlsx"), "{text}");
    assert!(text.contains("xl/worksheets/sheet1.xml"), "{text}");
    assert!(
        text.contains("3.145.728") && text.contains("2.097.152"),
        "{text}"
    );
    assert!(text.contains("gợi ý:"), "{text}");

    // The same file under the default cap is judged by the spreadsheet reader (not a workbook).
    let e = Workbook::from_bytes(bytes, "bom.xlsx", &ReadLimits::default()).unwrap_err();
    assert!(!e.to_string().contains("vượt giới hạn"), "{e}");
}

#[test]
fn the_default_limits() {
    let d = ReadLimits::default();
    assert_eq!(d.max_rows, 200_000);
    assert_eq!(d.max_sheet_xml_bytes, 512 << 20);
}

/// Found by fuzzing (`fuzz/` target `workbook`): this 10 KB .xls has one value in row 65,291, and
/// calamine reserves every sheet's whole bounding box when it opens an .xls: `check` took 1 GB of memory.
/// Now the boxes are counted before calamine sees the file, and the file is refused with the numbers.
#[test]
fn an_xls_whose_sheets_span_millions_of_cells_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/far-cell.xls");
    let o = vanban(&["check", file], dir.path());
    // `check` reports on standard output.
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.contains("16.714.584 ô") && err.contains("8.000.000 ô"),
        "{err}"
    );
    assert!(err.contains(".xlsx"), "the hint: {err}");
    // The library refuses it the same way, without allocating the boxes.
    let bytes = std::fs::read(file).unwrap();
    assert!(Workbook::from_bytes(bytes, "far-cell.xls", &ReadLimits::default()).is_err());
}
