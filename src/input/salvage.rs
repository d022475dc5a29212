//! What still parses in a document that does not: the keys serde refuses
//! are left out one by one until the rest makes a [`Document`], so that the
//! later stages can report their problems beside the structural ones.
//!
//! Only mapping keys are ever left out (a list element never is: the paths
//! of the elements after it would shift). A key the model requires and the
//! text lacks (often misspelt) gets an empty text in its place; one that is
//! not a text takes its parent mapping with it. Problems the later stages
//! find in what was left out, or caused by leaving it out, are not reported.

use serde_json::Value;
use serde_path_to_error::Segment;

use super::source_map::{join_index, join_key};
use crate::error::Diagnostic;
use crate::model::Document;

/// How many keys may be left out before giving up: each try deserialises
/// the whole document again.
const MAX_LEFT_OUT: usize = 32;

/// What was left out of a document to make it parse.
pub(crate) struct Salvage {
    /// YAML paths of the values left out.
    left_out: Vec<String>,
    /// Whether something other than an unknown key was left out (then a
    /// figure reference may name a figure that was there).
    lost_values: bool,
}

/// The document `json` makes once the keys serde refuses are left out, or
/// `None` when what is left is not a document.
pub(crate) fn salvage(mut json: Value) -> Option<(Document, Salvage)> {
    let mut left_out: Vec<String> = Vec::new();
    let mut stood_in: Vec<String> = Vec::new();
    let mut lost_values = false;
    for _ in 0..MAX_LEFT_OUT {
        let err = match serde_path_to_error::deserialize::<_, Document>(&json) {
            // JSON took what YAML did not: nothing to salvage.
            Ok(_) if left_out.is_empty() => return None,
            Ok(document) => {
                return Some((
                    document,
                    Salvage {
                        left_out,
                        lost_values,
                    },
                ));
            }
            Err(err) => err,
        };
        let mut keys = keys_of(err.path())?;
        let message = err.inner().to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            // serde_path_to_error's path ends with the unknown key itself.
            let key = rest.split('`').next()?;
            if !matches!(keys.last(), Some(Key::Name(last)) if last == key) {
                keys.push(Key::Name(key.to_string()));
            }
        } else if let Some(rest) = message.strip_prefix("missing field `") {
            // A missing (or misspelt) key gets an empty text in its place,
            // once: most required keys are texts. One that is not takes
            // the mapping missing it.
            lost_values = true;
            let key = rest.split('`').next()?;
            let (node, path) = node_at(&mut json, &keys)?;
            let path = join_key(&path, key);
            if !stood_in.contains(&path)
                && let Some(mapping) = node.as_object_mut()
            {
                mapping.insert(key.to_string(), Value::String(String::new()));
                stood_in.push(path.clone());
                left_out.push(path);
                continue;
            }
        } else {
            // A wrong value goes.
            lost_values = true;
        }
        let path = remove_nearest_key(&mut json, &keys)?;
        left_out.push(path);
    }
    None
}

impl Salvage {
    /// Nothing left out: a document refused for something serde accepts.
    pub(crate) fn whole() -> Self {
        Self {
            left_out: Vec::new(),
            lost_values: false,
        }
    }

    /// Keeps the later stages' problems that are not about what was left
    /// out, nor caused by leaving it out, nor already among `found`.
    pub(crate) fn later_problems(
        &self,
        found: &[Diagnostic],
        problems: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        problems
            .into_iter()
            .filter(|d| !self.left_out.iter().any(|p| related(&d.path, p)))
            .filter(|d| {
                !found
                    .iter()
                    .any(|f| f.is_error() && related(&d.path, &f.path))
            })
            .filter(|d| !(self.lost_values && d.message.contains("names no figure")))
            .collect()
    }
}

/// One step of a path: a mapping key or a list index.
#[derive(Debug, Clone)]
enum Key {
    Name(String),
    Index(usize),
}

fn keys_of(path: &serde_path_to_error::Path) -> Option<Vec<Key>> {
    path.iter()
        .map(|segment| match segment {
            Segment::Seq { index } => Some(Key::Index(*index)),
            Segment::Map { key } => Some(Key::Name(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// Removes the value at the deepest mapping key of `keys` and returns its
/// YAML path; `None` when there is no such key (the root itself failed).
fn remove_nearest_key(json: &mut Value, keys: &[Key]) -> Option<String> {
    let last_name = keys.iter().rposition(|k| matches!(k, Key::Name(_)))?;
    let (parent, name) = (&keys[..last_name], &keys[last_name]);
    let (node, path) = node_at(json, parent)?;
    let Key::Name(name) = name else { return None };
    node.as_object_mut()?.remove(name.as_str())?;
    Some(join_key(&path, name))
}

/// The value at `keys`, and its YAML path.
fn node_at<'a>(json: &'a mut Value, keys: &[Key]) -> Option<(&'a mut Value, String)> {
    let mut node = json;
    let mut path = String::new();
    for key in keys {
        node = match key {
            Key::Name(n) => {
                path = join_key(&path, n);
                node.get_mut(n.as_str())?
            }
            Key::Index(i) => {
                path = join_index(&path, *i);
                node.get_mut(*i)?
            }
        };
    }
    Some((node, path))
}

/// A path at, inside or above the other.
fn related(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    };
    // The document as a whole is related to nothing in particular.
    !a.is_empty() && !b.is_empty() && (within(a, b) || within(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_related_only_along_one_branch() {
        assert!(related("goals.targets[0].value", "goals.targets"));
        assert!(related("goals", "goals.targets"));
        assert!(!related("goals.targets-extra", "goals.targets"));
        assert!(!related("tasks", "goals.targets"));
        assert!(!related("", "goals"));
        assert!(
            !related("goals", ""),
            "a problem of the whole hides nothing"
        );
    }

    #[test]
    fn a_required_key_that_is_not_text_takes_its_mapping_and_the_root_gives_up() {
        let json: Value = serde_json::json!({ "kind": "ke-hoach" });
        assert!(salvage(json).is_none());
    }
}
