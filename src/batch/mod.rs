//! Many documents at once: one report per district and the province summary.
//!
//! A batch file holds what every district shares (the report form, the
//! period, the indicator definitions) and, per district, its name, figures
//! and own text. Each district becomes an ordinary [`Document`] (the form
//! deep-merged with the district's own keys, `{district}` replaced by its
//! name, the results built from its figures), so every check of a single
//! document applies. Districts render in parallel on one shared engine; a
//! district with bad data is reported and never stops the others.

mod input;
mod output;
mod slug;
mod summary;
mod synthetic;

pub use input::{Batch, DistrictInput, Figure, IndicatorDef, load};
pub use output::{
    Manifest, ManifestEntry, ManifestFailure, Shard, run, run_summary_from_shards, write_atomic,
};
pub use slug::slug;
pub use summary::{summary_document, totals};
pub use synthetic::synthetic;

use crate::Document;
use crate::error::Error;

/// One district's document, or why it could not be built.
pub struct District {
    /// Its name as printed.
    pub name: String,
    /// Its file name stem (`huyen-van-yen`).
    pub slug: String,
    /// Its figures by indicator id.
    pub figures: std::collections::BTreeMap<String, Figure>,
    /// The document, or every problem found.
    pub document: std::result::Result<Document, Vec<String>>,
}

/// Typst lays out deep content recursively: its threads need larger stacks
/// than rayon's default.
const WORKER_STACK: usize = 32 * 1024 * 1024;

/// A thread pool for rendering: one thread per core, with stacks Typst can use.
pub fn thread_pool() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build()
        .expect("a thread pool can be built")
}

/// Formats an error for the manifest: one line per diagnostic.
pub(crate) fn error_lines(e: &Error) -> Vec<String> {
    match e.diagnostics() {
        Some(d) => d
            .as_slice()
            .iter()
            .map(|d| d.to_string().replace('\n', " "))
            .collect(),
        None => vec![e.to_string()],
    }
}
