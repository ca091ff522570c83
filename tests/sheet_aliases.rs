//! Every accepted sheet name reads as its canonical sheet, and a batch skips a bad row of the batched sheet
//! whatever that sheet is called (the aliases come from the schema, not from a copied list).
#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use vanban::SheetId;
use vanban::model::{self, Needs};
use vanban::sample::{Cell, SheetSpec, sample_data, write_workbook};
use vanban::workbook::Workbook;
use vanban::workbook::schema::sheet_names;

/// The sample's sheets with sheet `id` renamed to `name`, after `edit` has changed its rows.
fn sample_with(id: SheetId, name: &str, edit: impl FnOnce(&mut SheetSpec)) -> Vec<u8> {
    let mut sheets = sample_data().sheets();
    let spec = sheets
        .iter_mut()
        .find(|s| s.name == id.canonical_name())
        .unwrap();
    spec.name = name.to_owned();
    edit(spec);
    write_workbook(&sheets).unwrap()
}

#[test]
fn every_alias_of_every_sheet_reads_as_that_sheet() {
    let canonical = {
        let wb = Workbook::from_bytes(
            sample_with(SheetId::ThongTin, "Thông tin", |_| {}),
            "a",
            &Default::default(),
        )
        .unwrap();
        model::load(&wb, Needs { dang_vien: true }, &common::rules()).dataset
    };
    let mut tried = 0;
    for id in SheetId::ALL {
        let (name, aliases) = sheet_names(id);
        assert_eq!(name, id.canonical_name());
        for alias in aliases {
            let wb = Workbook::from_bytes(
                sample_with(id, alias, |_| {}),
                "alias.xlsx",
                &Default::default(),
            )
            .unwrap();
            assert_eq!(wb.sheet_by_id(id).unwrap().name, *alias);
            let loaded = model::load(&wb, Needs { dang_vien: true }, &common::rules());
            let errors: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            assert!(errors.is_empty(), "{alias}: {errors:#?}");
            let ds = &loaded.dataset;
            assert_eq!(ds.sheet_name(id), *alias);
            assert_eq!(ds.org.co_quan, canonical.org.co_quan, "{alias}");
            assert_eq!(ds.chi_bo.len(), canonical.chi_bo.len(), "{alias}");
            assert_eq!(ds.dang_vien.len(), canonical.dang_vien.len(), "{alias}");
            assert_eq!(ds.nhan_dinh.len(), canonical.nhan_dinh.len(), "{alias}");
            assert_eq!(
                ds.nam_truoc.as_ref().map(Vec::len),
                canonical.nam_truoc.as_ref().map(Vec::len),
                "{alias}"
            );
            // Findings in the renamed sheet name it as written and know which sheet it is.
            for d in loaded.diagnostics.iter().filter(|d| d.sheet_id == Some(id)) {
                assert_eq!(d.sheet.as_deref(), Some(*alias));
            }
            tried += 1;
        }
    }
    assert!(tried >= 10, "only {tried} aliases");
}

/// Runs `batch cam-ket --per PER --format docx` on `bytes`; returns (exit code, stderr, files written).
fn batch(per: &str, bytes: &[u8]) -> (i32, String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("du-lieu.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let o = vanban(
        &[
            "batch",
            "cam-ket",
            "--per",
            per,
            "--data",
            path.to_str().unwrap(),
            "--format",
            "docx",
            "--jobs",
            "1",
        ],
        dir.path(),
    );
    let out = dir.path().join("out");
    let written = if out.exists() { files(&out) } else { vec![] };
    (code(&o), stderr(&o), written)
}

#[test]
fn a_bad_dang_vien_row_is_skipped_under_every_sheet_name() {
    let total = sample_data().dang_vien.len();
    let (name, aliases) = sheet_names(SheetId::DangVien);
    for sheet in std::iter::once(name).chain(aliases.iter().copied()) {
        // Row 3 of the sheet: the second đảng viên; column C is "Ngày sinh".
        let bytes = sample_with(SheetId::DangVien, sheet, |s| {
            s.rows[1][2] = Cell::from("31/02/1980");
        });
        let (code, err, written) = batch("dang-vien", &bytes);
        assert_eq!(code, 1, "{sheet}: {err}");
        assert!(
            err.contains("!3:") && err.contains("31/02/1980"),
            "{sheet}: {err}"
        );
        assert_eq!(written.len(), total - 1, "{sheet}: {written:?}\n{err}");
        assert!(
            !written.iter().any(|f| f.starts_with("002-")),
            "{written:?}"
        );
    }
}

#[test]
fn a_bad_chi_bo_row_is_skipped_under_every_sheet_name() {
    let total = sample_data().chi_bo.len();
    let (name, aliases) = sheet_names(SheetId::ChiBo);
    for sheet in std::iter::once(name).chain(aliases.iter().copied()) {
        // Row 3: the second chi bộ. The sheet has no date column; column I ("Tổng điểm") gets a value
        // that is not a number.
        let bytes = sample_with(SheetId::ChiBo, sheet, |s| {
            s.rows[1][8] = Cell::from("chín mươi");
        });
        let (code, err, written) = batch("chi-bo", &bytes);
        assert_eq!(code, 1, "{sheet}: {err}");
        assert!(
            err.contains("!3:") && err.contains("chín mươi"),
            "{sheet}: {err}"
        );
        assert_eq!(written.len(), total - 1, "{sheet}: {written:?}\n{err}");
        assert!(
            !written.iter().any(|f| f.starts_with("002-")),
            "{written:?}"
        );
    }
}
