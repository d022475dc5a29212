//! `POST /render` and `POST /check`: one document per request.

use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Serialize;

use super::answer;
use super::query::{CheckQuery, Output, RenderQuery, bad_query};
use super::upload::{Parts, Upload};
use super::{AppState, Shared};
use crate::{Diagnostic, Document, Error, Format, PdfOptions, ReadOptions};

/// The multipart part that carries the document (the others are the files it names).
const DOCUMENT_PART: &str = "document";

/// The number of warnings, on every rendered answer.
const WARNINGS: HeaderName = HeaderName::from_static("x-vanban-warnings");
/// One warning each, percent-encoded UTF-8 (`3:9 (number): …`).
const WARNING: HeaderName = HeaderName::from_static("x-vanban-warning");
/// The document's number of pages.
const PAGES: HeaderName = HeaderName::from_static("x-vanban-pages");

/// The parameters `/render` takes, for the message of a bad query.
const RENDER_PARAMS: &str =
    "format=pdf|png|typst, pdf-a=true, deny-warnings=true, json=true, page=N and dpi=N";

/// `POST /render`: the document as PDF, PNG or Typst source; `422` with
/// the diagnostics when it is not valid.
pub(super) async fn render(
    State(state): State<AppState>,
    query: Result<Query<RenderQuery>, QueryRejection>,
    request: axum::extract::Request,
) -> Response {
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => return bad_query(&e.body_text(), RENDER_PARAMS),
    };
    let output = match query.output() {
        Ok(o) => o,
        Err(response) => return response,
    };
    let sent = match Sent::take(&state, request).await {
        Ok(r) => r,
        Err(response) => return response,
    };
    run(&state, move |shared| {
        let started = Instant::now();
        let response = produce(shared, &sent, &query, output);
        shared.metrics.render(started.elapsed());
        response
    })
    .await
}

/// `POST /check`: the diagnostics, `200` whether or not the document is valid.
pub(super) async fn check(
    State(state): State<AppState>,
    query: Result<Query<CheckQuery>, QueryRejection>,
    request: axum::extract::Request,
) -> Response {
    let query = match query {
        Ok(Query(q)) => q,
        Err(e) => return bad_query(&e.body_text(), "deny-warnings=true"),
    };
    let sent = match Sent::take(&state, request).await {
        Ok(r) => r,
        Err(response) => return response,
    };
    run(&state, move |shared| {
        let result = sent.document(shared, query.deny_warnings);
        let warnings = result.as_ref().map(|d| d.warnings()).unwrap_or_default();
        answer::diagnostics(StatusCode::OK, &answer::report(&result, warnings))
    })
    .await
}

/// Runs `work` on a blocking thread once a render slot is free (the slot
/// goes with it, so a render whose client left still counts); `503` when
/// the queue is full, `500` when the work panicked.
pub(super) async fn run(
    state: &AppState,
    work: impl FnOnce(&Shared) -> Response + Send + 'static,
) -> Response {
    let Ok(slot) = state.gate.enter().await else {
        return answer::busy("every render slot is taken and the queue is full");
    };
    let shared = state.clone();
    let job = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work(&shared)
    });
    match job.await {
        Ok(response) => response,
        Err(e) => {
            tracing::error!(target: "vanban::serve", "a render failed: {e}");
            answer::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the document could not be rendered: vanban failed unexpectedly",
                "this is a defect of vanban, not of the document: please report it with the document; the service goes on",
            )
        }
    }
}

/// A request's document as sent, and the files it carried for it.
struct Sent(Upload);

impl Sent {
    /// The document (the body, or the multipart part `document`) and the
    /// other parts; `413` beyond the limit, `415` for a type that is not a document.
    async fn take(state: &AppState, request: axum::extract::Request) -> Result<Self, Response> {
        Upload::read(request, state, DOCUMENT_PART).await.map(Self)
    }

    /// The document, read and validated reading only the request's own
    /// parts, its characters checked against the engine's fonts.
    fn document(&self, shared: &Shared, deny_warnings: bool) -> crate::Result<Document> {
        let Some(main) = &self.0.main else {
            return Err(Error::Invalid(crate::Diagnostics(vec![
                Diagnostic::error("", "the request has no part named `document`").with_hint(
                    "send the document as the body, or as the multipart part named `document`",
                ),
            ])));
        };
        let text = crate::loader::read_text(&main[..])?;
        let format = match self.0.format {
            // Sent as JSON but not JSON (a client's default type): read as it is.
            Some(Format::Json) if !text.trim_start().starts_with(['{', '[']) => {
                Format::detect(None, &text)
            }
            Some(declared) => declared,
            None => Format::detect(None, &text),
        };
        let loader = Parts(&self.0.files);
        let options = ReadOptions::with_loader(&loader)
            .deny_warnings(deny_warnings)
            .fonts(shared.engine.font_coverage());
        Document::read(&text, format, &options)
    }
}

/// The JSON answer of `json=true`: the output in base64 (a file per PNG
/// page), the page count and the warnings.
#[derive(Serialize)]
struct Rendered<'a> {
    content_type: &'static str,
    pages: Option<usize>,
    diagnostics: &'a [Diagnostic],
    data: Vec<String>,
}

/// Reads and renders a request's document.
fn produce(shared: &Shared, sent: &Sent, query: &RenderQuery, output: Output) -> Response {
    let doc = match sent.document(shared, query.deny_warnings) {
        Ok(doc) => doc,
        Err(e) => {
            return answer::diagnostics(
                StatusCode::UNPROCESSABLE_ENTITY,
                &answer::report(&Err::<(), _>(e), &[]),
            );
        }
    };
    let (content_type, pages, files) = match make(shared, &doc, query, output) {
        Ok(made) => made,
        Err(response) => return response,
    };
    let mut response = if query.json {
        let engine = base64::engine::general_purpose::STANDARD;
        axum::Json(Rendered {
            content_type,
            pages,
            diagnostics: doc.warnings(),
            data: files.iter().map(|f| engine.encode(f)).collect(),
        })
        .into_response()
    } else {
        let body = files.into_iter().next().unwrap_or_default();
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Some(pages) = pages {
        headers.insert(PAGES, HeaderValue::from(pages));
    }
    headers.insert(WARNINGS, HeaderValue::from(doc.warnings().len()));
    for w in doc.warnings() {
        if let Ok(value) = HeaderValue::from_str(&header_text(w)) {
            headers.append(WARNING, value);
        }
    }
    response
}

/// The output's type, the page count (none for Typst source) and the files
/// (one, or a PNG per page asked for); `400` for a page the document does
/// not have, `500` when rendering fails.
fn make(
    shared: &Shared,
    doc: &Document,
    query: &RenderQuery,
    output: Output,
) -> Result<(&'static str, Option<usize>, Vec<Vec<u8>>), Response> {
    let engine = &shared.engine;
    let failed = |e: Error| render_failed(&e);
    if output == Output::Typst {
        let source = engine.render_typst(doc).map_err(failed)?;
        return Ok(("text/plain; charset=utf-8", None, vec![source.into_bytes()]));
    }
    let electronic = doc.is_electronic();
    let layout = if electronic {
        engine.render_layout_electronic(doc)
    } else {
        engine.render_layout(doc)
    }
    .map_err(failed)?;
    let pages = layout.page_count();
    let files = match output {
        Output::Png { dpi } => {
            let wanted: Vec<usize> = match query.page {
                Some(p) if p == 0 || p > pages => {
                    return Err(answer::error(
                        StatusCode::BAD_REQUEST,
                        &format!("page={p} does not exist: the document has {pages} page(s)"),
                        "ask for a page from 1, or for every page with json=true",
                    ));
                }
                Some(p) => vec![p - 1],
                None if query.json => (0..pages).collect(),
                None => vec![0],
            };
            let pngs = wanted.into_iter().map(|i| layout.png(i, dpi));
            return Ok((
                "image/png",
                Some(pages),
                pngs.collect::<Result<_, _>>().map_err(failed)?,
            ));
        }
        _ if electronic => {
            let issue = crate::electronic::IssueOptions {
                pdf: PdfOptions { pdf_a: query.pdf_a },
                ..Default::default()
            };
            engine
                .finish_electronic(doc, &layout, &issue)
                .map(|e| e.pdf)
        }
        _ => engine.export_pdf(doc, &layout, PdfOptions { pdf_a: query.pdf_a }),
    };
    Ok(("application/pdf", Some(pages), vec![files.map_err(failed)?]))
}

/// `500`: the document was valid but could not be rendered.
fn render_failed(e: &Error) -> Response {
    tracing::warn!(target: "vanban::serve", "render failed: {e}");
    answer::error(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("the document is valid but could not be rendered: {e}"),
        "check it with POST /check; if it passes, this is a defect of vanban: please report it with the document",
    )
}

/// A warning as one header value: `line:column (path): message`,
/// percent-encoded (headers carry ASCII only).
fn header_text(d: &Diagnostic) -> String {
    let mut text = String::new();
    if let (Some(l), Some(c)) = (d.line, d.column) {
        text.push_str(&format!("{l}:{c} "));
    }
    if !d.path.is_empty() {
        text.push_str(&format!("({}) ", d.path));
    }
    text.push_str(&d.message);
    // Controls and every non-ASCII byte are encoded, `%` itself so that
    // decoding gives the text back, and `,`: clients join repeated headers
    // with commas, and Vietnamese numbers have them (111,43%).
    const ENCODED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b'%').add(b',');
    percent_encoding::utf8_percent_encode(&text, ENCODED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_header_is_ascii_and_decodes_to_the_message() {
        let d = Diagnostic::warning("results[0]", "Tỷ lệ 111,43% vượt kế hoạch").at(7, 5);
        let value = header_text(&d);
        assert!(value.is_ascii() && !value.contains(','), "{value}");
        assert!(HeaderValue::from_str(&value).is_ok());
        let decoded = percent_encoding::percent_decode_str(&value)
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, "7:5 (results[0]) Tỷ lệ 111,43% vượt kế hoạch");
    }
}
