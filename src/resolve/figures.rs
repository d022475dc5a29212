//! Results against the plan and the same period last year, computed once:
//! the share of the plan and the change, rounded for print. The view words
//! them ("đạt 51,09% kế hoạch năm 2017"), the results table and a batch's
//! summary print the same values, so they cannot disagree.

use crate::model::Precision;
use crate::vi::{self, unit_suffix};

/// The share of the plan, as it will be printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Share {
    /// No plan figure: nothing is said.
    NoPlan,
    /// The plan figure is zero: no percentage exists; the plan is stated.
    ZeroPlan,
    /// A rate (unit `%`): a share of a rate means nothing; the plan is stated.
    Rate,
    /// The share in percent, already rounded for print (never rounded across 100).
    Percent(String, Side),
}

/// Where a result stands against its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Below the plan: "đạt 51,09% kế hoạch".
    Below,
    /// Exactly the plan: "đạt 100% kế hoạch".
    Exact,
    /// Above the plan: "vượt 8,50% kế hoạch".
    Above,
}

/// The change against the same period last year, as it will be printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ChangeFigure {
    /// No previous figure: nothing is said.
    NoPrevious,
    /// Exactly the previous value: "bằng cùng kỳ".
    Equal,
    /// The previous value is zero: the change is stated as an amount.
    FromZero(String),
    /// A percentage ("4,7") or, for rates, percentage points.
    Percent {
        /// The rounded size of the change.
        figure: String,
        /// An increase.
        up: bool,
        /// In percentage points (a change of a rate).
        points: bool,
    },
    /// Smaller than the precision shows: "tăng dưới 0,1%".
    Tiny {
        /// The smallest figure the precision shows ("0,1").
        bound: String,
        /// An increase.
        up: bool,
        /// In percentage points.
        points: bool,
    },
}

/// Everything computed for one result.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Computed {
    /// The achieved value, formatted.
    pub actual: String,
    /// The plan figure, formatted, if any.
    pub plan: Option<String>,
    /// The share of the plan.
    pub share: Share,
    /// The change against the same period.
    pub change: ChangeFigure,
}

/// Computes shares and changes. `plan` and `previous` are the bases.
#[allow(clippy::redundant_guards)] // a float compared, not matched
pub(crate) fn compute(
    actual: f64,
    plan: Option<f64>,
    previous: Option<f64>,
    unit: &str,
    precision: Precision,
) -> Computed {
    let rate = unit.trim().starts_with('%');
    let share = match plan {
        None => Share::NoPlan,
        Some(_) if rate => Share::Rate,
        Some(p) if p == 0.0 => Share::ZeroPlan,
        Some(p) => {
            let exact = actual / p * 100.0;
            let side = if actual < p {
                Side::Below
            } else if actual > p {
                Side::Above
            } else {
                Side::Exact
            };
            Share::Percent(round_not_across(exact, 100.0, side, precision.share), side)
        }
    };
    let change = match previous {
        None => ChangeFigure::NoPrevious,
        Some(p) if p == actual => ChangeFigure::Equal,
        Some(p) if p == 0.0 && !rate => ChangeFigure::FromZero(format!(
            "{}{}",
            vi::format_number((actual - p).abs(), 3),
            unit_suffix(unit)
        )),
        Some(p) => {
            let up = actual > p;
            let delta = if rate {
                (actual - p).abs()
            } else {
                ((actual - p) / p * 100.0).abs()
            };
            let figure = vi::format_decimal(delta, precision.change);
            if is_zero_figure(&figure) {
                ChangeFigure::Tiny {
                    bound: vi::format_decimal(
                        10f64.powi(-(precision.change as i32)),
                        precision.change,
                    ),
                    up,
                    points: rate,
                }
            } else {
                ChangeFigure::Percent {
                    figure,
                    up,
                    points: rate,
                }
            }
        }
    };
    Computed {
        actual: vi::format_number(actual, 3),
        plan: plan.map(|p| vi::format_number(p, 3)),
        share,
        change,
    }
}

/// Rounds `x` for print, but never onto or across `limit` when the exact
/// value is on one side of it: 99,995% of a plan not met prints 99,99, not 100,00.
fn round_not_across(x: f64, limit: f64, side: Side, decimals: usize) -> String {
    let step = 10f64.powi(-(decimals as i32));
    let printed = vi::format_decimal(x, decimals);
    let value = vi::parse_number(&printed).unwrap_or(x);
    match side {
        Side::Below if value >= limit => vi::format_decimal(limit - step, decimals),
        Side::Above if value <= limit => vi::format_decimal(limit + step, decimals),
        Side::Exact => vi::format_number(limit, decimals),
        _ => printed,
    }
}

fn is_zero_figure(s: &str) -> bool {
    s.chars().all(|c| c == '0' || c == ',')
}

impl Computed {
    /// How far above the plan, as printed after "vượt": the printed share
    /// minus 100, with the same decimals (117,00 → 17,00).
    pub(crate) fn over_plan(&self) -> Option<String> {
        match &self.share {
            Share::Percent(p, Side::Above) => {
                let over = vi::parse_number(p).map(|v| v - 100.0).unwrap_or(0.0);
                let decimals = p.split(',').nth(1).map_or(0, str::len);
                Some(vi::format_decimal(over, decimals))
            }
            _ => None,
        }
    }

    /// The "Tỷ lệ % KH" cell: "51,09", or empty.
    pub(crate) fn share_cell(&self) -> String {
        match &self.share {
            Share::Percent(p, _) => p.clone(),
            _ => String::new(),
        }
    }

    /// The "So cùng kỳ" cell: "+4,7%", "-2,3%", "0%", or empty.
    pub(crate) fn change_cell(&self) -> String {
        let sign = |up: bool| if up { "+" } else { "-" };
        let unit = |points: bool| if points { " điểm" } else { "%" };
        match &self.change {
            ChangeFigure::NoPrevious | ChangeFigure::FromZero(_) => String::new(),
            ChangeFigure::Equal => "0%".to_string(),
            ChangeFigure::Percent { figure, up, points } => {
                format!("{}{figure}{}", sign(*up), unit(*points))
            }
            ChangeFigure::Tiny { bound, up, points } => {
                format!("{}<{bound}{}", sign(*up), unit(*points))
            }
        }
    }
}
