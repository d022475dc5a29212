//! Stage 1, text → model: the input's size and shape checked, NFC applied,
//! invisible characters removed (with warnings), YAML or JSON parsed into a
//! [`model::Document`], every problem located by line and column.
//!
//! Nothing here reads a file or knows what comes after the model.

mod format;
pub(crate) mod hygiene;
pub(crate) mod limits;
mod parse;
mod pitfalls;
mod salvage;
pub(crate) mod schema;
pub(crate) mod source_map;

pub use format::Format;
pub(crate) use parse::MAX_INPUT_BYTES;
pub(crate) use salvage::Salvage;
pub(crate) use source_map::{SourceMap, join_index, join_key};

use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::model;

/// A parsed document, where its values are in the text, and the warnings
/// found while reading it.
pub(crate) struct Parsed {
    /// The document.
    pub document: model::Document,
    /// Where each YAML path is (empty for a model built in Rust).
    pub source_map: SourceMap,
    /// Invisible characters removed, and where.
    pub warnings: Vec<Diagnostic>,
}

/// A text that is not a document: its problems and, when the rest still
/// makes a document, that document (for the later stages' problems) and
/// what was left out of it.
pub(crate) struct Failure {
    pub error: Error,
    pub salvaged: Option<(Parsed, Salvage)>,
}

/// Reads a document from text: size first, then NFC, invisible characters
/// out (with warnings), then YAML or JSON.
pub(crate) fn read(text: &str, format: Format) -> Result<Parsed> {
    read_salvaging(text, format).map_err(|f| f.error)
}

/// Like [`read`], keeping what still parses of a text that does not.
pub(crate) fn read_salvaging(text: &str, format: Format) -> std::result::Result<Parsed, Failure> {
    let no_salvage = |error| Failure {
        error,
        salvaged: None,
    };
    parse::check_size(text).map_err(no_salvage)?;
    let text = nfc_cow(text);
    let (text, removed) = hygiene::clean(&text);
    let parsed = match format {
        Format::Yaml => parse::parse_yaml(&text),
        Format::Json => parse::parse_json(&text),
    };
    match parsed {
        Ok((document, source_map)) => {
            let mut warnings = hygiene::warnings(&removed, &source_map);
            // An escape (`"\u200b"`) needs a backslash: most texts have none,
            // and skip the walk over the model.
            if text.contains('\\') {
                warnings.extend(hygiene::escaped(&document, &source_map));
            }
            let tags = tag_errors(&source_map, &[]);
            let parsed = Parsed {
                document,
                source_map,
                warnings,
            };
            if tags.is_empty() {
                return Ok(parsed);
            }
            // The rest of the document is checked as usual.
            let mut problems = tags;
            problems.append(&mut parsed.warnings.clone());
            crate::error::sort_by_position(&mut problems);
            Err(Failure {
                error: Error::Invalid(Diagnostics(problems)),
                salvaged: Some((
                    Parsed {
                        warnings: Vec::new(),
                        ..parsed
                    },
                    Salvage::whole(),
                )),
            })
        }
        Err(parse::Failure {
            error: Error::Invalid(mut diagnostics),
            salvaged,
        }) => {
            if matches!(format, Format::Yaml) {
                pitfalls::explain(&mut diagnostics.0, &text);
            }
            // Only to place removed characters; never over a text too deep to parse.
            let map = if removed.is_empty() || limits::prescan_depth(&text).is_some() {
                SourceMap::default()
            } else {
                SourceMap::build(&text)
            };
            diagnostics.0.extend(hygiene::warnings(&removed, &map));
            if let Some((_, map, _)) = &salvaged {
                let tags = tag_errors(map, &diagnostics.0);
                diagnostics.0.extend(tags);
            }
            crate::error::sort_by_position(&mut diagnostics.0);
            Err(Failure {
                error: Error::Invalid(diagnostics),
                salvaged: salvaged.map(|(document, source_map, salvage)| {
                    let parsed = Parsed {
                        document,
                        source_map,
                        // The invisible characters are reported already.
                        warnings: Vec::new(),
                    };
                    (parsed, salvage)
                }),
            })
        }
        Err(f) => Err(no_salvage(f.error)),
    }
}

/// YAML tags (`!custom`, `!!binary`) change what a value is, silently:
/// documents have no use for them. Lines that already have an error (a
/// text starting with `!`, told by [`pitfalls`]) are not told twice.
fn tag_errors(map: &SourceMap, found: &[Diagnostic]) -> Vec<Diagnostic> {
    map.tags()
        .iter()
        .filter(|(_, _, line, _)| !found.iter().any(|d| d.is_error() && d.line == Some(*line)))
        .map(|(path, tag, line, column)| {
            Diagnostic::error(
                path.clone(),
                format!("`{tag}` is a YAML tag; vanban documents do not use tags"),
            )
            .with_hint(format!(
                "remove `{tag}`; a text that starts with `!` is quoted: \"{tag} …\""
            ))
            .at(*line, *column)
        })
        .collect()
}

/// `value: 20.000` reads as 20 in YAML, where a Vietnamese writer meant
/// twenty thousand: a warning that asks which was meant.
pub(crate) fn number_warnings(map: &SourceMap) -> Vec<Diagnostic> {
    map.three_decimals()
        .iter()
        .map(|(path, text, line, column)| {
            let whole = text.replace('.', "");
            let whole = whole.trim_start_matches('0');
            Diagnostic::warning(
                path.clone(),
                format!(
                    "`{text}` reads as {} (YAML's decimal point), not {} (a Vietnamese thousands separator)",
                    crate::vi::parse_number(&text.replace('.', ",")).map_or_else(String::new, |d| crate::vi::format_number(d, 3)),
                    crate::vi::format_number(crate::vi::parse_number(if whole.is_empty() { "0" } else { whole }).unwrap_or_default(), 0),
                ),
            )
            .with_hint(format!(
                "write `{}` or `\"{text}\"` for the thousands, or `\"{}\"` for the decimals",
                if whole.is_empty() { "0" } else { whole },
                text.replace('.', ",")
            ))
            .at(*line, *column)
        })
        .collect()
}

/// A document built in Rust: no text, no positions; escaped invisible
/// characters are still reported.
pub(crate) fn from_model(document: model::Document) -> Parsed {
    let source_map = SourceMap::default();
    let warnings = hygiene::escaped(&document, &source_map);
    Parsed {
        document,
        source_map,
        warnings,
    }
}

/// Text pasted from Word or macOS often arrives decomposed: normalise every
/// string to NFC (the whole input at once), without copying text already in NFC.
fn nfc_cow(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Whether `text` says it is a document of `kind` (`kind: ke-hoach`); read
/// for nothing else, so that a file that is not a document (a password
/// file a link points at) is refused without a word of it quoted.
pub(crate) fn declares_kind(text: &str, kind: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    text.len() <= MAX_INPUT_BYTES
        && limits::prescan_depth(text).is_none()
        && serde_yaml::from_str::<KindOnly>(text).is_ok_and(|d| d.kind.as_deref() == Some(kind))
}

/// One error at the document's root.
pub(crate) fn invalid(d: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![d]))
}
