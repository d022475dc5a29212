//! `GET /`: the page where a clerk edits a document and sees it rendered,
//! embedded in the binary (no CDN, no internet); `GET /examples` and
//! `GET /examples/{name}`: the examples it can start from.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::answer;
use crate::model::Kind;

/// The page: HTML, its style and its script in one file.
const PAGE: &str = include_str!("page.html");

/// The examples, embedded: (file name, text).
macro_rules! examples {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../../examples/", $file)))),*]
    };
}

const EXAMPLES: &[(&str, &str)] = examples![
    "ke-hoach-yen-bai-2024.yaml",
    "ke-hoach-viec-lam-tp-yen-bai-2024.yaml",
    "ke-hoach-quang-ninh-2024.yaml",
    "ke-hoach-nghe-an-980-2025.yaml",
    "ke-hoach-ca-mau-0204-2025.yaml",
    "bao-cao-6-thang-2017.yaml",
    "bao-cao-tre-em-2022.yaml",
    "cong-van-btc-giai-ngan-18590-2025.yaml",
    "cong-van-dien-bien-2022.yaml",
    "cong-van-hau-giang-454-2011.yaml",
    "quyet-dinh-quang-ngai-1627-2025.yaml",
    "quyet-dinh-tre-em-yen-bai-2024.yaml",
    "to-trinh-tre-em-yen-bai-2024.yaml",
    "thong-bao-giao-ban-yen-bai-2024.yaml",
];

/// One example in the page's list.
#[derive(Serialize)]
struct Example {
    name: &'static str,
    /// `Kế hoạch`, `Báo cáo` …
    kind: &'static str,
    /// The document's `subject:` line.
    subject: String,
}

/// The value of the first top-level `key:` line of an example.
fn top_level<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(|v| v.trim().trim_matches('"'))
}

pub(super) async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PAGE,
    )
        .into_response()
}

pub(super) async fn examples() -> Response {
    let list: Vec<Example> = EXAMPLES
        .iter()
        .map(|(name, text)| Example {
            name,
            kind: top_level(text, "kind")
                .and_then(|k| serde_json::from_value::<Kind>(k.into()).ok())
                .map_or("", Kind::name),
            subject: top_level(text, "subject").unwrap_or_default().to_string(),
        })
        .collect();
    axum::Json(list).into_response()
}

pub(super) async fn example(Path(name): Path<String>) -> Response {
    match EXAMPLES.iter().find(|(file, _)| *file == name) {
        Some((_, text)) => (
            [(header::CONTENT_TYPE, "application/yaml; charset=utf-8")],
            *text,
        )
            .into_response(),
        None => answer::error(
            StatusCode::NOT_FOUND,
            &format!("there is no example `{name}`"),
            "GET /examples lists them",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_has_a_kind_and_a_subject_and_is_valid() {
        for (name, text) in EXAMPLES {
            let kind =
                top_level(text, "kind").and_then(|k| serde_json::from_value::<Kind>(k.into()).ok());
            assert!(kind.is_some(), "{name}");
            assert!(
                !top_level(text, "subject").unwrap_or_default().is_empty(),
                "{name}"
            );
            crate::Document::from_yaml_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
