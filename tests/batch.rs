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
    // Every output, merged and zipped files included, has the permissions of any file the user makes
    // (never the owner-only mode of a temporary file).
    for n in &names {
        assert_eq!(mode(&out.join(n)), plain_file_mode(&out), "{n}");
    }

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

/// The stems a `cam-ket-dang-vien` batch over `data` writes, in sheet order.
fn stems(data: &vanban::sample::WorkbookData) -> Vec<String> {
    use vanban::pipeline::{Engine, Input, batch};
    let engine = Engine::load(None, "dang").unwrap();
    let input = Input::Bytes {
        bytes: data.to_xlsx().unwrap(),
        name: "du-lieu.xlsx".into(),
    };
    batch::prepare(
        &engine,
        &batch::BatchRequest::new("cam-ket-dang-vien", input),
    )
    .unwrap()
    .jobs()
    .iter()
    .map(|j| j.stem.clone())
    .collect()
}

/// True when `path` is a whole DOCX (every zip entry reads back, the main part is there) or a whole
/// PDF (lopdf parses it and finds pages).
fn is_complete(path: &Path) -> bool {
    use std::io::Read;
    match path.extension().and_then(|e| e.to_str()) {
        Some("docx") => {
            let Ok(file) = std::fs::File::open(path) else {
                return false;
            };
            let Ok(mut zip) = zip::ZipArchive::new(file) else {
                return false;
            };
            let has_main = zip.by_name("word/document.xml").is_ok();
            has_main
                && (0..zip.len()).all(|i| {
                    let mut buf = Vec::new();
                    zip.by_index(i)
                        .is_ok_and(|mut e| e.read_to_end(&mut buf).is_ok())
                })
        }
        Some("pdf") => lopdf::Document::load(path).is_ok_and(|d| !d.get_pages().is_empty()),
        _ => false,
    }
}

#[test]
fn killed_batch_leaves_only_whole_files_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let data = vanban::sample::scaled_data(3000);
    let wb = write_workbook(dir.path(), &data);
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "batch",
            "cam-ket-dang-vien",
            "--data",
            &wb,
            "--format",
            "docx,pdf",
            "--jobs",
            "2",
        ])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the batch is under way (some files written), then kill it without warning.
    loop {
        let written = std::fs::read_dir(&out).map_or(0, |d| d.count());
        if written >= 20 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch ended before it could be killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal");

    // Every file under a final name is whole.
    let names = files(&out);
    let finals: Vec<&String> = names.iter().filter(|n| !n.starts_with('.')).collect();
    assert!(
        !finals.is_empty() && finals.len() < 2 * 3000,
        "{}",
        finals.len()
    );
    for n in &finals {
        assert!(is_complete(&out.join(n)), "{n} is not a whole file");
    }

    // A temporary file the killed run left (planted too, in case the kill fell between two writes),
    // one of a live run (this test process), and files that are not vanban's.
    let dead = format!(".vanban-{}-zz9999.tmp", child.id());
    let live = format!(".vanban-{}-yy8888.tmp", std::process::id());
    for n in [&dead, &live, &".ghi-chu.tmp".to_owned()] {
        std::fs::write(out.join(n), b"half a docx").unwrap();
    }

    // The next run into the same folder (a small shard, to stay quick) succeeds and removes every
    // temporary file of a dead run.
    let o = vanban(
        &[
            "batch",
            "cam-ket-dang-vien",
            "--data",
            &wb,
            "--format",
            "docx",
            "--shard",
            "1/100",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names = files(&out);
    let temps: Vec<&String> = names.iter().filter(|n| n.starts_with(".vanban-")).collect();
    assert_eq!(
        temps,
        vec![&live],
        "only the live run's temporary file stays"
    );
    assert!(names.contains(&".ghi-chu.tmp".to_owned()));
    for n in names.iter().filter(|n| !n.starts_with('.')) {
        assert!(is_complete(&out.join(n)), "{n} is not a whole file");
    }
}

#[test]
fn write_error_stops_the_batch_with_exit_2_and_keeps_earlier_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = vanban::sample::scaled_data(300);
    let wb = write_workbook(dir.path(), &data);
    let stems = stems(&data);
    let out = dir.path().join("out");
    // A directory where the 50th document's file goes: the rename onto it fails, as a write into a
    // read-only folder or onto a full disk would (permission bits do not stop root, who runs the tests).
    let blocked = out.join(format!("{}.docx", stems[49]));
    std::fs::create_dir_all(&blocked).unwrap();
    let o = vanban(
        &[
            "batch",
            "cam-ket-dang-vien",
            "--data",
            &wb,
            "--format",
            "docx",
            "--jobs",
            "1",
        ],
        dir.path(),
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(&format!(
            "không ghi được out/{}.docx: đã có một thư mục trùng tên",
            stems[49]
        )),
        "{err}"
    );
    assert!(err.contains("gợi ý:"), "{err}");
    assert_eq!(
        err.matches("lỗi:").count(),
        1,
        "one error, not one per document: {err}"
    );
    // The documents before it stay and are whole; the batch stopped there.
    let names = files(&out);
    let written: Vec<&String> = names.iter().filter(|n| n.ends_with(".docx")).collect();
    assert_eq!(written.len(), 50, "49 documents and the blocking folder");
    for s in &stems[..49] {
        assert!(is_complete(&out.join(format!("{s}.docx"))), "{s}");
    }
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn write_error_in_the_sink_stops_every_worker() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use vanban::pipeline::{Engine, Format, Input, batch};
    let engine = Engine::load(None, "dang").unwrap();
    let input = Input::Bytes {
        bytes: vanban::sample::scaled_data(400).to_xlsx().unwrap(),
        name: "du-lieu.xlsx".into(),
    };
    let calls = AtomicUsize::new(0);
    let workers = 3;
    let planned = batch::prepare(
        &engine,
        &batch::BatchRequest {
            formats: vec![Format::Docx],
            jobs: workers,
            ..batch::BatchRequest::new("cam-ket-dang-vien", input)
        },
    )
    .unwrap();
    let result = planned.run(
        |job, _files| {
            if calls.fetch_add(1, Ordering::SeqCst) >= 10 {
                return Err(vanban::Error::Output {
                    path: format!("out/{}.docx", job.stem).into(),
                    source: std::io::Error::new(std::io::ErrorKind::StorageFull, "đĩa đầy"),
                });
            }
            Ok(1)
        },
        || {},
    );
    let e = result.unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("out/"), "{e}");
    // After the first failure only the documents already in flight reach the sink.
    let n = calls.into_inner();
    assert!(n <= 11 + workers, "{n} documents reached a failing sink");
}

#[test]
fn unwritable_output_folder_is_exit_2_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tep"), b"not a folder").unwrap();
    let o = vanban(
        &[
            "batch",
            "cam-ket-chi-bo",
            "--format",
            "docx",
            "--out",
            "tep/ket-qua",
        ],
        dir.path(),
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.contains("không ghi được tep/ket-qua: một phần của đường dẫn là tệp"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// The embedded font program of each face of a PDF, by base font name without the subset tag.
fn font_programs(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for page in doc.page_iter() {
        for font in doc.get_page_fonts(page).unwrap().values() {
            let name = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap());
            let face = name
                .split_once('+')
                .map_or(name.to_string(), |(_, f)| f.to_owned());
            let descendant = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
                .as_reference()
                .unwrap();
            let descriptor = doc
                .get_dictionary(descendant)
                .unwrap()
                .get(b"FontDescriptor")
                .unwrap()
                .as_reference()
                .unwrap();
            let file = doc
                .get_dictionary(descriptor)
                .unwrap()
                .get(b"FontFile2")
                .unwrap()
                .as_reference()
                .unwrap();
            let program = doc
                .get_object(file)
                .unwrap()
                .as_stream()
                .unwrap()
                .content
                .clone();
            out.insert(face, program);
        }
    }
    out
}

/// Forms of a batch embed the same regular and bold subsets (the seeded Vietnamese repertoire), though
/// their names use different letters; and a form rendered alone has the same bytes as in the batch.
#[test]
fn forms_share_their_seeded_font_subsets_and_a_form_alone_is_the_batch_form() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(
        &[
            "batch",
            "cam-ket-dang-vien",
            "--format",
            "pdf",
            "--out",
            "b",
            "--jobs",
            "2",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let b = dir.path().join("b");
    let pdfs: Vec<String> = files(&b)
        .into_iter()
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert!(pdfs.len() >= 10, "{pdfs:?}");
    let first = font_programs(&b.join(&pdfs[0]));
    for face in ["LiberationSerif", "LiberationSerif-Bold"] {
        assert!(first.contains_key(face), "{:?}", first.keys());
    }
    for pdf in &pdfs[1..] {
        let fonts = font_programs(&b.join(pdf));
        for face in ["LiberationSerif", "LiberationSerif-Bold"] {
            assert!(
                fonts[face] == first[face],
                "{pdf}: the {face} subset differs from the first form's"
            );
        }
    }

    let o = vanban(
        &[
            "render",
            "cam-ket-dang-vien",
            "--stt",
            "5",
            "--format",
            "pdf",
            "--out",
            "r",
        ],
        dir.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let alone = files(&dir.path().join("r"));
    assert_eq!(alone.len(), 1);
    assert_eq!(
        std::fs::read(dir.path().join("r").join(&alone[0])).unwrap(),
        std::fs::read(b.join(&alone[0])).unwrap(),
        "{} alone and in the batch",
        alone[0]
    );
}
