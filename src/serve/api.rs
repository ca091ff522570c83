//! The API handlers. Each reads its form, then calls the pipeline on a blocking thread holding one of
//! the render permits; errors become `{"errors": [...]}` (see [`super::errors`]).

use super::AppState;
use super::errors::{ApiError, diagnostics};
use super::form::{self, Form};
use super::guard::Client;
use super::preview::{self, Entry};
use crate::error::{Diagnostic, Error};
use crate::pipeline::{
    self, CapSo, DocumentRequest, Engine, Format, Input, ZipOut, batch, check::Report,
};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Extension, Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

type Shared = State<Arc<AppState>>;
type Upload = Result<Multipart, MultipartRejection>;

/// Runs `f` on a blocking thread once a render permit is free; the permit goes with the work, so a
/// client that hangs up does not free it before the work ends.
pub(super) async fn blocking<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = Arc::clone(&st.permits)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("máy chủ đang dừng"))?;
    tokio::task::spawn_blocking(move || {
        let out = f();
        drop(permit);
        out
    })
    .await
    .map_err(|e| ApiError::internal(format!("việc dựng văn bản dừng bất thường: {e}")))?
}

/// `POST /api/check`: the report of `vanban check --json` for the upload (the embedded sample when
/// there is none), always 200 except 413 for an upload over the limit.
pub(super) async fn check(State(st): Shared, upload: Upload) -> Response {
    let form = match form::read(upload, st.max_upload).await {
        Ok(f) => f,
        Err(e) if e.status == StatusCode::PAYLOAD_TOO_LARGE => return e.into_response(),
        Err(e) => return report_json(&failed_report("tệp tải lên", e.errors)),
    };
    let input = form.input();
    let limits = st.limits;
    let spec = match st.profile_spec(form.get("profile")) {
        Ok(s) => s,
        Err(e) => return report_json(&failed_report(&input.display_name(), e.errors)),
    };
    let register = st.register.clone();
    match blocking(&st, move || {
        let (mut report, code) = pipeline::check::check(&input, &spec, &limits);
        if code != 2 {
            report.warnings.extend(pipeline::register::check_warnings(
                &input, &spec, &limits, &register,
            ));
        }
        Ok(report)
    })
    .await
    {
        Ok(report) => report_json(&report),
        Err(e) => report_json(&failed_report("", e.errors)),
    }
}

fn failed_report(file: &str, errors: Vec<Diagnostic>) -> Report {
    let mut r = pipeline::check::unreadable_report(
        file,
        &Error::Usage {
            message: String::new(),
            hint: None,
        },
    );
    r.errors = errors;
    r
}

fn report_json(r: &Report) -> Response {
    match serde_json::to_string_pretty(r) {
        Ok(s) => ([(header::CONTENT_TYPE, "application/json")], s).into_response(),
        Err(e) => ApiError::internal(e.to_string()).into_response(),
    }
}

/// `GET /api/kinds`: the JSON of `vanban kinds --json`.
pub(super) async fn kinds(State(st): Shared) -> Response {
    match st.engine(None) {
        Some(e) => Json(e.kinds()).into_response(),
        None => ApiError::internal("không có hồ sơ trình bày mặc định").into_response(),
    }
}

/// `POST /api/kinds` with `kind` and a Word `template` part: the kinds as `GET /api/kinds` lists them
/// with that Word kind among them (a broken one with its error), as the page's kind list once the
/// user drops a `.docx` template.
pub(super) async fn kinds_with_word(
    State(st): Shared,
    upload: Upload,
) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let Some(bytes) = form.word().map(<[u8]>::to_vec) else {
        return Err(ApiError::bad_request(
            "thiếu mẫu Word",
            "gửi trường tệp template tên <loại>.docx cùng trường kind",
        ));
    };
    let kind = form.get("kind").unwrap_or_default().to_owned();
    let base = st
        .engine(None)
        .ok_or_else(|| ApiError::internal("không có hồ sơ trình bày mặc định"))?;
    let (library, base) = (st.library.clone(), Arc::clone(base));
    let kinds = blocking(&st, move || {
        Ok(library.engine_with_word(&base, &kind, bytes)?.kinds())
    })
    .await?;
    Ok(Json(kinds).into_response())
}

#[derive(Serialize)]
struct Profiles {
    mac_dinh: String,
    ho_so: Vec<String>,
    /// Each profile's name for people (its `ten`), by profile name.
    ten: std::collections::BTreeMap<String, String>,
}

/// `GET /api/profiles`: the profiles a request may name, the default first, with the names people see.
pub(super) async fn profiles(State(st): Shared) -> Response {
    let names = st.profile_names();
    let ten = names
        .iter()
        .filter_map(|n| {
            st.engine(Some(n))
                .map(|e| (n.clone(), e.profile_label().to_owned()))
        })
        .collect();
    Json(Profiles {
        mac_dinh: st.default_profile.clone(),
        ho_so: names,
        ten,
    })
    .into_response()
}

impl AppState {
    /// The `--profile` spec of a profile the request names: only names this server offers.
    pub(super) fn profile_spec(&self, name: Option<&str>) -> Result<String, ApiError> {
        let name = name.unwrap_or(&self.default_profile);
        self.profile_specs
            .get(name)
            .cloned()
            .ok_or_else(|| unknown_profile(self, name))
    }
}

fn unknown_profile(st: &AppState, name: &str) -> ApiError {
    ApiError::bad_request(
        format!("không có hồ sơ trình bày \"{name}\""),
        format!("các hồ sơ có: {}", st.profile_names().join(", ")),
    )
}

/// What a document request names, checked: the engine (with the edited template, if any), the kind,
/// the workbook, the STT.
pub(super) struct Request {
    pub(super) engine: Arc<Engine>,
    pub(super) kind: String,
    pub(super) input: Input,
    pub(super) stt: Option<i64>,
    profile: String,
}

fn request(st: &AppState, form: &Form) -> Result<Request, ApiError> {
    let kind = form.get("kind").ok_or_else(|| {
        ApiError::bad_request(
            "thiếu trường kind (loại văn bản)",
            "ví dụ kind=ke-hoach; các loại có: xem GET /api/kinds",
        )
    })?;
    let profile = form
        .get("profile")
        .unwrap_or(&st.default_profile)
        .to_owned();
    let base = st
        .engine(Some(&profile))
        .ok_or_else(|| unknown_profile(st, &profile))?;
    let engine = match (form.word(), form.get("template")) {
        // A Word kind may name a kind that exists only in this upload.
        (Some(bytes), _) => Arc::new(st.library.engine_with_word(base, kind, bytes.to_vec())?),
        (None, None) => Arc::clone(base),
        (None, Some(text)) => {
            // An unknown kind is a 400 before the edited text is looked at.
            base.check_kind_exists(kind)?;
            Arc::new(st.library.engine_with_edit(base, kind, text)?)
        }
    };
    engine.check_kind(kind)?;
    Ok(Request {
        engine,
        kind: kind.to_owned(),
        input: form.input(),
        stt: form.int("stt")?,
        profile,
    })
}

/// `POST /api/rows`: the rows a per-row kind would make documents from (after its `chon`), bad rows
/// left out as a batch leaves them out; `[]` for a kind without `per`.
pub(super) async fn rows(State(st): Shared, upload: Upload) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let req = request(&st, &form)?;
    let rows = blocking(&st, move || {
        Ok(pipeline::row_infos(&req.engine, &req.kind, &req.input)?)
    })
    .await?;
    Ok(Json(rows).into_response())
}

/// The document a request names (strict data, as `vanban render`).
fn document_request(req: &Request) -> DocumentRequest {
    DocumentRequest::new(&req.kind, req.stt, req.input.clone())
}

/// `POST /api/render`: the DOCX, the PDF or (for a per-row kind) a zip of every document, named as the
/// command line names them.
pub(super) async fn render(
    State(st): Shared,
    client: Option<Extension<Client>>,
    upload: Upload,
) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let format = form.get("format").ok_or_else(|| {
        ApiError::bad_request("thiếu trường format", "format nhận docx, pdf hoặc zip")
    })?;
    let format = match format.to_ascii_lowercase().as_str() {
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "zip" => None,
        other => {
            return Err(ApiError::bad_request(
                format!("định dạng không hỗ trợ: \"{other}\""),
                "format nhận docx, pdf hoặc zip",
            ));
        }
    };
    let req = request(&st, &form)?;
    if form
        .get("cap_so")
        .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"))
    {
        let client = client.map(|c| c.0).unwrap_or_default();
        let cap = CapSo::new(
            st.register.clone(),
            super::register::taker(form.get("nguoi_lay"), client),
        );
        let job = form.get("job").map(str::to_owned);
        return super::register::render(st, req, format, cap, job).await;
    }
    let Some(format) = format else {
        return zip_batch(st, req, form.get("job")).await;
    };
    let (bytes, stem) = blocking(&st, move || {
        let mut rendered = pipeline::render(&req.engine, &document_request(&req), &[format])?;
        let bytes = rendered.files.pop().map(|(_, b)| b).unwrap_or_default();
        Ok((bytes, rendered.stem))
    })
    .await?;
    Ok(attachment(
        bytes,
        mime_of(format),
        &format!("{stem}.{}", format.extension()),
    ))
}

/// The media type of a document format.
pub(super) fn mime_of(format: Format) -> &'static str {
    match format {
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/pdf",
    }
}

/// A download response: the bytes, their type, and a `Content-Disposition` naming the file (RFC 6266,
/// with the UTF-8 name in `filename*`).
pub(super) fn attachment(bytes: Vec<u8>, mime: &str, file_name: &str) -> Response {
    let ascii: String = deunicode::deunicode(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// How far a batch has come, for `GET /api/progress`.
#[derive(Default)]
pub(super) struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

/// The answer of `GET /api/progress?job=ID`.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ProgressOut {
    /// The job id the page chose.
    pub job: String,
    /// Documents finished.
    pub done: usize,
    /// Documents in the batch (0 until the batch is planned).
    pub total: usize,
}

/// Removes a batch's progress entry when its request ends, however it ends.
struct ProgressGuard {
    st: Arc<AppState>,
    job: Option<String>,
}

impl Drop for ProgressGuard {
    fn drop(&mut self) {
        if let (Some(job), Ok(mut map)) = (&self.job, self.st.progress.lock()) {
            map.remove(job);
        }
    }
}

/// A batch's progress entry, removed when dropped.
pub(super) struct Tracked {
    progress: Arc<Progress>,
    _guard: ProgressGuard,
}

impl Tracked {
    /// How many documents the batch makes.
    pub(super) fn set_total(&self, n: usize) {
        self.progress.total.store(n, Ordering::Relaxed);
    }

    /// One more document done.
    pub(super) fn tick(&self) {
        self.progress.done.fetch_add(1, Ordering::Relaxed);
    }
}

impl AppState {
    /// Registers a batch's progress under the page's job id (checked), for `GET /api/progress`.
    pub(super) fn track(self: &Arc<Self>, job: Option<&str>) -> Result<Tracked, ApiError> {
        let progress = Arc::new(Progress::default());
        let job = match job {
            Some(j) if !valid_job(j) => {
                return Err(ApiError::bad_request(
                    "trường job không hợp lệ",
                    "job gồm chữ, số, - hoặc _, dài 1–64 ký tự",
                ));
            }
            Some(j) => {
                if let Ok(mut map) = self.progress.lock() {
                    map.insert(j.to_owned(), Arc::clone(&progress));
                }
                Some(j.to_owned())
            }
            None => None,
        };
        Ok(Tracked {
            progress,
            _guard: ProgressGuard {
                st: Arc::clone(self),
                job,
            },
        })
    }
}

fn valid_job(job: &str) -> bool {
    (1..=64).contains(&job.len())
        && job
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A batch: every document of a per-row kind as DOCX and PDF in one zip (bad rows skipped and listed
/// in `loi.txt` inside the zip). The zip is written to an anonymous temporary file.
async fn zip_batch(
    st: Arc<AppState>,
    req: Request,
    job: Option<&str>,
) -> Result<Response, ApiError> {
    let tracked = st.track(job)?;
    let kind_name = req.kind.clone();
    let bytes = blocking(&st, move || {
        let planned = batch::prepare(&req.engine, &batch::BatchRequest::new(&req.kind, req.input))?;
        tracked.set_total(planned.jobs().len());
        let file = tempfile::tempfile()
            .map_err(|e| ApiError::internal(format!("không tạo được tệp tạm: {e}")))?;
        let zip = Mutex::new(ZipOut::new(file, true));
        let outcome = planned.run(
            |job, files| {
                let mut zip = zip
                    .lock()
                    .map_err(|_| zip_error("khóa tệp zip hỏng".into()))?;
                let n = files.len();
                for (f, bytes) in files {
                    zip.add(&format!("{}.{}", job.stem, f.extension()), &bytes)
                        .map_err(|e| zip_error(e.to_string()))?;
                }
                Ok(n)
            },
            || tracked.tick(),
        )?;
        let mut file = finish_zip(zip, planned.row_errors(), &outcome)?;
        let mut bytes = Vec::new();
        file.rewind()
            .and_then(|_| file.read_to_end(&mut bytes))
            .map_err(|e| ApiError::internal(format!("không đọc lại được zip: {e}")))?;
        Ok(bytes)
    })
    .await?;
    Ok(attachment(
        bytes,
        "application/zip",
        &format!("{kind_name}.zip"),
    ))
}

/// Closes a batch's zip: a batch where every row failed is refused (422, each row's errors); otherwise
/// the rows left out (`row_errors`) and the rows that failed are listed in `loi.txt` inside the zip.
pub(super) fn finish_zip<W: std::io::Write + Seek>(
    zip: Mutex<ZipOut<W>>,
    row_errors: &[Diagnostic],
    outcome: &batch::Outcome,
) -> Result<W, ApiError> {
    if outcome.documents == 0 && !outcome.failures.is_empty() {
        let errors = outcome
            .failures
            .iter()
            .flat_map(|(_, e)| diagnostics(e))
            .collect();
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        });
    }
    let mut zip = zip
        .into_inner()
        .map_err(|_| ApiError::internal("khóa tệp zip hỏng"))?;
    let problems: Vec<String> = row_errors
        .iter()
        .map(|d| format!("{} (bỏ qua hàng này)", d.to_string().replace('\n', " ")))
        .chain(
            outcome
                .failures
                .iter()
                .map(|(row, e)| format!("hàng {row}: {}", e.to_string().replace('\n', " "))),
        )
        .collect();
    if !problems.is_empty() {
        zip.add("loi.txt", format!("{}\n", problems.join("\n")).as_bytes())
            .map_err(|e| ApiError::internal(e.to_string()))?;
    }
    zip.finish()
        .map_err(|e| ApiError::internal(format!("không ghi được zip: {e}")))
}

/// A zip error as the pipeline reports a writer's error.
pub(super) fn zip_error(message: String) -> Error {
    Error::Render {
        format: "zip",
        message,
    }
}

/// The query of `GET /api/progress`.
#[derive(Deserialize)]
pub(super) struct JobQuery {
    /// The job id the page sent with its batch.
    job: Option<String>,
}

/// `GET /api/progress?job=ID`: how far the batch the page started with that job id has come; 404
/// once it has ended (or before it started).
pub(super) async fn progress(State(st): Shared, Query(q): Query<JobQuery>) -> Response {
    let job = q.job.unwrap_or_default();
    let found = st.progress.lock().ok().and_then(|m| m.get(&job).cloned());
    match found {
        Some(p) => Json(ProgressOut {
            job,
            done: p.done.load(Ordering::Relaxed),
            total: p.total.load(Ordering::Relaxed),
        })
        .into_response(),
        None => ApiError {
            status: StatusCode::NOT_FOUND,
            errors: vec![
                Diagnostic::error(
                    "khong_co_viec",
                    format!("không có việc dựng nào tên \"{job}\""),
                )
                .with_hint("việc đã xong hoặc chưa bắt đầu"),
            ],
        }
        .into_response(),
    }
}

/// `POST /api/preview`: page `page` (default 1) as PNG, the page count in `X-So-Trang`.
pub(super) async fn preview(State(st): Shared, upload: Upload) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let page = form.int("page")?.unwrap_or(1);
    let page = usize::try_from(page)
        .ok()
        .filter(|p| *p >= 1)
        .ok_or_else(|| ApiError::bad_request("trang phải từ 1 trở lên", "ví dụ page=1"))?;
    let req = request(&st, &form)?;
    let key = preview::key(
        form.file.as_ref().map(|(b, _)| b.as_slice()),
        &req.kind,
        req.stt,
        &req.profile,
        form.get("template"),
        form.word(),
    );
    let entry = st.cache.get(key);
    if let Some(png) = entry.as_ref().and_then(|e| e.cached_png(page)) {
        return Ok(png_response(&png, entry.map_or(0, |e| e.page_count())));
    }
    // Requests for the same document arriving together: the first lays it out, the others wait for it
    // and find it in the cache.
    let flight = st.cache.flight(key);
    let _flight = flight.lock().await;
    let entry = st.cache.get(key).or(entry);
    if let Some(png) = entry.as_ref().and_then(|e| e.cached_png(page)) {
        return Ok(png_response(&png, entry.map_or(0, |e| e.page_count())));
    }
    let st2 = Arc::clone(&st);
    let (png, pages) = blocking(&st, move || {
        let entry = match entry {
            Some(e) => e,
            None => {
                let laid = pipeline::preview(&req.engine, &document_request(&req))?;
                let e = Arc::new(Entry::new(laid));
                st2.cache.insert(key, Arc::clone(&e));
                e
            }
        };
        let pages = entry.page_count();
        let png = entry.png(page).ok_or_else(|| {
            ApiError::bad_request(
                format!("văn bản không có trang {page}"),
                format!("văn bản có {pages} trang"),
            )
        })??;
        Ok((png, pages))
    })
    .await?;
    Ok(png_response(&png, pages))
}

fn png_response(png: &[u8], pages: usize) -> Response {
    let mut response = png.to_vec().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    headers.insert("X-So-Trang", HeaderValue::from(pages));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /api/templates/{kind}`: the template text of a kind (from `--templates` or embedded);
/// `GET /api/templates/{kind}.docx`: the kind as an editable Word template.
pub(super) async fn template_text(State(st): Shared, Path(kind): Path<String>) -> Response {
    if let Some(stem) = kind.strip_suffix(".docx") {
        return word_template(&st, stem, None).await;
    }
    match st.library.text(&kind) {
        Some(text) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text.to_owned(),
        )
            .into_response(),
        None => unknown_kind(&kind),
    }
}

/// `POST /api/templates/{kind}.docx` with a `template` field: the edited text of a Markdown kind as
/// an editable Word template.
pub(super) async fn template_word(
    State(st): Shared,
    Path(kind): Path<String>,
    upload: Upload,
) -> Result<Response, ApiError> {
    let Some(stem) = kind.strip_suffix(".docx") else {
        return Err(ApiError::bad_request(
            format!("không xuất được \"{kind}\""),
            "gửi tới /api/templates/<loại>.docx",
        ));
    };
    let form = form::read(upload, st.max_upload).await?;
    Ok(word_template(&st, stem, form.get("template")).await)
}

async fn word_template(st: &Arc<AppState>, kind: &str, edited: Option<&str>) -> Response {
    if st.library.text(kind).is_none() && st.library.word_bytes(kind).is_none() && edited.is_none()
    {
        return unknown_kind(kind);
    }
    let library = st.library.clone();
    let (kind, edited) = (kind.to_owned(), edited.map(str::to_owned));
    let name = format!("{kind}.docx");
    let made = blocking(st, move || {
        library
            .word_template(&kind, edited.as_deref())
            .unwrap_or_else(|| {
                Err(Error::usage(
                    format!("không có loại văn bản \"{kind}\""),
                    "",
                ))
            })
            .map_err(ApiError::from)
    })
    .await;
    match made {
        Ok(bytes) => attachment(bytes, mime_of(Format::Docx), &name),
        Err(e) => e.into_response(),
    }
}

fn unknown_kind(kind: &str) -> Response {
    ApiError {
        status: StatusCode::NOT_FOUND,
        errors: vec![
            Diagnostic::error("khong_co_loai", format!("không có loại văn bản \"{kind}\""))
                .with_hint("xem GET /api/kinds"),
        ],
    }
    .into_response()
}

/// `POST /api/templates.zip`: the whole templates folder (`templates/*.md`, usable with
/// `--templates`) with the edited files sent as `template` file parts named `<kind>.md`, and a Word
/// kind sent as a `template` part named `<kind>.docx`.
pub(super) async fn templates_zip(State(st): Shared, upload: Upload) -> Result<Response, ApiError> {
    let form = form::read(upload, st.max_upload).await?;
    let mut library = st.library.clone();
    for (name, text) in &form.templates {
        library = library.with_text(name, text)?;
    }
    for (bytes, name) in &form.words {
        let kind = &name[..name.len() - ".docx".len()];
        library = library.with_word_upload(kind, bytes.clone())?;
    }
    let mut zip = ZipOut::new(std::io::Cursor::new(Vec::new()), true);
    for (file_name, text) in library.files() {
        zip.add(&format!("templates/{file_name}"), text)
            .map_err(|e| ApiError::internal(format!("không ghi được zip: {e}")))?;
    }
    let bytes = zip
        .finish()
        .map_err(|e| ApiError::internal(format!("không ghi được zip: {e}")))?
        .into_inner();
    Ok(attachment(bytes, "application/zip", "mau-van-ban.zip"))
}

/// Any other path: 404 with a JSON body.
pub(super) async fn not_found() -> Response {
    ApiError {
        status: StatusCode::NOT_FOUND,
        errors: vec![
            Diagnostic::error("khong_co_duong_dan", "không có trang hoặc API này")
                .with_hint("mở trang chính tại /"),
        ],
    }
    .into_response()
}
