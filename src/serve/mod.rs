//! `isnad serve`: the store over HTTP — a SPARQL 1.1 endpoint, the read side (and,
//! when allowed, the write side) of the Graph Store Protocol, and the browser
//! explorer.
//!
//! Rooms: this file holds the router, the shared state, the request log and the
//! shutdown; `protocol.rs` the SPARQL protocol (queries, updates, content
//! negotiation, limits); `gsp.rs` the Graph Store Protocol; `explorer.rs` the
//! explorer's files, compiled into the binary.
//!
//! Invariants:
//! * Read-only unless the server was started with `allow_update`: then it opens the
//!   store as its one writer (the store's lock, [`Store::open`]), and every write
//!   is followed by a refresh of the derived events graph. Without it the store is
//!   opened read-only and takes no lock, so `isnad ingest` can write to the same
//!   directory while it serves; before each request the server looks at the
//!   store's files and, when a writer has committed since, opens it again, so new
//!   commits become visible (a request already running keeps the store it began
//!   with).
//! * Query evaluation is blocking: it runs on tokio's blocking threads, under a
//!   time limit (Oxigraph's cancellation token) and a result cap; results are
//!   buffered within the cap, so an answer is either whole or an error status.
//! * Every refusal is an HTTP status with a one-line plain-text reason.
//! * One log line per request on stderr: method, path, status, milliseconds.

mod explorer;
mod gsp;
mod protocol;

use crate::store::Store;
use crate::Error;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The store directory; `None` for a throwaway in-memory store (writable).
    pub store: Option<PathBuf>,
    /// Address to listen on (`127.0.0.1:7878`; port 0 picks a free port).
    pub bind: String,
    /// Allow SPARQL Update and Graph Store Protocol writes (opens the store as its writer).
    pub allow_update: bool,
    /// Time limit of one query's evaluation.
    pub timeout: Duration,
    /// The most rows (or triples) one answer may hold.
    pub max_rows: usize,
    /// Origins allowed by CORS (`*` for any); empty: no CORS headers.
    pub cors: Vec<String>,
}

/// The store the server answers from.
enum Source {
    /// The server is the store's writer (or the store is in memory).
    Writer(Arc<Store>),
    /// Opened read-only; opened again when the store's files change.
    Reader {
        path: PathBuf,
        current: Mutex<(Fingerprint, Arc<Store>)>,
    },
}

/// What the store's files look like: RocksDB's write-ahead logs, tables,
/// manifests and `CURRENT` (names, sizes, modification times). Its own info logs
/// and isnad's lock are left out: opening the store read-only rotates the logs.
type Fingerprint = Vec<(String, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out: Fingerprint = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let relevant = name == "CURRENT"
                || name.starts_with("MANIFEST")
                || name.ends_with(".log")
                || name.ends_with(".sst");
            if !relevant {
                return None;
            }
            let meta = e.metadata().ok()?;
            Some((name, meta.len(), meta.modified().ok()))
        })
        .collect();
    out.sort();
    out
}

/// Shared by every request.
pub(crate) struct App {
    source: Source,
    pub(crate) options: Options,
}

impl App {
    /// The store to answer this request from: for a reader, opened again first if a
    /// writer has committed since the last look. If that fails (a writer is
    /// rotating files), the store opened before answers, and the next request tries again.
    pub(crate) fn store(&self) -> Arc<Store> {
        match &self.source {
            Source::Writer(s) => s.clone(),
            Source::Reader { path, current } => {
                let mut current = current.lock().unwrap_or_else(|e| e.into_inner());
                let now = fingerprint(path);
                if now != current.0 {
                    match Store::open_read_only(path) {
                        Ok(s) => *current = (now, Arc::new(s)),
                        Err(e) => eprintln!("isnad serve: cannot reopen the store yet: {e}"),
                    }
                }
                current.1.clone()
            }
        }
    }

    /// Opens the store again now (after an evaluation failed on files a writer
    /// removed under the reader).
    pub(crate) fn reopen(&self) {
        if let Source::Reader { path, current } = &self.source {
            let mut current = current.lock().unwrap_or_else(|e| e.into_inner());
            if let Ok(s) = Store::open_read_only(path) {
                *current = (fingerprint(path), Arc::new(s));
            }
        }
    }

    pub(crate) fn writable(&self) -> bool {
        self.options.allow_update
    }
}

/// A refusal or failure: a status and a one-line reason, sent as plain text.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: StatusCode,
    pub reason: String,
}

impl Failure {
    pub fn new(status: StatusCode, reason: impl std::fmt::Display) -> Failure {
        let reason = reason.to_string();
        // one line, whatever the parser or the store said
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        Failure { status, reason }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}\n", self.reason),
        )
            .into_response()
    }
}

/// Opens the store as the options say.
fn open(options: &Options) -> Result<Source, Error> {
    Ok(match &options.store {
        None => {
            // an empty store that still knows the ontology and the gazetteer
            let store = Store::in_memory()?;
            store.load_reference_graphs(&[])?;
            Source::Writer(Arc::new(store))
        }
        Some(path) if options.allow_update => Source::Writer(Arc::new(Store::open(path)?)),
        Some(path) => {
            let before = fingerprint(path);
            let store = Store::open_read_only(path)?;
            Source::Reader {
                path: path.clone(),
                current: Mutex::new((before, Arc::new(store))),
            }
        }
    })
}

fn router(app: Arc<App>) -> Router {
    let mut router = Router::new()
        .route("/query", any(protocol::query))
        .route("/sparql", any(protocol::query))
        .route("/update", any(protocol::update))
        .route("/store", any(gsp::store))
        .route("/", get(explorer::index))
        .route("/queries.json", get(explorer::queries))
        .route("/assets/{file}", get(explorer::asset))
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(64 << 20))
        .with_state(app.clone());
    if !app.options.cors.is_empty() {
        router = router.layer(cors(&app.options.cors));
    }
    router.layer(middleware::from_fn(log))
}

fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok())
                .collect::<Vec<_>>(),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
}

async fn not_found(request: Request) -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        format!(
            "no such page: {} (the endpoints are /query, /update, /store and the explorer at /)",
            request.uri().path()
        ),
    )
}

/// One line per request on stderr: method, path, status, milliseconds.
async fn log(request: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    eprintln!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// Resolves when the process gets SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// Serves until SIGINT or SIGTERM, then finishes the requests under way and
/// returns. `listening` is called once with the bound address (port 0 picks a
/// free one) before the first request is accepted.
pub fn serve(options: Options, listening: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let source = open(&options)?;
    let bind = options.bind.clone();
    let app = Arc::new(App { source, options });
    let server_error = |reason: String| Error::Input {
        path: format!("--bind {bind}"),
        reason,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| server_error(format!("cannot start the server: {e}")))?;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&bind)
            .await
            .map_err(|e| server_error(format!("cannot listen: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| server_error(format!("cannot listen: {e}")))?;
        listening(addr);
        axum::serve(listener, router(app))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| server_error(format!("server failed: {e}")))
    });
    // queries still evaluating stop at their time limit; do not wait longer
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}
