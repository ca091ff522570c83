//! The web API, in process: each endpoint and each error path, through the router with
//! `tower::ServiceExt::oneshot` (no socket, no browser).

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::serve::*;
use std::io::Read;
use vanban::serve::Options;

/// A workbook that is a spreadsheet but has none of the expected sheets.
fn wrong_workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Trang lạ").unwrap();
    ws.write_string(0, 0, "không phải sổ đánh giá").unwrap();
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn page_is_self_contained_vietnamese_html() {
    let a = get("/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.header("content-type").starts_with("text/html"));
    let html = String::from_utf8(a.body).unwrap();
    assert!(html.contains("lang=\"vi\""));
    assert!(html.contains("Dùng dữ liệu mẫu"));
    assert!(html.contains("Tải bộ mẫu đã sửa (.zip)"));
    // Nothing outside itself: no src/href to another origin, no protocol-relative URL.
    for bad in [
        "http://",
        "https://",
        "src=\"//",
        "href=\"//",
        "@import",
        "url(http",
    ] {
        assert!(!html.contains(bad), "page references {bad}");
    }
    assert!(
        !html.contains("//JS") && !html.contains("/*CSS*/"),
        "assets not inlined"
    );
}

#[tokio::test]
async fn kinds_is_the_cli_listing() {
    let a = get("/api/kinds").await;
    assert_eq!(a.status, StatusCode::OK);
    let expected = serde_json::to_value(vanban::pipeline::kinds(None).unwrap()).unwrap();
    assert_eq!(a.json(), expected);
    let kinds: Vec<String> = a
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        kinds.contains(&"ke-hoach".to_owned()) && kinds.contains(&"cam-ket-dang-vien".to_owned())
    );
}

#[tokio::test]
async fn check_is_the_cli_report() {
    let a = post("/api/check", &[], &[("file", "du-lieu.xlsx", SAMPLE)]).await;
    assert_eq!(a.status, StatusCode::OK);
    let input = vanban::pipeline::Input::Bytes {
        bytes: SAMPLE.to_vec(),
        name: "du-lieu.xlsx".into(),
    };
    let (report, code) =
        vanban::pipeline::check::check(&input, "dang", &vanban::workbook::ReadLimits::default());
    assert_eq!(code, 0);
    assert_eq!(a.json(), serde_json::to_value(&report).unwrap());
    assert_eq!(a.json()["ok"], true);
    assert!(a.json()["dang_vien"]["tong"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn check_of_rejected_and_unreadable_files_is_still_200() {
    let a = post(
        "/api/check",
        &[],
        &[("file", "sai.xlsx", &wrong_workbook())],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["ok"], false);
    assert!(!a.json()["errors"].as_array().unwrap().is_empty());

    let a = post(
        "/api/check",
        &[],
        &[("file", "anh.png", b"\x89PNG not a spreadsheet")],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"][0]["code"], "khong_doc_duoc");
    assert_eq!(v["file"], "anh.png");
}

#[tokio::test]
async fn oversize_upload_is_413_in_vietnamese() {
    let app = app_with(Options {
        max_upload: 1 << 20,
        ..Options::default()
    });
    let big = vec![b'x'; (1 << 20) + 10];
    for path in ["/api/check", "/api/render", "/api/preview", "/api/rows"] {
        let a = post_to(
            app.clone(),
            path,
            &[("kind", "ke-hoach"), ("format", "pdf")],
            &[("file", "to.xlsx", &big)],
        )
        .await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
        assert_eq!(a.error_codes(), ["tep_qua_lon"]);
        assert!(
            a.json()["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("giới hạn 1 MB")
        );
    }
    // Far over the body limit: refused before the body is read, still with the JSON message.
    let huge = vec![b'x'; 8 << 20];
    let a = post_to(app, "/api/check", &[], &[("file", "to.xlsx", &huge)]).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(a.error_codes(), ["tep_qua_lon"]);
}

#[tokio::test]
async fn rows_of_a_per_row_kind() {
    let a = post("/api/rows", &[("kind", "cam-ket-dang-vien")], &[]).await;
    assert_eq!(a.status, StatusCode::OK);
    let rows = a.json();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() > 5);
    let first = rows[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["stt", "ten", "xep_loai"]);
    assert!(first["stt"].is_i64() && first["ten"].is_string());
    // Same rows as the library gives, with the upload.
    let b = post(
        "/api/rows",
        &[("kind", "cam-ket-dang-vien")],
        &[("file", "x.xlsx", SAMPLE)],
    )
    .await;
    assert_eq!(a.json(), b.json());
    // A kind without per has none.
    let c = post("/api/rows", &[("kind", "ke-hoach")], &[]).await;
    assert_eq!(c.json(), serde_json::json!([]));
}

#[tokio::test]
async fn render_docx_and_pdf_named_as_the_cli() {
    let a = post(
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "docx")],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.starts_with(b"PK"));
    let cd = a.header("content-disposition");
    assert!(
        cd.starts_with("attachment;") && cd.contains(".docx"),
        "{cd}"
    );
    // The file name is the document's file stem, as `vanban render` writes it.
    let engine = vanban::pipeline::Engine::load(None, "dang").unwrap();
    let request =
        vanban::pipeline::DocumentRequest::new("ke-hoach", None, vanban::pipeline::Input::Sample);
    let rendered =
        vanban::pipeline::render(&engine, &request, &[vanban::pipeline::Format::Docx]).unwrap();
    assert!(
        cd.contains(&format!("filename=\"{}.docx\"", rendered.stem)),
        "{cd}"
    );

    let p = post(
        "/api/render",
        &[
            ("kind", "cam-ket-dang-vien"),
            ("format", "pdf"),
            ("stt", "7"),
        ],
        &[("file", "du-lieu.xlsx", SAMPLE)],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.starts_with(b"%PDF"));
    assert_eq!(p.header("content-type"), "application/pdf");
}

#[tokio::test]
async fn render_zip_of_a_batch() {
    let a = post(
        "/api/render",
        &[("kind", "cam-ket-chi-bo"), ("format", "zip"), ("job", "t1")],
        &[],
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    assert!(
        a.header("content-disposition")
            .contains("cam-ket-chi-bo.zip")
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.body)).unwrap();
    let rows = post("/api/rows", &[("kind", "cam-ket-chi-bo")], &[])
        .await
        .json();
    let n = rows.as_array().unwrap().len();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(names.iter().filter(|n| n.ends_with(".docx")).count(), n);
    assert_eq!(names.iter().filter(|n| n.ends_with(".pdf")).count(), n);
    let mut first = Vec::new();
    let pdf = names.iter().find(|n| n.ends_with(".pdf")).unwrap().clone();
    zip.by_name(&pdf).unwrap().read_to_end(&mut first).unwrap();
    assert!(first.starts_with(b"%PDF"));
    // The progress entry is gone once the request has ended.
    assert_eq!(
        get("/api/progress?job=t1").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn preview_is_a_png_with_the_page_count() {
    let a = post("/api/preview", &[("kind", "ke-hoach")], &[]).await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    assert_eq!(a.header("content-type"), "image/png");
    assert!(a.body.starts_with(b"\x89PNG"));
    let pages: usize = a.header("x-so-trang").parse().unwrap();
    let engine = vanban::pipeline::Engine::load(None, "dang").unwrap();
    let request =
        vanban::pipeline::DocumentRequest::new("ke-hoach", None, vanban::pipeline::Input::Sample);
    let laid = vanban::pipeline::preview(&engine, &request).unwrap();
    assert_eq!(pages, laid.page_count());
    // The last page exists, the one after it does not.
    let last = post(
        "/api/preview",
        &[("kind", "ke-hoach"), ("page", &pages.to_string())],
        &[],
    )
    .await;
    assert_eq!(last.status, StatusCode::OK);
    let past = post(
        "/api/preview",
        &[("kind", "ke-hoach"), ("page", &(pages + 1).to_string())],
        &[],
    )
    .await;
    assert_eq!(past.status, StatusCode::BAD_REQUEST);
    // `format` is ignored.
    let f = post(
        "/api/preview",
        &[
            ("kind", "cam-ket-dang-vien"),
            ("stt", "7"),
            ("format", "zip"),
        ],
        &[],
    )
    .await;
    assert_eq!(f.status, StatusCode::OK);
}

#[tokio::test]
async fn an_edited_template_changes_the_preview_and_a_broken_one_is_422_with_its_line() {
    let original = get("/api/templates/ke-hoach").await;
    assert_eq!(original.status, StatusCode::OK);
    let text = String::from_utf8(original.body).unwrap();
    let plain = post("/api/preview", &[("kind", "ke-hoach")], &[]).await;
    // A sentence at the start of the body lands on page 1.
    let end = text.match_indices("+++\n").nth(1).unwrap().0 + 4;
    let edited_text = format!(
        "{}Một câu thêm vào đầu mẫu.\n\n{}",
        &text[..end],
        &text[end..]
    );
    let edited = post(
        "/api/preview",
        &[("kind", "ke-hoach"), ("template", &edited_text)],
        &[],
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK);
    assert!(plain.body != edited.body, "the edit must show");

    let broken = text.clone() + "\n{% for x in %}\n";
    let a = post(
        "/api/preview",
        &[("kind", "ke-hoach"), ("template", &broken)],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_codes(), ["loi_mau"]);
    let message = a.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    let line = text.lines().count() + 2;
    assert!(
        message.starts_with(&format!("mẫu ke-hoach.md:{line}:")),
        "{message}"
    );

    let d = post(
        "/api/render",
        &[
            ("kind", "ke-hoach"),
            ("format", "docx"),
            ("template", &broken),
        ],
        &[],
    )
    .await;
    assert_eq!(d.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_runaway_template_is_stopped_by_the_fuel_limit() {
    let text = String::from_utf8(get("/api/templates/ke-hoach").await.body).unwrap();
    let runaway = format!(
        "{text}\n{{% for a in range(10000) %}}{{% for b in range(10000) %}}{{% endfor %}}{{% endfor %}}\n"
    );
    let a = post(
        "/api/preview",
        &[("kind", "ke-hoach"), ("template", &runaway)],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_codes(), ["loi_mau"]);
    assert!(
        a.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("quá giới hạn tính toán")
    );
}

#[tokio::test]
async fn rejected_workbooks_are_422() {
    for (path, kind) in [
        ("/api/render", "ke-hoach"),
        ("/api/preview", "ke-hoach"),
        ("/api/rows", "cam-ket-dang-vien"),
    ] {
        let a = post(
            path,
            &[("kind", kind), ("format", "docx")],
            &[("file", "anh.png", b"not a spreadsheet")],
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(a.error_codes(), ["khong_doc_duoc"]);
    }
    let a = post(
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "pdf")],
        &[("file", "sai.xlsx", &wrong_workbook())],
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let v = a.json();
    assert!(
        v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["message"].is_string())
    );
}

#[tokio::test]
async fn usage_errors_are_400() {
    // Unknown kind, on every document endpoint.
    for path in ["/api/render", "/api/preview", "/api/rows"] {
        let a = post(path, &[("kind", "khong-co"), ("format", "pdf")], &[]).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(a.error_codes(), ["yeu_cau_khong_hop_le"]);
    }
    // Bad format.
    let a = post(
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "odt")],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // A per-row kind without stt, for docx, pdf and the preview.
    for (path, format) in [
        ("/api/render", "docx"),
        ("/api/render", "pdf"),
        ("/api/preview", ""),
    ] {
        let a = post(
            path,
            &[("kind", "cam-ket-dang-vien"), ("format", format)],
            &[],
        )
        .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{path} {format}");
        assert!(
            a.json()["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("stt")
        );
    }
    // A zip of a kind that is one document for the whole organisation.
    let a = post(
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "zip")],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // A profile that is not offered (never a path on the server).
    let a = post(
        "/api/render",
        &[
            ("kind", "ke-hoach"),
            ("format", "pdf"),
            ("profile", "/etc/passwd"),
        ],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // Not a number.
    let a = post(
        "/api/render",
        &[
            ("kind", "cam-ket-dang-vien"),
            ("format", "pdf"),
            ("stt", "bảy"),
        ],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // Not multipart at all.
    let a = send(
        app(),
        Request::post("/api/render")
            .body(Body::from("kind=ke-hoach"))
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.error_codes(), ["yeu_cau_khong_hop_le"]);
}

#[tokio::test]
async fn templates_zip_is_a_templates_folder_with_the_edit() {
    let a = post_to(
        app(),
        "/api/templates.zip",
        &[],
        &[("template", "ke-hoach.md", "SỬA RỒI".as_bytes())],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.body)).unwrap();
    let mut text = String::new();
    zip.by_name("templates/ke-hoach.md")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "SỬA RỒI");
    let count = vanban::template::embedded().len();
    assert_eq!(zip.len(), count);
    // Only names of existing templates.
    let b = post("/api/templates.zip", &[], &[("template", "../x.md", b"x")]).await;
    assert_eq!(b.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_paths_are_json_404() {
    let a = get("/etc/passwd").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.error_codes(), ["khong_co_duong_dan"]);
    let b = get("/api/templates/khong-co").await;
    assert_eq!(b.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_simultaneous_previews_complete_and_the_page_answers_meanwhile() {
    let app = app();
    let text = String::from_utf8(get("/api/templates/cam-ket-dang-vien").await.body).unwrap();
    let mut handles = Vec::new();
    for i in 0..50 {
        let app = app.clone();
        // Each template differs by a comment: every request lays its document out anew.
        let template = format!("{text}\n{{# {i} #}}\n");
        handles.push(tokio::spawn(async move {
            post_to(
                app,
                "/api/preview",
                &[
                    ("kind", "cam-ket-dang-vien"),
                    ("stt", "7"),
                    ("template", &template),
                ],
                &[],
            )
            .await
        }));
    }
    let page = send(app.clone(), Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        handles.iter().any(|h| !h.is_finished()),
        "the page answered only after every preview"
    );
    for h in handles {
        let a = h.await.unwrap();
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.body.starts_with(b"\x89PNG"));
    }
}
