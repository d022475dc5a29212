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
            Ok(Parsed {
                document,
                source_map,
                warnings,
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

/// One error at the document's root.
pub(crate) fn invalid(d: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![d]))
}
