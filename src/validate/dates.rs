//! Dates: a report's period, reporting deadlines, and the dates of the
//! documents a text cites, none after the document itself.

use crate::error::Diagnostic;
use crate::input::{join_index, join_key};
use crate::model::{Date, Document, PeriodKind};

/// A report's period exists and is not after the report.
pub(super) fn check_period(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(p) = doc.period else { return };
    let needs_number = matches!(p.kind, PeriodKind::Quy | PeriodKind::Thang);
    let max = if p.kind == PeriodKind::Quy { 4 } else { 12 };
    match p.number {
        None if needs_number => out.push(
            Diagnostic::error("period", "a quarter or month period needs `number`")
                .with_hint(format!("add `number:` from 1 to {max}")),
        ),
        Some(n) if needs_number && !(1..=max).contains(&n) => out.push(
            Diagnostic::error(
                "period.number",
                format!("{n} is not a valid number for this period"),
            )
            .with_hint(format!("use 1 to {max}")),
        ),
        Some(_) if !needs_number => out.push(
            Diagnostic::error(
                "period.number",
                "only `quy` and `thang` periods have a number",
            )
            .with_hint("remove `number`"),
        ),
        _ => {}
    }
    if needs_number && !p.number.is_some_and(|n| (1..=max).contains(&n)) {
        // Where the period starts is unknown: said above.
        return;
    }
    let start_month = match p.kind {
        PeriodKind::SecondHalf => 7,
        PeriodKind::Quy => (p.number.unwrap_or(1).clamp(1, 4) - 1) * 3 + 1,
        PeriodKind::Thang => p.number.unwrap_or(1).clamp(1, 12),
        _ => 1,
    };
    if let Some(start) = Date::from_ymd(p.year, start_month, 1)
        && doc.date < start
    {
        out.push(
            Diagnostic::error(
                "date",
                format!(
                    "the report is dated {} but its period starts on {}",
                    doc.date, start
                ),
            )
            .with_hint("a report is dated within or after the period it covers"),
        );
    }
}

/// Reporting deadlines of a plan fall after it is issued.
pub(super) fn check_deadlines(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(implementation) = &doc.implementation {
        for (i, duty) in implementation.reporting.iter().enumerate() {
            if duty.deadline < doc.date {
                out.push(
                    Diagnostic::error(
                        join_key(&join_index("implementation.reporting", i), "deadline"),
                        format!(
                            "the deadline {} is before the date of the plan ({})",
                            duty.deadline, doc.date
                        ),
                    )
                    .with_hint("a reporting deadline falls after the plan is issued"),
                );
            }
        }
    }
}

/// A document cannot cite a document issued after it: the legal bases'
/// dates (`ngày 12/3/2024`, `ngày 12 tháng 3 năm 2024`) and a report's plan.
pub(super) fn check_cited_dates(
    doc: &Document,
    plan: Option<&Document>,
    out: &mut Vec<Diagnostic>,
) {
    for (i, basis) in doc.legal_bases.iter().enumerate() {
        for cited in cited_dates(basis) {
            if let Some(date) = Date::from_ymd(cited.0, cited.1, cited.2)
                && date > doc.date
            {
                out.push(
                    Diagnostic::error(
                        join_index("legal-bases", i),
                        format!(
                            "this basis is dated {date}, after the document itself ({})",
                            doc.date
                        ),
                    )
                    .with_hint(
                        "a document cites only documents issued before it: check both dates",
                    ),
                );
            }
        }
    }
    if let Some(plan) = plan
        && plan.date > doc.date
    {
        out.push(
            Diagnostic::error(
                "plan-file",
                format!(
                    "the plan is dated {}, after this report ({})",
                    plan.date, doc.date
                ),
            )
            .with_hint("a report measures a plan issued before it: check both dates"),
        );
    }
}

/// The dates a text cites, as (year, month, day): `ngày 12/3/2024`,
/// `ngày 12-03-2024`, `ngày 12 tháng 3 năm 2024`. Only what can be a
/// calendar date is returned; anything else is not a citation. A date that
/// names a moment (`thời điểm 0h00 ngày 01 tháng 01 năm 2026`, `17 giờ 00,
/// ngày 04/11/2010`) is the subject of the cited text, not its date.
pub(crate) fn cited_dates(text: &str) -> Vec<(i32, u32, u32)> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices("ngày") {
        if names_a_moment(&lower[..i]) {
            continue;
        }
        let rest = lower[i + "ngày".len()..].trim_start();
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ')')
            .filter(|w| !w.is_empty())
            .take(5)
            .collect();
        let date = match words.as_slice() {
            [d, "tháng", m, "năm", y, ..] => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
            [numeric, ..] => {
                let parts: Vec<&str> = numeric
                    .trim_end_matches('.')
                    .split(['/', '-', '.'])
                    .collect();
                match parts.as_slice() {
                    [d, m, y] if y.len() == 4 => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
                    _ => (None, None, None),
                }
            }
            _ => (None, None, None),
        };
        if let (Some(y), Some(m), Some(d)) = date
            && (1..=12).contains(&m)
            && (1..=31).contains(&d)
            && (1900..=2200).contains(&y)
        {
            out.push((y, m, d));
        }
    }
    out
}

/// Whether the words before a date make it a moment in time: a clock time
/// (`0h00`, `17 giờ 00`) or `thời điểm` right before `ngày`.
fn names_a_moment(before: &str) -> bool {
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let clock = |w: &str| {
        let mut parts = w.splitn(2, 'h');
        let h = parts.next().unwrap_or("");
        let m = parts.next();
        !h.is_empty()
            && h.chars().all(|c| c.is_ascii_digit())
            && m.is_some_and(|m| m.chars().all(|c| c.is_ascii_digit()))
    };
    match words.as_slice() {
        [.., "thời", "điểm"] => true,
        [.., w] if clock(w) => true,
        [.., "giờ", m] if m.chars().all(|c| c.is_ascii_digit()) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cited_dates_are_found_in_both_spellings() {
        assert_eq!(
            cited_dates(
                "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh; \
                 Kế hoạch số 7/KH-UBND ngày 20 tháng 01 năm 2024"
            ),
            vec![(2024, 3, 5), (2024, 1, 20)]
        );
        assert_eq!(cited_dates("Ngày 1-12-2023."), vec![(2023, 12, 1)]);
        assert!(cited_dates("hằng ngày, 24/7").is_empty());
        assert!(cited_dates("ngày 40/13/2024").is_empty());
    }

    #[test]
    fn a_moment_is_not_a_cited_date() {
        // Quyết định 1627/QĐ-UBND (Quảng Ngãi, 21/11/2025) cites a plan of
        // 17/10/2025 whose subject is the inventory at 0h00 on 01/01/2026.
        assert_eq!(
            cited_dates(
                "Căn cứ Quyết định số 3531/QĐ-BTC ngày 17 tháng 10 năm 2025 của Bộ trưởng \
                 Bộ Tài chính về ban hành Kế hoạch … thời điểm 0h00 ngày 01 tháng 01 năm 2026"
            ),
            vec![(2025, 10, 17)]
        );
        assert!(cited_dates("tính đến 17 giờ 00, ngày 04/11/2010").is_empty());
        assert!(cited_dates("tại thời điểm ngày 01/01/2026").is_empty());
        assert_eq!(cited_dates("số 5 ngày 3/4/2024"), vec![(2024, 4, 3)]);
    }
}
