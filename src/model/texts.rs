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

/// Calls `edit` with the path and text of every user text; returns the
/// document with the texts as `edit` left them. `edit` returns whether it
/// changed the text: an untouched document is returned as it was.
pub(crate) fn edit_texts(
    doc: Document,
    edit: &mut dyn FnMut(&str, &mut String) -> bool,
) -> Document {
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return doc;
    };
    let mut changed = false;
    walk(&mut value, String::new(), edit, &mut changed);
    if !changed {
        return doc;
    }
    serde_json::from_value(value).unwrap_or(doc)
}

/// Calls `edit` with the path (`…table`) and the content of every table,
/// nested ones included; returns the document with the tables as `edit`
/// left them (`edit` returns whether it changed one).
pub(crate) fn edit_tables(
    doc: Document,
    edit: &mut dyn FnMut(&str, &mut Table) -> bool,
) -> Document {
    fn walk(
        value: &mut Value,
        path: String,
        edit: &mut dyn FnMut(&str, &mut Table) -> bool,
    ) -> bool {
        let mut changed = false;
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    changed |= walk(item, join_index(&path, i), edit);
                }
            }
            Value::Object(fields) => {
                for (key, item) in fields.iter_mut() {
                    let item_path = join_key(&path, key);
                    // `results.table` chooses the results table's columns: not a table of the body.
                    if key == "table"
                        && path != "results"
                        && let Ok(mut table) = serde_json::from_value::<Table>(item.clone())
                    {
                        if edit(&item_path, &mut table)
                            && let Ok(edited) = serde_json::to_value(&table)
                        {
                            *item = edited;
                            changed = true;
                        }
                        continue;
                    }
                    changed |= walk(item, item_path, edit);
                }
            }
            _ => {}
        }
        changed
    }
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return doc;
    };
    if !walk(&mut value, String::new(), edit) {
        return doc;
    }
    serde_json::from_value(value).unwrap_or(doc)
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
            &mut changed,
        );
    }
}

fn walk(
    value: &mut Value,
    path: String,
    edit: &mut dyn FnMut(&str, &mut String) -> bool,
    changed: &mut bool,
) {
    match value {
        Value::String(s) => *changed |= edit(&path, s),
        Value::Array(items) => {
            // A table's `figures:` holds ids.
            if path.ends_with("table.figures") {
                return;
            }
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, join_index(&path, i), edit, changed);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields.iter_mut() {
                if NOT_TEXT.contains(&key.as_str()) && item.is_string() {
                    continue;
                }
                walk(item, join_key(&path, key), edit, changed);
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
        let edited = edit_texts(doc, &mut |_, t| {
            let had = t.contains("((a))");
            *t = t.replace("((a))", "A");
            had
        });
        assert_eq!(edited.subject, "BC A");
    }
}
