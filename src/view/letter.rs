//! The body of a công văn: opening, "Một là, …" tasks, closing.

use crate::model::Document;
use crate::vi;

use super::blocks::{flatten_into, without_close_mark};
use super::numbering::Ctx;
use super::outline::{Sections, sections_into};
use super::{ViewBlock, close_body};

/// The flattened body of a công văn.
pub(crate) fn body(doc: &Document) -> Vec<ViewBlock> {
    let ctx = Ctx::of(doc);
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &ctx, &mut out);
    if let Some(letter) = &doc.letter {
        flatten_into(&letter.opening, &Vec::new(), &ctx, &mut out);
        for (i, task) in letter.tasks.iter().enumerate() {
            out.push(ViewBlock::Paragraph {
                label: Some(format!("{},", vi::ordinal_lead(i as u64 + 1))),
                text: without_close_mark(task),
            });
        }
        sections_into(doc, &ctx, &mut Sections::new(), &mut |_| None, &mut out);
        flatten_into(&letter.closing, &Vec::new(), &ctx, &mut out);
    }
    flatten_into(&doc.closing, &Vec::new(), &ctx, &mut out);
    close_body(&mut out);
    out
}
