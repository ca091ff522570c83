//! The web API, in process: each endpoint and each error path, through the router with
//! `tower::ServiceExt::oneshot` (no socket, no browser).

#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::io::Read;
use std::sync::Arc;
use tower::ServiceExt;
use vanban::serve::{AppState, Options, router};

fn app_with(options: Options) -> axum::Router {
    router(Arc::new(AppState::new(&options).unwrap()))
}

fn app() -> axum::Router {
    app_with(Options::default())
}

/// A multipart body: text fields, then files `(field, file name, bytes)`.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----vanban-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
    /// The `code`s of an error body, which must have the `check --json` shape.
    fn error_codes(&self) -> Vec<String> {
        let v = self.json();
        let errors = v["errors"].as_array().expect("errors array");
        assert!(!errors.is_empty());
        errors
            .iter()
            .map(|e| {
                for key in ["sheet", "cell", "code", "message"] {
                    assert!(e.get(key).is_some(), "{key} missing in {e}");
                }
                e["code"].as_str().unwrap().to_owned()
            })
            .collect()
    }
}

async fn send(app: axum::Router, req: Request<Body>) -> Answer {
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(path: &str) -> Answer {
    send(app(), Request::get(path).body(Body::empty()).unwrap()).await
}

async fn post(path: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Answer {
    post_to(app(), path, fields, files).await
}

async fn post_to(
    app: axum::Router,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Answer {
    let (ct, body) = multipart(fields, files);
    send(
        app,
        Request::post(path)
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

const SAMPLE: &[u8] = vanban::sample::SAMPLE_XLSX;

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

// The register on the page, and keeping strangers out.

fn app_with_register(path: &std::path::Path, allow: &[&str]) -> axum::Router {
    app_with(Options {
        so_dang_ky: path.to_path_buf(),
        allow_hosts: allow.iter().map(|s| (*s).to_owned()).collect(),
        ..Options::default()
    })
}

fn with_headers(mut req: Request<Body>, headers: &[(&str, &str)]) -> Request<Body> {
    for (k, v) in headers {
        req.headers_mut().insert(
            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    req
}

fn form_request(fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Request<Body> {
    let (ct, body) = multipart(fields, &[]);
    with_headers(
        Request::post("/api/render")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap(),
        headers,
    )
}

#[tokio::test]
async fn a_host_that_is_not_this_server_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("so.sqlite");
    for (host, status) in [
        ("127.0.0.1:8686", StatusCode::OK),
        ("localhost:8686", StatusCode::OK),
        ("[::1]:8686", StatusCode::OK),
        ("may-van-thu:8686", StatusCode::OK),
        ("MAY-VAN-THU.", StatusCode::OK),
        ("evil.example:8686", StatusCode::MISDIRECTED_REQUEST),
        ("localhost.evil.example", StatusCode::MISDIRECTED_REQUEST),
        ("10.9.8.7:8686", StatusCode::MISDIRECTED_REQUEST),
    ] {
        for path in ["/", "/api/register", "/api/kinds"] {
            let req = with_headers(
                Request::get(path).body(Body::empty()).unwrap(),
                &[("host", host)],
            );
            let a = send(app_with_register(&reg, &["may-van-thu"]), req).await;
            assert_eq!(a.status, status, "{host} {path}");
            if status != StatusCode::OK {
                assert_eq!(a.error_codes(), ["yeu_cau_khong_hop_le"]);
                assert!(
                    a.json()["errors"][0]["message"]
                        .as_str()
                        .unwrap()
                        .contains("không phải địa chỉ")
                );
            }
        }
    }
    // The bound address is accepted when it is not loopback (--host 10.9.8.7).
    let app = app_with(Options {
        host: "10.9.8.7".parse().unwrap(),
        so_dang_ky: reg.clone(),
        ..Options::default()
    });
    let req = with_headers(
        Request::get("/").body(Body::empty()).unwrap(),
        &[("host", "10.9.8.7:8686")],
    );
    assert_eq!(send(app, req).await.status, StatusCode::OK);
    assert!(!reg.exists(), "reading the register never creates it");
}

#[tokio::test]
async fn a_request_from_another_site_that_changes_something_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("so.sqlite");
    let fields = [("kind", "ke-hoach"), ("format", "docx"), ("cap_so", "1")];
    for (headers, status) in [
        (
            vec![
                ("host", "127.0.0.1:8686"),
                ("origin", "http://evil.example"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("host", "127.0.0.1:8686"), ("origin", "null")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![
                ("host", "127.0.0.1:8686"),
                ("origin", "http://127.0.0.1:9999"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("host", "127.0.0.1:8686"), ("sec-fetch-site", "cross-site")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("origin", "http://evil.example")],
            StatusCode::FORBIDDEN,
        ),
    ] {
        let a = send(
            app_with_register(&reg, &[]),
            form_request(&fields, &headers),
        )
        .await;
        assert_eq!(a.status, status, "{headers:?}");
        assert_eq!(a.error_codes(), ["yeu_cau_khong_hop_le"]);
    }
    assert!(!reg.exists(), "no number was taken");
    // The page's own requests pass.
    for headers in [
        vec![
            ("host", "127.0.0.1:8686"),
            ("origin", "http://127.0.0.1:8686"),
            ("sec-fetch-site", "same-origin"),
        ],
        vec![
            ("host", "localhost:8686"),
            ("origin", "http://localhost:8686"),
        ],
        vec![],
    ] {
        let a = send(
            app_with_register(&reg, &[]),
            form_request(&fields, &headers),
        )
        .await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "{headers:?}: {}",
            String::from_utf8_lossy(&a.body)
        );
    }
    // Reading is not refused for its Origin (the browser keeps another site from reading the answer).
    let req = with_headers(
        Request::get("/api/register").body(Body::empty()).unwrap(),
        &[
            ("host", "127.0.0.1:8686"),
            ("origin", "http://evil.example"),
        ],
    );
    assert_eq!(
        send(app_with_register(&reg, &[]), req).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn cap_so_numbers_documents_and_the_register_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("so.sqlite");
    let app = || app_with_register(&reg, &[]);
    // Every chi bộ's thông báo in one zip, numbered in row order.
    let a = post_to(
        app(),
        "/api/render",
        &[
            ("kind", "thong-bao-xep-loai"),
            ("format", "zip"),
            ("cap_so", "1"),
            ("nguoi_lay", "Nguyễn Thị Lan"),
        ],
        &[],
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let numbers: Vec<String> = (1..=6).map(|n| format!("{n:02}-TB/ĐU")).collect();
    let header: String = numbers
        .join(", ")
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    assert_eq!(a.header("x-so-ky-hieu"), header);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a.body.clone())).unwrap();
    assert_eq!(zip.len(), 12);
    let mut xml = String::new();
    let mut docx = Vec::new();
    zip.by_name("thong-bao-003-hanh-chinh-luu-tru.docx")
        .unwrap()
        .read_to_end(&mut docx)
        .unwrap();
    zip::ZipArchive::new(std::io::Cursor::new(docx))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("Số 03-TB/ĐU"));
    // One document under one number: a PDF alone, or DOCX and PDF together (zip with stt).
    let a = post_to(
        app(),
        "/api/render",
        &[
            ("kind", "quyet-dinh-xep-loai"),
            ("format", "pdf"),
            ("cap_so", "1"),
        ],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.header("content-disposition")
            .contains("quyet-dinh-01-QD-DU.pdf")
    );
    let a = post_to(
        app(),
        "/api/render",
        &[
            ("kind", "thong-bao-xep-loai"),
            ("format", "zip"),
            ("stt", "2"),
            ("cap_so", "1"),
        ],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.header("content-disposition")
            .contains("thong-bao-002-tai-chinh-ke-toan.zip")
    );
    assert_eq!(
        zip::ZipArchive::new(std::io::Cursor::new(a.body))
            .unwrap()
            .len(),
        2
    );
    // A kind for the whole đảng bộ as a zip: its DOCX and PDF under one number.
    let a = post_to(
        app(),
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "zip"), ("cap_so", "1")],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.header("content-disposition")
            .contains("ke-hoach-01-KH-DU.zip")
    );
    // The register: the same rows as `vanban register --json`.
    let a = get_from(app(), "/api/register").await;
    assert_eq!(a.status, StatusCode::OK);
    let rows = a.json();
    let rows = rows.as_array().unwrap();
    let got: Vec<&str> = rows
        .iter()
        .map(|r| r["so_ky_hieu"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            "01-TB/ĐU",
            "02-TB/ĐU",
            "03-TB/ĐU",
            "04-TB/ĐU",
            "05-TB/ĐU",
            "06-TB/ĐU",
            "01-QĐ/ĐU",
            "07-TB/ĐU",
            "01-KH/ĐU",
        ]
    );
    assert_eq!(rows[0]["nguoi_lay"], "Nguyễn Thị Lan");
    assert_eq!(
        rows[6]["nguoi_lay"], "trang web",
        "no name, no client address (in process)"
    );
    assert!(rows[0]["tep"][0]["duong_dan"].is_null());
    assert_eq!(rows[7]["tep"].as_array().unwrap().len(), 2);
    let a = get_from(app(), "/api/register?nam=2024").await;
    assert_eq!(a.json().as_array().unwrap().len(), 0);
    // Without cap_so nothing is taken.
    let a = post_to(
        app(),
        "/api/render",
        &[("kind", "quyet-dinh-xep-loai"), ("format", "docx")],
        &[],
    )
    .await;
    assert!(
        a.header("content-disposition")
            .contains("quyet-dinh-16-QD-DU.docx")
    );
    assert_eq!(
        get_from(app(), "/api/register")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        9
    );
    // The export.
    let a = get_from(app(), "/api/register/export?format=xlsx").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.header("content-disposition")
            .contains("so-dang-ky-van-ban-di.xlsx")
    );
    let a = get_from(app(), "/api/register/export?format=pdf").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.starts_with(b"%PDF"));
    let a = get_from(app(), "/api/register/export?format=csv").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    // A register that is not one: 503 with the Vietnamese message.
    let bad = dir.path().join("hong.sqlite");
    std::fs::write(&bad, "không phải sổ".repeat(200)).unwrap();
    let a = post_to(
        app_with_register(&bad, &[]),
        "/api/render",
        &[("kind", "ke-hoach"), ("format", "docx"), ("cap_so", "1")],
        &[],
    )
    .await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.error_codes(), ["so_dang_ky"]);
}

async fn get_from(app: axum::Router, path: &str) -> Answer {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}
