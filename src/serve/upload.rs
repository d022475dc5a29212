//! What a request carries: its main text (the body, or the multipart part
//! `document` / `batch`) and the files that text names, as the other parts
//! by file name. A request reads nothing else: the service's disk is not
//! the client's.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use super::AppState;
use super::answer;
use super::query::{body_format, format_of_type};
use crate::{Format, LoadError, Loader};

/// A request's main text and its files.
pub(super) struct Upload {
    /// The main text as sent (not yet checked as UTF-8).
    pub main: Option<Bytes>,
    /// Its declared format: by `Content-Type`, or the part's file name.
    pub format: Option<Format>,
    /// Every other part, by file name (or field name when it has none).
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Upload {
    /// A multipart upload (the part named `main_part`, other parts as
    /// files), or the whole body as the main text. `413` beyond the size
    /// limit, `415` for a body that is not a document.
    pub(super) async fn read(
        request: Request,
        state: &AppState,
        main_part: &str,
    ) -> Result<Self, Response> {
        let max_body = state.config.max_body;
        let refused = |status, text: String| answer::unreadable_body(status, &text, max_body);
        // A declared length over the limit is refused before a byte is read.
        let declared_length = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared_length.is_some_and(|n| n > max_body as u64) {
            return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, String::new()));
        }
        let mut upload = Upload {
            main: None,
            format: None,
            files: BTreeMap::new(),
        };
        if !is_multipart(request.headers()) {
            upload.format = body_format(request.headers())?;
            let body = Bytes::from_request(request, state)
                .await
                .map_err(|e| refused(e.status(), e.body_text()))?;
            upload.main = Some(body);
            return Ok(upload);
        }
        let mut parts = Multipart::from_request(request, state)
            .await
            .map_err(|e| refused(e.status(), e.body_text()))?;
        loop {
            let field = match parts.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(refused(e.status(), e.body_text())),
            };
            let is_main = field.name() == Some(main_part);
            let name = field
                .file_name()
                .or(field.name())
                .unwrap_or_default()
                .to_string();
            let declared = match is_main {
                true => format_of_type(field.content_type())?,
                false => None,
            };
            let bytes = field
                .bytes()
                .await
                .map_err(|e| refused(e.status(), e.body_text()))?;
            if is_main {
                upload.format = declared.or_else(|| format_of_name(&name));
                upload.main = Some(bytes);
            } else {
                upload.files.insert(name, bytes.to_vec());
            }
        }
        Ok(upload)
    }
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// `.json` is JSON, `.yaml` and `.yml` YAML; anything else is detected.
pub(super) fn format_of_name(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        Some(Format::Json)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        Some(Format::Yaml)
    } else {
        None
    }
}

/// The files a request carried, by name; nothing else can be read.
pub(super) struct Parts<'a>(pub &'a BTreeMap<String, Vec<u8>>);

impl Loader for Parts<'_> {
    fn read(&self, name: &str, limit: usize) -> Result<Vec<u8>, LoadError> {
        // Browsers and curl send a file's own name, without its folders:
        // `plans/kh.yaml` is also found as a part `kh.yaml`.
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let Some(bytes) = self.0.get(name).or_else(|| self.0.get(base)) else {
            return Err(LoadError::Denied {
                name: name.to_string(),
                why: format!(
                    "the service reads no files: send `{name}` in the request, as a multipart part whose file name is `{base}`, beside the document's own part"
                ),
            });
        };
        if bytes.len() > limit {
            return Err(LoadError::TooLarge {
                name: name.to_string(),
                limit,
            });
        }
        Ok(bytes.clone())
    }

    fn nested(&self, _name: &str) -> Box<dyn Loader + '_> {
        Box::new(Parts(self.0))
    }
}
