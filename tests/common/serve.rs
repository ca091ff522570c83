//! Helpers for the web API tests: the router in process (`tower::ServiceExt::oneshot`, no socket),
//! multipart bodies, answers.
#![allow(dead_code, clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::sync::Arc;
use tower::ServiceExt;
use vanban::serve::{AppState, Options, router};

/// The embedded sample workbook.
pub const SAMPLE: &[u8] = vanban::sample::SAMPLE_XLSX;

pub fn app_with(options: Options) -> axum::Router {
    router(Arc::new(AppState::new(&options).unwrap()))
}

pub fn app() -> axum::Router {
    app_with(Options::default())
}

/// A multipart body: text fields, then files `(field, file name, bytes)`.
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
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

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
    /// The `code`s of an error body, which must have the `check --json` shape.
    pub fn error_codes(&self) -> Vec<String> {
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

pub async fn send(app: axum::Router, req: Request<Body>) -> Answer {
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

pub async fn get(path: &str) -> Answer {
    send(app(), Request::get(path).body(Body::empty()).unwrap()).await
}

pub async fn post(path: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Answer {
    post_to(app(), path, fields, files).await
}

pub async fn post_to(
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

pub async fn get_from(app: axum::Router, path: &str) -> Answer {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

pub fn app_with_register(path: &std::path::Path, allow: &[&str]) -> axum::Router {
    app_with(Options {
        so_dang_ky: path.to_path_buf(),
        allow_hosts: allow.iter().map(|s| (*s).to_owned()).collect(),
        ..Options::default()
    })
}

pub fn with_headers(mut req: Request<Body>, headers: &[(&str, &str)]) -> Request<Body> {
    for (k, v) in headers {
        req.headers_mut().insert(
            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    req
}

pub fn form_request(fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Request<Body> {
    let (ct, body) = multipart(fields, &[]);
    with_headers(
        Request::post("/api/render")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap(),
        headers,
    )
}
