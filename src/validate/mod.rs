//! Stage 4, validation: what serde cannot see, judged on what the resolve
//! stage found. Every problem is collected (not only the first), by topic:
//! kinds and their sections, figures, dates, text, the signature, the
//! layout. Positions are filled in afterwards from the source map.

mod dates;

#[cfg(test)]
pub(crate) use dates::cited_dates;
mod figures;
mod kinds;
mod layout;
mod outline;
mod signature;
mod text;

use crate::error::Diagnostic;
use crate::input::join_key;
use crate::model::Document;
use crate::resolve::Resolved;

/// Checks a resolved document; returns every problem found (errors and warnings).
pub(crate) fn validate(r: &Resolved) -> Vec<Diagnostic> {
    let doc = &r.doc;
    let mut out = Vec::new();
    kinds::check_sections(doc, &mut out);
    outline::check_outline(doc, &mut out);
    dates::check_period(doc, &mut out);
    figures::check_results(r, &mut out);
    check_blocks(doc, &mut out);
    kinds::check_number(doc, &mut out);
    kinds::check_required_texts(doc, &mut out);
    signature::check_signature(doc, &mut out);
    layout::check_layout(&doc.layout, &mut out);
    figures::check_ids(doc, &mut out);
    signature::check_recipients(doc, &mut out);
    dates::check_cited_dates(doc, r.plan.as_deref().map(|p| &p.doc), &mut out);
    figures::check_plan_targets(doc, &mut out);
    figures::check_figures(doc, &mut out);
    dates::check_deadlines(doc, &mut out);
    if let Some(plan) = &r.attachment {
        // The attached plan is checked as a plan; its paths are under the attachment.
        let mut inner = Vec::new();
        kinds::check_sections(&plan.doc, &mut inner);
        outline::check_outline(&plan.doc, &mut inner);
        check_blocks(&plan.doc, &mut inner);
        figures::check_plan_targets(&plan.doc, &mut inner);
        for mut d in inner {
            d.path = join_key("decision.attachment", &d.path);
            out.push(d);
        }
    }
    out
}

fn check_blocks(doc: &Document, out: &mut Vec<Diagnostic>) {
    text::walk_blocks(doc, &mut |block, path| text::check_block(block, path, out));
    text::check_close_marks(doc, out);
}
