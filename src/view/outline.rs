//! The parts every outline shares: Roman-numbered sections counted as they
//! appear, numbered items, and a section of tasks field by field.

use crate::model::{Block, Tasks};
use crate::vi;

use super::ViewBlock;

/// Counts the Roman-numbered sections actually present.
#[derive(Default)]
pub(crate) struct Sections(u32);

impl Sections {
    /// Opens the next section: `I.`, `II.` … and its title in capitals.
    pub(crate) fn open(&mut self, title: &str, out: &mut Vec<ViewBlock>) {
        self.0 += 1;
        out.push(ViewBlock::Section {
            label: format!("{}.", vi::roman(self.0).unwrap_or_default()),
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
/// order, then the document's own.
pub(crate) fn field_items(fields: &Tasks) -> Vec<Block> {
    let mut items = fields.intro.clone();
    for (field, blocks) in fields.fields() {
        items.push(item(field.title(), blocks.to_vec()));
    }
    for section in &fields.other {
        items.push(item(&section.title, section.body.clone()));
    }
    items
}
