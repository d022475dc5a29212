//! Semantic checks: what serde cannot see. Every problem is collected (not
//! only the first) and located through the source map.

use crate::error::Diagnostic;
use crate::model::{Document, Indicator, Kind, Layout};
use crate::source_map::{join_index, join_key};

/// Tolerance for comparing sums of figures written with decimals.
const SUM_EPSILON: f64 = 1e-6;

/// The signing authorities Nghị định 30 knows.
pub const AUTHORITIES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// Checks a parsed document; returns every problem found (errors and warnings).
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_kind_sections(doc, &mut out);
    check_number(doc, &mut out);
    check_signature(doc, &mut out);
    check_layout(&doc.layout, &mut out);
    if let Some(goals) = &doc.goals {
        let mut ids = std::collections::HashMap::new();
        for (i, target) in goals.targets.iter().enumerate() {
            let path = join_index("goals.targets", i);
            if target.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
                out.push(
                    Diagnostic::error(
                        join_key(&path, "unit"),
                        format!("the target `{}` has no unit", target.name),
                    )
                    .with_hint("add `unit:` (người, nhà, hộ, %, triệu đồng …)"),
                );
            }
            if let Some(id) = &target.id {
                if let Some(first) = ids.insert(id.clone(), path.clone()) {
                    out.push(
                        Diagnostic::error(
                            join_key(&path, "id"),
                            format!("the id `{id}` is used twice"),
                        )
                        .with_hint(format!(
                            "it is already the id of {first}; give each target its own id"
                        )),
                    );
                }
            }
            check_indicator(
                target,
                &path,
                target.unit.as_deref().unwrap_or(""),
                &mut out,
            );
        }
    }
    if let Some(implementation) = &doc.implementation {
        for (i, duty) in implementation.reporting.iter().enumerate() {
            if duty.deadline < doc.date {
                out.push(
                    Diagnostic::error(
                        join_key(&join_index("implementation.reporting", i), "deadline"),
                        format!(
                            "the deadline {} is before the date of the plan ({})",
                            duty.deadline, doc.date
                        ),
                    )
                    .with_hint("a reporting deadline falls after the plan is issued"),
                );
            }
        }
    }
    out
}

fn check_kind_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    match doc.kind {
        Kind::KeHoach => {
            if doc.goals.is_none() {
                out.push(
                    Diagnostic::error("goals", "a ke-hoach needs `goals` (I. MỤC TIÊU, YÊU CẦU)")
                        .with_hint(
                            "add `goals:` with `general`, `targets`, `requirements` or `body`",
                        ),
                );
            }
            if doc.tasks.is_none() {
                out.push(
                    Diagnostic::error(
                        "tasks",
                        "a ke-hoach needs `tasks` (II. NHIỆM VỤ VÀ GIẢI PHÁP)",
                    )
                    .with_hint("add `tasks:` with the tasks of each field"),
                );
            }
        }
    }
}

fn check_number(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(n) = doc.number {
        if !(1..=9999).contains(&n) {
            out.push(
                Diagnostic::error("number", format!("the number {n} is out of range")).with_hint(
                    "numbers run from 1 to 9999 within a year; leave `number` out for a draft",
                ),
            );
        }
    }
}

fn check_signature(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(authority) = &doc.signature.authority {
        let first = authority.split_whitespace().next().unwrap_or("");
        if !AUTHORITIES.contains(&first.to_uppercase().as_str()) {
            out.push(
                Diagnostic::error(
                    "signature.authority",
                    format!("`{authority}` does not start with a signing authority"),
                )
                .with_hint(
                    "write TM., KT., Q., TL. or TUQ. followed by the office, e.g. `KT. GIÁM ĐỐC`",
                ),
            );
        }
    }
    if doc.archive.trim().is_empty() {
        out.push(
            Diagnostic::error("archive", "the archive line is empty").with_hint(
                "write who keeps copies, e.g. `VT, KHTC` (printed as `- Lưu: VT, KHTC.`)",
            ),
        );
    }
}

fn check_layout(layout: &Layout, out: &mut Vec<Diagnostic>) {
    let m = &layout.margins;
    let ranges = [
        ("layout.margins.top", m.top, 20.0, 25.0, "mm"),
        ("layout.margins.bottom", m.bottom, 20.0, 25.0, "mm"),
        ("layout.margins.left", m.left, 30.0, 35.0, "mm"),
        ("layout.margins.right", m.right, 15.0, 20.0, "mm"),
        ("layout.font-size", layout.font_size, 13.0, 14.0, "pt"),
        (
            "layout.line-spacing",
            layout.line_spacing,
            1.0,
            1.5,
            "lines",
        ),
        ("layout.indent", layout.indent, 1.0, 1.27, "cm"),
    ];
    for (path, value, lo, hi, unit) in ranges {
        if !(lo..=hi).contains(&value) {
            out.push(
                Diagnostic::error(
                    path,
                    format!("{value} {unit} is outside Nghị định 30's range"),
                )
                .with_hint(format!("use a value from {lo} to {hi} {unit}")),
            );
        }
    }
}

/// Units whose figures do not add up across parts (rates).
fn is_additive(unit: &str) -> bool {
    !unit.trim().ends_with('%')
}

fn check_indicator(ind: &Indicator, path: &str, unit: &str, out: &mut Vec<Diagnostic>) {
    if !ind.value.is_finite() {
        out.push(Diagnostic::error(
            join_key(path, "value"),
            "the value is not a number",
        ));
        return;
    }
    let unit = ind.unit.as_deref().unwrap_or(unit);
    check_parts(ind, path, "split", &ind.split, true, unit, out);
    check_parts(
        ind,
        path,
        "of-which",
        &ind.of_which,
        ind.complete,
        unit,
        out,
    );
    if ind.complete && ind.of_which.is_empty() {
        out.push(
            Diagnostic::error(
                join_key(path, "complete"),
                "`complete: true` but there are no `of-which` parts",
            )
            .with_hint("list the parts under `of-which`, or remove `complete`"),
        );
    }
}

fn check_parts(
    parent: &Indicator,
    path: &str,
    key: &str,
    parts: &[Indicator],
    complete: bool,
    unit: &str,
    out: &mut Vec<Diagnostic>,
) {
    let list_path = join_key(path, key);
    for (i, part) in parts.iter().enumerate() {
        check_indicator(part, &join_index(&list_path, i), unit, out);
    }
    let same_unit = parts
        .iter()
        .all(|p| p.unit.as_deref().is_none_or(|u| u == unit));
    if parts.is_empty() || !is_additive(unit) || !same_unit {
        return;
    }
    let sum: f64 = parts.iter().map(|p| p.value).sum();
    let fmt = |x: f64| crate::vi::format_number(x, 3);
    let terms = parts
        .iter()
        .map(|p| fmt(p.value))
        .collect::<Vec<_>>()
        .join(" + ");
    if complete && (sum - parent.value).abs() > SUM_EPSILON {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the {key} parts of `{}` do not add up: {terms} = {}, not {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value)
                ),
            )
            .with_hint(if key == "split" {
                "a split is complete: correct a part or the total".to_string()
            } else {
                "correct a part or the total, or remove `complete: true` if the parts are only some of the whole".to_string()
            }),
        );
    } else if !complete && sum > parent.value + SUM_EPSILON {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the of-which parts of `{}` exceed the total: {terms} = {}, more than {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value)
                ),
            )
            .with_hint("parts of a figure cannot exceed it: correct a part or the total"),
        );
    }
}
