//! The register on the web page: documents numbered from it (`cap_so=1` on `POST /api/render`), its
//! rows (`GET /api/register`, the JSON of `vanban register --json`) and its export
//! (`GET /api/register/export?format=xlsx|pdf`).
//!
//! A numbered document follows the same protocol as on the command line: the number is reserved, the
//! document made with it, its bytes kept in memory (the "temporary name"), the register records the
//! file names and SHA-256, and only then is the response sent. Files handed to a browser have no path
//! on the server: `register verify` does not re-hash them.

use super::AppState;
use super::api::{Request, attachment, blocking, finish_zip, mime_of, zip_error};
use super::errors::ApiError;
use super::guard::Client;
use crate::pipeline::register::{self, Filter};
use crate::pipeline::{self, CapSo, DocumentRequest, Format, Placed, ZipOut, batch};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::{Arc, Mutex};

/// Who took a number from the page: the name typed in it, else the client's address.
pub(super) fn taker(typed: Option<&str>, client: Client) -> String {
    let typed: String = typed
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    if !typed.is_empty() {
        return typed;
    }
    match client.0 {
        Some(ip) => format!("trang web, máy {ip}"),
        None => "trang web".to_owned(),
    }
}

/// The number issued, percent-encoded for the `X-So-Ky-Hieu` header ("01-TB%2F%C4%90U").
fn number_header(response: &mut Response, numbers: &[String]) {
    let text = numbers.join(", ");
    let encoded: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&encoded) {
        response.headers_mut().insert("X-So-Ky-Hieu", v);
    }
}

/// `POST /api/render` with `cap_so=1`: `docx` or `pdf` is one numbered document; `zip` is every
/// document of a per-row kind numbered in row order, or — for one document (`stt` given, or a kind
/// for the whole đảng bộ) — that document's DOCX and PDF under one number.
pub(super) async fn render(
    st: Arc<AppState>,
    req: Request,
    format: Option<Format>,
    cap: CapSo,
    job: Option<String>,
) -> Result<Response, ApiError> {
    let one = format.is_some() || req.stt.is_some() || !req.engine.kind_is_per_row(&req.kind)?;
    if !one {
        return zip_batch(st, req, cap, job).await;
    }
    let formats = match format {
        Some(f) => vec![f],
        None => vec![Format::Docx, Format::Pdf],
    };
    let (bytes, name, number) = blocking(&st, move || {
        let doc = DocumentRequest::new(&req.kind, req.stt, req.input.clone());
        let issued = pipeline::render_numbered(&req.engine, &doc, &formats, &cap, |r| {
            let placed = r
                .files
                .iter()
                .map(|(f, _)| Placed {
                    ten: format!("{}.{}", r.stem, f.extension()),
                    duong_dan: None,
                })
                .collect();
            Ok(((), placed))
        })?;
        let stem = issued.rendered.stem.clone();
        let mut files = issued.rendered.files;
        if files.len() == 1 {
            let (f, bytes) = files.remove(0);
            return Ok((
                bytes,
                format!("{stem}.{}", f.extension()),
                issued.so_ky_hieu,
            ));
        }
        let mut zip = ZipOut::new(std::io::Cursor::new(Vec::new()), true);
        for (f, bytes) in &files {
            zip.add(&format!("{stem}.{}", f.extension()), bytes)
                .map_err(|e| ApiError::internal(format!("không ghi được zip: {e}")))?;
        }
        let bytes = zip
            .finish()
            .map_err(|e| ApiError::internal(format!("không ghi được zip: {e}")))?
            .into_inner();
        Ok((bytes, format!("{stem}.zip"), issued.so_ky_hieu))
    })
    .await?;
    let mime = match format {
        Some(f) => mime_of(f),
        None => "application/zip",
    };
    let mut response = attachment(bytes, mime, &name);
    number_header(&mut response, &[number]);
    Ok(response)
}

/// Every document of a per-row kind, numbered in row order, DOCX and PDF in one zip.
async fn zip_batch(
    st: Arc<AppState>,
    req: Request,
    cap: CapSo,
    job: Option<String>,
) -> Result<Response, ApiError> {
    let progress = st.track(job.as_deref())?;
    let kind_name = req.kind.clone();
    let (bytes, numbers) = blocking(&st, move || {
        let planned = batch::prepare(&req.engine, &batch::BatchRequest::new(&req.kind, req.input))?;
        progress.set_total(planned.jobs().len());
        let zip = Mutex::new(ZipOut::new(std::io::Cursor::new(Vec::new()), true));
        let run = planned.run_numbered(
            &cap,
            |_, stem, files| {
                let mut zip = zip
                    .lock()
                    .map_err(|_| zip_error("khóa tệp zip hỏng".into()))?;
                let mut placed = Vec::with_capacity(files.len());
                for (f, bytes) in files {
                    let name = format!("{stem}.{}", f.extension());
                    zip.add(&name, &bytes)
                        .map_err(|e| zip_error(e.to_string()))?;
                    placed.push(Placed {
                        ten: name,
                        duong_dan: None,
                    });
                }
                Ok(((), placed))
            },
            || progress.tick(),
        )?;
        if let Some(e) = run.write_error {
            return Err(e.into());
        }
        let bytes = finish_zip(zip, planned.row_errors(), &run.outcome)?.into_inner();
        Ok((bytes, run.numbers))
    })
    .await?;
    let mut response = attachment(bytes, "application/zip", &format!("{kind_name}.zip"));
    number_header(&mut response, &numbers);
    Ok(response)
}

/// The query of `GET /api/register` and its export.
#[derive(Deserialize, Default)]
pub(super) struct RegisterQuery {
    /// Only documents dated in this year.
    nam: Option<i32>,
    /// Only series of this term.
    nhiem_ky: Option<String>,
    /// `xlsx` or `pdf` (export).
    format: Option<String>,
    /// The profile of the printed register (export).
    profile: Option<String>,
}

impl RegisterQuery {
    fn filter(&self) -> Filter {
        Filter {
            nam: self.nam,
            nhiem_ky: self.nhiem_ky.clone().filter(|t| !t.trim().is_empty()),
        }
    }
}

/// `GET /api/register`: the rows, as `vanban register --json` prints them.
pub(super) async fn list(
    State(st): State<Arc<AppState>>,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, ApiError> {
    let path = st.register.clone();
    let rows = blocking(&st, move || Ok(register::list(&path, &q.filter())?)).await?;
    Ok(Json(rows).into_response())
}

/// `GET /api/register/export?format=xlsx|pdf`: `so-dang-ky-van-ban-di.xlsx` or the printable PDF.
pub(super) async fn export(
    State(st): State<Arc<AppState>>,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, ApiError> {
    let format = q.format.clone().unwrap_or_else(|| "xlsx".into());
    if format != "xlsx" && format != "pdf" {
        return Err(ApiError::bad_request(
            format!("định dạng không hỗ trợ: \"{format}\""),
            "format nhận xlsx hoặc pdf",
        ));
    }
    let engine = st.engine(q.profile.as_deref()).cloned().ok_or_else(|| {
        ApiError::bad_request("không có hồ sơ trình bày này", "xem GET /api/profiles")
    })?;
    let path = st.register.clone();
    let filter = q.filter();
    let out = blocking(&st, move || Ok(register::export(&engine, &path, &filter)?)).await?;
    let name = format!("{}.{format}", register::EXPORT_STEM);
    Ok(if format == "pdf" {
        attachment(out.pdf, "application/pdf", &name)
    } else {
        attachment(
            out.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &name,
        )
    })
}
