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
mod lock;
mod output;
mod slug;
mod summary;

pub use input::{Batch, DistrictInput, Figure, IndicatorDef, load};
pub use output::{
    MANIFEST_FILE, Manifest, ManifestEntry, ManifestFailure, SUMMARY_FILE, Shard, Store,
    check_output_path, render_into, run, run_summary_from_shards, write_atomic,
};
pub use slug::slug;
pub use summary::{summary_document, summary_document_without, totals};

use crate::Document;
use crate::electronic::IssueOptions;
use crate::error::Diagnostic;

/// One district's document, or why it could not be built.
pub struct District {
    /// Its name as printed.
    pub name: String,
    /// Its file name stem (`huyen-van-yen`).
    pub slug: String,
    /// Its figures by indicator id.
    pub figures: std::collections::BTreeMap<String, Figure>,
    /// The document, or every problem found (located in the batch's files).
    pub document: std::result::Result<Document, Vec<Diagnostic>>,
}

/// Renders many documents: layout in parallel on all cores, PDF export on one
/// dedicated thread, `each` called there with every result (in completion order).
///
/// Measured on 2 cores: exporting PDFs from several threads at once made the
/// resident size grow with every document (1,6 GB after 5.000 reports), while
/// one exporter keeps it flat at the same throughput.
pub fn render_many<F>(
    engine: &crate::Engine,
    docs: &[&Document],
    options: crate::PdfOptions,
    each: F,
) where
    F: FnMut(usize, crate::Result<(Vec<u8>, usize)>) + Send,
{
    render_many_as(engine, docs, options, None, each)
}

/// The issue options of a document: the batch's, or (for a document that
/// says `electronic: true`) the electronic layout unsigned.
fn electronic_of(
    doc: &Document,
    options: crate::PdfOptions,
    electronic: Option<&IssueOptions>,
) -> Option<IssueOptions> {
    electronic.cloned().or_else(|| {
        doc.is_electronic().then(|| IssueOptions {
            pdf: options,
            ..IssueOptions::default()
        })
    })
}

/// Lays out a document, electronically when asked.
fn layout_of(
    engine: &crate::Engine,
    doc: &Document,
    electronic: Option<&IssueOptions>,
) -> crate::Result<crate::LaidOut> {
    match electronic {
        Some(_) => engine.render_layout_electronic(doc),
        None => engine.render_layout(doc),
    }
}

/// Exports a layout: with signature fields (and signed) when electronic.
fn export_of(
    engine: &crate::Engine,
    doc: &Document,
    layout: &crate::LaidOut,
    options: crate::PdfOptions,
    electronic: Option<&IssueOptions>,
) -> crate::Result<Vec<u8>> {
    match electronic {
        Some(e) => engine.finish_electronic(doc, layout, e).map(|e| e.pdf),
        None => engine.export_pdf(doc, layout, options),
    }
}

/// A whole PDF and its pages, electronic when asked.
pub(crate) fn render_one_as(
    engine: &crate::Engine,
    doc: &Document,
    options: crate::PdfOptions,
    electronic: Option<&IssueOptions>,
) -> crate::Result<(Vec<u8>, usize)> {
    let electronic = electronic_of(doc, options, electronic);
    let layout = layout_of(engine, doc, electronic.as_ref())?;
    let pdf = export_of(engine, doc, &layout, options, electronic.as_ref())?;
    Ok((pdf, layout.page_count()))
}

/// [`render_many`], every document issued electronically with `electronic`
/// when it is given.
pub(crate) fn render_many_as<F>(
    engine: &crate::Engine,
    docs: &[&Document],
    options: crate::PdfOptions,
    electronic: Option<&IssueOptions>,
    mut each: F,
) where
    F: FnMut(usize, crate::Result<(Vec<u8>, usize)>) + Send,
{
    use rayon::prelude::*;
    type Laid = (usize, crate::Result<crate::LaidOut>);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Laid>(8);
    std::thread::scope(|s| {
        let exporter = std::thread::Builder::new()
            .name("vanban-pdf".into())
            .stack_size(crate::stack::RENDER_STACK)
            .spawn_scoped(s, move || {
                for (i, layout) in rx {
                    let result = layout.and_then(|l| {
                        let e = electronic_of(docs[i], options, electronic);
                        let bytes = export_of(engine, docs[i], &l, options, e.as_ref())?;
                        Ok((bytes, l.page_count()))
                    });
                    each(i, result);
                }
            })
            .expect("the exporter thread starts");
        // The library's render pool: Typst's layout runs inline there.
        crate::stack::render_pool().install(|| {
            docs.par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, doc)| {
                    // A send fails only when the exporter died; its panic surfaces at join.
                    let e = electronic_of(doc, options, electronic);
                    let _ = tx.send((i, layout_of(engine, doc, e.as_ref())));
                })
        });
        if let Err(panic) = exporter.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// One problem on one line, as the manifest and the command line show it:
/// `figures.csv:5:2 (viec-lam): `13x6` is not a number; hint: …`.
pub fn describe(d: &Diagnostic) -> String {
    let mut s = String::new();
    match (&d.file, d.line, d.column) {
        (Some(f), Some(l), Some(c)) => s.push_str(&format!("{f}:{l}:{c}")),
        (Some(f), Some(l), None) => s.push_str(&format!("{f}:{l}")),
        (Some(f), None, _) => s.push_str(f),
        (None, Some(l), Some(c)) => s.push_str(&format!("{l}:{c}")),
        _ => {}
    }
    if !d.path.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("({})", d.path));
    }
    if !s.is_empty() {
        s.push_str(": ");
    }
    if d.severity == crate::Severity::Warning {
        s.push_str("warning: ");
    }
    s.push_str(&d.message);
    if let Some(hint) = &d.hint {
        s.push_str(&format!("; hint: {hint}"));
    }
    s
}
