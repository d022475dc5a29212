//! `POST /batch`: a batch file (and, as multipart parts, its figures CSV
//! and district files) → a ZIP of the district PDFs, the province summary
//! and `manifest.json`, streamed as the files are made.

use std::collections::BTreeMap;
use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::{mpsc, oneshot};

use super::answer;
use super::query::{BatchQuery, bad_query};
use super::upload::{Parts, Upload, format_of_name};
use super::{AppState, Shared};
use crate::batch::{Batch, MANIFEST_FILE};
use crate::{CheckReport, CheckedFile, Error, PdfOptions};

/// The multipart part that carries the batch file.
const BATCH_PART: &str = "batch";
/// The batch file's name in diagnostics.
const BATCH_FILE: &str = "batch.yaml";

/// `POST /batch`.
pub(super) async fn batch(
    State(state): State<AppState>,
    query: Result<Query<BatchQuery>, QueryRejection>,
    request: Request,
) -> Response {
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => return bad_query(&e.body_text(), "pdf-a=true and deny-warnings=true"),
    };
    let mut upload = match Upload::read(request, &state, BATCH_PART).await {
        Ok(u) => u,
        Err(response) => return response,
    };
    let Some(main) = upload.main.take() else {
        return answer::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the request has no batch file",
            "send the batch YAML as the body, or as the multipart part named `batch`",
        );
    };
    let text = match text_of(BATCH_FILE, main.to_vec()) {
        Ok(t) => t,
        Err(response) => return response,
    };
    // The YAML parts are the districts' own files (`districts/*.yaml`).
    let (yaml, files): (BTreeMap<_, _>, BTreeMap<_, _>) = std::mem::take(&mut upload.files)
        .into_iter()
        .partition(|(name, _)| format_of_name(name) == Some(crate::Format::Yaml));
    upload.files = files;
    let mut districts = Vec::new();
    for (name, bytes) in yaml {
        match text_of(&name, bytes) {
            Ok(t) => districts.push((name, t)),
            Err(response) => return response,
        }
    }
    let Ok(slot) = state.gate.enter().await else {
        return answer::busy("every render slot is taken and the queue is full");
    };
    let (chunks, receiver) = mpsc::channel::<std::io::Result<Bytes>>(16);
    let (verdict, read) = oneshot::channel::<Result<(), CheckReport>>();
    let shared = state.clone();
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let loader = Parts(&upload.files);
        let batch = match Batch::read(&text, BATCH_FILE, &districts, &loader) {
            Ok(mut b) => {
                b.deny_warnings = query.deny_warnings;
                b
            }
            Err(e) => {
                let report = CheckReport {
                    files: vec![CheckedFile::new(BATCH_FILE, &Err::<(), _>(e), &[])],
                };
                let _ = verdict.send(Err(report));
                return;
            }
        };
        if verdict.send(Ok(())).is_err() {
            return;
        }
        let options = PdfOptions { pdf_a: query.pdf_a };
        let started = std::time::Instant::now();
        match stream_zip(&shared, &batch, options, Channel(chunks.clone())) {
            // The request's own line went out with the headers; this one says how the stream ended.
            Ok(manifest) => tracing::info!(
                target: "vanban::serve",
                path = "/batch",
                files = manifest.outputs.len(),
                failed = manifest.failed.len(),
                ms = %format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0),
                "batch streamed"
            ),
            Err(e) => {
                tracing::warn!(target: "vanban::serve", path = "/batch", "batch stream stopped: {e}");
                let _ = chunks.blocking_send(Err(std::io::Error::other(e.to_string())));
            }
        }
    });
    match read.await {
        Ok(Ok(())) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"bao-cao.zip\"",
                ),
            ],
            Body::new(Chunks(receiver)),
        )
            .into_response(),
        Ok(Err(report)) => answer::diagnostics(StatusCode::UNPROCESSABLE_ENTITY, &report),
        Err(_) => answer::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the batch could not be read: vanban failed unexpectedly",
            "this is a defect of vanban, not of the batch: please report it; the service goes on",
        ),
    }
}

/// Renders the batch into a ZIP written to `out` as each file is made (in
/// batch order, the summary and the manifest last), and returns the
/// manifest. The entries are stored: PDFs are compressed already.
fn stream_zip(
    shared: &Shared,
    batch: &Batch,
    options: PdfOptions,
    out: Channel,
) -> zip::result::ZipResult<crate::batch::Manifest> {
    let mut zip = zip::ZipWriter::new_stream(std::io::BufWriter::with_capacity(64 * 1024, out));
    let entry = || {
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(false)
    };
    let mut store = |file: &str, bytes: &[u8]| -> crate::Result<()> {
        zip.start_file(file, entry())
            .map_err(std::io::Error::other)
            .and_then(|()| zip.write_all(bytes))
            .map_err(|source| Error::Io {
                path: file.to_string(),
                source,
            })
    };
    let manifest = crate::batch::render_into(batch, &shared.engine, options, &mut store);
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    json.push(b'\n');
    zip.start_file(MANIFEST_FILE, entry())?;
    zip.write_all(&json)?;
    // The buffer holds the end of the archive: it goes out now.
    zip.finish()?.into_inner().flush()?;
    Ok(manifest)
}

/// The writing end of a streamed answer (on the render's blocking thread).
struct Channel(mpsc::Sender<std::io::Result<Bytes>>);

impl Write for Channel {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .blocking_send(Ok(Bytes::copy_from_slice(buf)))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The reading end: an HTTP body of the chunks as they come.
struct Chunks(mpsc::Receiver<std::io::Result<Bytes>>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|c| c.map(http_body::Frame::data)))
    }
}

/// A part's text, or `422` saying why it is not text.
fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, Response> {
    crate::loader::text_of(bytes).map_err(|d| {
        let error = Error::Invalid(crate::Diagnostics(vec![d.in_file(name)]));
        answer::diagnostics(
            StatusCode::UNPROCESSABLE_ENTITY,
            &CheckReport {
                files: vec![CheckedFile::new(name, &Err::<(), _>(error), &[])],
            },
        )
    })
}
