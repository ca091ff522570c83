//! The page: one HTML document with its style and script inlined at first use, all embedded in the
//! binary. It references nothing outside itself (no external `src`/`href`, no CDN).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const HTML: &str = include_str!("assets/index.html");
const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");

/// The page with `/*CSS*/` and `//JS` replaced by the style sheet and the script.
static PAGE: LazyLock<String> = LazyLock::new(|| HTML.replace("/*CSS*/", CSS).replace("//JS", JS));

/// `GET /`: the page.
pub(super) async fn index() -> Response {
    let mut response = PAGE.as_str().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; base-uri 'none'",
        ),
    );
    response
}
