//! Every user text (and every table) of a document, with its YAML path, for
//! a stage that rewrites them (the resolve stage expands figure references
//! in texts and computes the rows of tables of figures).
//!
//! The walk goes over the document's serde form, which is its input form
//! (JSON and YAML read back what `Serialize` writes: the round trip is a
//! tested property of every model type). So every text of every type is
//! visited, with the path a clerk wrote, and a new model type or block is
//! covered as soon as it serialises as it reads: nothing else to implement.
//! Values that are not text a reader sees (ids, keys, kinds, dates, and the
//! figure ids of a table) are skipped.

use serde_json::Value;

use super::{Document, Table};

/// Keys whose string values are identifiers, not text.
const NOT_TEXT: &[&str] = &[
    "id",
    "target",
    "share-of",
    "kind",
    "field",
    "date",
    "plan-file",
    "value",
    "urgency",
    "secrecy",
    "figure",
    "show",
];

/// Calls `text` with the path and text of every user text, and `table`
/// with the path (`…table`) and content of every table (nested ones
/// included, after their own texts); returns the document as they left it.
/// Each returns whether it changed what it was given: an untouched document
/// is returned as it was, without a round trip. One walk over one serde
/// form serves both.
///
/// An edited form that no longer reads back as a document is an error (a
/// bug of the editing stage): the message says what did not read.
pub(crate) fn edit(
    doc: Document,
    text: &mut dyn FnMut(&str, &mut String) -> bool,
    table: &mut dyn FnMut(&str, &mut Table) -> bool,
) -> Result<Document, (Document, String)> {
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return Ok(doc);
    };
    let mut changed = false;
    walk(
        &mut value,
        String::new(),
        text,
        &mut Some(table),
        &mut changed,
    );
    if !changed {
        return Ok(doc);
    }
    serde_json::from_value(value).map_err(|e| (doc, e.to_string()))
}

/// Calls `visit` with the path and text of every user text.
pub(crate) fn for_each_text(doc: &Document, visit: &mut dyn FnMut(&str, &str)) {
    if let Ok(mut value) = serde_json::to_value(doc) {
        let mut changed = false;
        walk(
            &mut value,
            String::new(),
            &mut |path, text| {
                visit(path, text);
                false
            },
            &mut None,
            &mut changed,
        );
    }
}

/// A table editor, or none (a walk that only reads the texts).
type TableEdit<'a> = Option<&'a mut dyn FnMut(&str, &mut Table) -> bool>;

/// Visits the texts under `value`, and edits each table after its own texts
/// (`results.table` chooses the results table's columns: it is not a table
/// of the body).
fn walk(
    value: &mut Value,
    path: String,
    text: &mut dyn FnMut(&str, &mut String) -> bool,
    table: &mut TableEdit<'_>,
    changed: &mut bool,
) {
    match value {
        Value::String(s) => *changed |= text(&path, s),
        Value::Array(items) => {
            // A table's `figures:` holds ids.
            if path.ends_with("table.figures") {
                return;
            }
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, join_index(&path, i), text, table, changed);
            }
        }
        Value::Object(fields) => {
            let is_results = path == "results";
            for (key, item) in fields.iter_mut() {
                if NOT_TEXT.contains(&key.as_str()) && item.is_string() {
                    continue;
                }
                let item_path = join_key(&path, key);
                walk(item, item_path.clone(), text, table, changed);
                if key == "table"
                    && !is_results
                    && let Some(edit) = table.as_mut()
                    && let Ok(mut content) = serde_json::from_value::<Table>(item.clone())
                    && edit(&item_path, &mut content)
                    && let Ok(edited) = serde_json::to_value(&content)
                {
                    *item = edited;
                    *changed = true;
                }
            }
        }
        _ => {}
    }
}

/// `a` + `b` → `a.b` (the paths of the source map).
fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `a` + 2 → `a[2]`.
fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_visited_with_its_path() {
        let doc: Document = serde_yaml::from_str(
            "kind: bao-cao\nissuer: { name: Sở, code: S }\nplace: Yên Bái\ndate: 2024-07-05\n\
             subject: BC ((a))\ndirection: [ x, { title: T, body: [ { bullets: [ b, { text: c, bullets: [ d ] } ] } ] } ]\n\
             results: { indicators: [ { id: viec-lam, name: N, actual: 1 } ] }\n\
             signature: { title: Giám đốc, name: A }\narchive: VT\n",
        )
        .unwrap();
        let mut seen = Vec::new();
        for_each_text(&doc, &mut |p, t| seen.push(format!("{p}={t}")));
        for want in [
            "subject=BC ((a))",
            "direction[0]=x",
            "direction[1].title=T",
            "direction[1].body[0].bullets[1].bullets[0]=d",
            "results.indicators[0].name=N",
            "signature.name=A",
        ] {
            assert!(seen.contains(&want.to_string()), "{want} in {seen:?}");
        }
        assert!(!seen.iter().any(|s| s.contains("viec-lam")), "{seen:?}");
        let edited = edit(
            doc,
            &mut |_, t| {
                let had = t.contains("((a))");
                *t = t.replace("((a))", "A");
                had
            },
            &mut |_, _| false,
        )
        .unwrap();
        assert_eq!(edited.subject, "BC A");
    }
}
