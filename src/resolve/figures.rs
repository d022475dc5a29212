//! Results against the plan and the same period last year, computed once:
//! the share of the plan and the change, rounded for print. The view words
//! them ("đạt 51,09% kế hoạch năm 2017"), the results table and a batch's
//! summary print the same values, so they cannot disagree.

use rust_decimal::Decimal;

use crate::model::Precision;
use crate::vi::{self, unit_suffix};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

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

/// Computes shares and changes, exactly. `plan` and `previous` are the bases.
pub(crate) fn compute(
    actual: Decimal,
    plan: Option<Decimal>,
    previous: Option<Decimal>,
    unit: &str,
    precision: Precision,
) -> Computed {
    let rate = unit.trim().starts_with('%');
    let share = match plan {
        None => Share::NoPlan,
        Some(_) if rate => Share::Rate,
        Some(p) if p.is_zero() => Share::ZeroPlan,
        Some(p) => match actual.checked_div(p).and_then(|q| q.checked_mul(HUNDRED)) {
            // Beyond what a decimal holds: no percentage is invented.
            None => Share::ZeroPlan,
            Some(exact) => {
                let side = match actual.cmp(&p) {
                    std::cmp::Ordering::Less => Side::Below,
                    std::cmp::Ordering::Greater => Side::Above,
                    std::cmp::Ordering::Equal => Side::Exact,
                };
                Share::Percent(round_not_across(exact, side, precision.share), side)
            }
        },
    };
    let change = match previous {
        None => ChangeFigure::NoPrevious,
        Some(p) if p == actual => ChangeFigure::Equal,
        Some(p) if p.is_zero() && !rate => ChangeFigure::FromZero(format!(
            "{}{}",
            vi::format_written((actual - p).abs(), 3),
            unit_suffix(unit)
        )),
        Some(p) => {
            let up = actual > p;
            let delta = if rate {
                Some((actual - p).abs())
            } else {
                (actual - p)
                    .abs()
                    .checked_div(p.abs())
                    .and_then(|q| q.checked_mul(HUNDRED))
            };
            match delta {
                None => ChangeFigure::NoPrevious,
                Some(delta) => {
                    let figure = vi::format_decimal(delta, precision.change);
                    if is_zero_figure(&figure) {
                        ChangeFigure::Tiny {
                            bound: vi::format_decimal(step(precision.change), precision.change),
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
            }
        }
    };
    Computed {
        actual: vi::format_written(actual, 3),
        plan: plan.map(|p| vi::format_written(p, 3)),
        share,
        change,
    }
}

/// The smallest figure `decimals` shows: 0,1 for one decimal.
fn step(decimals: usize) -> Decimal {
    Decimal::new(1, decimals.min(28) as u32)
}

/// Rounds `x` (half up) for print, but never onto or across 100 when the
/// exact value is on one side of it: 99,995% of a plan not met prints 99,99, not 100,00.
fn round_not_across(x: Decimal, side: Side, decimals: usize) -> String {
    let printed = vi::format_decimal(x, decimals);
    let value = vi::parse_number(&printed).unwrap_or(x);
    match side {
        Side::Below if value >= HUNDRED => vi::format_decimal(HUNDRED - step(decimals), decimals),
        Side::Above if value <= HUNDRED => vi::format_decimal(HUNDRED + step(decimals), decimals),
        Side::Exact => vi::format_number(HUNDRED, decimals),
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
                let over = vi::parse_number(p).map_or(Decimal::ZERO, |v| v - HUNDRED);
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
