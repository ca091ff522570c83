//! The sổ đăng ký văn bản đi through the binary, as offices use it: numbered batches and documents,
//! series per type, per term and per year, concurrent processes, a batch killed with SIGKILL and rerun,
//! `register verify` / `cancel` / `start` / `add` / `export`, and every way the register file can be
//! unusable (newer, locked, corrupt, not SQLite, not a register, in a folder that cannot be written).

#![allow(clippy::unwrap_used)]

mod common;

use common::docx::document_xml;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use vanban::sample::{Cell, ChiBoRow, WorkbookData, sample_data};

fn vanban(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.current_dir(dir).env("USER", "van-thu");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    vanban(dir).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}\n{}", text(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The register's rows as `register --json` prints them.
fn rows(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str::<Vec<serde_json::Value>>(&ok(dir, &["register", "--json"])).unwrap()
}

fn numbers(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["so_ky_hieu"].as_str().unwrap().to_owned())
        .collect()
}

fn set_info(data: &mut WorkbookData, label: &str, value: Option<Cell>) {
    data.thong_tin.retain(|(l, _)| l != label);
    if let Some(v) = value {
        data.thong_tin.push((label.to_owned(), v));
    }
}

fn write_workbook(dir: &Path, name: &str, data: &WorkbookData) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data.to_xlsx().unwrap()).unwrap();
    p
}

/// The sample with `n` chi bộ (the sample's six, then copies of the first under new names).
fn with_chi_bo(n: usize) -> WorkbookData {
    let mut data = sample_data();
    let first: ChiBoRow = data.chi_bo[0].clone();
    while data.chi_bo.len() < n {
        let mut c = first.clone();
        c.ten = format!("Chi bộ thêm số {}", data.chi_bo.len() + 1);
        data.chi_bo.push(c);
    }
    data.chi_bo.truncate(n);
    data
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(std::fs::read(path).unwrap());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_sample_batch_is_numbered_01_to_06_then_07_to_12_and_a_decision_starts_its_own_series() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "batch",
        "thong-bao-xep-loai",
        "--cap-so",
        "--format",
        "docx",
    ];
    let o = run(d, &args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let r = rows(d);
    let want: Vec<String> = (1..=6).map(|n| format!("{n:02}-TB/ĐU")).collect();
    assert_eq!(numbers(&r), want);
    // The sample names its term: the series runs per term (05-HD §I.3.1.1).
    assert!(
        r.iter()
            .all(|x| x["ky_loai"] == "nhiem-ky" && x["ky"] == "2020-2025")
    );
    assert!(
        r.iter()
            .all(|x| x["trang_thai"] == "da-cap" && x["nguoi_lay"] == "van-thu")
    );
    // Each document carries its number, in row order, and the register holds its file's hash.
    for (i, row) in r.iter().enumerate() {
        let files = row["tep"].as_array().unwrap();
        assert_eq!(files.len(), 1);
        let path = Path::new(files[0]["duong_dan"].as_str().unwrap());
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&format!("thong-bao-{:03}-", i + 1)),
            "{path:?}"
        );
        assert_eq!(sha256(path), files[0]["sha256"].as_str().unwrap());
        let xml = document_xml(&std::fs::read(path).unwrap());
        assert!(xml.contains(&format!("Số {:02}-TB/ĐU", i + 1)), "{path:?}");
    }
    // A second batch takes the next block.
    let o = run(d, &args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let r = rows(d);
    let want: Vec<String> = (1..=12).map(|n| format!("{n:02}-TB/ĐU")).collect();
    assert_eq!(numbers(&r), want);
    let xml = document_xml(&std::fs::read(d.join("out/thong-bao-001-tong-hop.docx")).unwrap());
    assert!(xml.contains("Số 07-TB/ĐU"));
    // A quyết định in the same register: its own series from 01; its file name carries the number.
    let out = ok(
        d,
        &[
            "render",
            "quyet-dinh-xep-loai",
            "--cap-so",
            "--format",
            "docx",
        ],
    );
    assert_eq!(out.trim(), "out/quyet-dinh-01-QD-DU.docx");
    let xml = document_xml(&std::fs::read(d.join("out/quyet-dinh-01-QD-DU.docx")).unwrap());
    assert!(xml.contains("Số 01-QĐ/ĐU"));
    assert_eq!(numbers(&rows(d)).last().unwrap(), "01-QĐ/ĐU");
    // Without --cap-so nothing changes: the workbook's number (16), no row.
    ok(d, &["render", "quyet-dinh-xep-loai", "--format", "docx"]);
    assert!(d.join("out/quyet-dinh-16-QD-DU.docx").exists());
    assert_eq!(rows(d).len(), 13);
}

#[test]
fn state_documents_restart_at_01_in_the_next_year_and_a_term_less_party_workbook_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let nn = [
        "render",
        "quyet-dinh-xep-loai",
        "--cap-so",
        "--format",
        "docx",
        "--profile",
        "nha-nuoc",
    ];
    ok(d, &nn);
    ok(d, &nn);
    let mut next_year = sample_data();
    set_info(
        &mut next_year,
        "Ngày quyết định",
        Some(Cell::Date(2024, 1, 5)),
    );
    let wb = write_workbook(d, "nam-sau.xlsx", &next_year);
    let mut args = nn.to_vec();
    args.extend(["--data", wb.to_str().unwrap()]);
    ok(d, &args);
    let r = rows(d);
    assert_eq!(
        numbers(&r),
        ["01/QĐ-ĐU", "02/QĐ-ĐU", "01/QĐ-ĐU"],
        "NĐ 30 Điều 15: from 01 each 1 January"
    );
    assert_eq!(r[2]["ky"], "2024");
    assert_eq!(r[0]["ky"], "2023");
    let xml = document_xml(&std::fs::read(d.join("out/quyet-dinh-01-QD-DU.docx")).unwrap());
    assert!(xml.contains("Số: 01/QĐ-ĐU"), "NĐ 30: \"Số:\" with a colon");
    // A Party workbook without a term: numbered per year, with a warning (command and check).
    let mut no_term = sample_data();
    set_info(&mut no_term, "Nhiệm kỳ", None);
    let wb = write_workbook(d, "khong-nhiem-ky.xlsx", &no_term);
    let o = run(
        d,
        &[
            "render",
            "ke-hoach",
            "--cap-so",
            "--format",
            "docx",
            "--data",
            wb.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("Nhiệm kỳ"),
        "{}",
        text(&o)
    );
    let last = rows(d).pop().unwrap();
    assert_eq!(
        (last["ky_loai"].as_str(), last["ky"].as_str()),
        (Some("nam"), Some("2022"))
    );
    let o = run(d, &["check", wb.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        report["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "thieu_nhiem_ky"),
        "{report}"
    );
}

#[test]
fn eight_processes_of_25_allocations_get_200_distinct_numbers_without_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let wb = write_workbook(d, "25.xlsx", &with_chi_bo(25));
    let started = Instant::now();
    // Eight numbered batches of 25 documents at once, each its own process.
    let children: Vec<_> = (0..8)
        .map(|i| {
            let out = format!("out{i}");
            vanban(d)
                .args([
                    "batch",
                    "thong-bao-xep-loai",
                    "--cap-so",
                    "--format",
                    "docx",
                    "--jobs",
                    "1",
                    "--data",
                    wb.to_str().unwrap(),
                    "--out",
                    &out,
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
    let batches = started.elapsed();
    let r = rows(d);
    let mut n: Vec<i64> = r.iter().map(|x| x["so"].as_i64().unwrap()).collect();
    assert_eq!(n.len(), 200);
    // Each batch took a consecutive block in row order.
    for i in 0..8 {
        let mine: Vec<i64> = r
            .iter()
            .filter(|x| {
                x["tep"][0]["duong_dan"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("/out{i}/"))
            })
            .map(|x| x["so"].as_i64().unwrap())
            .collect();
        assert_eq!(mine.len(), 25);
        assert!(mine.windows(2).all(|w| w[1] == w[0] + 1), "{mine:?}");
    }
    n.sort_unstable();
    assert_eq!(n, (1..=200).collect::<Vec<i64>>());

    // Eight processes at once, each taking 25 numbers one transaction at a time (register add).
    let started = Instant::now();
    let lanes: Vec<_> = (0..8)
        .map(|lane| {
            let d = d.to_path_buf();
            std::thread::spawn(move || {
                let script = format!(
                    "for i in $(seq 1 25); do \"$0\" register add --loai CV --trich-yeu \"về việc thử {lane}-$i\" --nguoi-ky \"Trần Việt Cường\" || exit 1; done"
                );
                let o = Command::new("sh")
                    .arg("-c")
                    .arg(script)
                    .arg(env!("CARGO_BIN_EXE_vanban"))
                    .current_dir(&d)
                    .output()
                    .unwrap();
                assert_eq!(o.status.code(), Some(0), "{}", text(&o));
                String::from_utf8(o.stdout).unwrap()
            })
        })
        .collect();
    let mut printed: Vec<String> = Vec::new();
    for l in lanes {
        printed.extend(l.join().unwrap().lines().map(str::to_owned));
    }
    let adds = started.elapsed();
    let r = rows(d);
    let mut cv: Vec<i64> = r
        .iter()
        .filter(|x| x["loai"] == "CV")
        .map(|x| x["so"].as_i64().unwrap())
        .collect();
    cv.sort_unstable();
    assert_eq!(cv, (1..=200).collect::<Vec<i64>>());
    printed.sort();
    printed.dedup();
    assert_eq!(printed.len(), 200, "every process printed its own number");
    eprintln!(
        "8 × 25 numbered documents: {:.2} s; 8 × 25 register add: {:.2} s",
        batches.as_secs_f64(),
        adds.as_secs_f64()
    );
}

#[test]
fn a_batch_killed_mid_run_leaves_nothing_unaccounted_and_verify_then_cancel_close_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let wb = write_workbook(d, "40.xlsx", &with_chi_bo(40));
    let args = [
        "batch",
        "thong-bao-xep-loai",
        "--cap-so",
        "--jobs",
        "1",
        "--data",
        wb.to_str().unwrap(),
    ];
    let mut child = vanban(d)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once its numbers are reserved and some of its files are being written.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let staged = std::fs::read_dir(d.join("out"))
            .map(|it| {
                it.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with(".vanban-"))
                    .count()
            })
            .unwrap_or(0);
        if staged >= 4 {
            break;
        }
        assert!(Instant::now() < deadline, "the batch never started writing");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let killed = rows(d);
    assert_eq!(
        killed.len(),
        40,
        "the block was reserved before the files were made"
    );
    // No final file exists for a number that was not committed.
    let finals: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".vanban-"))
        .collect();
    assert!(finals.is_empty(), "{finals:?}");
    // verify names every number the killed run took (exit 1).
    let o = run(d, &["register", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let mut named: Vec<String> = findings
        .iter()
        .map(|f| f["so_ky_hieu"].as_str().unwrap().to_owned())
        .collect();
    named.dedup();
    assert_eq!(named, numbers(&killed));
    assert!(findings.iter().all(|f| f["loai"] == "chua-xong"));
    // The rerun takes new numbers (41–80), cleans the killed run's temporary files, and is whole.
    let o = run(d, &args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let after = rows(d);
    assert_eq!(after.len(), 80);
    assert_eq!(after[40]["so_ky_hieu"], "41-TB/ĐU");
    let leftovers: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".vanban-"))
        .collect();
    assert!(leftovers.is_empty());
    for r in &after[40..] {
        for f in r["tep"].as_array().unwrap() {
            let p = Path::new(f["duong_dan"].as_str().unwrap());
            assert_eq!(sha256(p), f["sha256"].as_str().unwrap());
        }
    }
    // verify still names the killed run's numbers; cancel closes each; then verify is clean.
    let o = run(d, &["register", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("01-TB/ĐU"));
    for n in numbers(&killed) {
        ok(
            d,
            &[
                "register",
                "cancel",
                &n,
                "--ly-do",
                "tiến trình bị dừng giữa chừng, đã dựng lại bằng số mới",
            ],
        );
    }
    let o = run(d, &["register", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // The cancelled numbers stay in the book and are never given again.
    let r = rows(d);
    assert_eq!(r.iter().filter(|x| x["trang_thai"] == "da-huy").count(), 40);
    ok(
        d,
        &[
            "render",
            "thong-bao-xep-loai",
            "--stt",
            "1",
            "--cap-so",
            "--format",
            "docx",
            "--data",
            wb.to_str().unwrap(),
        ],
    );
    assert_eq!(rows(d).last().unwrap()["so_ky_hieu"], "81-TB/ĐU");
}

#[test]
fn verify_names_changed_and_missing_files_and_cancel_start_add_behave() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "batch",
            "thong-bao-xep-loai",
            "--cap-so",
            "--format",
            "docx",
        ],
    );
    assert_eq!(ok(d, &["register", "verify"]).lines().count(), 1);
    std::fs::write(
        d.join("out/thong-bao-002-tai-chinh-ke-toan.docx"),
        b"sua tay",
    )
    .unwrap();
    std::fs::remove_file(d.join("out/thong-bao-003-hanh-chinh-luu-tru.docx")).unwrap();
    let o = run(d, &["register", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let f: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(&str, &str)> = f
        .iter()
        .map(|x| {
            (
                x["so_ky_hieu"].as_str().unwrap(),
                x["loai"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("02-TB/ĐU", "tep-bi-sua"), ("03-TB/ĐU", "thieu-tep")]);

    // cancel: typed loosely, needs a reason, not twice; the number is not reused.
    let o = run(d, &["register", "cancel", "5-tb/du"]);
    assert_eq!(o.status.code(), Some(2), "--ly-do is required");
    ok(
        d,
        &["register", "cancel", "5-tb/du", "--ly-do", "ban hành nhầm"],
    );
    let o = run(d, &["register", "cancel", "05-TB/ĐU", "--ly-do", "lần nữa"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(d, &["register", "cancel", "99-TB/ĐU", "--ly-do", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let r = rows(d);
    assert_eq!(r[4]["trang_thai"], "da-huy");
    assert_eq!(r[4]["ly_do_huy"], "ban hành nhầm");

    // start: an office that already issued 56 kế hoạch this term.
    assert!(ok(d, &["register", "start", "KH", "57"]).contains("57-KH/ĐU"));
    ok(d, &["render", "ke-hoach", "--cap-so", "--format", "docx"]);
    assert!(d.join("out/ke-hoach-57-KH-DU.docx").exists());
    let o = run(d, &["register", "start", "KH", "10"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("57-KH/ĐU"));

    // add: a công văn typed in Word; a secret one shares the Party series.
    let cv = [
        "register",
        "add",
        "--loai",
        "CV",
        "--trich-yeu",
        "về việc chuẩn bị hội nghị",
        "--nguoi-ky",
        "Trần Việt Cường",
        "--ngay",
        "05/01/2025",
    ];
    assert_eq!(ok(d, &cv).trim(), "01-CV/ĐU");
    let mut mat = cv.to_vec();
    mat.push("--mat");
    assert_eq!(ok(d, &mat).trim(), "02-CV/ĐU");
    let mut dh = cv.to_vec();
    dh.push("--dai-hoi");
    assert_eq!(ok(d, &dh).trim(), "01-CV/ĐH", "a congress: one ĐH series");
    let last = rows(d).pop().unwrap();
    assert_eq!(last["ten_loai"], "Công văn");
    assert_eq!(last["ngay"], "2025-01-05");
    let o = run(
        d,
        &[
            "register",
            "add",
            "--loai",
            "XYZ",
            "--trich-yeu",
            "x",
            "--nguoi-ky",
            "y",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "an unknown code needs --ten-loai");
    // The listing filters by year and by term.
    let in_2025: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["register", "--nam", "2025", "--json"])).unwrap();
    assert_eq!(in_2025.len(), 3);
    let term: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["register", "--nhiem-ky", "2020 - 2025", "--json"])).unwrap();
    assert_eq!(term.len(), rows(d).len());
}

#[test]
fn a_failing_render_takes_no_number_and_a_form_without_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tpl = d.join("mau");
    std::fs::create_dir(&tpl).unwrap();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/thong-bao-xep-loai.md"),
    )
    .unwrap();
    std::fs::write(
        tpl.join("thong-bao-xep-loai.md"),
        good.replace("# Yêu cầu", "{{ khong_co_ham() }}\n# Yêu cầu"),
    )
    .unwrap();
    let o = run(
        d,
        &[
            "batch",
            "thong-bao-xep-loai",
            "--cap-so",
            "--format",
            "docx",
            "--templates",
            tpl.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(rows(d).is_empty());
    let o = run(
        d,
        &["render", "cam-ket-dang-vien", "--stt", "1", "--cap-so"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(!d.join("so-dang-ky.sqlite").exists());
    assert!(rows(d).is_empty());
    let o = run(d, &["render", "ke-hoach", "--cap-so", "--format", "ir"]);
    assert_eq!(o.status.code(), Some(2));
    // Shards on several machines would number from several registers.
    let o = run(
        d,
        &["batch", "thong-bao-xep-loai", "--cap-so", "--shard", "1/2"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(rows(d).is_empty());
}

#[test]
fn check_warns_about_a_typed_number_the_register_gave_to_another_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/chi-bo-4-tot.xlsx");
    let sample = sample.to_str().unwrap();
    let o = run(d, &["check", sample, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!report.to_string().contains("so_da_cap"));
    // The sample types Số thông báo 17 (12/04/2023, term 2020-2025); the register gives 17-TB/ĐU to
    // another document.
    ok(d, &["register", "start", "TB", "17"]);
    ok(
        d,
        &[
            "register",
            "add",
            "--loai",
            "TB",
            "--trich-yeu",
            "về việc khác",
            "--nguoi-ky",
            "A",
            "--ngay",
            "01/04/2023",
        ],
    );
    let o = run(d, &["check", sample, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w: Vec<&serde_json::Value> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "so_da_cap")
        .collect();
    assert_eq!(w.len(), 1, "{report}");
    assert!(w[0]["message"].as_str().unwrap().contains("17-TB/ĐU"));
}

/// The register file's bytes, to show a failed command left it unchanged.
fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn assert_refused(d: &Path, reg: &Path, args: &[&str], words: &str) {
    let before = bytes(reg);
    let mut a = args.to_vec();
    a.extend(["--so-dang-ky", reg.to_str().unwrap()]);
    let o = run(d, &a);
    assert_eq!(o.status.code(), Some(2), "{args:?}\n{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(words), "{args:?}: {err}");
    assert!(err.contains("sổ đăng ký"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(bytes(reg), before, "{args:?} changed the register");
}

const ADD: [&str; 8] = [
    "register",
    "add",
    "--loai",
    "CV",
    "--trich-yeu",
    "về việc thử",
    "--nguoi-ky",
    "A",
];

#[test]
fn an_unusable_register_is_a_clear_error_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let make = |name: &str| {
        let p = d.join(name);
        let mut a = ADD.to_vec();
        a.extend(["--so-dang-ky", p.to_str().unwrap()]);
        ok(d, &a);
        p
    };
    let commands: [&[&str]; 4] = [
        &["register"],
        &["register", "verify"],
        &ADD,
        &[
            "batch",
            "thong-bao-xep-loai",
            "--cap-so",
            "--format",
            "docx",
        ],
    ];

    // From a newer vanban.
    let newer = make("moi-hon.sqlite");
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    for c in commands {
        assert_refused(d, &newer, c, "phiên bản vanban mới hơn");
    }

    // Not SQLite at all.
    let text_file = d.join("ghi-chu.sqlite");
    std::fs::write(
        &text_file,
        "đây là một tệp văn bản, không phải sổ\n".repeat(100),
    )
    .unwrap();
    for c in commands {
        assert_refused(d, &text_file, c, "không phải sổ đăng ký");
    }

    // SQLite, but another program's database.
    let other = d.join("khac.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE x (a); INSERT INTO x VALUES (1);")
        .unwrap();
    for c in commands {
        assert_refused(d, &other, c, "không phải sổ đăng ký của vanban");
    }

    // Corrupt: a page in the middle overwritten.
    let corrupt = make("hong.sqlite");
    for _ in 0..30 {
        let mut a = ADD.to_vec();
        a.extend(["--so-dang-ky", corrupt.to_str().unwrap()]);
        ok(d, &a);
    }
    let mut b = bytes(&corrupt);
    assert!(b.len() > 3 * 4096, "{}", b.len());
    for x in &mut b[4096..3 * 4096] {
        *x = 0x5a;
    }
    std::fs::write(&corrupt, &b).unwrap();
    for c in commands {
        assert_refused(d, &corrupt, c, "hỏng");
    }

    // Locked by another program past the wait. (The file is read before and after, not while locked:
    // closing any descriptor of a file drops this process's POSIX locks on it.)
    let locked = make("khoa.sqlite");
    let before = bytes(&locked);
    let holder = rusqlite::Connection::open(&locked).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    for c in [&ADD[..], &["register"]] {
        let mut a = c.to_vec();
        a.extend(["--so-dang-ky", locked.to_str().unwrap()]);
        let t = Instant::now();
        let o = vanban(d)
            .args(&a)
            .env("VANBAN_CHO_SO_DANG_KY", "1")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            t.elapsed() >= Duration::from_millis(900),
            "it waited first: {}",
            text(&o)
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("khóa"),
            "{}",
            text(&o)
        );
    }
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(bytes(&locked), before);
    // A writer that waits less than the timeout gets through.
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        holder.execute_batch("ROLLBACK").unwrap();
    });
    let mut a = ADD.to_vec();
    a.extend(["--so-dang-ky", locked.to_str().unwrap()]);
    ok(d, &a);
    releaser.join().unwrap();

    // A folder that cannot be written: nothing is created.
    let ro = d.join("chi-doc");
    std::fs::create_dir(&ro).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let probe = ro.join("thu");
    let target = if std::fs::write(&probe, b"x").is_ok() {
        // Running as root: permissions do not stop writes; use a folder no one can create files in.
        let _ = std::fs::remove_file(&probe);
        PathBuf::from("/sys/kernel/so-dang-ky.sqlite")
    } else {
        ro.join("so-dang-ky.sqlite")
    };
    if target.parent().unwrap().is_dir() {
        let mut a = ADD.to_vec();
        a.extend(["--so-dang-ky", target.to_str().unwrap()]);
        let o = run(d, &a);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("không ghi được"),
            "{}",
            text(&o)
        );
        assert!(!target.exists());
    }
    // A missing register lists as empty and is not created by reading it.
    let none = d.join("chua-co.sqlite");
    let out = ok(
        d,
        &["register", "--json", "--so-dang-ky", none.to_str().unwrap()],
    );
    assert_eq!(out.trim(), "[]");
    ok(
        d,
        &["register", "verify", "--so-dang-ky", none.to_str().unwrap()],
    );
    assert!(!none.exists());
}

#[test]
fn the_export_is_a_workbook_with_the_phu_luc_iv_columns_and_a_landscape_pdf() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "batch",
            "thong-bao-xep-loai",
            "--cap-so",
            "--format",
            "docx",
        ],
    );
    ok(
        d,
        &["register", "cancel", "02-TB/ĐU", "--ly-do", "ban hành nhầm"],
    );
    let out = ok(d, &["register", "export", "--out", "so-sach"]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "so-sach/so-dang-ky-van-ban-di.xlsx",
            "so-sach/so-dang-ky-van-ban-di.pdf"
        ]
    );
    let mut wb: Xlsx<_> =
        calamine::open_workbook(d.join("so-sach/so-dang-ky-van-ban-di.xlsx")).unwrap();
    let first = wb.sheet_names()[0].clone();
    assert_eq!(first, "Sổ đăng ký văn bản đi");
    let range = wb.worksheet_range(&first).unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let header = cells
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Số, ký hiệu văn bản"))
        .unwrap();
    assert_eq!(
        cells[header],
        [
            "Số, ký hiệu văn bản",
            "Ngày tháng văn bản",
            "Tên loại và trích yếu nội dung văn bản",
            "Người ký",
            "Nơi nhận văn bản",
            "Đơn vị, người nhận bản lưu",
            "Số lượng bản",
            "Ngày chuyển",
            "Ký nhận",
            "Ghi chú"
        ]
    );
    let cover: Vec<&str> = cells[..header]
        .iter()
        .filter_map(|r| r.first().map(String::as_str))
        .collect();
    assert!(cover.contains(&"SỔ ĐĂNG KÝ VĂN BẢN ĐI"), "{cover:?}");
    assert!(cover.contains(&"Nhiệm kỳ: 2020-2025"), "{cover:?}");
    assert!(
        cover.contains(&"Từ số 01-TB/ĐU đến số 06-TB/ĐU"),
        "{cover:?}"
    );
    let body = &cells[header + 1..];
    assert_eq!(body.len(), 6);
    assert_eq!(body[0][0], "01-TB/ĐU");
    assert_eq!(body[0][1], "12/04/2023");
    assert!(body[0][2].starts_with("Thông báo kết quả đánh giá"));
    assert!(body[1][9].contains("Đã hủy: ban hành nhầm"));
    // The PDF: a portrait cover, then landscape pages.
    let pdf = std::fs::read(d.join("so-sach/so-dang-ky-van-ban-di.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let boxes: Vec<(f32, f32)> = doc
        .get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let f = |o: &lopdf::Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
            (f(&mb[2]), f(&mb[3]))
        })
        .collect();
    assert!(boxes.len() >= 2, "{boxes:?}");
    assert!(boxes[0].0 < boxes[0].1, "cover upright");
    assert!(
        boxes[1..].iter().all(|(w, h)| w > h),
        "table landscape: {boxes:?}"
    );
}
