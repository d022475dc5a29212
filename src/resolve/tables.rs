//! Tables of figures: every cell of a column that `show`s something is
//! computed from the row's figure, parts become indented rows, and the
//! totals row is computed from the sums (a share of the summed plan, never a
//! sum of shares). The results table of a report is one such table.

use rust_decimal::Decimal;

use super::ResultLine;
use super::figures::compute;
use super::references::{FigureLine, Figures, Located};
use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Cell, Column, Precision, Row, Show, Table};
use crate::suggest::did_you_mean;
use crate::vi;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A figure and its parts, as rows.
pub(crate) struct Line {
    pub figure: FigureLine,
    pub parts: Vec<Line>,
}

impl Line {
    /// A figure of the document and its parts, from the figures by id.
    fn of(id: &str, figures: &Figures, depth: usize) -> Option<Line> {
        let figure = figures.by_id.get(id)?.clone();
        // Parts nest only as deep as the document does; a cycle cannot exist
        // (ids are unique), but a bound costs nothing.
        let parts = if depth < 16 {
            figure
                .parts
                .iter()
                .filter_map(|p| Line::of(p, figures, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        Some(Line { figure, parts })
    }

    /// A report's result and its parts.
    pub(crate) fn of_result(r: &ResultLine, labels: (&str, &str), precision: Precision) -> Line {
        Line {
            figure: FigureLine::of_result(r, labels, precision),
            parts: r
                .children
                .iter()
                .map(|c| Line::of_result(c, labels, precision))
                .collect(),
        }
    }
}

/// Computes the rows of a table's figures (`figure: id`) and, when the
/// table shows figures, its totals row. Returns whether the table changed.
pub(crate) fn compute_table(
    table: &mut Table,
    path: &str,
    figures: &Figures,
    precision: Precision,
    problems: &mut Vec<Located>,
) -> bool {
    let shows = table.columns.iter().any(|c| c.show.is_some());
    if !shows && table.rows.iter().all(|r| r.figure.is_none()) {
        return false;
    }
    if table.widths.is_empty() {
        table.widths = table.columns.iter().map(default_width).collect();
    }
    let free = table.columns.iter().filter(|c| c.show.is_none()).count();
    let rows_path = join_key(path, "rows");
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut main: Vec<FigureLine> = Vec::new();
    for (i, row) in std::mem::take(&mut table.rows).into_iter().enumerate() {
        let Some(id) = row.figure.as_deref().map(str::trim) else {
            rows.push(row);
            continue;
        };
        let row_path = join_index(&rows_path, i);
        let Some(line) = Line::of(id, figures, 0) else {
            let known: Vec<&str> = figures.by_id.keys().map(String::as_str).collect();
            let hint = if known.is_empty() {
                "the document defines no figures: add them under `figures:`".to_string()
            } else {
                did_you_mean(id, &known, "the figures' ids")
            };
            problems.push((
                Diagnostic::error(
                    join_key(&row_path, "figure"),
                    format!("`figure: {id}` names no figure"),
                )
                .with_hint(hint),
                None,
            ));
            continue;
        };
        if row.cells.len() > free {
            problems.push((
                Diagnostic::error(
                    join_key(&row_path, "cells"),
                    format!(
                        "{} cells, but the table has {free} columns without `show` for them",
                        row.cells.len()
                    ),
                )
                .with_hint(
                    "give a figure's row one cell per column that shows nothing (Ghi chú …)",
                ),
                None,
            ));
        }
        if row.level == 0 {
            main.push(line.figure.clone());
        }
        let parts = if row.parts {
            line.parts.as_slice()
        } else {
            &[]
        };
        push_rows(
            &table.columns,
            &line.figure,
            parts,
            row.level,
            None,
            &row.cells,
            &mut rows,
        );
    }
    table.rows = rows;
    if let Some(label) = table.totals.take() {
        // Plain rows are summed as the view sums them; figure rows by their values.
        let plain: Vec<&Row> = table
            .rows
            .iter()
            .filter(|r| r.level == 0 && !r.strong)
            .collect();
        let totals = totals_row(
            &table.columns,
            &label,
            &main,
            &plain,
            precision,
            path,
            problems,
        );
        table.rows.push(totals);
    }
    true
}

/// A report's results table: the document's columns, or the standard seven.
pub(crate) fn results_table(
    lines: &[Line],
    columns: Option<&[Column]>,
    widths: &[f64],
    totals: Option<&str>,
    precision: Precision,
    problems: &mut Vec<Located>,
) -> Table {
    let (columns, widths) = match columns {
        Some(c) if !c.is_empty() => (c.to_vec(), widths.to_vec()),
        _ => standard_columns(),
    };
    let mut rows = Vec::new();
    for line in lines {
        push_rows(&columns, &line.figure, &line.parts, 0, None, &[], &mut rows);
    }
    let mut table = Table {
        columns,
        widths,
        rows,
        numbered: true,
        totals: None,
    };
    if let Some(label) = totals {
        let main: Vec<FigureLine> = lines.iter().map(|l| l.figure.clone()).collect();
        let row = totals_row(
            &table.columns,
            label,
            &main,
            &[],
            precision,
            "results.table",
            problems,
        );
        table.rows.push(row);
    }
    table
}

/// A column's share of the width when the table gives none: names are wide,
/// figures narrow, as in the standard results table.
fn default_width(column: &Column) -> f64 {
    match column.show {
        Some(Show::Name) => 3.4,
        Some(Show::Unit) | Some(Show::Actual) | Some(Show::Plan) | Some(Show::Previous) => 1.3,
        Some(_) => 1.2,
        None => 1.5,
    }
}

/// STT | Chỉ tiêu | Đơn vị | Kế hoạch | Thực hiện | Tỷ lệ % KH | So cùng kỳ.
fn standard_columns() -> (Vec<Column>, Vec<f64>) {
    (
        vec![
            Column::showing("Chỉ tiêu", Show::Name),
            Column::showing("Đơn vị", Show::Unit),
            Column::showing("Kế hoạch", Show::Plan),
            Column::showing("Thực hiện", Show::Actual),
            Column::showing("Tỷ lệ % KH", Show::Percent),
            Column::showing("So cùng kỳ", Show::Change),
        ],
        vec![3.4, 1.3, 1.3, 1.3, 1.2, 1.2],
    )
}

/// The figure's row, then its parts' rows one level in.
fn push_rows(
    columns: &[Column],
    f: &FigureLine,
    parts: &[Line],
    level: usize,
    parent: Option<Decimal>,
    free: &[Cell],
    out: &mut Vec<Row>,
) {
    let mut free = free.iter();
    let cells = columns
        .iter()
        .map(|col| match col.show {
            Some(show) => cell(show, f, level, parent),
            None => free.next().cloned().unwrap_or_else(|| text("")),
        })
        .collect();
    out.push(Row {
        cells,
        level,
        ..Row::cells(Vec::new())
    });
    for part in parts {
        push_rows(
            columns,
            &part.figure,
            &part.parts,
            level + 1,
            Some(f.actual),
            &[],
            out,
        );
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(d: Option<Decimal>) -> Cell {
    d.map_or_else(|| text(""), |d| Cell::Number(d.into()))
}

/// One computed cell of a figure's row.
fn cell(show: Show, f: &FigureLine, level: usize, parent: Option<Decimal>) -> Cell {
    match show {
        Show::Name if level > 0 => text(format!("- {}", f.name.trim())),
        Show::Name => text(f.name.trim()),
        Show::Unit => text(f.unit.trim()),
        Show::Actual => number(Some(f.actual)),
        Show::Plan => number(f.plan_value),
        Show::Previous => number(f.previous_value),
        Show::Percent => text(f.computed.share_cell()),
        Show::Change => text(f.computed.change_cell()),
        Show::Ratio => text(ratio(f.actual, f.previous_value, f.precision.share)),
        Show::Difference => text(difference(f.actual, f.previous_value)),
        Show::Portion => text(match (&f.portion, parent) {
            (Some(p), _) => p.clone(),
            (None, Some(whole)) => ratio(f.actual, Some(whole), f.precision.share),
            (None, None) => String::new(),
        }),
    }
}

/// `part` as a percentage of `whole`: "104,70"; empty without a base.
fn ratio(part: Decimal, whole: Option<Decimal>, decimals: usize) -> String {
    whole
        .filter(|w| !w.is_zero())
        .and_then(|w| part.checked_div(w))
        .and_then(|q| q.checked_mul(HUNDRED))
        .map(|p| vi::format_decimal(p, decimals))
        .unwrap_or_default()
}

/// Actual − previous, signed: "+406", "-20", "0"; empty without a previous figure.
fn difference(actual: Decimal, previous: Option<Decimal>) -> String {
    let Some(previous) = previous else {
        return String::new();
    };
    let delta = actual - previous;
    let sign = match delta.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => "+",
        std::cmp::Ordering::Less => "-",
        std::cmp::Ordering::Equal => "",
    };
    format!("{sign}{}", vi::format_written(delta.abs(), 3))
}

/// The totals row: sums of the main rows, and shares computed from the sums.
fn totals_row(
    columns: &[Column],
    label: &str,
    main: &[FigureLine],
    plain: &[&Row],
    precision: Precision,
    path: &str,
    problems: &mut Vec<Located>,
) -> Row {
    let sum = |get: &dyn Fn(&FigureLine) -> Option<Decimal>| -> Option<Decimal> {
        main.iter().map(get).sum::<Option<Decimal>>()
    };
    let actual = sum(&|f| Some(f.actual));
    let plan = sum(&|f| f.plan_value);
    let previous = sum(&|f| f.previous_value);
    let units: Vec<&str> = {
        let mut u: Vec<&str> = main.iter().map(|f| f.unit.trim()).collect();
        u.sort_unstable();
        u.dedup();
        u
    };
    let sums_figures = columns
        .iter()
        .any(|c| c.total && matches!(c.show, Some(s) if s != Show::Name && s != Show::Unit));
    if sums_figures && units.len() > 1 {
        problems.push((
            Diagnostic::error(
                join_key(path, "totals"),
                format!("the totals row would add figures in {}", units.join(", ")),
            )
            .with_hint("sum only figures of one unit: leave `total` off these columns, or `totals` off the table"),
            None,
        ));
    }
    let unit = units.first().copied().unwrap_or("");
    let whole = actual.map(|a| compute(a, plan, previous, unit, precision));
    let mut label_placed = false;
    let mut cells: Vec<Cell> = columns
        .iter()
        .enumerate()
        .map(|(i, col)| match col.show {
            Some(Show::Name) => {
                label_placed = true;
                text(label.trim())
            }
            Some(Show::Unit) if units.len() == 1 => text(unit),
            _ if !col.total => text(""),
            Some(Show::Actual) => number(actual),
            Some(Show::Plan) => number(plan),
            Some(Show::Previous) => number(previous),
            Some(Show::Percent) => text(whole.as_ref().map(|c| c.share_cell()).unwrap_or_default()),
            Some(Show::Change) => text(whole.as_ref().map(|c| c.change_cell()).unwrap_or_default()),
            Some(Show::Ratio) => text(
                actual
                    .map(|a| ratio(a, previous, precision.share))
                    .unwrap_or_default(),
            ),
            Some(Show::Difference) => {
                text(actual.map(|a| difference(a, previous)).unwrap_or_default())
            }
            Some(Show::Portion) => text(
                actual
                    .map(|a| ratio(a, Some(a), precision.share))
                    .unwrap_or_default(),
            ),
            Some(Show::Unit) => text(""),
            // A free column: the sum of its numbers, as in a plain table.
            None => Cell::Number(
                plain
                    .iter()
                    .filter_map(|r| r.cells.get(i).and_then(Cell::as_number))
                    .map(|n| n.0)
                    .sum::<Decimal>()
                    .into(),
            ),
        })
        .collect();
    if !label_placed
        && let Some(first) = cells.first_mut()
        && matches!(first, Cell::Text(t) if t.is_empty())
    {
        *first = text(label.trim());
    }
    Row {
        cells,
        strong: true,
        ..Row::cells(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_differences() {
        assert_eq!(
            ratio(Decimal::from(9043), Some(Decimal::from(8637)), 2),
            "104,70"
        );
        assert_eq!(ratio(Decimal::from(1), Some(Decimal::ZERO), 2), "");
        assert_eq!(
            difference(Decimal::from(9043), Some(Decimal::from(8637))),
            "+406"
        );
        assert_eq!(
            difference(Decimal::from(8000), Some(Decimal::from(8637))),
            "-637"
        );
        assert_eq!(difference(Decimal::from(5), Some(Decimal::from(5))), "0");
        assert_eq!(difference(Decimal::from(5), None), "");
    }
}
