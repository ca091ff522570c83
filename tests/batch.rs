//! End-to-end tests of `vanban batch cam-ket`.

#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use std::path::Path;

fn write_workbook(dir: &Path, data: &vanban::sample::WorkbookData) -> String {
    let p = dir.join("du-lieu.xlsx");
    std::fs::write(&p, data.to_xlsx().unwrap()).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn per_chi_bo_both_formats_merged_and_zipped() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &[
            "batch",
            "cam-ket",
            "--per",
            "chi-bo",
            "--merge-pdf",
            "--zip",
            "--jobs",
            "2",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("Đã ghi 6 văn bản") && stdout.contains("văn bản/giây"),
        "{stdout}"
    );
    let out = dir.path().join("out");
    let names = files(&out);
    assert!(names.contains(&"001-tong-hop.docx".to_owned()), "{names:?}");
    assert!(
        names.contains(&"004-co-yeu-cntt.pdf".to_owned()),
        "{names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.ends_with(".docx")).count(), 6);
    assert_eq!(
        names
            .iter()
            .filter(|n| n.ends_with(".pdf") && *n != "tat-ca.pdf")
            .count(),
        6
    );
    assert!(names.contains(&"tat-ca.pdf".to_owned()) && names.contains(&"tat-ca.zip".to_owned()));
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");

    // The merged PDF has every page of every form.
    let pages = |p: &Path| lopdf::Document::load(p).unwrap().get_pages().len();
    let sum: usize = names
        .iter()
        .filter(|n| n.ends_with(".pdf") && *n != "tat-ca.pdf")
        .map(|n| pages(&out.join(n)))
        .sum();
    assert_eq!(pages(&out.join("tat-ca.pdf")), sum);

    // The zip holds every file written.
    let zip = zip::ZipArchive::new(std::fs::File::open(out.join("tat-ca.zip")).unwrap()).unwrap();
    assert_eq!(zip.len(), 13);
}

#[test]
fn per_dang_vien_docx_names_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = vanban::sample::sample_data();
    data.dang_vien[20].ho_ten = data.dang_vien[6].ho_ten.clone(); // a second "Tô Trọng Hân"
    let wb = write_workbook(dir.path(), &data);
    let o = vanban(
        &[
            "batch",
            "cam-ket",
            "--per",
            "dang-vien",
            "--data",
            &wb,
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let names = files(&dir.path().join("out"));
    assert_eq!(names.len(), data.dang_vien.len());
    assert!(
        names.contains(&"007-to-trong-han.docx".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"021-to-trong-han.docx".to_owned()),
        "{names:?}"
    );
}

#[test]
fn same_stt_and_name_get_numbered_suffixes() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = vanban::sample::sample_data();
    data.chi_bo.push(data.chi_bo[0].clone());
    data.chi_bo.last_mut().unwrap().ten = "Tổng hợp ".to_owned() + "2";
    let wb = write_workbook(dir.path(), &data);
    let o = vanban(
        &[
            "batch", "cam-ket", "--per", "chi-bo", "--data", &wb, "--format", "docx",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(files(&dir.path().join("out")).len(), 7);
}

#[test]
fn bad_row_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = vanban::sample::sample_data();
    data.dang_vien[10].xep_loai = "Khá".into(); // sheet row 12
    let wb = write_workbook(dir.path(), &data);
    let o = vanban(
        &[
            "batch",
            "cam-ket",
            "--per",
            "dang-vien",
            "--data",
            &wb,
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Đảng viên!12:"), "{err}");
    assert_eq!(
        files(&dir.path().join("out")).len(),
        data.dang_vien.len() - 1
    );

    let dir2 = tempfile::tempdir().unwrap();
    let wb = write_workbook(dir2.path(), &data);
    let o = vanban(
        &[
            "batch",
            "cam-ket",
            "--per",
            "dang-vien",
            "--data",
            &wb,
            "--format",
            "docx",
            "--fail-fast",
        ],
        dir2.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir2.path().join("out").exists() || files(&dir2.path().join("out")).is_empty());
}

#[test]
fn structural_error_aborts_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = vanban::sample::sample_data();
    data.thong_tin.retain(|(k, _)| k != "Địa danh");
    let wb = write_workbook(dir.path(), &data);
    let o = vanban(
        &["batch", "cam-ket", "--per", "dang-vien", "--data", &wb],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Địa danh"));
    assert!(!dir.path().join("out").exists());
}
