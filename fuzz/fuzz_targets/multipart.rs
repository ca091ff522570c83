//! The web API's multipart upload handler: any request body, sent as multipart/form-data to
//! `POST /api/check` and `POST /api/rows` through the real router, must get an answer (JSON, 4xx), never
//! a panic or a hang.
#![no_main]

use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};
use tower::ServiceExt;
use vanban::serve::{AppState, Options, router};

static STATE: LazyLock<Arc<AppState>> = LazyLock::new(|| {
    let options = Options {
        max_upload: 1 << 20,
        workers: 1,
        ..Options::default()
    };
    Arc::new(AppState::new(&options).expect("the embedded templates and profile load"))
});

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
});

fuzz_target!(|body: &[u8]| {
    for path in ["/api/check", "/api/rows"] {
        let request = Request::post(path)
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .body(Body::from(body.to_vec()))
            .expect("a request");
        let response = RUNTIME.block_on(router(STATE.clone()).oneshot(request));
        let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
        assert!((200..500).contains(&status), "{path}: status {status}");
    }
});
