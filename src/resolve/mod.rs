//! Stage 3, resolve: what the document means, worked out once.
//!
//! Results are linked to the targets of the plan they measure (across a
//! plan file), units are inherited, a decision's attached plan is built as a
//! plan of its own, and every figure (the share of the plan, the change on
//! the same period) is computed. Validation judges what this stage found;
//! the view words it. Neither works anything out again.

mod figures;
mod references;
mod tables;

pub(crate) use figures::{ChangeFigure, Computed, Share, Side, compute};
pub(crate) use references::{Figures, Located};

use rust_decimal::Decimal;

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{self, IndicatorResult, Precision};

/// A document with everything it refers to resolved.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// The document as written.
    pub doc: model::Document,
    /// The plan file a report refers to (`plan-file`), itself resolved.
    pub plan: Option<Box<Resolved>>,
    /// The plan a decision issues, as a plan document of its own.
    pub attachment: Option<Box<Resolved>>,
    /// A report's results, in the order and nesting written, each linked
    /// and computed.
    pub results: Vec<ResultLine>,
    /// Every citable figure, computed: `figures:`, results and targets with an id.
    #[allow(dead_code)] // read by tests and kept for the service's inspection
    pub figures: Figures,
    /// A report's results table, computed (none without results).
    pub results_table: Option<model::Table>,
    /// Problems found while resolving (an unknown reference …), with the
    /// character inside the text where each is.
    pub problems: Vec<Located>,
}

/// One result (or a part of one), linked to its target and computed.
#[derive(Debug, Clone)]
pub(crate) struct ResultLine {
    /// Its YAML path (`results.indicators[0].of-which[1]`).
    pub path: String,
    /// The name in the results table: its own, or its target's.
    pub name: String,
    /// How its sentence reads before the figure (`text`, or the name).
    pub lead: String,
    /// Its unit: its own, its target's, or its parent's (empty if none).
    pub unit: String,
    /// The target it refers to (`target: id`), if any.
    pub link: Link,
    /// The achieved value.
    pub actual: Decimal,
    /// The plan figure: its own `plan`, or its target's value.
    pub plan: Option<Decimal>,
    /// The figure of the same period.
    pub previous: Option<Decimal>,
    /// The share of the plan and the change, rounded for print.
    pub computed: Computed,
    /// Its parts ("trong đó").
    pub children: Vec<ResultLine>,
}

/// What a result's `target:` refers to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Link {
    /// No `target:`.
    None,
    /// The plan's target with this id: its unit (empty if it has none).
    Found { id: String, unit: String },
    /// No target has this id; the plan's ids, for a suggestion.
    Missing { id: String, known: Vec<String> },
    /// A `target:` but no `plan-file` to find it in.
    NoPlanFile { id: String },
}

/// Resolves a parsed document; `plan` is the resolved plan file of a report.
pub(crate) fn resolve(doc: model::Document, plan: Option<Resolved>) -> Resolved {
    let attachment = doc
        .attached_plan()
        .map(|plan| Box::new(resolve(plan, None)));
    let results: Vec<ResultLine> = doc
        .results
        .as_ref()
        .map(|r| {
            r.indicators
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    line(
                        r,
                        join_index("results.indicators", i),
                        plan.as_ref().map(|p| &p.doc),
                        "",
                        doc.precision,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut problems = Vec::new();
    let figures = references::collect(&doc, &results, &mut problems);
    let precision = doc.precision;
    let results_table = doc
        .results
        .as_ref()
        .filter(|r| !r.indicators.is_empty())
        .map(|r| {
            let (plan, previous) = references::default_labels(&doc);
            let lines: Vec<tables::Line> = results
                .iter()
                .map(|l| tables::Line::of_result(l, (&plan, &previous), precision))
                .collect();
            let spec = r.table.as_ref();
            tables::results_table(
                &lines,
                spec.map(|t| t.columns.as_slice()),
                spec.map_or(&[][..], |t| t.widths.as_slice()),
                spec.and_then(|t| t.totals.as_deref()),
                precision,
                &mut problems,
            )
        });
    // Every `((id))` in every text expanded, and every table of figures
    // computed, once: the view sees plain text and plain rows.
    let mut table_problems = Vec::new();
    let edited = model::texts::edit(
        doc,
        &mut |path, text| references::expand(text, path, &figures, &mut problems),
        &mut |path, table| {
            tables::compute_table(table, path, &figures, precision, &mut table_problems)
        },
    );
    problems.append(&mut table_problems);
    let doc = edited.unwrap_or_else(|(doc, why)| {
        problems.push((
            Diagnostic::error(
                "",
                format!("the document with its figures filled in does not read back: {why}"),
            )
            .with_hint("this is a bug of vanban: please report it, with the input"),
            None,
        ));
        doc
    });
    Resolved {
        doc,
        plan: plan.map(Box::new),
        attachment,
        results,
        figures,
        results_table,
        problems,
    }
}

fn line(
    r: &IndicatorResult,
    path: String,
    plan: Option<&model::Document>,
    inherited_unit: &str,
    precision: Precision,
) -> ResultLine {
    let (link, target) = match (&r.target, plan) {
        (None, _) => (Link::None, None),
        (Some(id), None) => (Link::NoPlanFile { id: id.clone() }, None),
        (Some(id), Some(p)) => match p.find_target(id) {
            Some(t) => (
                Link::Found {
                    id: id.clone(),
                    unit: t.unit.clone().unwrap_or_default(),
                },
                Some(t),
            ),
            None => (
                Link::Missing {
                    id: id.clone(),
                    known: p.target_ids().into_iter().map(str::to_string).collect(),
                },
                None,
            ),
        },
    };
    let unit = r
        .unit
        .clone()
        .or_else(|| target.and_then(|t| t.unit.clone()))
        .unwrap_or_else(|| inherited_unit.to_string());
    let planned = r.plan.or(target.map(|t| t.value)).map(|a| a.0);
    let name = r
        .name
        .clone()
        .or_else(|| target.map(|t| t.name.clone()))
        .unwrap_or_default();
    let lead = r.text.clone().unwrap_or_else(|| name.clone());
    let computed = compute(
        r.actual.0,
        planned,
        r.previous.map(|a| a.0),
        &unit,
        precision,
    );
    let list = join_key(&path, "of-which");
    let children = r
        .of_which
        .iter()
        .enumerate()
        .map(|(i, c)| line(c, join_index(&list, i), plan, &unit, precision))
        .collect();
    ResultLine {
        path,
        name,
        lead,
        unit,
        link,
        actual: r.actual.0,
        plan: planned,
        previous: r.previous.map(|a| a.0),
        computed,
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(yaml: &str) -> model::Document {
        serde_yaml::from_str(yaml).unwrap()
    }

    const PLAN: &str = "kind: ke-hoach\nissuer: { name: Sở, code: S }\nplace: Yên Bái\ndate: 2024-01-05\n\
        subject: KH\ngoals: { targets: [ { id: viec-lam, name: Giải quyết việc làm, value: 17700, unit: lao động } ] }\n\
        tasks: {}\nsignature: { title: Giám đốc, name: A }\narchive: VT\n";

    #[test]
    fn results_take_the_targets_unit_and_plan_and_parts_inherit_the_unit() {
        let plan = resolve(report(PLAN), None);
        let doc = report(
            "kind: bao-cao\nissuer: { name: Sở, code: S }\nplace: Yên Bái\ndate: 2024-07-05\nsubject: BC\n\
             period: { kind: 6-thang-dau-nam, year: 2024 }\nplan-file: plan.yaml\n\
             results: { indicators: [ { target: viec-lam, actual: 9043, previous: 8637, \
               of-which: [ { name: nữ, actual: 4000 } ] }, { target: viec-lm, actual: 1, unit: người } ] }\n\
             signature: { title: Giám đốc, name: A }\narchive: VT\n",
        );
        let r = resolve(doc, Some(plan));
        let first = &r.results[0];
        assert_eq!(first.path, "results.indicators[0]");
        assert_eq!(first.name, "Giải quyết việc làm");
        assert_eq!(first.unit, "lao động");
        assert_eq!(first.plan, Some(Decimal::from(17700)));
        assert_eq!(first.computed.share_cell(), "51,09");
        assert_eq!(first.children[0].unit, "lao động");
        assert_eq!(first.children[0].path, "results.indicators[0].of-which[0]");
        assert_eq!(
            r.results[1].link,
            Link::Missing {
                id: "viec-lm".into(),
                known: vec!["viec-lam".into()]
            }
        );
    }
}
