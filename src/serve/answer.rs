//! The service's answers that are not documents: errors as JSON, with what
//! to do about them, and the diagnostics of `vanban check --format json`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::{CheckReport, CheckedFile, Diagnostic, Error};

/// The body of every error answer: `{"error": "...", "hint": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
    /// What to do about it.
    pub hint: String,
}

/// How long a client told `503` should wait before trying again, in seconds.
pub(super) const RETRY_AFTER_SECS: u32 = 1;

/// The name a request's document has in diagnostics.
pub(super) const REQUEST_FILE: &str = "<request>";

/// An error answer.
pub(super) fn error(status: StatusCode, error: &str, hint: &str) -> Response {
    let body = ErrorBody {
        error: error.to_string(),
        hint: hint.to_string(),
    };
    (status, axum::Json(body)).into_response()
}

/// `503` with `Retry-After`: the service is at its limit, not broken.
pub(super) fn busy(why: &str) -> Response {
    come_back(
        why,
        "the service is at its limit of renders; try again after the time in Retry-After",
    )
}

/// `503` for a request over the time limit: the service may be busy, or
/// the work too large for the limit.
pub(super) fn timed_out(limit: std::time::Duration) -> Response {
    come_back(
        &format!(
            "the request took longer than the service's limit of {} s, waiting for a render slot included",
            limit.as_secs_f64()
        ),
        "if the service is busy, try again after Retry-After; if the document is large or the PNG's dpi high, \
         split it or ask for fewer pixels, or start the service with a larger --time-limit",
    )
}

/// `503` with `Retry-After`.
fn come_back(why: &str, hint: &str) -> Response {
    let mut response = error(StatusCode::SERVICE_UNAVAILABLE, why, hint);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    response
}

/// The report of one request's document: its warnings, or every problem.
pub(super) fn report<T>(result: &Result<T, Error>, warnings: &[Diagnostic]) -> CheckReport {
    CheckReport {
        files: vec![CheckedFile::new(REQUEST_FILE, result, warnings)],
    }
}

/// `status` with a diagnostics report.
pub(super) fn diagnostics(status: StatusCode, report: &CheckReport) -> Response {
    (status, axum::Json(report)).into_response()
}

/// A body that could not be taken: `413` beyond the limit, `400` otherwise.
pub(super) fn unreadable_body(status: StatusCode, why: &str, max_body: usize) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        error(
            status,
            &format!(
                "the body is larger than the service's limit of {} bytes",
                max_body
            ),
            "a real document is a few kilobytes; send one document per request (a batch as /batch), or start the service with a larger --max-body",
        )
    } else {
        error(
            StatusCode::BAD_REQUEST,
            &format!("the body could not be read: {why}"),
            "send the document as the request body",
        )
    }
}
