//! The parts every outline shares: Roman-numbered sections counted as they
//! appear, a section of tasks field by field, and the document's own order
//! of sections (`sections:`).

use crate::model::{Block, Document, SectionEntry, Tasks, standard_sections};
use crate::vi;

use super::ViewBlock;
use super::blocks::flatten_into;
use super::numbering::Ctx;

/// Counts the Roman-numbered sections actually present.
pub(crate) struct Sections {
    count: usize,
}

impl Sections {
    /// No section opened yet.
    pub(crate) fn new() -> Self {
        Sections { count: 0 }
    }

    /// Opens the next section: `I.`, `II.` … and its title in capitals.
    pub(crate) fn open(&mut self, ctx: &Ctx, title: &str, out: &mut Vec<ViewBlock>) {
        self.count += 1;
        out.push(ViewBlock::Section {
            label: ctx.label(0, &[self.count]),
            title: vi::upper(title.trim()),
        });
    }
}

/// A numbered item with a title.
pub(crate) fn item(title: &str, body: Vec<Block>) -> Block {
    Block::Item {
        title: title.to_string(),
        body,
    }
}

/// A `Tasks`-shaped section as numbered items: intro, standard fields in
/// order (under the document's titles), then the document's own.
pub(crate) fn field_items(fields: &Tasks, ctx: &Ctx) -> Vec<Block> {
    let mut items = fields.intro.clone();
    for (field, blocks) in fields.fields() {
        items.push(item(
            &ctx.title(field.key(), field.title()),
            blocks.to_vec(),
        ));
    }
    for section in &fields.other {
        items.push(item(&section.title, section.body.clone()));
    }
    items
}

/// A standard section as the kind prints it: its default title and content.
pub(crate) struct Standard {
    /// The title when the document gives none.
    pub title: String,
    /// What the section holds, flattened.
    pub blocks: Vec<ViewBlock>,
}

/// The flattened body of a plan or a report: the preamble, the sections
/// (the document's own outline, or the kind's standard one), the closing,
/// and the body's last mark.
pub(crate) fn outlined_body(
    doc: &Document,
    standard: &mut dyn FnMut(&str, &Ctx) -> Option<Standard>,
) -> Vec<ViewBlock> {
    let ctx = Ctx::of(doc);
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &ctx, &mut out);
    sections_into(
        doc,
        &ctx,
        &mut Sections::new(),
        &mut |key| standard(key, &ctx),
        &mut out,
    );
    flatten_into(&doc.closing, &Vec::new(), &ctx, &mut out);
    super::close_body(&mut out);
    out
}

/// The top-level sections: the kind's standard ones in their order, or
/// exactly the document's `sections:`. `standard` gives a standard section
/// by key (none when the document has nothing for it).
pub(crate) fn sections_into(
    doc: &Document,
    ctx: &Ctx,
    sections: &mut Sections,
    standard: &mut dyn FnMut(&str) -> Option<Standard>,
    out: &mut Vec<ViewBlock>,
) {
    match &doc.sections {
        None => {
            for s in standard_sections(doc.kind) {
                if let Some(found) = standard(s.key) {
                    sections.open(ctx, &ctx.title(s.key, &found.title), out);
                    out.extend(found.blocks);
                }
            }
        }
        Some(entries) => {
            for entry in entries {
                match entry {
                    SectionEntry::Name(key) | SectionEntry::Use { key, .. } => {
                        let key = key.trim();
                        let Some(found) = standard(key) else { continue };
                        let title = match entry {
                            SectionEntry::Use { title: Some(t), .. } if !t.trim().is_empty() => {
                                t.trim().to_string()
                            }
                            _ => ctx.title(key, &found.title),
                        };
                        sections.open(ctx, &title, out);
                        out.extend(found.blocks);
                    }
                    SectionEntry::Own(own) => {
                        sections.open(ctx, &own.title, out);
                        flatten_into(&own.body, &Vec::new(), ctx, out);
                    }
                }
            }
        }
    }
}
