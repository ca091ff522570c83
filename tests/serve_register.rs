//! The web API and the register: Host and Origin checks that keep other sites and other names out,
//! Cấp số on `POST /api/render`, the Sổ văn bản đi and its export.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::serve::*;
use std::io::Read;
use vanban::serve::Options;

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
