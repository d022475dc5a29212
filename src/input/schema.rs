//! The JSON Schema of the input, generated from the model, and the
//! structural check built on it.
//!
//! serde stops at the first wrong type or unknown key. When it does, the
//! same input is checked against the schema, which finds every structural
//! problem at once: unknown and missing keys, wrong types, values that are
//! not allowed. Editors use the same schema (`vanban schema`) to complete
//! and check fields as the user types.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::source_map::{SourceMap, join_index, join_key};
use crate::error::Diagnostic;
use crate::model::{Date, Document};
use crate::suggest::{closest, unknown_key_hint};

/// The most problems reported for one input: past this, the rest is noise.
pub const MAX_PROBLEMS: usize = 100;

/// The JSON Schema (draft 2020-12) of a document.
pub fn document_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = serde_json::to_value(schemars::schema_for!(Document))
            .expect("a generated schema is JSON");
        schema["title"] = "vanban document".into();
        schema
    })
}

/// The schema as pretty JSON, as `vanban schema` prints it.
pub fn schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(document_schema()).expect("a schema serialises to JSON");
    text.push('\n');
    text
}

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            // Our dates: real calendar dates, as `Date` parses them.
            .with_format("date", |s: &str| Date::parse(s).is_ok())
            .build(document_schema())
            .expect("the generated schema is a valid JSON Schema")
    })
}

/// Every structural problem of `instance` (a document as JSON), located
/// through `map`, in source order.
pub fn structural_problems(instance: &Value, map: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for error in validator().iter_errors(instance) {
        explain(&error, instance, map, &mut out);
    }
    out.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0)));
    out.dedup();
    out.truncate(MAX_PROBLEMS);
    out
}

fn explain(error: &ValidationError<'_>, root: &Value, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    let path = yaml_path(error, root);
    let located = |d: Diagnostic, at: &str, key: bool| {
        let pos = if key {
            map.locate_key(at)
        } else {
            map.locate(at)
        };
        match pos {
            Some((line, column)) => d.at(line, column),
            None => d,
        }
    };
    let instance = error.instance();
    if path.is_empty() && instance.is_null() {
        let d = Diagnostic::error("", "the input is empty").with_hint(
            "start from an example in `examples/`, or from `kind:`, `issuer:`, `number:`, `date:` …",
        );
        out.push(d);
        return;
    }
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let node = schema_node(error.schema_path().as_str(), true);
            let valid: Vec<&str> = node
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for key in unexpected {
                let at = join_key(&path, key);
                let d = Diagnostic::error(at.clone(), format!("unknown key `{key}`"))
                    .with_hint(unknown_key_hint(key, &valid));
                out.push(located(d, &at, true));
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let d = Diagnostic::error(path.clone(), format!("the required key `{key}` is missing"))
                .with_hint(format!("add `{key}:` to this mapping"));
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::Type { .. } => {
            let expected = schema_node(error.schema_path().as_str(), true)
                .map(expected_of)
                .unwrap_or_else(|| "another type".into());
            let d = Diagnostic::error(
                path.clone(),
                format!("wrong type: expected {expected}, found {}", found(instance)),
            )
            .with_hint(type_hint(&expected));
            out.push(located(d, &path, false));
        }
        // The one pattern of the schema: a figure written the Vietnamese way.
        ValidationErrorKind::Pattern { .. } => {
            let d = Diagnostic::error(
                path.clone(),
                format!("wrong type: expected a number, found {}", found(instance)),
            )
            .with_hint(format!(
                "{}; in quotes, the Vietnamese way: \"20.000\", \"3.564,68\"",
                type_hint("a number")
            ));
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            out.push(located(
                not_allowed(&path, instance, &allowed),
                &path,
                false,
            ));
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            let message = if limit.as_f64() == Some(0.0) {
                format!("{} cannot be negative", scalar_text(instance))
            } else {
                format!(
                    "{} is below the smallest allowed value, {limit}",
                    scalar_text(instance)
                )
            };
            let d = Diagnostic::error(path.clone(), message)
                .with_hint(format!("write a figure of {limit} or more"));
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let d = Diagnostic::error(
                path.clone(),
                format!(
                    "{} is above the largest allowed value, {limit}",
                    scalar_text(instance)
                ),
            )
            .with_hint("write a smaller number");
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            let message = instance
                .as_str()
                .and_then(|s| Date::parse(s).err())
                .unwrap_or_else(|| "not a date".into());
            let d = Diagnostic::error(path.clone(), message)
                .with_hint("write the date as YYYY-MM-DD, e.g. 2024-03-05");
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }
            if let Some(allowed) = constants(context) =>
        {
            // An enum whose values carry descriptions: one `const` per value.
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            out.push(located(
                not_allowed(&path, instance, &allowed),
                &path,
                false,
            ));
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. }
            if let Some(keys) = several_forms(error, instance) =>
        {
            let node = schema_node(error.schema_path().as_str(), true);
            let hint = node
                .and_then(|n| n.get("description"))
                .and_then(Value::as_str)
                .unwrap_or("keep one of them");
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            let d = Diagnostic::error(
                path.clone(),
                format!(
                    "this mapping has {}: they are different forms, write only one",
                    keys.join(" and ")
                ),
            )
            .with_hint(hint);
            out.push(located(d, &path, false));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            match best_branch(context, error.instance_path().as_str()) {
                Some(branch) => {
                    for e in branch {
                        explain(e, root, map, out);
                    }
                }
                None => {
                    let node = schema_node(error.schema_path().as_str(), true);
                    let expected = node
                        .map(expected_of)
                        .unwrap_or_else(|| "another form".into());
                    // The alternatives' own description says best what to write.
                    let hint = node
                        .and_then(|n| n.get("description"))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .unwrap_or_else(|| type_hint(&expected));
                    let d = Diagnostic::error(
                        path.clone(),
                        format!("wrong type: expected {expected}, found {}", found(instance)),
                    )
                    .with_hint(hint);
                    out.push(located(d, &path, false));
                }
            }
        }
        _ => {
            let d = Diagnostic::error(path.clone(), error.to_string());
            out.push(located(d, &path, false));
        }
    }
}

/// "`gap` is not allowed here", with the closest allowed value.
fn not_allowed(path: &str, instance: &Value, allowed: &[&str]) -> Diagnostic {
    let value = scalar_text(instance);
    let hint = match closest(&value, allowed) {
        Some(best) => format!("did you mean `{best}`? Allowed: {}", allowed.join(", ")),
        None => format!("allowed: {}", allowed.join(", ")),
    };
    Diagnostic::error(path, format!("`{value}` is not allowed here")).with_hint(hint)
}

/// For a mapping matched against alternatives told apart by a key (a block
/// is an item by `title`, bullets by `bullets` …): the keys of more than one
/// alternative, when the mapping has them.
fn several_forms(error: &ValidationError<'_>, instance: &Value) -> Option<Vec<String>> {
    let object = instance.as_object()?;
    let node = schema_node(error.schema_path().as_str(), true)?;
    let branches = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))?
        .as_array()?;
    let mut keys = Vec::new();
    for branch in branches.iter().map(resolve) {
        let required = branch.get("required").and_then(Value::as_array);
        if let Some([Value::String(key)]) = required.map(Vec::as_slice)
            && object.contains_key(key)
        {
            keys.push(key.clone());
        }
    }
    (keys.len() > 1).then_some(keys)
}

/// A schema node with its `$ref` followed.
fn resolve(node: &Value) -> &Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => document_schema()
            .pointer(r.trim_start_matches('#'))
            .unwrap_or(node),
        None => node,
    }
}

/// The allowed values when every alternative is a single constant.
fn constants(branches: &[Vec<ValidationError<'static>>]) -> Option<Vec<String>> {
    branches
        .iter()
        .map(|errors| match errors.as_slice() {
            [e] => match e.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    expected_value.as_str().map(str::to_string)
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Of the alternatives of an `anyOf`, the one the writer meant: the one
/// whose own type matches and whose required key is present (`title:` means
/// an item), so that its errors, not a list of every alternative's, are shown.
fn best_branch<'a>(
    branches: &'a [Vec<ValidationError<'static>>],
    at: &str,
) -> Option<&'a [ValidationError<'static>]> {
    let here = |e: &ValidationError<'_>| e.instance_path().as_str() == at;
    branches
        .iter()
        .filter(|errors| {
            !errors.is_empty()
                && !errors.iter().any(|e| {
                    here(e)
                        && matches!(
                            e.kind(),
                            ValidationErrorKind::Type { .. } | ValidationErrorKind::Required { .. }
                        )
                })
        })
        .min_by_key(|errors| errors.len())
        .map(Vec::as_slice)
}

/// The schema object holding the keyword at `keyword_path` (a JSON pointer
/// into the root schema ending with the keyword), or the node itself.
fn schema_node(keyword_path: &str, parent: bool) -> Option<&'static Value> {
    let pointer = if parent {
        keyword_path.rsplit_once('/').map_or("", |(p, _)| p)
    } else {
        keyword_path
    };
    document_schema().pointer(pointer)
}

/// "a number", "text", "a whole number" … from a schema node.
fn expected_of(node: &Value) -> String {
    if let Some(r) = node.get("$ref").and_then(Value::as_str)
        && let Some(target) = document_schema().pointer(r.trim_start_matches('#'))
    {
        return expected_of(target);
    }
    if let Some(value) = node.get("const") {
        return format!("`{}`", scalar_text(value));
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return join_or(
            values
                .iter()
                .map(|v| format!("`{}`", scalar_text(v)))
                .collect(),
        );
    }
    if let Some(branches) = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Value::as_array)
    {
        let mut names: Vec<String> = branches.iter().map(expected_of).collect();
        names.dedup();
        return join_or(names);
    }
    let integer = node
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(|f| f.starts_with("uint") || f.starts_with("int"));
    let names: Vec<String> = match node.get("type") {
        Some(Value::String(t)) => vec![type_name(t, integer).into()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(|t| type_name(t, integer).into())
            .collect(),
        _ => vec!["another form".into()],
    };
    join_or(names)
}

fn join_or(mut names: Vec<String>) -> String {
    names.dedup();
    match names.len() {
        0 => "another form".into(),
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} or {last}", names.join(", "))
        }
    }
}

fn type_name(t: &str, integer: bool) -> &'static str {
    match t {
        "string" => "text",
        "integer" => "a whole number",
        "number" if integer => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a mapping",
        "null" => "nothing",
        _ => "another form",
    }
}

fn type_hint(expected: &str) -> String {
    if expected.contains("number") {
        "write the number without separators or units: 20000, 3.3".into()
    } else if expected == "text" {
        "write text here; quote it if it looks like a number or a date".into()
    } else if expected.contains("list") {
        "write a list: one `- ` item per line, or [a, b]".into()
    } else if expected.contains("mapping") {
        "write `key: value` lines here".into()
    } else {
        format!("write {expected} here")
    }
}

/// How a value was written, for "found …".
fn found(value: &Value) -> String {
    match value {
        Value::Null => "nothing (an empty value)".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{}`", shorten(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => shorten(s),
        other => other.to_string(),
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// The YAML path (`goals.targets[2].value`) of an error's instance.
fn yaml_path(error: &ValidationError<'_>, root: &Value) -> String {
    let mut path = String::new();
    let mut node = Some(root);
    for segment in error.instance_path().iter() {
        match segment {
            LocationSegment::Index(i) => {
                path = join_index(&path, i);
                node = node.and_then(|n| n.get(i));
            }
            LocationSegment::Property(key) => {
                // A numeric segment of a list is an index, whatever its spelling.
                match (node, key.parse::<usize>()) {
                    (Some(Value::Array(items)), Ok(i)) => {
                        path = join_index(&path, i);
                        node = items.get(i);
                    }
                    _ => {
                        path = join_key(&path, &key);
                        node = node.and_then(|n| n.get(key.as_ref()));
                    }
                }
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_every_top_level_key() {
        let schema = document_schema();
        let props = schema["properties"].as_object().unwrap();
        for key in [
            "kind",
            "issuer",
            "goals",
            "results",
            "letter",
            "layout",
            "plan-file",
        ] {
            assert!(props.contains_key(key), "{key} missing from the schema");
        }
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
    }
}
