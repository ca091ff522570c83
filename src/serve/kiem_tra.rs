//! `POST /api/kiem-tra`: a dropped `.docx` checked against a profile's thể thức, as `vanban kiem-tra
//! --json` reports it.

use super::AppState;
use super::api::blocking;
use super::errors::ApiError;
use super::form;
use crate::pipeline;
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// `POST /api/kiem-tra` with a `file` part (the `.docx`) and an optional `profile`: the report (200,
/// findings or none); a file that is not a readable Word document → 422; no file → 400.
pub(super) async fn kiem_tra(
    State(st): State<Arc<AppState>>,
    upload: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let Some((bytes, name)) = form.file.clone() else {
        return Err(ApiError::bad_request(
            "thiếu tệp Word cần kiểm tra",
            "gửi trường tệp file là một văn bản .docx",
        ));
    };
    let spec = st.profile_spec(form.get("profile"))?;
    let report = blocking(&st, move || {
        pipeline::kiem_tra::kiem_tra(&bytes, &name, &spec).map_err(ApiError::from)
    })
    .await?;
    Ok(Json(report).into_response())
}
