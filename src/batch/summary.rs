//! The province summary: totals summed from the districts, each district's
//! share of its plan in tables, and who leads and trails.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::input::{indicators_value, report_document};
use super::{Batch, Figure};
use crate::Document;
use crate::resolve::{Share, compute};
use crate::vi;

/// Indicators per district table (each takes three columns).
const INDICATORS_PER_TABLE: usize = 2;

/// Sums district figures: a plan or previous total exists only when every
/// district has one (a partial sum would be a made-up figure).
pub fn totals(
    batch: &Batch,
    districts: &[(String, BTreeMap<String, Figure>)],
) -> BTreeMap<String, Figure> {
    let mut out = BTreeMap::new();
    for def in &batch.indicators {
        let figures: Vec<&Figure> = districts
            .iter()
            .filter_map(|(_, f)| f.get(&def.id))
            .collect();
        if figures.is_empty() {
            continue;
        }
        let all = |get: fn(&Figure) -> Option<f64>| -> Option<f64> {
            figures.iter().map(|f| get(f)).sum::<Option<f64>>()
        };
        out.insert(
            def.id.clone(),
            Figure {
                actual: figures.iter().map(|f| f.actual).sum(),
                plan: all(|f| f.plan),
                previous: all(|f| f.previous),
            },
        );
    }
    out
}

fn s(x: &str) -> Value {
    Value::String(x.to_string())
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(s(k), v);
    }
    Value::Mapping(m)
}

/// The summary report from the districts that rendered (name and figures), in name order.
pub fn summary_document(
    batch: &Batch,
    districts: &[(String, BTreeMap<String, Figure>)],
) -> Result<Document, Vec<String>> {
    let totals = totals(batch, districts);
    let indicators = indicators_value(&batch.indicators, &totals, Some("toàn tỉnh"))?;
    let precision = crate::model::Precision::default();
    let mut body = Vec::new();
    for chunk in batch.indicators.chunks(INDICATORS_PER_TABLE) {
        let mut columns = vec![s("Đơn vị")];
        let mut widths = vec![Value::from(3.0)];
        for def in chunk {
            let group = format!("{} ({})", def.name, def.unit);
            for (title, numeric) in [
                ("Kế hoạch", true),
                ("Thực hiện", true),
                ("Tỷ lệ % KH", false),
            ] {
                columns.push(map(vec![
                    ("title", s(title)),
                    ("group", s(&group)),
                    ("numeric", Value::from(numeric)),
                    ("total", Value::from(numeric)),
                ]));
                widths.push(Value::from(1.4));
            }
        }
        let rows: Vec<Value> = districts
            .iter()
            .map(|(name, figures)| {
                let mut row = vec![s(name)];
                for def in chunk {
                    match figures.get(&def.id) {
                        Some(f) => {
                            let c = compute(f.actual, f.plan, f.previous, &def.unit, precision);
                            row.push(f.plan.map(Value::from).unwrap_or_else(|| s("")));
                            row.push(Value::from(f.actual));
                            row.push(s(&c.share_cell()));
                        }
                        None => row.extend([s(""), s(""), s("")]),
                    }
                }
                Value::Sequence(row)
            })
            .collect();
        body.push(map(vec![(
            "table",
            map(vec![
                ("numbered", Value::from(true)),
                ("columns", Value::Sequence(columns)),
                ("widths", Value::Sequence(widths)),
                ("rows", Value::Sequence(rows)),
                ("totals", s("Tổng cộng")),
            ]),
        )]));
    }
    for def in &batch.indicators {
        if let Some(line) = ranking(def, districts, precision) {
            body.push(s(&line));
        }
    }
    let extra = map(vec![(
        "fields",
        map(vec![(
            "other",
            Value::Sequence(vec![map(vec![
                ("title", s("Kết quả thực hiện của các đơn vị")),
                ("body", Value::Sequence(body)),
            ])]),
        )]),
    )]);
    report_document(
        &batch.province,
        &Mapping::new(),
        None,
        batch.period,
        indicators,
        Some(extra),
    )
}

/// "Giải quyết việc làm: cao nhất Huyện A (61,20% kế hoạch), thấp nhất Huyện B (40,03% kế hoạch)."
fn ranking(
    def: &super::IndicatorDef,
    districts: &[(String, BTreeMap<String, Figure>)],
    precision: crate::model::Precision,
) -> Option<String> {
    let mut shares: Vec<(f64, &str, String)> = districts
        .iter()
        .filter_map(|(name, figures)| {
            let f = figures.get(&def.id)?;
            let plan = f.plan.filter(|p| *p > 0.0)?;
            let c = compute(f.actual, Some(plan), None, &def.unit, precision);
            match c.share {
                Share::Percent(p, _) => Some((f.actual / plan, name.as_str(), p)),
                _ => None,
            }
        })
        .collect();
    if shares.len() < 2 {
        return None;
    }
    // Ties keep name order: the sort is stable.
    shares.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, worst) = (&shares[0], &shares[shares.len() - 1]);
    Some(format!(
        "{}: đơn vị đạt tỷ lệ cao nhất là {} ({}% kế hoạch), thấp nhất là {} ({}% kế hoạch).",
        vi::capitalize_first(&def.name),
        best.1,
        best.2,
        worst.1,
        worst.2
    ))
}
