//! `vanban serve`: one warm [`Engine`] behind HTTP, for department tools
//! written in any language, and a page where a clerk edits and sees a
//! document.
//!
//! A request never reads a file: what a document needs travels in it (a
//! batch's figures CSV as a multipart part); templates and fonts are the
//! engine's, fixed at start. At most [`Config::max_inflight`] renders run at
//! once and at most [`Config::max_queue`] wait; beyond that the answer is
//! `503` with `Retry-After`, and every request has [`Config::time_limit`].
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let service = vanban::serve::Service::new(vanban::Engine::new(), Default::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! service.serve(listener, std::future::pending()).await
//! # }
//! ```

mod answer;
mod batch;
mod documents;
mod gate;
mod listen;
mod metrics;
mod page;
mod query;
mod upload;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::Engine;

pub use answer::ErrorBody;

/// How the service admits work.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body, in bytes (`413` beyond).
    pub max_body: usize,
    /// Renders at once (a batch counts as one).
    pub max_inflight: usize,
    /// Requests waiting for a render slot; one more is answered `503`.
    pub max_queue: usize,
    /// The longest a request may take, waiting included (`503` beyond).
    pub time_limit: Duration,
}

impl Default for Config {
    /// 4 MiB bodies, one render per core, 64 waiting, 60 s per request.
    fn default() -> Self {
        Self {
            max_body: crate::MAX_INPUT_BYTES,
            max_inflight: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queue: 64,
            time_limit: Duration::from_secs(60),
        }
    }
}

/// The service: an engine, its admission gate and its counters. Cheap to
/// clone (one shared state).
#[derive(Clone)]
pub struct Service {
    state: Arc<Shared>,
}

/// What every request shares.
struct Shared {
    engine: Engine,
    config: Config,
    gate: gate::Gate,
    metrics: metrics::Metrics,
}

type AppState = Arc<Shared>;

impl Service {
    /// A service rendering with `engine`.
    pub fn new(engine: Engine, config: Config) -> Self {
        let gate = gate::Gate::new(config.max_inflight.max(1), config.max_queue);
        Self {
            state: Arc::new(Shared {
                engine,
                config,
                gate,
                metrics: metrics::Metrics::default(),
            }),
        }
    }

    /// The routes, to serve or to nest in a caller's own axum application.
    pub fn router(&self) -> Router {
        let state = self.state.clone();
        Router::new()
            .route("/", get(page::index))
            .route("/examples", get(page::examples))
            .route("/examples/{name}", get(page::example))
            .route("/render", post(documents::render))
            .route("/check", post(documents::check))
            .route("/batch", post(batch::batch))
            .route("/schema", get(schema))
            .route("/healthz", get(|| async { "ok\n" }))
            .route("/metrics", get(metrics::metrics))
            .fallback(not_found)
            .method_not_allowed_fallback(wrong_method)
            // Bodies beyond the limit are refused while they arrive.
            .layer(DefaultBodyLimit::max(state.config.max_body))
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                time_limit,
            ))
            .layer(axum::middleware::from_fn_with_state(state.clone(), log))
            .with_state(state)
    }

    /// Serves on `listener` until `shutdown` completes; then accepts no
    /// more connections, finishes the requests in flight and returns. A
    /// client gets 10 s to send each request's headers; at most 1.024
    /// connections are served at once.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        listen::serve(listener, self.router(), shutdown).await
    }
}

/// `GET /schema`: the JSON Schema of a document.
async fn schema() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/schema+json")],
        crate::input::schema::schema_text(),
    )
        .into_response()
}

async fn not_found() -> Response {
    answer::error(axum::http::StatusCode::NOT_FOUND, "no such address", ROUTES)
}

/// What the service answers, for the hints of `404` and `405`.
const ROUTES: &str = "the service answers POST /render, /check and /batch, and GET /, /examples, /schema, /healthz and /metrics";

async fn wrong_method(request: Request) -> Response {
    answer::error(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        &format!(
            "{} is not answered at {}",
            request.method(),
            request.uri().path()
        ),
        ROUTES,
    )
}

/// Every request within the time limit, waiting for a slot included.
async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config.time_limit;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => answer::timed_out(limit),
    }
}

/// One line per request (method, path, status, bytes, milliseconds), and
/// the counters by status.
async fn log(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let bytes = axum::body::HttpBody::size_hint(response.body()).exact();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    state.metrics.request(status);
    let bytes = bytes.map_or_else(|| "stream".to_string(), |b| b.to_string());
    let ms = format!("{ms:.1}");
    tracing::info!(target: "vanban::serve", %method, %path, status, %bytes, %ms, "request");
    response
}
