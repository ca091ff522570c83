//! `vanban serve`: a local web page over the pipeline library.
//!
//! The server decides nothing about documents: every answer comes from [`crate::pipeline`] (the check
//! report, the kinds listing, rows, documents, previews, batches). This module holds the
//! server's state and router; [`api`] the handlers, [`form`] the upload parsing and limits, [`preview`]
//! the cache of laid-out documents, [`errors`] the JSON error bodies, [`page`] the embedded page.
//!
//! Renders run in `spawn_blocking` behind a semaphore (a bounded pool), so the async workers keep
//! answering `GET /` while documents are made. Uploads stay in memory; a batch's zip is written to an
//! anonymous temporary file that the operating system removes when it is closed.

mod api;
mod errors;
mod form;
mod guard;
mod page;
mod preview;
mod register;

use crate::error::{Error, Result};
use crate::pipeline::{Engine, Library, ReadLimits};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub use api::ProgressOut;

/// How the server is started (from `vanban serve`'s arguments).
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to bind (127.0.0.1 unless the user says otherwise).
    pub host: IpAddr,
    /// The TCP port.
    pub port: u16,
    /// A templates folder that replaces or adds kinds (as `--templates`).
    pub templates: Option<PathBuf>,
    /// The default profile: a built-in name or a `.toml` path given on the command line.
    pub profile: String,
    /// The largest upload accepted, in bytes.
    pub max_upload: usize,
    /// How many documents are made at the same time.
    pub workers: usize,
    /// Rows per sheet and inflated sheet size an upload may have (`--max-rows`).
    pub limits: ReadLimits,
    /// The register documents are numbered from (`--so-dang-ky`).
    pub so_dang_ky: PathBuf,
    /// More names the page may be opened by (`--allow-host`), besides localhost, the machine's own
    /// names and addresses.
    pub allow_hosts: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8686,
            templates: None,
            profile: "dang".into(),
            max_upload: 20 << 20,
            workers: 2,
            limits: ReadLimits::default(),
            so_dang_ky: PathBuf::from(crate::pipeline::register::DEFAULT_FILE),
            allow_hosts: Vec::new(),
        }
    }
}

/// What every request shares: the template files, one engine per profile, the render permits, the
/// preview cache and the progress of running batches.
pub struct AppState {
    library: Library,
    engines: BTreeMap<String, Arc<Engine>>,
    profile_specs: BTreeMap<String, String>,
    default_profile: String,
    max_upload: usize,
    limits: ReadLimits,
    permits: Arc<Semaphore>,
    cache: preview::Cache,
    progress: Mutex<HashMap<String, Arc<api::Progress>>>,
    register: PathBuf,
    hosts: guard::Hosts,
}

impl AppState {
    /// Loads the templates (embedded, then `--templates`) and every profile the page offers: the
    /// built-in ones and the command line's, which becomes the default. A profile file given on the
    /// command line is offered under its file name without folder; requests only ever name profiles
    /// from this list, never a path.
    pub fn new(options: &Options) -> Result<AppState> {
        let library = Library::load(options.templates.as_deref())?;
        let mut engines = BTreeMap::new();
        let mut profile_specs = BTreeMap::new();
        for (name, engine) in library.builtin_engines(options.limits)? {
            profile_specs.insert(name.clone(), name.clone());
            engines.insert(name, Arc::new(engine));
        }
        let default_profile = if engines.contains_key(&options.profile) {
            options.profile.clone()
        } else {
            let key = std::path::Path::new(&options.profile)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("tuy-chinh.toml")
                .to_owned();
            engines.insert(
                key.clone(),
                Arc::new(library.engine(&options.profile, options.limits)?),
            );
            profile_specs.insert(key.clone(), options.profile.clone());
            key
        };
        if options.workers == 0 {
            return Err(Error::usage("--jobs phải lớn hơn 0", "ví dụ --jobs 2"));
        }
        Ok(AppState {
            library,
            engines,
            profile_specs,
            default_profile,
            max_upload: options.max_upload,
            limits: options.limits,
            permits: Arc::new(Semaphore::new(options.workers)),
            cache: preview::Cache::new(16),
            progress: Mutex::new(HashMap::new()),
            register: options.so_dang_ky.clone(),
            hosts: guard::Hosts::new(options.host, &options.allow_hosts),
        })
    }

    /// The engine of a profile the request names (or the default); `None` for an unknown name.
    fn engine(&self, profile: Option<&str>) -> Option<&Arc<Engine>> {
        self.engines.get(profile.unwrap_or(&self.default_profile))
    }

    /// The profile names the page offers, the default first.
    fn profile_names(&self) -> Vec<String> {
        let mut names = vec![self.default_profile.clone()];
        names.extend(
            self.engines
                .keys()
                .filter(|k| **k != self.default_profile)
                .cloned(),
        );
        names
    }
}

/// The router: the page and the API (see the README's table). The body limit leaves room for the
/// form's other fields (an edited template) above the upload limit; the upload itself is measured by
/// [`form`].
pub fn router(state: Arc<AppState>) -> Router {
    let body_limit = state.max_upload.saturating_add(4 << 20);
    Router::new()
        .route("/", get(page::index))
        .route("/api/check", post(api::check))
        .route("/api/kinds", get(api::kinds).post(api::kinds_with_word))
        .route("/api/profiles", get(api::profiles))
        .route("/api/rows", post(api::rows))
        .route("/api/render", post(api::render))
        .route("/api/preview", post(api::preview))
        .route("/api/progress", get(api::progress))
        .route(
            "/api/templates/{kind}",
            get(api::template_text).post(api::template_word),
        )
        .route("/api/templates.zip", post(api::templates_zip))
        .route("/api/register", get(register::list))
        .route("/api/register/export", get(register::export))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::guard,
        ))
        .with_state(state)
}

/// The address the page is served at, as printed ("http://127.0.0.1:8686/").
pub fn url(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    }
}

/// Serves until Ctrl-C or SIGTERM: binds, calls `on_ready` with the bound address, then answers
/// requests; on the signal it stops accepting and lets requests in flight finish.
pub fn run(options: &Options, on_ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let state = Arc::new(AppState::new(options)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(options.workers.saturating_mul(2).max(4))
        .thread_keep_alive(std::time::Duration::from_secs(120))
        .enable_all()
        .build()
        .map_err(|e| Error::usage(format!("không khởi động được máy chủ: {e}"), "thử lại"))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(options.host, options.port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Error::usage(
                format!("không mở được cổng {addr}: {e}"),
                "cổng đang bận? chọn cổng khác bằng --port, ví dụ --port 8687",
            )
        })?;
        let bound = listener.local_addr().unwrap_or(addr);
        on_ready(bound);
        axum::serve(
            listener,
            router(state).into_make_service_with_connect_info::<guard::Conn>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::usage(format!("máy chủ dừng vì lỗi: {e}"), "chạy lại vanban serve"))
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
