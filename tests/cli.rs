//! End-to-end tests of the `vanban` binary: outputs, exit codes, messages.

#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use common::pictures;
use std::path::Path;

#[test]
fn render_ir_of_embedded_sample() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["render", "ke-hoach", "--format", "ir"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["file_stem"], "ke-hoach-09-KH-DU");
    assert_eq!(v["header"]["number"]["so"], "09");
    // --format ir writes no file.
    assert!(!dir.path().join("out").exists());
}

#[test]
fn render_writes_docx_and_pdf_and_lists_exactly_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["render", "ke-hoach"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        vec!["out/ke-hoach-09-KH-DU.docx", "out/ke-hoach-09-KH-DU.pdf"]
    );
    for l in &lines {
        let bytes = std::fs::read(dir.path().join(l)).unwrap();
        assert!(bytes.len() > 1000, "{l}");
        // Readable as any file the user makes, not owner-only like a temporary file.
        assert_eq!(
            mode(&dir.path().join(l)),
            plain_file_mode(dir.path()),
            "{l}"
        );
    }
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn form_needs_stt() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["render", "cam-ket-dang-vien"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--stt"), "{}", stderr(&o));
    let o = vanban(
        &[
            "render",
            "cam-ket-dang-vien",
            "--stt",
            "9999",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("STT"), "{}", stderr(&o));
    let o = vanban(
        &[
            "render",
            "cam-ket-dang-vien",
            "--stt",
            "7",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["file_stem"], "007-to-trong-han");
}

#[test]
fn unreadable_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &["render", "ke-hoach", "--data", "khong-co.xlsx"],
        dir.path(),
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("khong-co.xlsx"), "{}", stderr(&o));
    std::fs::write(dir.path().join("bad.xlsx"), "không phải bảng tính").unwrap();
    let o = vanban(&["render", "ke-hoach", "--data", "bad.xlsx"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.xlsx"), "{}", stderr(&o));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn rejected_data_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = vanban::sample::sample_data();
    data.dang_vien[11].xep_loai = "Khá".into();
    std::fs::write(dir.path().join("x.xlsx"), data.to_xlsx().unwrap()).unwrap();
    let o = vanban(&["render", "so-ket", "--data", "x.xlsx"], dir.path());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    // Row 13 of the sheet holds the 12th đảng viên; column I is Xếp loại.
    assert!(err.contains("Đảng viên!I13"), "{err}");
    assert!(err.contains("Khá"), "{err}");
    assert!(err.contains("gợi ý"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn profiles_select_and_fail_with_key() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--profile",
            "khong-co",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2);
    std::fs::write(
        dir.path().join("p.toml"),
        "extends = \"dang\"\n[page]\nmargin_top_mm = \"hai mươi\"\n",
    )
    .unwrap();
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--profile",
            "p.toml",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("p.toml") && stderr(&o).contains("page.margin_top_mm"),
        "{}",
        stderr(&o)
    );
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--profile",
            "nha-nuoc",
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The State profile prints the Quốc hiệu; the Party one does not.
    let path = dir.path().join(stdout(&o).trim());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{xml}");
    assert!(!xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
}

#[test]
fn init_check_render_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["init", "ws"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).lines().any(|l| l == "ws/du-lieu.xlsx"));
    // The working folder has its (empty) register, which --force never overwrites.
    assert!(stdout(&o).lines().any(|l| l == "ws/so-dang-ky.sqlite"));
    assert!(dir.path().join("ws/templates/ke-hoach.md").exists());
    assert!(dir.path().join("ws/templates/profiles/dang.toml").exists());
    // A second init refuses and writes nothing.
    let o = vanban(&["init", "ws"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"));
    let o = vanban(&["init", "ws", "--force"], dir.path());
    assert_eq!(code(&o), 0);

    let o = vanban(&["check", "ws/du-lieu.xlsx", "--json"], dir.path());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(v["chi_bo"]["tong"], 1);
    assert_eq!(v["dang_vien"]["xep_loai"]["tot"], 1);

    // A customised template is used.
    let t = dir.path().join("ws/templates/ke-hoach.md");
    let src = std::fs::read_to_string(&t)
        .unwrap()
        .replace("# Mục đích, yêu cầu", "# Mục tiêu riêng của đơn vị");
    std::fs::write(&t, src).unwrap();
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--data",
            "ws/du-lieu.xlsx",
            "--templates",
            "ws/templates",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Mục tiêu riêng của đơn vị"));
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--data",
            "ws/du-lieu.xlsx",
            "--profile",
            "ws/templates/profiles/nha-nuoc.toml",
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn check_sample_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/chi-bo-4-tot.xlsx");
    let o = vanban(&["check", sample.to_str().unwrap(), "--json"], dir.path());
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["chi_bo"]["tong"], 6);
    assert_eq!(v["chi_bo"]["ky_cam_ket"], 6);
    assert_eq!(v["chi_bo"]["xep_loai"]["xuat_sac"], 1);
    assert_eq!(v["chi_bo"]["xep_loai"]["tot"], 5);
    assert_eq!(v["dang_vien"]["xep_loai"]["xuat_sac"], 13);
    assert!(v["dang_vien"]["xep_loai"]["tot"].as_u64().unwrap() >= 65);
    let n = v["dang_vien"]["tong"].as_u64().unwrap();
    assert!((80..=120).contains(&n));
    assert!(
        v["errors"].as_array().unwrap().is_empty() && v["warnings"].as_array().unwrap().is_empty()
    );
    let o = vanban(&["check", sample.to_str().unwrap()], dir.path());
    assert!(stdout(&o).contains("Kết quả: dùng được."));
}

#[test]
fn usage_errors_are_vietnamese_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["in-an"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("lệnh không có"), "{}", stderr(&o));
    let o = vanban(&["render", "ke-hoach", "--format", "odt"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("định dạng"), "{}", stderr(&o));
    let o = vanban(&["--help"], dir.path());
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Cách dùng"));
    let o = vanban(&["render", "--help"], dir.path());
    assert!(stdout(&o).contains("Loại văn bản"), "{}", stdout(&o));
}

#[test]
fn unwritable_output_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    let o = vanban(&["render", "ke-hoach", "--out", "a-file/sub"], dir.path());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn signature_images_bad_files_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("anh.jpg"), b"\xFF\xD8\xFF\xE0JFIF").unwrap();
    for (flag, file) in [("--chu-ky", "khong-co.png"), ("--con-dau", "anh.jpg")] {
        let o = vanban(&["render", "ke-hoach", flag, file], dir.path());
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(file), "{}", stderr(&o));
        assert!(stderr(&o).contains(flag), "{}", stderr(&o));
        let o = vanban(
            &["batch", "cam-ket", "--per", "chi-bo", flag, file],
            dir.path(),
        );
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(file), "{}", stderr(&o));
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn signed_pdf_a_render() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ky.png"),
        pictures::png(120, 60, Some(11811)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("dau.png"),
        pictures::png(120, 60, Some(11811)),
    )
    .unwrap();
    let o = vanban(
        &[
            "render",
            "ke-hoach",
            "--chu-ky",
            "ky.png",
            "--con-dau",
            "dau.png",
            "--pdf-a",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("out/ke-hoach-09-KH-DU.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("pdfaid:part"), "PDF/A identification");
    let docx = std::fs::read(dir.path().join("out/ke-hoach-09-KH-DU.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    assert!(zip.by_name("word/media/con-dau.png").is_ok());
}
