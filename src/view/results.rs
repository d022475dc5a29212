//! Computed results in words, as the sector's reports word them: "9.043 lao
//! động (đạt 51,09% kế hoạch năm 2017); tăng 4,7% so với cùng kỳ năm 2016".
//! The figures come computed from the resolve stage.

use crate::resolve::{ChangeFigure, Computed, Share, Side};
use crate::vi;

/// "(đạt 51,09% kế hoạch năm 2017)", or None.
pub(crate) fn share_clause(c: &Computed, plan_label: &str, unit: &str) -> Option<String> {
    match &c.share {
        Share::NoPlan => None,
        Share::ZeroPlan | Share::Rate => Some(format!(
            "({}: {}{})",
            plan_label,
            c.plan.clone().unwrap_or_default(),
            vi::unit_suffix(unit)
        )),
        Share::Percent(p, Side::Below) | Share::Percent(p, Side::Exact) => {
            Some(format!("(đạt {p}% {plan_label})"))
        }
        Share::Percent(p, Side::Above) => Some(format!(
            "(đạt {p}% {plan_label}, vượt {}%)",
            c.over_plan().unwrap_or_default()
        )),
    }
}

/// "tăng 4,7% so với cùng kỳ năm 2016", or None.
pub(crate) fn change_clause(c: &Computed, previous_label: &str) -> Option<String> {
    let word = |up: bool| if up { "tăng" } else { "giảm" };
    let unit = |points: bool| if points { " điểm phần trăm" } else { "%" };
    match &c.change {
        ChangeFigure::NoPrevious => None,
        ChangeFigure::Equal => Some(format!("bằng {previous_label}")),
        ChangeFigure::FromZero(amount) => Some(format!("tăng {amount} so với {previous_label}")),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    /// The resolve stage's `compute`, from literals.
    fn compute(
        actual: f64,
        plan: Option<f64>,
        previous: Option<f64>,
        unit: &str,
        p: Precision,
    ) -> Computed {
        let d = |x: f64| x.to_string().parse::<rust_decimal::Decimal>().unwrap();
        crate::resolve::compute(d(actual), plan.map(d), previous.map(d), unit, p)
    }

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
        (share_clause(&c, PLAN, unit), change_clause(&c, PREV))
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
            share_clause(&c, PLAN, "người").as_deref(),
            Some("(đạt 99,99% kế hoạch năm 2017)")
        );
        // 100,004% of a plan, just over, is "vượt 0,01%", not "100,00%".
        let c = compute(100004.0, Some(100000.0), None, "người", P);
        assert_eq!(
            share_clause(&c, PLAN, "người").as_deref(),
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
            change_clause(&c, PREV).as_deref(),
            Some("tăng dưới 0,1% so với cùng kỳ năm 2016")
        );
        assert_eq!(c.change_cell(), "+<0,1%");
        let rate = compute(5.2, Some(4.0), Some(6.4), "%", P);
        assert_eq!(
            share_clause(&rate, PLAN, "%").as_deref(),
            Some("(kế hoạch năm 2017: 4%)")
        );
        assert_eq!(
            change_clause(&rate, PREV).as_deref(),
            Some("giảm 1,2 điểm phần trăm so với cùng kỳ năm 2016")
        );
        assert_eq!(
            compute(9043.0, Some(17700.0), Some(8637.0), "người", P).change_cell(),
            "+4,7%"
        );
    }
}
