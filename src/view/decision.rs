//! The bodies of a Quyết định (articles, an attached plan), a Tờ trình and a
//! Thông báo (sections I., II. …).

use crate::model::{Decision, Document, Kind, Outline};
use crate::resolve::Resolved;
use crate::vi;

use super::blocks::flatten_into;
use super::breaks::{Style, phrases};
use super::numbering::Ctx;
use super::outline::{Sections, sections_into};
use super::{AttachmentView, ViewBlock, close_body};

/// The flattened body of a decision: `QUYẾT ĐỊNH:`, then `Điều 1.` …
pub(crate) fn decision_body(doc: &Document) -> Vec<ViewBlock> {
    let ctx = Ctx::of(doc);
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &ctx, &mut out);
    if let Some(decision) = &doc.decision {
        out.push(ViewBlock::Caption {
            text: "QUYẾT ĐỊNH:".to_string(),
        });
        for (i, article) in decision.articles.iter().enumerate() {
            out.push(ViewBlock::Article {
                label: format!("Điều {}.", i + 1),
                text: super::blocks::without_close_mark(&article.text),
            });
            // Clauses (khoản `1.`) and points (điểm `a)`) of an article are upright.
            let start = out.len();
            flatten_into(&article.body, &Vec::new(), &Ctx::plain(), &mut out);
            for block in &mut out[start..] {
                if let ViewBlock::Heading { bold, italic, .. }
                | ViewBlock::RunIn { bold, italic, .. } = block
                {
                    *bold = false;
                    *italic = false;
                }
            }
        }
    }
    flatten_into(&doc.closing, &Vec::new(), &ctx, &mut out);
    close_body(&mut out);
    out
}

/// The flattened body of a Tờ trình or a Thông báo.
pub(crate) fn outline_body(doc: &Document, outline: Option<&Outline>) -> Vec<ViewBlock> {
    let ctx = Ctx::of(doc);
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &ctx, &mut out);
    let mut sections = Sections::new();
    if let Some(outline) = outline {
        flatten_into(&outline.body, &Vec::new(), &ctx, &mut out);
        for s in &outline.sections {
            sections.open(&ctx, &s.title, &mut out);
            flatten_into(&s.body, &Vec::new(), &ctx, &mut out);
        }
    }
    // The document's own sections continue the count.
    sections_into(doc, &ctx, &mut sections, &mut |_| None, &mut out);
    if let Some(outline) = outline {
        flatten_into(&outline.closing, &Vec::new(), &ctx, &mut out);
    }
    flatten_into(&doc.closing, &Vec::new(), &ctx, &mut out);
    close_body(&mut out);
    out
}

/// The legal bases of a decision end with `Theo đề nghị của …`.
pub(crate) fn legal_bases(doc: &Document) -> Vec<String> {
    let mut bases = doc.legal_bases.clone();
    if let Some(by) = doc.decision.as_ref().and_then(|d| d.proposed_by.as_deref()) {
        let by = by.trim();
        let by = by.strip_prefix("Theo đề nghị của").unwrap_or(by).trim();
        bases.push(format!("Theo đề nghị của {by}"));
    }
    bases
}

/// The authority's title line of a decision, in capitals.
pub(crate) fn authority_line(doc: &Document) -> Option<String> {
    doc.decision.as_ref().map(|d| vi::upper(d.authority.trim()))
}

/// The plan a decision issues, with its computed attachment line.
pub(crate) fn attachment(
    r: &Resolved,
    decision: &Decision,
    number_line: &str,
) -> Option<AttachmentView> {
    let doc = &r.doc;
    let a = decision.attachment.as_ref()?;
    let plan = &r.attachment.as_ref()?.doc;
    let number = number_line.strip_prefix("Số:").unwrap_or(number_line);
    let date = vi::date_of_issue(doc.date.year(), doc.date.month(), doc.date.day());
    let subject = super::clean_sentence(&a.subject);
    let attached_to = format!(
        "(Ban hành kèm theo {} số{} {} của {})",
        Kind::QuyetDinh.name(),
        number,
        date,
        match doc.issuer.short_name.as_deref().map(str::trim) {
            Some(short) if !short.is_empty() => short,
            _ => decision.authority.trim(),
        }
    );
    Some(AttachmentView {
        doc_type: Kind::KeHoach.title().unwrap_or_default().to_string(),
        subject_phrases: phrases(&subject, Style::Sentence),
        subject,
        attached_phrases: phrases(&attached_to, Style::Sentence),
        attached_to,
        body: super::plan::body(plan),
    })
}
