//! The kinds and their sections: what each kind needs, what belongs to
//! another kind, and the registered number.

use crate::error::Diagnostic;
use crate::model::{Document, Kind};

/// The sections each kind needs, and none of another kind's.
pub(super) fn check_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    let kind = doc.kind.key();
    let mut require = |present: bool, key: &str, what: &str, hint: &str| {
        if !present {
            out.push(
                Diagnostic::error(key, format!("a {kind} needs `{key}` ({what})"))
                    .with_hint(hint.to_string()),
            );
        }
    };
    match doc.kind {
        Kind::KeHoach => {
            require(
                doc.goals.is_some(),
                "goals",
                "I. MỤC TIÊU, YÊU CẦU",
                "add `goals:` with `general`, `targets`, `requirements` or `body`",
            );
            require(
                doc.tasks.is_some(),
                "tasks",
                "II. NHIỆM VỤ VÀ GIẢI PHÁP",
                "add `tasks:` with the tasks of each field",
            );
        }
        Kind::BaoCao => {
            require(
                doc.period.is_some(),
                "period",
                "the period the report covers",
                "add e.g. `period: { kind: 6-thang-dau-nam, year: 2017 }`",
            );
            require(
                doc.results.is_some(),
                "results",
                "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                "add `results:` with `indicators` and/or `fields`",
            );
        }
        Kind::CongVan => {
            require(
                doc.letter.is_some(),
                "letter",
                "its opening, tasks and closing",
                "add `letter:` with `opening`, `tasks`, `closing`",
            );
            require(
                !doc.addressees.is_empty(),
                "addressees",
                "Kính gửi",
                "add `addressees: [ … ]`",
            );
        }
        Kind::QuyetDinh => {
            require(
                doc.decision.is_some(),
                "decision",
                "the authority and the articles",
                "add `decision:` with `authority` and `articles`",
            );
        }
        Kind::ToTrinh => {
            require(
                doc.submission.as_ref().is_some_and(|o| !o.is_empty()),
                "submission",
                "its body or sections",
                "add `submission:` with `body`, `sections` and/or `closing`",
            );
            require(
                !doc.addressees.is_empty(),
                "addressees",
                "Kính gửi: the superior it is submitted to",
                "add `addressees: [ Ủy ban nhân dân tỉnh … ]`",
            );
        }
        Kind::ThongBao => {
            require(
                doc.notice.as_ref().is_some_and(|o| !o.is_empty()),
                "notice",
                "its body or sections",
                "add `notice:` with `body`, `sections` and/or `closing`",
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
    let belongs = [
        ("goals", doc.goals.is_some(), Kind::KeHoach),
        ("tasks", doc.tasks.is_some(), Kind::KeHoach),
        (
            "implementation",
            doc.implementation.is_some(),
            Kind::KeHoach,
        ),
        ("funding", !doc.funding.is_empty(), Kind::KeHoach),
        ("period", doc.period.is_some(), Kind::BaoCao),
        ("plan-file", doc.plan_file.is_some(), Kind::BaoCao),
        ("direction", !doc.direction.is_empty(), Kind::BaoCao),
        ("results", doc.results.is_some(), Kind::BaoCao),
        ("assessment", doc.assessment.is_some(), Kind::BaoCao),
        ("next-tasks", doc.next_tasks.is_some(), Kind::BaoCao),
        ("proposals", !doc.proposals.is_empty(), Kind::BaoCao),
        ("letter", doc.letter.is_some(), Kind::CongVan),
        ("decision", doc.decision.is_some(), Kind::QuyetDinh),
        ("submission", doc.submission.is_some(), Kind::ToTrinh),
        ("notice", doc.notice.is_some(), Kind::ThongBao),
    ];
    for (key, present, owner) in belongs {
        if present && owner != doc.kind {
            out.push(
                Diagnostic::error(
                    key,
                    format!("`{key}` belongs to a {}, not a {kind}", owner.key()),
                )
                .with_hint(format!("remove `{key}`, or set `kind: {}`", owner.key())),
            );
        }
    }
}

/// The registered number runs from 1 to 9999.
pub(super) fn check_number(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(n) = doc.number
        && !(1..=9999).contains(&n)
    {
        out.push(
            Diagnostic::error("number", format!("the number {n} is out of range")).with_hint(
                "numbers run from 1 to 9999 within a year; leave `number` out for a draft",
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
    fn numbers_run_from_one_to_9999() {
        let mut out = Vec::new();
        check_number(&doc("thong-bao", "number: 10000\n"), &mut out);
        assert_eq!(out.len(), 1);
        check_number(&doc("thong-bao", "number: 9999\n"), &mut out);
        assert_eq!(out.len(), 1);
    }
}
