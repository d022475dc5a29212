//! Figure references, `((id))` and `((id.part))`, expanded once in every
//! text of the document into plain text (escaping stays in compose).
//!
//! A figure is one of the document's `figures:`, a report's result with an
//! `id`, or a plan's target with an `id`. Its phrase is computed here, from
//! exact decimals: "9.043 lao động (đạt 51,09% kế hoạch năm 2017), tăng 4,7%
//! so với cùng kỳ năm 2016".

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::ResultLine;
use super::figures::{ChangeFigure, Computed, Share, Side, compute};
use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{self, FIGURE_PARTS, Figure, Indicator, Precision};
use crate::suggest::did_you_mean;
use crate::vi;

/// A problem found while resolving, and the character inside its text
/// where it is (for a column inside the scalar).
pub(crate) type Located = (Diagnostic, Option<usize>);

/// A citable figure, computed.
#[derive(Debug, Clone)]
pub(crate) struct FigureLine {
    /// Its YAML path.
    pub path: String,
    /// Its name ("Giải quyết việc làm"), or empty.
    pub name: String,
    /// Its unit, or empty.
    pub unit: String,
    /// The figure.
    pub actual: Decimal,
    /// The share of the plan and the change, rounded for print.
    pub computed: Computed,
    /// "kế hoạch năm 2017".
    pub plan_label: String,
    /// "cùng kỳ năm 2016".
    pub previous_label: String,
    /// The plan figure in brackets after the label.
    pub plan_figure: bool,
    /// "vượt …%" above the plan.
    pub exceed: bool,
    /// The previous figure, formatted.
    pub previous: Option<String>,
    /// The share of another figure ("13,8"), once computed.
    pub portion: Option<String>,
    /// The plan figure, exact.
    pub plan_value: Option<Decimal>,
    /// The figure of the same period, exact.
    pub previous_value: Option<Decimal>,
    /// Decimals of its percentages.
    pub precision: Precision,
    /// The ids of its parts, in order (a figure's `parts`, a result's `of-which`).
    pub parts: Vec<String>,
}

impl FigureLine {
    /// "9.043 lao động".
    pub fn value(&self) -> String {
        format!("{}{}", self.computed.actual, vi::unit_suffix(&self.unit))
    }

    /// "17.700 lao động", if there is a plan.
    pub fn plan(&self) -> Option<String> {
        self.computed
            .plan
            .as_ref()
            .map(|p| format!("{p}{}", vi::unit_suffix(&self.unit)))
    }

    /// "đạt 51,09% kế hoạch năm 2017", "đạt 48,6% so với chỉ tiêu kế hoạch
    /// năm 2017 (15.200 người)", "đạt 115,7% kế hoạch, vượt 15,7%".
    pub fn share(&self) -> Option<String> {
        let bracket = if self.plan_figure {
            self.plan().map(|p| format!(" ({p})")).unwrap_or_default()
        } else {
            String::new()
        };
        let label = &self.plan_label;
        match &self.computed.share {
            Share::NoPlan => None,
            Share::ZeroPlan | Share::Rate => {
                Some(format!("{label}: {}", self.plan().unwrap_or_default()))
            }
            Share::Percent(p, Side::Above) if self.exceed => Some(format!(
                "đạt {p}% {label}{bracket}, vượt {}%",
                self.computed.over_plan().unwrap_or_default()
            )),
            Share::Percent(p, _) => Some(format!("đạt {p}% {label}{bracket}")),
        }
    }

    /// "vượt 11,69% so dự toán": how far above the plan, with the label; a
    /// figure not above its plan says what it reached ("đạt 97% dự toán").
    pub fn over(&self) -> Option<String> {
        let label = &self.plan_label;
        match &self.computed.share {
            Share::Percent(_, Side::Above) => Some(format!(
                "vượt {}% {label}",
                self.computed.over_plan().unwrap_or_default()
            )),
            Share::Percent(p, _) => Some(format!("đạt {p}% {label}")),
            _ => self.share(),
        }
    }

    /// How the same period is named after a change: "so với cùng kỳ năm
    /// 2016", or the label as written when it says "so" itself ("so cùng kỳ").
    fn against(&self) -> String {
        let base = self.previous_label.trim();
        if base.starts_with("so ") {
            base.to_string()
        } else {
            format!("so với {base}")
        }
    }

    /// The same period after "bằng": the label without its "so (với)".
    fn equal_to(&self) -> String {
        let base = self.previous_label.trim();
        let bare = base
            .strip_prefix("so với ")
            .or_else(|| base.strip_prefix("so "))
            .unwrap_or(base);
        format!("bằng {bare}")
    }

    /// "51,09%".
    pub fn percent(&self) -> Option<String> {
        match &self.computed.share {
            Share::Percent(p, _) => Some(format!("{p}%")),
            _ => None,
        }
    }

    /// "tăng 4,7% so với cùng kỳ năm 2016".
    pub fn change(&self) -> Option<String> {
        let against = self.against();
        let word = |up: bool| if up { "tăng" } else { "giảm" };
        let unit = |points: bool| if points { " điểm phần trăm" } else { "%" };
        match &self.computed.change {
            ChangeFigure::NoPrevious => None,
            ChangeFigure::Equal => Some(self.equal_to()),
            ChangeFigure::FromZero(amount) => Some(format!("tăng {amount} {against}")),
            ChangeFigure::Percent { figure, up, points } => {
                Some(format!("{} {figure}{} {against}", word(*up), unit(*points)))
            }
            ChangeFigure::Tiny { bound, up, points } => Some(format!(
                "{} dưới {bound}{} {against}",
                word(*up),
                unit(*points)
            )),
        }
    }

    /// "tăng 12.076,9 tỷ đồng so với tuần trước": the change on the same
    /// period as an amount.
    pub fn difference(&self) -> Option<String> {
        let previous = self.previous_value?;
        let delta = self.actual - previous;
        if delta.is_zero() {
            return Some(self.equal_to());
        }
        let word = if delta > Decimal::ZERO {
            "tăng"
        } else {
            "giảm"
        };
        Some(format!(
            "{word} {}{} {}",
            vi::format_written(delta.abs(), 3),
            vi::unit_suffix(&self.unit),
            self.against()
        ))
    }

    /// The whole phrase: value, share, change, portion.
    pub fn whole(&self) -> String {
        let mut s = self.value();
        if let Some(share) = self.share() {
            if self.plan_figure {
                s.push_str(&format!(", {share}"));
            } else {
                s.push_str(&format!(" ({share})"));
            }
        }
        if let Some(change) = self.change() {
            s.push_str(&format!(", {change}"));
        }
        if let Some(p) = &self.portion {
            s.push_str(&format!(", chiếm {p}%"));
        }
        s
    }

    /// One part, or why it cannot be printed.
    fn part(&self, part: &str) -> Result<String, String> {
        let missing = |what: &str| format!("the figure has no {what}");
        match part {
            "" => Ok(self.whole()),
            "value" => Ok(self.value()),
            "number" => Ok(self.computed.actual.clone()),
            "unit" => Ok(self.unit.trim().to_string()),
            "name" => Ok(self.name.trim().to_string()),
            "plan" => self.plan().ok_or_else(|| missing("`plan`")),
            "share" => self.share().ok_or_else(|| missing("`plan`")),
            "over" => self.over().ok_or_else(|| missing("`plan`")),
            "percent" => self
                .percent()
                .ok_or_else(|| missing("`plan` to take a percentage of")),
            "change" => self.change().ok_or_else(|| missing("`previous`")),
            "difference" => self.difference().ok_or_else(|| missing("`previous`")),
            "previous" => self
                .previous
                .as_ref()
                .map(|p| format!("{p}{}", vi::unit_suffix(&self.unit)))
                .ok_or_else(|| missing("`previous`")),
            "portion" => self
                .portion
                .as_ref()
                .map(|p| format!("chiếm {p}%"))
                .ok_or_else(|| missing("`share-of`")),
            "portion-percent" => self
                .portion
                .as_ref()
                .map(|p| format!("{p}%"))
                .ok_or_else(|| missing("`share-of`")),
            _ => Err(String::new()),
        }
    }
}

/// A figure that is a share of another (`share-of`), to compute once all are known.
struct ShareOf {
    id: String,
    of: String,
    path: String,
    decimals: Option<usize>,
}

/// Every citable figure of a document, by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    pub by_id: BTreeMap<String, FigureLine>,
}

/// The labels a document's period gives: "kế hoạch năm 2017", "cùng kỳ năm 2016".
pub(crate) fn default_labels(doc: &model::Document) -> (String, String) {
    let year = doc.period.map_or(doc.date.year(), |p| p.year);
    (
        format!("kế hoạch năm {year}"),
        format!("cùng kỳ năm {}", year - 1),
    )
}

/// Collects the document's figures, its results with an id and its targets
/// with an id; problems (an id twice, an unknown `share-of`) are returned.
pub(crate) fn collect(
    doc: &model::Document,
    results: &[ResultLine],
    problems: &mut Vec<Located>,
) -> Figures {
    let (plan_label, previous_label) = default_labels(doc);
    let mut figures = Figures::default();
    let mut shares: Vec<ShareOf> = Vec::new();
    fn add(figures: &mut Figures, id: &str, line: FigureLine, problems: &mut Vec<Located>) {
        if let Some(first) = figures.by_id.get(id) {
            problems.push((
                Diagnostic::error(
                    join_key(&line.path, "id"),
                    format!(
                        "the figure id `{id}` is used twice (first at `{}`)",
                        first.path
                    ),
                )
                .with_hint("give every figure, result and target its own id"),
                None,
            ));
            return;
        }
        figures.by_id.insert(id.to_string(), line);
    }
    #[allow(clippy::too_many_arguments)]
    fn own(
        f: &Figure,
        path: String,
        inherited_unit: &str,
        doc_precision: Precision,
        labels: (&str, &str),
        figures: &mut Figures,
        shares: &mut Vec<ShareOf>,
        problems: &mut Vec<Located>,
    ) {
        let unit = f.unit.clone().unwrap_or_else(|| inherited_unit.to_string());
        let precision = match f.precision {
            Some(n) if n <= 2 => Precision {
                share: n,
                change: n,
            },
            Some(n) => {
                problems.push((
                    Diagnostic::error(
                        join_key(&path, "precision"),
                        format!("{n} decimals: a figure's percentages have 0, 1 or 2"),
                    )
                    .with_hint("write `precision: 0`, `1` or `2`"),
                    None,
                ));
                doc_precision
            }
            None => doc_precision,
        };
        let computed = compute(
            f.actual.0,
            f.plan.map(|p| p.0),
            f.previous.map(|p| p.0),
            &unit,
            precision,
        );
        if let Some(of) = &f.share_of {
            shares.push(ShareOf {
                id: f.id.clone(),
                of: of.clone(),
                path: join_key(&path, "share-of"),
                decimals: f.precision.filter(|n| *n <= 2),
            });
        }
        let line = FigureLine {
            path: path.clone(),
            name: f.name.clone().unwrap_or_default(),
            unit: unit.clone(),
            actual: f.actual.0,
            computed,
            plan_label: f.plan_label.clone().unwrap_or_else(|| labels.0.to_string()),
            previous_label: f
                .previous_label
                .clone()
                .unwrap_or_else(|| labels.1.to_string()),
            plan_figure: f.plan_figure,
            exceed: f.exceed.unwrap_or(true),
            previous: f.previous.map(|p| vi::format_written(p.0, 3)),
            portion: None,
            plan_value: f.plan.map(|p| p.0),
            previous_value: f.previous.map(|p| p.0),
            precision,
            parts: f.parts.iter().map(|p| p.id.clone()).collect(),
        };
        add(figures, &f.id, line, problems);
        let list = join_key(&path, "parts");
        for (i, part) in f.parts.iter().enumerate() {
            own(
                part,
                join_index(&list, i),
                &unit,
                doc_precision,
                labels,
                figures,
                shares,
                problems,
            );
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        own(
            f,
            join_index("figures", i),
            "",
            doc.precision,
            (&plan_label, &previous_label),
            &mut figures,
            &mut shares,
            problems,
        );
    }
    fn result(
        r: &ResultLine,
        written: &model::IndicatorResult,
        labels: (&str, &str),
        precision: Precision,
        figures: &mut Figures,
        problems: &mut Vec<Located>,
    ) {
        if let Some(id) = &written.id {
            let mut line = FigureLine::of_result(r, labels, precision);
            line.parts = written
                .of_which
                .iter()
                .filter_map(|w| w.id.clone())
                .collect();
            add(figures, id, line, problems);
        }
        for (line, w) in r.children.iter().zip(&written.of_which) {
            result(line, w, labels, precision, figures, problems);
        }
    }
    if let Some(written) = &doc.results {
        for (r, w) in results.iter().zip(&written.indicators) {
            result(
                r,
                w,
                (&plan_label, &previous_label),
                doc.precision,
                &mut figures,
                problems,
            );
        }
    }
    fn target(
        t: &Indicator,
        path: String,
        inherited_unit: &str,
        labels: (&str, &str),
        figures: &mut Figures,
        problems: &mut Vec<Located>,
    ) {
        let unit = t.unit.clone().unwrap_or_else(|| inherited_unit.to_string());
        if let Some(id) = &t.id {
            let line = FigureLine {
                path: path.clone(),
                name: t.name.clone(),
                unit: unit.clone(),
                actual: t.value.0,
                computed: compute(t.value.0, None, None, &unit, Precision::default()),
                plan_label: labels.0.to_string(),
                previous_label: labels.1.to_string(),
                plan_figure: false,
                exceed: true,
                previous: None,
                portion: None,
                plan_value: None,
                previous_value: None,
                precision: Precision::default(),
                parts: t
                    .split
                    .iter()
                    .chain(&t.of_which)
                    .filter_map(|p| p.id.clone())
                    .collect(),
            };
            add(figures, id, line, problems);
        }
        for (key, list) in [("split", &t.split), ("of-which", &t.of_which)] {
            let list_path = join_key(&path, key);
            for (i, part) in list.iter().enumerate() {
                target(
                    part,
                    join_index(&list_path, i),
                    &unit,
                    labels,
                    figures,
                    problems,
                );
            }
        }
    }
    if let Some(goals) = &doc.goals {
        for (i, t) in goals.targets.iter().enumerate() {
            target(
                t,
                join_index("goals.targets", i),
                "",
                (&plan_label, &previous_label),
                &mut figures,
                problems,
            );
        }
    }
    // Shares of another figure, now that every figure is known.
    let ids: Vec<String> = figures.by_id.keys().cloned().collect();
    for ShareOf {
        id,
        of,
        path,
        decimals,
    } in shares
    {
        let Some(base) = figures.by_id.get(&of).map(|b| b.actual) else {
            let known: Vec<&str> = ids.iter().map(String::as_str).collect();
            problems.push((
                Diagnostic::error(path, format!("`share-of: {of}` names no figure"))
                    .with_hint(did_you_mean(&of, &known, "the figures' ids")),
                None,
            ));
            continue;
        };
        // The figure's own precision, else what its other percentages print with.
        let decimals =
            decimals.unwrap_or_else(|| figures.by_id[&id].computed_share_decimals(doc.precision));
        if let Some(f) = figures.by_id.get_mut(&id) {
            f.portion = f
                .actual
                .checked_div(base)
                .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
                .map(|p| vi::format_decimal(p, decimals));
        }
    }
    figures
}

impl FigureLine {
    /// A report's result as a figure, with the document's labels.
    pub fn of_result(r: &ResultLine, labels: (&str, &str), precision: Precision) -> Self {
        FigureLine {
            path: r.path.clone(),
            name: r.name.clone(),
            unit: r.unit.clone(),
            actual: r.actual,
            computed: r.computed.clone(),
            plan_label: labels.0.to_string(),
            previous_label: labels.1.to_string(),
            plan_figure: false,
            exceed: true,
            previous: r.previous.map(|p| vi::format_written(p, 3)),
            portion: None,
            plan_value: r.plan,
            previous_value: r.previous,
            precision,
            parts: Vec::new(),
        }
    }

    /// Decimals of its percentages (from its share's print, else the document's).
    fn computed_share_decimals(&self, doc: Precision) -> usize {
        match &self.computed.share {
            Share::Percent(p, _) => p.split(',').nth(1).map_or(0, str::len),
            _ => match &self.computed.change {
                ChangeFigure::Percent { figure, .. } => {
                    figure.split(',').nth(1).map_or(0, str::len)
                }
                _ => doc.change,
            },
        }
    }
}

/// Replaces every reference in `text` (at `path`); unknown ones are problems.
/// Returns whether the text changed.
pub(crate) fn expand(
    text: &mut String,
    path: &str,
    figures: &Figures,
    problems: &mut Vec<Located>,
) -> bool {
    if !text.contains("((") {
        return false;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut consumed_chars = 0usize;
    while let Some(mut start) = rest.find("((") {
        // "(((id)))": a bracket of the text around a reference.
        while rest[start + 2..].starts_with('(') {
            start += 1;
        }
        out.push_str(&rest[..start]);
        let offset = consumed_chars + rest[..start].chars().count();
        let after = &rest[start + 2..];
        let Some(end) = after.find("))") else {
            problems.push((
                Diagnostic::error(path, "a figure reference `((` is not closed by `))`")
                    .with_hint("write `((id))` or `((id.part))`, e.g. `((viec-lam.share))`"),
                Some(offset),
            ));
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = after[..end].trim();
        let (id, part) = inner.split_once('.').unwrap_or((inner, ""));
        match figures.by_id.get(id) {
            None => {
                let known: Vec<&str> = figures.by_id.keys().map(String::as_str).collect();
                let hint = if known.is_empty() {
                    "the document defines no figures: add them under `figures:` (or give a result or target an `id`)".to_string()
                } else {
                    did_you_mean(id, &known, "the figures' ids")
                };
                problems.push((
                    Diagnostic::error(path, format!("`(({inner}))` names no figure `{id}`"))
                        .with_hint(hint),
                    Some(offset),
                ));
            }
            Some(f) => match f.part(part) {
                Ok(s) => out.push_str(&s),
                Err(why) if why.is_empty() => {
                    let parts: Vec<&str> = FIGURE_PARTS.iter().map(|(p, _)| *p).collect();
                    problems.push((
                        Diagnostic::error(
                            path,
                            format!("`(({inner}))`: a figure has no part `{part}`"),
                        )
                        .with_hint(did_you_mean(part, &parts, "the parts")),
                        Some(offset),
                    ));
                }
                Err(why) => problems.push((
                    Diagnostic::error(path, format!("`(({inner}))`: {why} (at `{}`)", f.path))
                        .with_hint("add it to the figure, or cite another part"),
                    Some(offset),
                )),
            },
        }
        let whole = &rest[start..start + 2 + end + 2];
        consumed_chars = offset + whole.chars().count();
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    *text = out;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(figures: &str, text: &str) -> (String, Vec<String>) {
        let yaml = format!(
            "kind: bao-cao\nissuer: {{ name: Sở, code: S }}\nplace: Yên Bái\ndate: 2017-06-20\nsubject: BC\n\
             period: {{ kind: 6-thang-dau-nam, year: 2017 }}\nfigures:\n{figures}\n\
             direction: [ \"{text}\" ]\nsignature: {{ title: Giám đốc, name: A }}\narchive: VT\n"
        );
        let doc: model::Document = serde_yaml::from_str(&yaml).unwrap();
        let r = super::super::resolve(doc, None);
        let model::Block::Paragraph(p) = &r.doc.direction[0] else {
            panic!()
        };
        (
            p.clone(),
            r.problems.iter().map(|(d, _)| d.message.clone()).collect(),
        )
    }

    const VIEC_LAM: &str = "  - { id: viec-lam, name: Giải quyết việc làm, unit: lao động, actual: 9043, plan: 17700, previous: 8637 }";

    #[test]
    fn the_2017_report_phrases() {
        assert_eq!(
            resolved(VIEC_LAM, "đã giải quyết việc làm ((viec-lam))").0,
            "đã giải quyết việc làm 9.043 lao động (đạt 51,09% kế hoạch năm 2017), \
             tăng 4,7% so với cùng kỳ năm 2016"
        );
        assert_eq!(
            resolved(
                VIEC_LAM,
                "((viec-lam.value)) (((viec-lam.share))); ((viec-lam.change))"
            )
            .0,
            "9.043 lao động (đạt 51,09% kế hoạch năm 2017); tăng 4,7% so với cùng kỳ năm 2016"
        );
        let tuyen_moi = "  - { id: tuyen-moi, unit: người, actual: 7390, plan: 15200, precision: 1, \
                         plan-label: so với chỉ tiêu kế hoạch năm 2017, plan-figure: true }";
        assert_eq!(
            resolved(tuyen_moi, "tuyển mới ((tuyen-moi))").0,
            "tuyển mới 7.390 người, đạt 48,6% so với chỉ tiêu kế hoạch năm 2017 (15.200 người)"
        );
        let ty_le = "  - { id: bhyt, unit: người, actual: 590, plan: 1000, precision: 0 }";
        assert_eq!(
            resolved(ty_le, "((bhyt.share))").0,
            "đạt 59% kế hoạch năm 2017"
        );
        let quy = "  - { id: quy, unit: triệu đồng, actual: 926, plan: \"800,5\", precision: 1, \
                   plan-label: kế hoạch, exceed: false }";
        assert_eq!(
            resolved(quy, "Quỹ đạt ((quy.value)), ((quy.share))").0,
            "Quỹ đạt 926 triệu đồng, đạt 115,7% kế hoạch"
        );
        let quy_exceed = "  - { id: quy, unit: triệu đồng, actual: 926, plan: \"800,5\", precision: 1, plan-label: kế hoạch }";
        assert_eq!(
            resolved(quy_exceed, "((quy.share))").0,
            "đạt 115,7% kế hoạch, vượt 15,7%"
        );
    }

    #[test]
    fn the_excess_alone_and_a_label_that_says_so_itself() {
        let f = [
            "  - { id: thu, unit: tỷ đồng, actual: 11580, plan: \"10.367,700\", previous: 10482, precision: 2, plan-label: so dự toán, previous-label: so cùng kỳ }",
            "  - { id: bvmt, unit: tỷ đồng, actual: 535, plan: 893, precision: 0, plan-label: dự toán }",
            "  - { id: eq, unit: người, actual: 5, previous: 5, previous-label: so với cùng kỳ }",
        ]
        .join("\n");
        let f = f.as_str();
        assert_eq!(
            resolved(f, "((thu.plan)): ((thu.value)), ((thu.over)), ((thu.change)); ((bvmt.over)); ((eq.change)); ((thu.difference))").0,
            "10.367,700 tỷ đồng: 11.580 tỷ đồng, vượt 11,69% so dự toán, tăng 10,48% so cùng kỳ; \
             đạt 60% dự toán; bằng cùng kỳ; tăng 1.098 tỷ đồng so cùng kỳ"
        );
    }

    #[test]
    fn parts_and_portions() {
        let f = "  - { id: tre-em, unit: trẻ em, actual: 200000 }\n  - { id: ngheo, unit: trẻ em, actual: 27678, share-of: tre-em, precision: 1 }";
        assert_eq!(
            resolved(
                f,
                "((ngheo.number)) ((ngheo.unit)), ((ngheo.portion)) ((ngheo.portion-percent))"
            )
            .0,
            "27.678 trẻ em, chiếm 13,8% 13,8%"
        );
        assert_eq!(
            resolved(
                VIEC_LAM,
                "((viec-lam.plan)) ((viec-lam.percent)) ((viec-lam.name))"
            )
            .0,
            "17.700 lao động 51,09% Giải quyết việc làm"
        );
        // 9043 / 20000 = 45,215%: exact, half up.
        let f = "  - { id: a, unit: người, actual: 9043, plan: 20000 }";
        assert_eq!(resolved(f, "((a.percent))").0, "45,22%");
    }

    #[test]
    fn unknown_references_are_problems_with_the_closest_id() {
        let (_, problems) = resolved(
            VIEC_LAM,
            "((viec-lm)) ((viec-lam.shar)) ((viec-lam.portion)) ((x",
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("names no figure `viec-lm`"));
        assert!(problems[1].contains("no part `shar`"));
        assert!(problems[2].contains("no `share-of`"));
        assert!(problems[3].contains("not closed"));
    }
}
