//! Results against the plan and the same period last year: computed and
//! worded as the sector's reports word them.
//!
//! "9.043 lao động (đạt 51,09% kế hoạch năm 2017); tăng 4,7% so với cùng kỳ
//! năm 2016". The text and the results table take their figures from the same
//! [`Computed`] value, so they cannot disagree.

use crate::model::Precision;
use crate::vi;

use super::unit_suffix;

/// The share of the plan, as it will be printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Share {
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
pub enum Side {
    /// Below the plan: "đạt 51,09% kế hoạch".
    Below,
    /// Exactly the plan: "đạt 100% kế hoạch".
    Exact,
    /// Above the plan: "vượt 8,50% kế hoạch".
    Above,
}

/// The change against the same period last year, as it will be printed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeFigure {
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
pub struct Computed {
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
pub fn compute(
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
    /// "(đạt 51,09% kế hoạch năm 2017)", or None.
    pub fn share_clause(&self, plan_label: &str, unit: &str) -> Option<String> {
        match &self.share {
            Share::NoPlan => None,
            Share::ZeroPlan | Share::Rate => Some(format!(
                "({}: {}{})",
                plan_label,
                self.plan.clone().unwrap_or_default(),
                unit_suffix(unit)
            )),
            Share::Percent(p, Side::Below) | Share::Percent(p, Side::Exact) => {
                Some(format!("(đạt {p}% {plan_label})"))
            }
            Share::Percent(p, Side::Above) => {
                let over = vi::parse_number(p).map(|v| v - 100.0).unwrap_or(0.0);
                let decimals = p.split(',').nth(1).map_or(0, str::len);
                Some(format!(
                    "(đạt {p}% {plan_label}, vượt {}%)",
                    vi::format_decimal(over, decimals)
                ))
            }
        }
    }

    /// "tăng 4,7% so với cùng kỳ năm 2016", or None.
    pub fn change_clause(&self, previous_label: &str) -> Option<String> {
        let word = |up: bool| if up { "tăng" } else { "giảm" };
        let unit = |points: bool| if points { " điểm phần trăm" } else { "%" };
        match &self.change {
            ChangeFigure::NoPrevious => None,
            ChangeFigure::Equal => Some(format!("bằng {previous_label}")),
            ChangeFigure::FromZero(amount) => {
                Some(format!("tăng {amount} so với {previous_label}"))
            }
            ChangeFigure::Percent { figure, up, points } => Some(format!(
                "{} {figure}{} so với {previous_label}",
                word(*up),
                unit(*points)
            )),
            ChangeFigure::Tiny { bound, up, points } => Some(format!(
                "{} dưới {bound}{} so với {previous_label}",
                word(*up),
                unit(*points)
            )),
        }
    }

    /// The "Tỷ lệ % KH" cell: "51,09", or empty.
    pub fn share_cell(&self) -> String {
        match &self.share {
            Share::Percent(p, _) => p.clone(),
            _ => String::new(),
        }
    }

    /// The "So cùng kỳ" cell: "+4,7%", "-2,3%", "0%", or empty.
    pub fn change_cell(&self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const P: Precision = Precision {
        share: 2,
        change: 1,
    };
    const PLAN: &str = "kế hoạch năm 2017";
    const PREV: &str = "cùng kỳ năm 2016";

    fn clauses(
        actual: f64,
        plan: Option<f64>,
        previous: Option<f64>,
        unit: &str,
    ) -> (Option<String>, Option<String>) {
        let c = compute(actual, plan, previous, unit, P);
        (c.share_clause(PLAN, unit), c.change_clause(PREV))
    }

    #[test]
    fn the_seed_report_sentence() {
        let (share, change) = clauses(9043.0, Some(17700.0), Some(8637.0), "lao động");
        assert_eq!(share.as_deref(), Some("(đạt 51,09% kế hoạch năm 2017)"));
        assert_eq!(change.as_deref(), Some("tăng 4,7% so với cùng kỳ năm 2016"));
    }

    #[test]
    fn exact_under_over_equal_zero_missing() {
        assert_eq!(
            clauses(100.0, Some(100.0), None, "người").0.as_deref(),
            Some("(đạt 100% kế hoạch năm 2017)")
        );
        assert_eq!(
            clauses(117.0, Some(100.0), None, "người").0.as_deref(),
            Some("(đạt 117,00% kế hoạch năm 2017, vượt 17,00%)")
        );
        assert_eq!(
            clauses(50.0, Some(200.0), None, "người").0.as_deref(),
            Some("(đạt 25,00% kế hoạch năm 2017)")
        );
        assert_eq!(clauses(50.0, None, None, "người"), (None, None));
        assert_eq!(
            clauses(50.0, Some(0.0), Some(0.0), "hộ"),
            (
                Some("(kế hoạch năm 2017: 0 hộ)".to_string()),
                Some("tăng 50 hộ so với cùng kỳ năm 2016".to_string())
            )
        );
        assert_eq!(
            clauses(50.0, None, Some(50.0), "hộ").1.as_deref(),
            Some("bằng cùng kỳ năm 2016")
        );
        assert_eq!(
            clauses(40.0, None, Some(50.0), "hộ").1.as_deref(),
            Some("giảm 20,0% so với cùng kỳ năm 2016")
        );
        assert_eq!(
            clauses(0.0, None, Some(0.0), "hộ").1.as_deref(),
            Some("bằng cùng kỳ năm 2016")
        );
    }

    #[test]
    fn rounding_never_crosses_the_plan() {
        // 99,995% of a plan not met is not "100,00%".
        let c = compute(19999.0, Some(20000.0), None, "người", P);
        assert_eq!(c.share_cell(), "99,99");
        assert_eq!(
            c.share_clause(PLAN, "người").as_deref(),
            Some("(đạt 99,99% kế hoạch năm 2017)")
        );
        // 100,004% of a plan, just over, is "vượt 0,01%", not "100,00%".
        let c = compute(100004.0, Some(100000.0), None, "người", P);
        assert_eq!(
            c.share_clause(PLAN, "người").as_deref(),
            Some("(đạt 100,01% kế hoạch năm 2017, vượt 0,01%)")
        );
        // Ordinary rounding elsewhere: 2/3 = 66,666…% → 66,67.
        assert_eq!(
            compute(2.0, Some(3.0), None, "người", P).share_cell(),
            "66,67"
        );
    }

    #[test]
    fn tiny_changes_and_rates() {
        let c = compute(100004.0, None, Some(100000.0), "người", P);
        assert_eq!(
            c.change_clause(PREV).as_deref(),
            Some("tăng dưới 0,1% so với cùng kỳ năm 2016")
        );
        assert_eq!(c.change_cell(), "+<0,1%");
        let rate = compute(5.2, Some(4.0), Some(6.4), "%", P);
        assert_eq!(
            rate.share_clause(PLAN, "%").as_deref(),
            Some("(kế hoạch năm 2017: 4%)")
        );
        assert_eq!(
            rate.change_clause(PREV).as_deref(),
            Some("giảm 1,2 điểm phần trăm so với cùng kỳ năm 2016")
        );
        assert_eq!(
            compute(9043.0, Some(17700.0), Some(8637.0), "người", P).change_cell(),
            "+4,7%"
        );
    }
}
