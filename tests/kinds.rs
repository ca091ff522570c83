//! Document kinds as files: `vanban kinds`, a kind added by dropping one file in `--templates`, its
//! `chon` filter in `render` and `batch`, broken kind files, and `--shard`.

#![allow(clippy::unwrap_used)]

mod common;

use common::bin::*;
use std::path::Path;

/// A thư khen for each đảng viên rated "xuất sắc": a kind the program has never seen.
const THU_KHEN: &str = r#"+++
ten_tep = "thu-khen-{{ dv.stt|pad(3) }}-{{ dv.ho_ten|lower }}"
ten_loai = "Thư khen"
per = "dang-vien"
chon = "dv.xep_loai == 'xuat_sac'"
trich_yeu = "đồng chí {{ dv.ho_ten }}"

[header]
co_quan = "{{ org.co_quan }}"
dia_danh = "{{ org.dia_danh }}"
ngay = "{{ org.ngay_bao_cao }}"

[signature]
quyen_han = "T/M"
to_chuc = "Đảng ủy"
chuc_vu = "{{ org.chuc_vu_nguoi_ky }}"
ho_ten = "{{ org.nguoi_ky }}"
+++
Đồng chí **{{ dv.ho_ten }}**, Chi bộ {{ dv.chi_bo }}, được xếp loại {{ dv.xep_loai|xep_loai|lower }} năm {{ nam }}.
"#;

fn templates_dir(dir: &Path) -> String {
    let t = dir.join("mau");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(t.join("thu-khen.md"), THU_KHEN).unwrap();
    t.to_str().unwrap().to_owned()
}

const XUAT_SAC: &str = "Hoàn thành xuất sắc nhiệm vụ";

/// (STT, name) of the sample's đảng viên, with whether each is rated "xuất sắc" (STT = sheet order).
fn sample_dang_vien() -> Vec<(i64, String, bool)> {
    vanban::sample::sample_data()
        .dang_vien
        .iter()
        .enumerate()
        .map(|(i, d)| (i as i64 + 1, d.ho_ten.clone(), d.xep_loai == XUAT_SAC))
        .collect()
}

fn sample_xuat_sac() -> Vec<(i64, String)> {
    sample_dang_vien()
        .into_iter()
        .filter(|d| d.2)
        .map(|(stt, name, _)| (stt, name))
        .collect()
}

#[test]
fn kinds_json_lists_embedded_and_added_kinds_without_data() {
    let dir = tempfile::tempdir().unwrap();
    let t = templates_dir(dir.path());
    let o = vanban(&["kinds", "--templates", &t, "--json"], dir.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let kinds = v.as_array().unwrap();
    let find = |k: &str| kinds.iter().find(|e| e["kind"] == k).cloned();
    let ke_hoach = find("ke-hoach").unwrap();
    assert_eq!(ke_hoach["ten_loai"], "Kế hoạch");
    assert!(ke_hoach["per"].is_null());
    assert_eq!(ke_hoach["source"], "embedded");
    let thu_khen = find("thu-khen").unwrap();
    assert_eq!(thu_khen["ten_loai"], "Thư khen");
    assert_eq!(thu_khen["per"], "dang-vien");
    assert_eq!(thu_khen["source"], t.as_str());
    for k in [
        "so-ket",
        "tong-ket",
        "cam-ket-chi-bo",
        "cam-ket-dang-vien",
        "quyet-dinh-xep-loai",
        "thong-bao-xep-loai",
        "to-trinh-khen-thuong",
    ] {
        assert!(find(k).is_some(), "{k} missing from {v}");
    }
    assert_eq!(find("thong-bao-xep-loai").unwrap()["per"], "chi-bo");
    assert!(find("_bao-cao").is_none(), "macro files are not kinds");
}

#[test]
fn an_added_kind_renders_and_batches_with_its_filter() {
    let dir = tempfile::tempdir().unwrap();
    let t = templates_dir(dir.path());
    let chosen = sample_xuat_sac();
    assert!(chosen.len() > 1);

    // render: a chosen row works, an unchosen one is a usage error, no --stt is a usage error.
    let (stt, name) = &chosen[0];
    let o = vanban(
        &[
            "render",
            "thu-khen",
            "--stt",
            &stt.to_string(),
            "--templates",
            &t,
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ir: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(ir.to_string().contains(name.as_str()), "{ir}");
    let unchosen = sample_dang_vien().into_iter().find(|d| !d.2).unwrap().0;
    let o = vanban(
        &[
            "render",
            "thu-khen",
            "--stt",
            &unchosen.to_string(),
            "--templates",
            &t,
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("không thuộc diện"), "{}", stderr(&o));
    let o = vanban(&["render", "thu-khen", "--templates", &t], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--stt"), "{}", stderr(&o));

    // batch: exactly one document per chosen row.
    let o = vanban(
        &[
            "batch",
            "thu-khen",
            "--templates",
            &t,
            "--format",
            "docx",
            "--out",
            "tk",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names = files(&dir.path().join("tk"));
    assert_eq!(names.len(), chosen.len(), "{names:?}");
    for (stt, _) in &chosen {
        let prefix = format!("thu-khen-{stt:03}-");
        assert!(
            names.iter().any(|n| n.starts_with(&prefix)),
            "{prefix} in {names:?}"
        );
    }
}

#[test]
fn a_broken_kind_is_listed_marked_and_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("mau");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("hong.md"),
        "+++\nten_tep = \"x\"\nten_loai = \"Hỏng\"\nper = \"to-chuc\"\n[header]\nco_quan = \"a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\nA\n",
    )
    .unwrap();
    std::fs::write(
        t.join("chon-hong.md"),
        "+++\nten_tep = \"x\"\nten_loai = \"Chọn hỏng\"\nper = \"dang-vien\"\nchon = \"dv.xep_loai ==\"\n[header]\nco_quan = \"a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\nA\n",
    )
    .unwrap();
    let t = t.to_str().unwrap();
    let o = vanban(&["kinds", "--templates", t, "--json"], dir.path());
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().unwrap();
    assert!(
        arr.iter()
            .any(|k| k["kind"] == "ke-hoach" && k.get("loi").is_none())
    );
    let hong = arr.iter().find(|k| k["kind"] == "hong").unwrap();
    assert!(
        hong["loi"].as_str().unwrap().contains("hong.md:4"),
        "{hong}"
    );
    let chon = arr.iter().find(|k| k["kind"] == "chon-hong").unwrap();
    assert!(
        chon["loi"].as_str().unwrap().contains("chon-hong.md:5"),
        "{chon}"
    );

    let o = vanban(&["render", "hong", "--templates", t], dir.path());
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("hong.md:4"), "{}", stderr(&o));
    // The other kinds still work.
    let o = vanban(
        &["render", "ke-hoach", "--templates", t, "--format", "ir"],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn unknown_kinds_and_batches_of_one_document_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&["render", "khong-co"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("ke-hoach"), "{}", stderr(&o));
    let o = vanban(&["batch", "ke-hoach"], dir.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("render ke-hoach"), "{}", stderr(&o));
    let o = vanban(&["batch", "cam-ket"], dir.path());
    assert_eq!(code(&o), 2, "cam-ket needs --per");
    let o = vanban(&["render", "ke-hoach", "--stt", "3"], dir.path());
    assert_eq!(code(&o), 2);
}

#[test]
fn shards_split_a_batch_into_disjoint_complete_parts_with_the_same_names() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str, shard: Option<&str>| {
        let mut args = vec!["batch", "cam-ket-chi-bo", "--format", "docx", "--out", out];
        if let Some(s) = shard {
            args.extend(["--shard", s]);
        }
        let o = vanban(&args, dir.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        files(&dir.path().join(out))
    };
    let whole = run("all", None);
    let mut parts = Vec::new();
    for i in 1..=4 {
        parts.extend(run(&format!("s{i}"), Some(&format!("{i}/4"))));
    }
    parts.sort();
    assert_eq!(
        parts, whole,
        "shards must be disjoint and together complete"
    );
    for bad in ["0/4", "5/4", "x", "1/0"] {
        let o = vanban(&["batch", "cam-ket-chi-bo", "--shard", bad], dir.path());
        assert_eq!(code(&o), 2, "{bad}");
    }
}

#[test]
fn a_runaway_template_stops_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("mau");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("vong-lap.md"),
        "+++\nten_tep = \"x\"\nten_loai = \"Vòng lặp\"\n[header]\nco_quan = \"a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\n{% for i in range(10000) %}{% for j in range(10000) %}{{ i }}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let o = vanban(
        &[
            "render",
            "vong-lap",
            "--templates",
            t.to_str().unwrap(),
            "--format",
            "ir",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("quá giới hạn tính toán"), "{err}");
    assert!(err.contains("vong-lap.md:10"), "{err}");
    assert!(
        !err.contains("--format ir"),
        "the hint must not point at --format ir: {err}"
    );
}

/// Found by fuzzing (`fuzz/` target `template`): minijinja 3.1's compiler panics on an import alias that
/// is not a name. Every spelling of it must be this kind's template error (exit 1, no crash report),
/// in the body and in the front matter, and the other kinds keep working.
#[test]
fn an_import_alias_that_is_not_a_name_is_a_template_error_not_a_crash() {
    for (file, text) in [
        (
            "nhap-hong.md",
            "+++\nten_tep = \"x\"\nten_loai = \"Nhập hỏng\"\n[header]\nco_quan = \"a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\n{% import \"_bao-cao.md\" as i-bc %}\nA\n",
        ),
        (
            "nhap-hong.md",
            "+++\nten_tep = \"x\"\nten_loai = \"Nhập hỏng\"\n[header]\nco_quan = \"{% import '_bao-cao.md' as 1 %}a\"\ndia_danh = \"b\"\n[signature]\nho_ten = \"c\"\n+++\nA\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("mau");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join(file), text).unwrap();
        let t = t.to_str().unwrap();

        let o = vanban(&["render", "nhap-hong", "--templates", t], dir.path());
        let err = stderr(&o);
        assert_eq!(code(&o), 1, "{err}");
        assert!(err.contains("nhap-hong.md"), "{err}");
        assert!(err.contains("import"), "the hint names the tag: {err}");
        assert!(!err.contains("panicked"), "no crash report: {err}");

        let o = vanban(&["kinds", "--templates", t, "--json"], dir.path());
        assert_eq!(code(&o), 1);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let kind = v
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "nhap-hong")
            .unwrap();
        assert!(
            kind["loi"].as_str().unwrap().contains("nhap-hong.md"),
            "{kind}"
        );

        let o = vanban(
            &["render", "ke-hoach", "--templates", t, "--format", "ir"],
            dir.path(),
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
}

/// The thư khen with `body` as its body (front matter unchanged; the body starts on line 19).
fn thu_khen_with_body(dir: &Path, body: &str) -> String {
    let t = dir.join("mau");
    std::fs::create_dir_all(&t).unwrap();
    let front = THU_KHEN.split("+++\n").nth(1).unwrap();
    std::fs::write(t.join("thu-khen.md"), format!("+++\n{front}+++\n{body}")).unwrap();
    t.to_str().unwrap().to_owned()
}

#[test]
fn template_errors_are_vietnamese_with_the_line_and_a_hint() {
    // (body, the line the error names, words the message must hold, words the hint must hold)
    let cases: &[(&str, usize, &[&str], &[&str])] = &[
        (
            "a\n{% fore x in [1] %}{{ x }}{% endfor %}\n",
            20,
            &["lệnh không có", "fore"],
            &["{% for … %}"],
        ),
        (
            "{{ dv.ho_ten|ngay_dia }}\n",
            19,
            &["bộ lọc không có", "ngay_dia"],
            &["|ngay_dai"],
        ),
        (
            "a\nb {{ dv.khong_co.x }}\n",
            20,
            &["biến hoặc thuộc tính không có", "dv.khong_co.x"],
            &["README"],
        ),
        (
            "a\n{% for x in [1, 2] %}\n{{ x }}\n",
            20,
            &["khối `{% for %}` chưa đóng", "{% endfor %}"],
            &["{% endfor %}"],
        ),
        (
            "a\n{{ dv.ho_ten\n",
            20,
            &["mẫu kết thúc giữa chừng", "}}"],
            &["}}"],
        ),
    ];
    let stt = sample_xuat_sac()[0].0.to_string();
    for (body, line, message, hint) in cases {
        let dir = tempfile::tempdir().unwrap();
        let t = thu_khen_with_body(dir.path(), body);
        let o = vanban(
            &[
                "render",
                "thu-khen",
                "--stt",
                &stt,
                "--templates",
                &t,
                "--format",
                "ir",
            ],
            dir.path(),
        );
        assert_eq!(code(&o), 1, "{body:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("thu-khen.md:{line}:")),
            "{body:?}: {err}"
        );
        for w in *message {
            assert!(err.contains(w), "{body:?}: {w:?} not in {err}");
        }
        let (_, after) = err.split_once("gợi ý").unwrap_or(("", &err));
        for w in *hint {
            assert!(after.contains(w), "{body:?}: hint {w:?} not in {err}");
        }
        for english in [
            "unknown",
            "unexpected",
            "undefined",
            "statement",
            "expected",
            "input",
        ] {
            assert!(
                !err.contains(english),
                "{body:?}: English {english:?} in {err}"
            );
        }
    }
}
