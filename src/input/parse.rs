//! YAML (or JSON) text → [`Document`], with every error located.
//!
//! serde_yaml reports syntax and type errors with a line and column;
//! serde_path_to_error adds the YAML path. Semantic checks run afterwards, in
//! validation, and are located through the [`SourceMap`].

use super::salvage::{self, Salvage};
use super::source_map::{SourceMap, join_key};
use super::{limits, schema};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::model::Document;
use crate::suggest::{closest, unknown_key_hint};

/// The largest input accepted, in bytes: far above any real document, far
/// below what could exhaust memory.
pub(crate) const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// A document and where its values are.
pub(crate) type Parsed = (Document, SourceMap);

/// A text that is not a document: its problems, and what still makes one.
pub(crate) struct Failure {
    pub error: Error,
    pub salvaged: Option<(Document, SourceMap, Salvage)>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self {
            error,
            salvaged: None,
        }
    }
}

/// Parses YAML text into a document (no semantic checks yet); the size is checked by the caller.
pub(crate) fn parse_yaml(text: &str) -> std::result::Result<Parsed, Failure> {
    parse_yaml_sized(text)
}

/// Refuses an input above [`MAX_INPUT_BYTES`] before any work is done on it.
pub(crate) fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(super::invalid(
            Diagnostic::error(
                "",
                format!(
                    "the input is {} bytes; the limit is {} bytes",
                    text.len(),
                    MAX_INPUT_BYTES
                ),
            )
            .with_hint(
                "split the document, or move large tables into appendices of separate documents",
            ),
        ));
    }
    Ok(())
}

/// Refuses an input nested far too deep before a parser sees it: their cost
/// grows with the square of the depth, and their stack with it.
fn prescan(text: &str) -> Result<()> {
    match limits::prescan_depth(text) {
        Some((line, column)) => Err(Error::Invalid(Diagnostics(vec![limits::too_deep(
            line, column,
        )]))),
        None => Ok(()),
    }
}

fn parse_yaml_sized(text: &str) -> std::result::Result<Parsed, Failure> {
    prescan(text)?;
    let de = serde_yaml::Deserializer::from_str(text);
    let result = serde_path_to_error::deserialize::<_, Document>(de);
    let source_map = SourceMap::build(text);
    within_limits(&source_map)?;
    match result {
        Ok(document) => Ok((document, source_map)),
        Err(err) => {
            let path = yaml_path(&err.path().to_string());
            let inner = err.into_inner();
            let first = diagnostic_from_serde(&path, &inner, &source_map);
            let json = serde_yaml::from_str::<serde_yaml::Value>(text)
                .ok()
                .and_then(|v| serde_json::to_value(v).ok());
            Err(failure(first, json, source_map))
        }
    }
}

/// serde's first error and the schema's problems, with what still parses.
fn failure(first: Diagnostic, json: Option<serde_json::Value>, map: SourceMap) -> Failure {
    let all = json
        .as_ref()
        .map(|json| schema::structural_problems(json, &map))
        .unwrap_or_default();
    Failure {
        error: every_problem(first, all),
        salvaged: json
            .and_then(salvage::salvage)
            .map(|(document, salvage)| (document, map, salvage)),
    }
}

/// serde's first error, together with every structural problem the schema
/// finds; serde's is kept when the schema cannot see it (a duplicate key,
/// a block with two kinds).
fn every_problem(first: Diagnostic, mut all: Vec<Diagnostic>) -> Error {
    let related = |d: &Diagnostic| {
        d.path == first.path
            || d.path.starts_with(&first.path) && !first.path.is_empty()
            || first.path.starts_with(&d.path) && !d.path.is_empty()
    };
    if !all.iter().any(related) {
        all.push(first);
        all.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0)));
    }
    Error::Invalid(Diagnostics(all))
}

/// Parses JSON text into a document; the size is checked by the caller.
pub(crate) fn parse_json(text: &str) -> std::result::Result<Parsed, Failure> {
    prescan(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde_path_to_error::deserialize::<_, Document>(&mut de);
    // JSON is YAML to the source map, which locates every problem.
    let source_map = SourceMap::build(text);
    within_limits(&source_map)?;
    match result {
        Ok(document) => Ok((document, source_map)),
        Err(err) => {
            let path = yaml_path(&err.path().to_string());
            let inner = err.into_inner();
            let (line, column) = (inner.line(), inner.column());
            let (message, hint) = explain(&inner.to_string());
            let mut first = Diagnostic::error(path, message).at(line, column);
            first.hint = hint;
            let json = serde_json::from_str::<serde_json::Value>(text).ok();
            Err(failure(first, json, source_map))
        }
    }
}

/// Refuses an input too deep, too long or too big ([`super::limits`]).
fn within_limits(map: &SourceMap) -> Result<()> {
    let mut problems = limits::check(map.shape());
    if problems.is_empty() {
        return Ok(());
    }
    for d in &mut problems {
        if let Some((line, column)) = map.locate(&d.path) {
            *d = d.clone().at(line, column);
        }
    }
    Err(Error::Invalid(Diagnostics(problems)))
}

/// serde_path_to_error writes `?` for an unknown position and `.` at the root.
fn yaml_path(path: &str) -> String {
    if path == "." || path == "?" {
        String::new()
    } else {
        // `signature.?`: a key serde never read; the mapping is what is known.
        path.replace(".?", "")
    }
}

fn diagnostic_from_serde(path: &str, err: &serde_yaml::Error, map: &SourceMap) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml prefixes the path; the diagnostic carries it separately.
    let raw = raw
        .strip_prefix(&format!("{path}: "))
        .map(str::to_string)
        .unwrap_or(raw);
    let (message, hint) = explain(&raw);
    let mut d = Diagnostic::error(path, message);
    d.hint = hint;
    // serde_yaml places a duplicate key at its mapping: point at the second writing.
    if let Some(key) = raw
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
        && let Some((line, col)) = map.locate_duplicate(&join_key(path, key))
    {
        d.path = join_key(path, key);
        d = d.at(line, col);
    } else if let Some(loc) = err.location() {
        d = d.at(loc.line(), loc.column());
    } else if let Some((line, col)) = if raw.contains("unknown field") {
        map.locate_key(path)
    } else {
        map.locate(path)
    } {
        d = d.at(line, col);
    }
    d
}

/// Rewords serde's messages for people: drops the position serde appends and
/// turns "unknown field" lists into a suggestion of the closest key.
fn explain(raw: &str) -> (String, Option<String>) {
    let message = strip_position(raw);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, valid) = named_and_allowed(rest);
        return (
            format!("unknown key `{key}`"),
            Some(unknown_key_hint(key, &valid)),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the key `{key}` is written twice"),
            Some("keep one of the two".into()),
        );
    }
    let syntax_hint = [
        (
            "mapping values are not allowed",
            "a value with `: ` in it must be quoted: subject: \"Kế hoạch: …\"",
        ),
        (
            "cannot start any token",
            "YAML is indented with spaces, never tabs; a value starting with `@`, `` ` `` or `%` must be quoted",
        ),
        (
            "end of stream",
            "a quote or a bracket opened earlier is never closed",
        ),
        (
            "did not find expected",
            "check the indentation and the brackets of the lines above",
        ),
    ];
    if let Some((_, hint)) = syntax_hint.iter().find(|(m, _)| message.contains(m)) {
        return (message, Some(hint.to_string()));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the required key `{key}` is missing"),
            Some(format!("add `{key}:` to this mapping")),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, valid) = named_and_allowed(rest);
        let hint = match closest(value, &valid) {
            Some(best) => format!("did you mean `{best}`? Allowed: {}", valid.join(", ")),
            None => format!("allowed: {}", valid.join(", ")),
        };
        return (format!("`{value}` is not allowed here"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return (
            format!("wrong type: {rest}"),
            Some(
                "check the value's type: quote text, write numbers without separators (20000, 3.3)"
                    .into(),
            ),
        );
    }
    (message, None)
}

/// Splits serde's "`x`, expected one of `a`, `b`" (after the first backtick)
/// into the name and the allowed names.
fn named_and_allowed(rest: &str) -> (&str, Vec<&str>) {
    let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let allowed = expected
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    (name, allowed)
}

fn strip_position(raw: &str) -> String {
    match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.to_string(),
    }
}
