//! The province summary: totals summed from the districts, each district's
//! share of its plan in tables, and who leads and trails.

use std::collections::BTreeMap;

use serde_yaml::Mapping;

use super::input::{indicators, report_document};
use super::{Batch, Figure, IndicatorDef};
use crate::Document;
use crate::error::Diagnostic;
use crate::model::{Amount, Block, Cell, Column, CustomSection, Precision, Row, Table};
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
        let all = |get: fn(&Figure) -> Option<Amount>| -> Option<Amount> {
            figures
                .iter()
                .map(|f| get(f).map(|a| a.0))
                .sum::<Option<rust_decimal::Decimal>>()
                .map(Amount)
        };
        out.insert(
            def.id.clone(),
            Figure {
                actual: Amount(figures.iter().map(|f| f.actual.0).sum()),
                plan: all(|f| f.plan),
                previous: all(|f| f.previous),
            },
        );
    }
    out
}

/// The summary report from the districts that rendered (name and figures), in name order.
pub fn summary_document(
    batch: &Batch,
    districts: &[(String, BTreeMap<String, Figure>)],
) -> Result<Document, Vec<Diagnostic>> {
    summary_document_without(batch, districts, &[])
}

/// The summary when the districts `missing` could not be rendered: the
/// totals are not the province's, and the page says which are missing.
pub fn summary_document_without(
    batch: &Batch,
    districts: &[(String, BTreeMap<String, Figure>)],
    missing: &[String],
) -> Result<Document, Vec<Diagnostic>> {
    let totals = totals(batch, districts);
    let scope = if missing.is_empty() {
        "toàn tỉnh"
    } else {
        "các đơn vị đã tổng hợp"
    };
    let indicators = indicators(&batch.indicators, &totals, Some(scope))?;
    let precision = Precision::default();
    let mut body: Vec<Block> = Vec::new();
    if !missing.is_empty() {
        body.push(Block::Paragraph(format!(
            "Chưa tổng hợp được số liệu của {} đơn vị: {} (hồ sơ có lỗi); các số liệu dưới đây chưa phải số liệu toàn tỉnh.",
            missing.len(),
            missing.join(", ")
        )));
    }
    body.extend(
        batch
            .indicators
            .chunks(INDICATORS_PER_TABLE)
            .map(|chunk| Block::Table {
                table: district_table(chunk, districts, precision),
            }),
    );
    body.extend(
        batch
            .indicators
            .iter()
            .filter_map(|def| ranking(def, districts, precision))
            .map(Block::Paragraph),
    );
    let section = CustomSection {
        title: "Kết quả thực hiện của các đơn vị".into(),
        body,
    };
    report_document(
        &batch.province,
        &Mapping::new(),
        None,
        batch.period,
        indicators,
        Some(section),
        false,
    )
}

/// Đơn vị | for each indicator: Kế hoạch, Thực hiện, Tỷ lệ % KH; numbered,
/// with a totals row.
fn district_table(
    chunk: &[IndicatorDef],
    districts: &[(String, BTreeMap<String, Figure>)],
    precision: Precision,
) -> Table {
    let mut columns = vec![Column::text("Đơn vị")];
    let mut widths = vec![3.0];
    for def in chunk {
        let group = format!("{} ({})", def.name, def.unit);
        for (title, numeric) in [
            ("Kế hoạch", true),
            ("Thực hiện", true),
            ("Tỷ lệ % KH", false),
        ] {
            columns.push(Column {
                title: title.into(),
                group: Some(group.clone()),
                numeric,
                total: numeric,
                decimals: None,
                show: None,
            });
            widths.push(1.4);
        }
    }
    let rows = districts
        .iter()
        .map(|(name, figures)| {
            let mut row = vec![Cell::Text(name.clone())];
            for def in chunk {
                match figures.get(&def.id) {
                    Some(f) => {
                        let c = compute(
                            f.actual.0,
                            f.plan.map(|a| a.0),
                            f.previous.map(|a| a.0),
                            &def.unit,
                            precision,
                        );
                        row.push(
                            f.plan
                                .map(Cell::Number)
                                .unwrap_or_else(|| Cell::Text(String::new())),
                        );
                        row.push(Cell::Number(f.actual));
                        row.push(Cell::Text(c.share_cell()));
                    }
                    None => row.extend([
                        Cell::Text(String::new()),
                        Cell::Text(String::new()),
                        Cell::Text(String::new()),
                    ]),
                }
            }
            Row::cells(row)
        })
        .collect();
    Table {
        columns,
        widths,
        rows,
        numbered: true,
        totals: Some("Tổng cộng".into()),
    }
}

/// "Giải quyết việc làm: cao nhất Huyện A (61,20% kế hoạch), thấp nhất Huyện B (40,03% kế hoạch)."
fn ranking(
    def: &IndicatorDef,
    districts: &[(String, BTreeMap<String, Figure>)],
    precision: Precision,
) -> Option<String> {
    let mut shares: Vec<(rust_decimal::Decimal, &str, String)> = districts
        .iter()
        .filter_map(|(name, figures)| {
            let f = figures.get(&def.id)?;
            let plan = f.plan.filter(|p| p.0 > rust_decimal::Decimal::ZERO)?.0;
            let c = compute(f.actual.0, Some(plan), None, &def.unit, precision);
            match c.share {
                Share::Percent(p, _) => Some((f.actual.0.checked_div(plan)?, name.as_str(), p)),
                _ => None,
            }
        })
        .collect();
    if shares.len() < 2 {
        return None;
    }
    // Ties keep name order: the sort is stable.
    shares.sort_by(|a, b| b.0.cmp(&a.0));
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
