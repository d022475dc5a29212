//! The body of a công văn: opening, "Một là, …" tasks, closing.

use crate::model::Document;
use crate::vi;

use super::blocks::flatten_into;
use super::{ViewBlock, close_body};

/// The flattened body of a công văn.
pub(crate) fn body(doc: &Document) -> Vec<ViewBlock> {
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &mut out);
    if let Some(letter) = &doc.letter {
        flatten_into(&letter.opening, &Vec::new(), &mut out);
        for (i, task) in letter.tasks.iter().enumerate() {
            out.push(ViewBlock::Paragraph {
                label: Some(format!("{},", vi::ordinal_lead(i as u64 + 1))),
                text: task.trim().to_string(),
            });
        }
        flatten_into(&letter.closing, &Vec::new(), &mut out);
    }
    close_body(&mut out);
    out
}
