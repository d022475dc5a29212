//! Figures: a plan's targets and their breakdowns (which must add up), a
//! report's results (linked and computed by the resolve stage), and ids.

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Document, Indicator, IndicatorResult};
use crate::resolve::{Link, Resolved, ResultLine};
use crate::suggest::did_you_mean;

use rust_decimal::Decimal;

/// The targets of a plan: units and breakdowns that add up.
pub(super) fn check_plan_targets(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(goals) = &doc.goals {
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
            check_indicator(target, &path, target.unit.as_deref().unwrap_or(""), out);
        }
    }
}

/// A report's results, as the resolve stage linked and computed them.
pub(super) fn check_results(r: &Resolved, out: &mut Vec<Diagnostic>) {
    let Some(results) = &r.doc.results else {
        return;
    };
    for (written, line) in results.indicators.iter().zip(&r.results) {
        check_result(written, line, None, out);
    }
}

/// One result: `written` as in the YAML, `line` as resolved; `parent_unit`
/// is the unit of the result it is a part of.
fn check_result(
    written: &IndicatorResult,
    line: &ResultLine,
    parent_unit: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let path = line.path.as_str();
    for (key, value) in [
        ("actual", Some(written.actual)),
        ("plan", written.plan),
        ("previous", written.previous),
    ] {
        if let Some(v) = value {
            if v.0.is_sign_negative() && !v.0.is_zero() {
                out.push(
                    Diagnostic::error(
                        join_key(path, key),
                        format!("a count cannot be negative ({v})"),
                    )
                    .with_hint("write the amount achieved; a fall is computed from `previous`"),
                );
            }
        }
    }
    let target_path = join_key(path, "target");
    if written.target.is_some() && written.plan.is_some() {
        out.push(
            Diagnostic::error(target_path.clone(), "both `plan` and `target` are given")
                .with_hint("keep one: `plan` is a figure, `target` refers to the plan file"),
        );
    }
    match &line.link {
        Link::None => {}
        Link::NoPlanFile { id } => out.push(
            Diagnostic::error(
                target_path,
                format!("`target: {id}` refers to a plan, but there is no `plan-file`"),
            )
            .with_hint(
                "add `plan-file: ke-hoach.yaml` (relative to this file), or give `plan:` as a figure",
            ),
        ),
        Link::Missing { id, known } => {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            out.push(
                Diagnostic::error(target_path, format!("the plan has no target `{id}`"))
                    .with_hint(did_you_mean(id, &known, "The plan's ids")),
            );
        }
        Link::Found { id, unit } => {
            if let Some(own) = &written.unit
                && !unit.is_empty()
                && own.trim() != unit.trim()
            {
                out.push(
                    Diagnostic::error(
                        join_key(path, "unit"),
                        format!("the unit `{own}` differs from the unit of target `{id}` (`{unit}`)"),
                    )
                    .with_hint(
                        "measure the result in the target's unit, or remove `unit` to take it from the plan",
                    ),
                );
            }
        }
    }
    if let Some(planned) = line.plan
        && planned > Decimal::ZERO
        && line.actual > planned
        && let Some(share) = (line.actual / planned).checked_mul(Decimal::ONE_HUNDRED)
    {
        let share = crate::vi::format_percent(share, 2);
        out.push(
            Diagnostic::warning(
                join_key(path, "actual"),
                format!("the result is {share} of the plan"),
            )
            .with_hint("a result above the plan happens; check it is not a typing slip"),
        );
    }
    if line.unit.trim().is_empty() && parent_unit.is_none() {
        out.push(
            Diagnostic::error(join_key(path, "unit"), "the result has no unit").with_hint(
                "add `unit:` (người, hộ, %, …) or refer to a plan target with `target:`",
            ),
        );
    }
    if written.name.is_none() && written.target.is_none() {
        out.push(
            Diagnostic::error(join_key(path, "name"), "the result has no name")
                .with_hint("add `name:` (printed in the results table)"),
        );
    }
    for (part, part_line) in written.of_which.iter().zip(&line.children) {
        check_result(part, part_line, Some(&line.unit), out);
    }
    let unit = line.unit.as_str();
    let same_unit = written
        .of_which
        .iter()
        .all(|p| p.unit.as_deref().is_none_or(|u| u == unit));
    let sum: Decimal = written.of_which.iter().map(|p| p.actual.0).sum();
    if same_unit && is_additive(unit) && !written.of_which.is_empty() && sum > written.actual.0 {
        out.push(
            Diagnostic::error(
                join_key(path, "of-which"),
                format!(
                    "the of-which parts exceed the total: {} is more than {}",
                    crate::vi::format_number(sum, 3),
                    crate::vi::format_number(written.actual, 3)
                ),
            )
            .with_hint("parts of a result cannot exceed it: correct a part or the total"),
        );
    }
}

/// Every `id` (targets at any depth, results at any depth) names one thing.
pub(super) fn check_ids(doc: &Document, out: &mut Vec<Diagnostic>) {
    fn targets(list: &[Indicator], path: &str, ids: &mut Vec<(String, String)>) {
        for (i, t) in list.iter().enumerate() {
            let p = join_index(path, i);
            if let Some(id) = &t.id {
                ids.push((id.clone(), p.clone()));
            }
            targets(&t.split, &join_key(&p, "split"), ids);
            targets(&t.of_which, &join_key(&p, "of-which"), ids);
        }
    }
    fn results(list: &[IndicatorResult], path: &str, ids: &mut Vec<(String, String)>) {
        for (i, r) in list.iter().enumerate() {
            let p = join_index(path, i);
            if let Some(id) = &r.id {
                ids.push((id.clone(), p.clone()));
            }
            results(&r.of_which, &join_key(&p, "of-which"), ids);
        }
    }
    let mut ids = Vec::new();
    if let Some(goals) = &doc.goals {
        targets(&goals.targets, "goals.targets", &mut ids);
    }
    if let Some(r) = &doc.results {
        results(&r.indicators, "results.indicators", &mut ids);
    }
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (id, path) in &ids {
        if let Some(first) = seen.insert(id, path) {
            out.push(
                Diagnostic::error(join_key(path, "id"), format!("the id `{id}` is used twice"))
                    .with_hint(format!(
                        "it is already the id of {first}; give each one its own id"
                    )),
            );
        }
    }
}

/// The document's `figures:`: a complete breakdown adds up exactly.
pub(super) fn check_figures(doc: &Document, out: &mut Vec<Diagnostic>) {
    fn check(f: &crate::model::Figure, path: &str, unit: &str, out: &mut Vec<Diagnostic>) {
        let unit = f.unit.as_deref().unwrap_or(unit);
        let list = join_key(path, "parts");
        for (i, p) in f.parts.iter().enumerate() {
            check(p, &join_index(&list, i), unit, out);
        }
        if f.complete && f.parts.is_empty() {
            out.push(
                Diagnostic::error(
                    join_key(path, "complete"),
                    "`complete: true` but no `parts`",
                )
                .with_hint("list the parts under `parts:`, or remove `complete`"),
            );
        }
        if f.parts.is_empty() || !is_additive(unit) {
            return;
        }
        let sum: Decimal = f.parts.iter().map(|p| p.actual.0).sum();
        let fmt = |x: Decimal| crate::vi::format_number(x, 6);
        let terms = f
            .parts
            .iter()
            .map(|p| fmt(p.actual.0))
            .collect::<Vec<_>>()
            .join(" + ");
        if f.complete && sum != f.actual.0 {
            out.push(
                Diagnostic::error(
                    list,
                    format!(
                        "the parts of `{}` do not add up: {terms} = {}, not {}",
                        f.id,
                        fmt(sum),
                        fmt(f.actual.0)
                    ),
                )
                .with_hint("the breakdown is complete: correct a part or the total, or remove `complete: true`"),
            );
        } else if !f.complete && sum > f.actual.0 {
            // Published figures are rounded, and parts may overlap (women,
            // young people): a warning, not a refusal.
            out.push(
                Diagnostic::warning(
                    list,
                    format!(
                        "the parts of `{}` exceed it: {terms} = {}, more than {}",
                        f.id,
                        fmt(sum),
                        fmt(f.actual.0)
                    ),
                )
                .with_hint("correct a part or the total if they are a breakdown; parts that overlap may exceed it"),
            );
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        check(f, &join_index("figures", i), "", out);
    }
}

/// Units whose figures do not add up across parts (rates).
fn is_additive(unit: &str) -> bool {
    !unit.trim().ends_with('%')
}

fn check_indicator(ind: &Indicator, path: &str, unit: &str, out: &mut Vec<Diagnostic>) {
    if ind.value.0.is_sign_negative() && !ind.value.0.is_zero() {
        out.push(
            Diagnostic::error(
                join_key(path, "value"),
                format!("`{}` is negative ({})", ind.name, ind.value),
            )
            .with_hint("a target counts or measures something: write it as a positive figure; a fall is `change: giam`"),
        );
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
    let sum: Decimal = parts.iter().map(|p| p.value.0).sum();
    let fmt = |x: Decimal| crate::vi::format_number(x, 3);
    let terms = parts
        .iter()
        .map(|p| fmt(p.value.0))
        .collect::<Vec<_>>()
        .join(" + ");
    if complete && sum != parent.value.0 {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the {key} parts of `{}` do not add up: {terms} = {}, not {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value.0)
                ),
            )
            .with_hint(if key == "split" {
                "a split is complete: correct a part or the total".to_string()
            } else {
                "correct a part or the total, or remove `complete: true` if the parts are only some of the whole".to_string()
            }),
        );
    } else if !complete && sum > parent.value.0 {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the of-which parts of `{}` exceed the total: {terms} = {}, more than {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value.0)
                ),
            )
            .with_hint("parts of a figure cannot exceed it: correct a part or the total"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(yaml: &str) -> Indicator {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn a_complete_split_must_add_up_and_of_which_never_exceeds() {
        let mut out = Vec::new();
        let t = target(
            "{ name: Hỗ trợ làm nhà, value: 1883, unit: nhà, split: [ { name: mới, value: 1292 }, { name: sửa, value: 590 } ] }",
        );
        check_indicator(&t, "goals.targets[0]", "nhà", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "the split parts of `Hỗ trợ làm nhà` do not add up: 1.292 + 590 = 1.882, not 1.883"
        );
        let t = target(
            "{ name: Tuyển sinh, value: 100, unit: người, of-which: [ { name: nữ, value: 60 }, { name: nam, value: 50 } ] }",
        );
        out.clear();
        check_indicator(&t, "goals.targets[0]", "người", &mut out);
        assert!(
            out[0].message.contains("exceed the total"),
            "{}",
            out[0].message
        );
        // Rates do not add up: no check.
        let t = target("{ name: Tỷ lệ, value: 5, unit: '%', split: [ { name: a, value: 3 } ] }");
        out.clear();
        check_indicator(&t, "goals.targets[0]", "%", &mut out);
        assert!(out.is_empty());
    }
}
