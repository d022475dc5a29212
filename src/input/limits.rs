//! Limits on the size and shape of an input, each far above any real
//! document and each with a clear error: a hostile or broken input is
//! refused before it can make typesetting hang or exhaust memory.

use super::source_map::Shape;
use crate::error::Diagnostic;

/// The deepest nesting of mappings and lists. A plan's deepest content
/// (an a) point in a 1.1. item in a field's tasks, with bullets) is about 14.
pub const MAX_DEPTH: usize = 32;

/// The most entries in one list: items, bullets, table rows, recipients.
pub const MAX_LIST: usize = 2_000;

/// The most values in one input (every text, number, mapping and list).
pub const MAX_NODES: usize = 50_000;

/// The longest text value, in characters: some eight pages of one paragraph.
pub const MAX_TEXT: usize = 20_000;

/// Every limit the input's shape exceeds.
pub fn check(shape: &Shape) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if shape.depth > MAX_DEPTH {
        out.push(
            Diagnostic::error(
                "",
                format!(
                    "the input nests {} levels deep; the limit is {MAX_DEPTH}",
                    shape.depth
                ),
            )
            .with_hint("flatten the content: items nest at most a few levels in a real document"),
        );
    }
    let (len, path) = &shape.longest_list;
    if *len > MAX_LIST {
        out.push(
            Diagnostic::error(
                path.clone(),
                format!("this list has {len} entries; the limit is {MAX_LIST}"),
            )
            .with_hint("split it, or put the data in separate documents"),
        );
    }
    if shape.nodes > MAX_NODES {
        out.push(
            Diagnostic::error(
                "",
                format!(
                    "the input has {} values; the limit is {MAX_NODES}",
                    shape.nodes
                ),
            )
            .with_hint("split the document, or move large tables into separate documents"),
        );
    }
    let (chars, path) = &shape.longest_text;
    if *chars > MAX_TEXT {
        out.push(
            Diagnostic::error(
                path.clone(),
                format!("this text is {chars} characters long; the limit is {MAX_TEXT}"),
            )
            .with_hint("split it into paragraphs: a list of texts, one per paragraph"),
        );
    }
    out
}
