//! Word templates on the web API: a `template` part named `*.docx` is a Word kind for `kind` (even a kind
//! only that upload has) in `/api/kinds`, `/api/rows`, `/api/preview` and `/api/render`; any kind
//! downloads as an editable Word template; the templates zip carries Word kinds.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::serve::*;
use common::word::thu_khen;
use std::io::Read;

/// The text of a DOCX's `word/document.xml`.
fn document_xml(docx: &[u8]) -> String {
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[tokio::test]
async fn a_word_kind_only_the_upload_has_lists_rows_and_renders() {
    let tpl = thu_khen();
    let word = [("template", "thu-khen.docx", tpl.as_slice())];

    let a = post("/api/kinds", &[("kind", "thu-khen")], &word).await;
    assert_eq!(a.status, StatusCode::OK);
    let kinds = a.json();
    let listed = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "thu-khen")
        .expect("thu-khen listed");
    assert_eq!(listed["per"], "dang-vien");
    assert!(listed.get("loi").is_none(), "{listed}");
    // The embedded kinds are still there.
    assert!(
        kinds
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["kind"] == "ke-hoach")
    );
    // Without the upload the kind does not exist.
    let a = get("/api/kinds").await;
    assert!(
        !a.json()
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["kind"] == "thu-khen")
    );

    // The Thông số table's chon: the 13 đảng viên rated xuất sắc.
    let a = post("/api/rows", &[("kind", "thu-khen")], &word).await;
    assert_eq!(a.status, StatusCode::OK);
    let rows = a.json();
    assert_eq!(rows.as_array().unwrap().len(), 13, "{rows}");
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["xep_loai"] == "xuat_sac")
    );

    let a = post(
        "/api/render",
        &[("kind", "thu-khen"), ("stt", "7"), ("format", "docx")],
        &word,
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    // ten_tep from the Thông số table names the file.
    assert!(
        a.header("content-disposition")
            .contains("filename=\"thu-khen-007.docx\""),
        "{}",
        a.header("content-disposition")
    );
    let xml = document_xml(&a.body);
    assert!(xml.contains("Tô Trọng Hân"), "the name is in the letter");
    // Bold run holding the name whole.
    let at = xml.find("Tô Trọng Hân").unwrap();
    let run = &xml[xml[..at].rfind("<w:r>").unwrap()..at];
    assert!(run.contains("<w:b/>") || run.contains("<w:b "), "{run}");

    let a = post(
        "/api/render",
        &[("kind", "thu-khen"), ("stt", "7"), ("format", "pdf")],
        &word,
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.starts_with(b"%PDF"));
}

#[tokio::test]
async fn a_kind_downloaded_as_word_and_sent_back_renders_the_same_document() {
    let a = get("/api/templates/ke-hoach.docx").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.header("content-type")
            .starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml")
    );
    assert!(
        a.header("content-disposition")
            .contains("filename=\"ke-hoach.docx\"")
    );
    let tpl = a.body;
    // The template itself is a Word document with the kind's words and tags.
    let xml = document_xml(&tpl);
    assert!(xml.contains("KẾ HOẠCH"));
    assert!(xml.contains("{{"));

    let fields = [("kind", "ke-hoach"), ("format", "docx")];
    let from_md = post("/api/render", &fields, &[]).await;
    let from_word = post(
        "/api/render",
        &fields,
        &[("template", "ke-hoach.docx", tpl.as_slice())],
    )
    .await;
    assert_eq!(from_md.status, StatusCode::OK);
    assert_eq!(from_word.status, StatusCode::OK);
    assert_eq!(
        document_xml(&from_md.body),
        document_xml(&from_word.body),
        "the same IR gives the same document"
    );
}

#[tokio::test]
async fn the_preview_follows_the_uploaded_word_template() {
    let cam_ket = get("/api/templates/cam-ket-dang-vien.docx").await.body;
    let preview = |tpl: Vec<u8>| async move {
        post(
            "/api/preview",
            &[("kind", "thu-khen"), ("stt", "7")],
            &[("template", "thu-khen.docx", tpl.as_slice())],
        )
        .await
    };
    let letter = preview(thu_khen()).await;
    assert_eq!(letter.status, StatusCode::OK);
    assert!(letter.body.starts_with(b"\x89PNG"));
    assert_eq!(letter.header("x-so-trang"), "1");
    // Another Word file under the same kind name and STT is another document, not the cached one.
    let pledge = preview(cam_ket).await;
    assert_eq!(pledge.status, StatusCode::OK);
    assert_ne!(letter.body, pledge.body);
    let again = preview(thu_khen()).await;
    assert_eq!(letter.body, again.body);
}

#[tokio::test]
async fn an_edited_kind_downloads_as_word_with_the_edit() {
    let text = String::from_utf8(get("/api/templates/ke-hoach").await.body).unwrap();
    assert!(text.contains("Thực hiện Nghị quyết"));
    let edited = text.replacen("Thực hiện Nghị quyết", "Quán triệt Nghị quyết", 1);
    let a = post(
        "/api/templates/ke-hoach.docx",
        &[("template", edited.as_str())],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let xml = document_xml(&a.body);
    assert!(xml.contains("Quán triệt Nghị quyết"));
    assert!(!xml.contains("Thực hiện Nghị quyết"));

    let a = get("/api/templates/khong-co.docx").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.error_codes(), ["khong_co_loai"]);
}

#[tokio::test]
async fn word_uploads_that_cannot_be_used_are_refused_with_a_reason() {
    // A kind name that cannot name a file.
    let tpl = thu_khen();
    let a = post(
        "/api/render",
        &[("kind", "../thu-khen"), ("stt", "7"), ("format", "docx")],
        &[("template", "thu-khen.docx", tpl.as_slice())],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let message = a.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("tên loại văn bản"), "{message}");

    // Bytes that are not a Word document: the error says so, nothing is rendered.
    let a = post(
        "/api/render",
        &[("kind", "thu-khen"), ("stt", "7"), ("format", "docx")],
        &[("template", "thu-khen.docx", b"day khong phai tep Word")],
    )
    .await;
    assert!(a.status.is_client_error(), "{}", a.status);
    let body = a.json().to_string();
    assert!(body.contains("thu-khen.docx"), "{body}");
    // In the kinds list the broken kind carries its error.
    let a = post(
        "/api/kinds",
        &[("kind", "thu-khen")],
        &[("template", "thu-khen.docx", b"day khong phai tep Word")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let kinds = a.json();
    let listed = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "thu-khen")
        .unwrap();
    assert!(listed["loi"].as_str().unwrap().contains("thu-khen.docx"));

    // POST /api/kinds without a Word file.
    let a = post("/api/kinds", &[("kind", "thu-khen")], &[]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_word_template_over_the_upload_limit_is_413() {
    let app = app_with(vanban::serve::Options {
        max_upload: 64 << 10,
        ..vanban::serve::Options::default()
    });
    let big = vec![b'x'; 100 << 10];
    let a = post_to(
        app,
        "/api/preview",
        &[("kind", "thu-khen"), ("stt", "7")],
        &[("template", "thu-khen.docx", big.as_slice())],
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_templates_zip_carries_a_word_kind() {
    let tpl = thu_khen();
    let a = post(
        "/api/templates.zip",
        &[],
        &[("template", "thu-khen.docx", tpl.as_slice())],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.body)).unwrap();
    let mut got = Vec::new();
    zip.by_name("templates/thu-khen.docx")
        .unwrap()
        .read_to_end(&mut got)
        .unwrap();
    assert_eq!(got, tpl);
    assert!(zip.by_name("templates/ke-hoach.md").is_ok());
}
