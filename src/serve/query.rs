//! What a request asks for: its query (`format=png&pdf-a=true`) and the
//! format of its body (by `Content-Type`, or detected).

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;

use super::answer;
use crate::Format;

/// `POST /render`'s query.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(super) struct RenderQuery {
    /// `pdf` (the default), `png` or `typst`.
    pub format: Option<String>,
    /// Archival PDF/A-2u.
    #[serde(deserialize_with = "flag")]
    pub pdf_a: bool,
    /// A warning refuses the document (`422`).
    #[serde(deserialize_with = "flag")]
    pub deny_warnings: bool,
    /// Answer JSON: the output in base64 beside the warnings.
    #[serde(deserialize_with = "flag")]
    pub json: bool,
    /// For PNG: one page (from 1); all pages in JSON, page 1 otherwise.
    pub page: Option<usize>,
    /// For PNG: dots per inch (10 to 300, 96 by default).
    pub dpi: Option<f32>,
}

/// `POST /check`'s query.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(super) struct CheckQuery {
    /// Warnings count as errors (`ok` is false when there is one).
    #[serde(deserialize_with = "flag")]
    pub deny_warnings: bool,
}

/// `POST /batch`'s query.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub(super) struct BatchQuery {
    /// Archival PDF/A-2u.
    #[serde(deserialize_with = "flag")]
    pub pdf_a: bool,
    /// A district with a warning fails.
    #[serde(deserialize_with = "flag")]
    pub deny_warnings: bool,
}

/// A yes-or-no parameter as clients write it: `true`/`false`, `1`/`0`,
/// `yes`/`no`, `on`/`off`, in any case (Python sends `True`, PHP `1`).
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let text = String::deserialize(d)?;
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(serde::de::Error::custom(format!(
            "`{text}` is not yes or no: write true or false"
        ))),
    }
}

/// What `/render` produces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Output {
    Pdf,
    Png { dpi: f32 },
    Typst,
}

/// The largest PNG resolution a request may ask for: a page at 300 dpi is
/// already 2480 × 3508 pixels.
const MAX_DPI: f32 = 300.0;

impl RenderQuery {
    /// The output asked for: `415` for a format the service does not make.
    pub(super) fn output(&self) -> Result<Output, Response> {
        let dpi = self.dpi.unwrap_or(96.0);
        if !(dpi.is_finite() && (10.0..=MAX_DPI).contains(&dpi)) {
            return Err(answer::error(
                StatusCode::BAD_REQUEST,
                &format!("dpi={dpi} is out of range"),
                "ask for 10 to 300 dots per inch (96 is the screen's)",
            ));
        }
        match self
            .format
            .as_deref()
            .unwrap_or("pdf")
            .to_ascii_lowercase()
            .as_str()
        {
            "pdf" => Ok(Output::Pdf),
            "png" => Ok(Output::Png { dpi }),
            "typst" => Ok(Output::Typst),
            other => Err(answer::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &format!("the service does not make `{other}` documents"),
                "ask for format=pdf (the default), format=png or format=typst",
            )),
        }
    }
}

/// A query that does not parse: `400`, naming the parameter.
pub(super) fn bad_query(why: &str, known: &str) -> Response {
    answer::error(
        StatusCode::BAD_REQUEST,
        &format!("the query is not understood: {why}"),
        &format!("this address takes {known}"),
    )
}

/// The body's format by its `Content-Type`: `None` to detect it (no type,
/// `text/plain`, `application/octet-stream`, and the form type that
/// `curl --data-binary` and many HTTP libraries send by default); `415`
/// for one that is neither YAML nor JSON.
pub(super) fn body_format(headers: &HeaderMap) -> Result<Option<Format>, Response> {
    let value = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or(""));
    format_of_type(value)
}

/// [`body_format`] of a `Content-Type` value (a request's, or a part's).
pub(super) fn format_of_type(value: Option<&str>) -> Result<Option<Format>, Response> {
    let Some(value) = value else {
        return Ok(None);
    };
    let value = value.to_ascii_lowercase();
    let mut params = value.split(';');
    let mime = params.next().unwrap_or("").trim().to_string();
    let charset = params.find_map(|p| {
        p.trim()
            .strip_prefix("charset=")
            .map(|c| c.trim_matches('"').to_string())
    });
    if let Some(charset) = charset.filter(|c| c != "utf-8" && c != "utf8" && c != "us-ascii") {
        return Err(answer::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("the body is declared `charset={charset}`: documents are read as UTF-8"),
            "send the document in UTF-8 (every editor can save it so), with charset=utf-8 or no charset",
        ));
    }
    match mime.as_str() {
        "" | "text/plain" | "application/octet-stream" | "application/x-www-form-urlencoded" => {
            Ok(None)
        }
        "application/json" => Ok(Some(Format::Json)),
        m if m.ends_with("+json") => Ok(Some(Format::Json)),
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => {
            Ok(Some(Format::Yaml))
        }
        other => Err(answer::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("a body of type `{other}` is not a document"),
            "send the document as YAML (Content-Type: application/yaml) or JSON (application/json)",
        )),
    }
}
