//! The multipart form of the API: the uploaded workbook (kept in memory, measured against the limit
//! while it streams in) and the text fields.

use super::errors::ApiError;
use crate::pipeline::Input;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::extract::multipart::MultipartRejection;
use axum::http::StatusCode;

/// The longest text field accepted (an edited template is the longest).
const MAX_TEXT: usize = 2 << 20;

/// The fields of an API request.
#[derive(Debug, Default)]
pub(super) struct Form {
    /// The workbook: `(bytes, file name)`.
    pub file: Option<(Vec<u8>, String)>,
    /// Text fields by name (`kind`, `format`, `stt`, `profile`, `template`, `page`, `job`).
    pub fields: Vec<(String, String)>,
    /// File parts named `template` (for the templates zip): `(file name, text)`.
    pub templates: Vec<(String, String)>,
    /// `template` file parts whose names end in `.docx`: Word kinds, `(bytes, file name)`. A document
    /// request uses the first, for its `kind`.
    pub words: Vec<(Vec<u8>, String)>,
}

impl Form {
    /// The first value of a text field; an empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The Word kind a document request sends: its bytes.
    pub fn word(&self) -> Option<&[u8]> {
        self.words.first().map(|(b, _)| b.as_slice())
    }

    /// The workbook the request names: the upload, or the embedded sample when there is none.
    pub fn input(&self) -> Input {
        match &self.file {
            Some((bytes, name)) => Input::Bytes {
                bytes: bytes.clone(),
                name: name.clone(),
            },
            None => Input::Sample,
        }
    }

    /// An integer field (`stt`, `page`): `None` when absent, a 400 when it is not a number.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)
            .map(|v| {
                v.trim().parse::<i64>().map_err(|_| {
                    ApiError::bad_request(
                        format!("trường {name} phải là số nguyên, không phải \"{v}\""),
                        format!("ví dụ {name}=1"),
                    )
                })
            })
            .transpose()
    }
}

fn multipart_error(e: &MultipartError, limit: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::too_large(limit)
    } else {
        ApiError::bad_request(
            format!("không đọc được biểu mẫu gửi lên: {}", e.body_text()),
            "gửi multipart/form-data với trường file (bảng tính) và các trường chữ",
        )
    }
}

/// Reads the whole form: the `file` part and a Word `template` part (each at most `limit` bytes, else
/// 413), other `template` file parts and text fields. A `file` part with no name and no bytes (a form sent without choosing a file) counts
/// as absent.
pub(super) async fn read(
    multipart: Result<Multipart, MultipartRejection>,
    limit: usize,
) -> Result<Form, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(limit)
        } else {
            ApiError::bad_request(
                format!("yêu cầu không phải biểu mẫu multipart: {}", e.body_text()),
                "gửi multipart/form-data với trường file và các trường chữ",
            )
        }
    })?;
    let mut form = Form::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, limit))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let is_word = name == "template" && file_name.as_deref().is_some_and(is_docx);
        let cap = if name == "file" || is_word {
            limit
        } else {
            MAX_TEXT
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| multipart_error(&e, limit))?
        {
            if bytes.len() + chunk.len() > cap {
                return Err(if name == "file" || is_word {
                    ApiError::too_large(limit)
                } else {
                    ApiError::bad_request(
                        format!("trường {name} dài quá {} MB", MAX_TEXT >> 20),
                        "rút ngắn nội dung",
                    )
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => {
                let file_name = file_name.unwrap_or_default();
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                let shown = if file_name.is_empty() {
                    "tệp tải lên".to_owned()
                } else {
                    file_name
                };
                form.file = Some((bytes, shown));
            }
            "template" if is_word => {
                form.words.push((bytes, file_name.unwrap_or_default()));
            }
            "template" if file_name.is_some() => {
                let text = utf8(bytes, &name)?;
                form.templates.push((file_name.unwrap_or_default(), text));
            }
            _ => {
                let text = utf8(bytes, &name)?;
                form.fields.push((name, text));
            }
        }
    }
    Ok(form)
}

/// Whether an uploaded file's name is a Word document's (`.docx`, any case).
fn is_docx(file_name: &str) -> bool {
    file_name.to_lowercase().ends_with(".docx")
}

fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, ApiError> {
    String::from_utf8(bytes).map_err(|_| {
        ApiError::bad_request(
            format!("trường {name} không phải văn bản UTF-8"),
            "gửi văn bản mã hóa UTF-8",
        )
    })
}
