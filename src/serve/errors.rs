//! API error bodies: `{"errors": [...]}` with objects shaped as in `vanban check --json` (sheet, cell,
//! code, message, hint), and the HTTP status each library error maps to.

use crate::error::{Diagnostic, Error};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error: a status and the diagnostics of its JSON body.
#[derive(Debug)]
pub(super) struct ApiError {
    /// 400, 404, 413, 422 or 500.
    pub status: StatusCode,
    /// What went wrong (never empty).
    pub errors: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Body<'a> {
    errors: &'a [Diagnostic],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(Body {
                errors: &self.errors,
            }),
        )
            .into_response()
    }
}

impl ApiError {
    /// A request the API cannot take (400): a missing or wrong field.
    pub fn bad_request(message: impl Into<String>, hint: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            errors: vec![Diagnostic::error("yeu_cau_khong_hop_le", message).with_hint(hint)],
        }
    }

    /// An upload over the limit (413).
    pub fn too_large(limit: usize) -> Self {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            errors: vec![
                Diagnostic::error(
                    "tep_qua_lon",
                    format!("tệp tải lên lớn hơn giới hạn {} MB", limit >> 20),
                )
                .with_hint(
                    "bớt các trang tính không dùng rồi tải lại, hoặc khởi động vanban serve với --max-upload-mb lớn hơn",
                ),
            ],
        }
    }

    /// A failure of the server itself (500).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            errors: vec![
                Diagnostic::error("loi_may_chu", message)
                    .with_hint("thử lại; nếu lỗi lặp lại, khởi động lại vanban serve"),
            ],
        }
    }
}

/// The diagnostics that describe a library error in the `check --json` shape.
pub(super) fn diagnostics(e: &Error) -> Vec<Diagnostic> {
    let one = |code: &str, message: String, hint: Option<&String>| {
        let mut d = Diagnostic::error(code, message);
        d.hint = hint.cloned();
        vec![d]
    };
    match e {
        Error::Data { diagnostics, .. } => diagnostics.clone(),
        Error::Unreadable {
            path,
            message,
            hint,
        } => {
            // The file's name (the upload's, as the user chose it) leads the message.
            let named = match path.to_string_lossy() {
                p if p.is_empty() => message.clone(),
                p => format!("{p}: {message}"),
            };
            one("khong_doc_duoc", named, hint.as_ref())
        }
        Error::Template {
            name,
            line,
            place,
            message,
            hint,
        } => {
            let at = match (place, line) {
                (Some(p), _) => format!(", {p}"),
                (None, Some(l)) => format!(":{l}"),
                (None, None) => String::new(),
            };
            one(
                "loi_mau",
                format!("mẫu {name}{at}: {message}"),
                hint.as_ref(),
            )
        }
        Error::Usage { message, hint } => {
            one("yeu_cau_khong_hop_le", message.clone(), hint.as_ref())
        }
        Error::Profile { .. } => one("ho_so_trinh_bay", e.to_string(), None),
        Error::Render { .. } => one("loi_dung_van_ban", e.to_string(), None),
        Error::Register { message, hint, .. } => one("so_dang_ky", message.clone(), hint.as_ref()),
        other => one("loi_may_chu", other.to_string(), None),
    }
}

impl From<Error> for ApiError {
    /// Rejected data, workbook, template or profile → 422 (an upload that is not a spreadsheet too,
    /// though the command line calls that exit 2); a wrong request → 400.
    fn from(e: Error) -> Self {
        let status = match &e {
            Error::Unreadable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Usage { .. } => StatusCode::BAD_REQUEST,
            Error::Output { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            Error::Register { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ if e.exit_code() == 1 => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError {
            status,
            errors: diagnostics(&e),
        }
    }
}
