//! The kinds and their sections: what each kind needs, what belongs to
//! another kind, and the registered number.

use crate::error::Diagnostic;
use crate::model::{Document, KINDS, standard_sections};

/// The sections each kind needs, and none of another kind's (from the
/// kind registry, [`KINDS`]).
pub(super) fn check_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    let kind = doc.kind.key();
    // With its own `sections:`, a document leaves out any standard section.
    let own_outline = |key: &str| {
        doc.sections.is_some() && standard_sections(doc.kind).iter().any(|s| s.key == key)
    };
    for rule in doc.kind.spec().sections.iter().filter(|r| r.required) {
        if !doc.has(rule.key) && !own_outline(rule.key) {
            out.push(
                Diagnostic::error(
                    rule.key,
                    format!("a {kind} needs `{}` ({})", rule.key, rule.what),
                )
                .with_hint(rule.hint),
            );
        }
    }
    if let Some(decision) = &doc.decision {
        if decision.articles.is_empty() {
            out.push(
                Diagnostic::error("decision.articles", "a decision needs at least one article")
                    .with_hint("add `articles: [ … ]`: each is printed `Điều 1.`, `Điều 2.` …"),
            );
        }
        if decision.authority.trim().is_empty() {
            out.push(
                Diagnostic::error("decision.authority", "the deciding authority is empty")
                    .with_hint(
                        "write its title, e.g. `Giám đốc Sở Lao động - Thương binh và Xã hội`",
                    ),
            );
        }
    }
    // Sections of another kind are a mistake, not something to ignore silently.
    for owner in KINDS.iter().filter(|s| s.kind != doc.kind) {
        for rule in owner.sections.iter().filter(|r| r.owned) {
            // `submission` and `notice` written empty are still written.
            let written = doc.has(rule.key)
                || (rule.key == "submission" && doc.submission.is_some())
                || (rule.key == "notice" && doc.notice.is_some());
            if written {
                let key = rule.key;
                out.push(
                    Diagnostic::error(
                        key,
                        format!("`{key}` belongs to a {}, not a {kind}", owner.key),
                    )
                    .with_hint(format!("remove `{key}`, or set `kind: {}`", owner.key)),
                );
            }
        }
    }
}

/// The texts every document prints: none may be blank (`subject: " "`
/// would print an empty trích yếu and pass every other check).
pub(super) fn check_required_texts(doc: &Document, out: &mut Vec<Diagnostic>) {
    let issuer = doc.issuer.name.text();
    for (path, text, what) in [
        (
            "subject",
            doc.subject.as_str(),
            "the trích yếu (what the document is about)",
        ),
        (
            "place",
            doc.place.as_str(),
            "the place name of the date line (Yên Bái)",
        ),
        ("issuer.name", issuer.as_str(), "the issuing body's name"),
        (
            "issuer.code",
            doc.issuer.code.as_str(),
            "the issuer's code in the number (SLĐTBXH)",
        ),
        (
            "signature.title",
            doc.signature.title.as_str(),
            "the signer's title (Giám đốc)",
        ),
        (
            "signature.name",
            doc.signature.name.as_str(),
            "the signer's full name",
        ),
    ] {
        if text.trim().is_empty() {
            out.push(
                Diagnostic::error(path, format!("`{path}` is blank"))
                    .with_hint(format!("write {what}")),
            );
        }
    }
}

/// The registered number runs from 1 to 999999 (a ministry's letters pass 18.000 a year).
pub(super) fn check_number(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(n) = doc.number
        && !(1..=999_999).contains(&n)
    {
        out.push(
            Diagnostic::error("number", format!("the number {n} is out of range")).with_hint(
                "numbers run from 1 to 999999 within a year; leave `number` out for a draft",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: &str, extra: &str) -> Document {
        serde_yaml::from_str(&format!(
            "kind: {kind}\nissuer: {{ name: Sở, code: S }}\nplace: Yên Bái\ndate: 2024-03-05\n\
             subject: S\nsignature: {{ title: Giám đốc, name: A }}\narchive: VT\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn a_plan_needs_goals_and_tasks_and_no_report_section() {
        let mut out = Vec::new();
        check_sections(&doc("ke-hoach", "proposals: [ x ]\n"), &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["goals", "tasks", "proposals"]);
        assert!(
            out[2].message.contains("belongs to a bao-cao"),
            "{}",
            out[2].message
        );
    }

    #[test]
    fn blank_required_texts_are_errors() {
        let mut out = Vec::new();
        let yaml = "kind: ke-hoach\nissuer: { name: Sở, code: \" \" }\nplace: Yên Bái\ndate: 2024-01-05\n\
                    subject: \"  \"\nsignature: { title: Giám đốc, name: \"\" }\narchive: VT\n";
        let d: Document = serde_yaml::from_str(yaml).unwrap();
        check_required_texts(&d, &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["subject", "issuer.code", "signature.name"]);
    }

    #[test]
    fn numbers_run_from_one_to_999999() {
        let mut out = Vec::new();
        check_number(&doc("thong-bao", "number: 1000000\n"), &mut out);
        assert_eq!(out.len(), 1);
        check_number(&doc("thong-bao", "number: 18590\n"), &mut out);
        assert_eq!(out.len(), 1);
    }
}
