//! Property tests of the Vietnamese formatting functions: no input makes
//! them panic, and what they write reads back as the value written.

use proptest::prelude::*;

use crate::model::Date;
use crate::validate::cited_dates;
use crate::vi;

/// The largest integer every f64 holds exactly.
const EXACT: i64 = 1 << 53;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_exact_integer_formats_and_reads_back(n in -EXACT + 1..EXACT) {
        let text = vi::format_number(n as f64, 0);
        // Groups of three digits separated by dots, a leading minus at most.
        let digits = text.trim_start_matches('-');
        prop_assert!(digits.split('.').skip(1).all(|g| g.len() == 3), "{}", text);
        prop_assert!(!digits.starts_with('.') && !digits.contains(','));
        prop_assert_eq!(vi::parse_number(&text), Some(rust_decimal::Decimal::from(n)), "{}", text);
    }

    #[test]
    fn decimals_read_back_to_the_rounded_value(
        whole in -EXACT / 1024..EXACT / 1024,
        frac in 0u32..1000,
        decimals in 0usize..4,
    ) {
        // A value with at most three decimals, written with `decimals` of them.
        let x = whole as f64 + f64::from(frac) / 1000.0 * whole.signum().max(1) as f64;
        let text = vi::format_decimal(x, decimals);
        let back = vi::parse_number(&text).map(|d| d.to_string().parse::<f64>().unwrap());
        prop_assert!(back.is_some(), "{} does not parse", text);
        let scale = 10f64.powi(decimals as i32);
        let expected = (x * scale).round() / scale;
        prop_assert!((back.unwrap() - expected).abs() <= 0.5 / scale + 1e-9 * x.abs(),
            "{} -> {} reads back as {:?}, expected about {}", x, text, back, expected);
        // The comma is the decimal mark, and only with decimals.
        prop_assert_eq!(text.contains(','), decimals > 0, "{}", text);
    }

    #[test]
    fn any_f64_formats_without_panicking(x in any::<f64>(), d in 0usize..40) {
        let a = vi::format_decimal(x, d);
        let b = vi::format_number(x, d);
        let c = vi::format_percent(x, d);
        if x.is_finite() {
            prop_assert!(!a.is_empty() && !b.is_empty() && c.ends_with('%'));
            // An exact decimal holds 28 digits: longer figures are refused on reading.
            if x.abs() < 1e27 && d <= 28 {
                prop_assert!(vi::parse_number(&b).is_some(), "{} from {}", b, x);
            }
        } else {
            prop_assert!(a.is_empty() && b.is_empty() && c.is_empty());
        }
    }

    #[test]
    fn exact_figures_read_back_exactly(units in -999_999_999_999i64..999_999_999_999, scale in 0u32..4) {
        // A figure with up to three decimals prints and reads back to itself: no drift.
        let d = rust_decimal::Decimal::new(units, scale);
        let text = vi::format_number(d, 3);
        prop_assert_eq!(vi::parse_number(&text), Some(d), "{}", text);
    }

    #[test]
    fn shares_round_half_up_exactly(actual in 0i64..10_000_000, plan in 1i64..10_000_000) {
        // The printed share is the exact quotient rounded half up at two decimals.
        let exact = rust_decimal::Decimal::from(actual) * rust_decimal::Decimal::from(10_000)
            / rust_decimal::Decimal::from(plan);
        let expected = exact.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            / rust_decimal::Decimal::from(100);
        let printed = vi::format_decimal(
            rust_decimal::Decimal::from(actual) / rust_decimal::Decimal::from(plan) * rust_decimal::Decimal::ONE_HUNDRED,
            2,
        );
        prop_assert_eq!(vi::parse_number(&printed), Some(expected), "{}/{}", actual, plan);
    }

    #[test]
    fn parse_number_never_panics(s in "\\PC{0,40}") {
        let _ = vi::parse_number(&s);
    }

    #[test]
    fn dates_format_for_any_fields(y in any::<i32>(), m in any::<u32>(), d in any::<u32>()) {
        let long = vi::date_of_issue(y, m, d);
        let short = vi::date_short(y, m, d);
        prop_assert!(long.starts_with("ngày "), "{}", long);
        prop_assert!(short.ends_with(&y.to_string()), "{}", short);
    }

    #[test]
    fn valid_dates_read_back_in_every_format(y in 1900i32..=2200, m in 1u32..=12, d in 1u32..=31) {
        if let Some(date) = Date::from_ymd(y, m, d) {
            prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            let long = vi::date_of_issue(y, m, d);
            let short = vi::date_short(y, m, d);
            // The cited-date reader understands both spellings.
            prop_assert_eq!(cited_dates(&long), vec![(y, m, d)], "{}", long);
            prop_assert_eq!(cited_dates(&format!("ngày {short}")), vec![(y, m, d)], "{}", short);
        } else {
            let written = format!("{y:04}-{m:02}-{d:02}");
            prop_assert!(Date::parse(&written).is_err());
        }
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,24}") {
        let _ = Date::parse(&s);
        let _ = cited_dates(&s);
    }

    #[test]
    fn numerals_and_words_for_any_count(n in any::<u32>(), big in any::<u64>()) {
        match vi::roman(n) {
            Some(r) => prop_assert!((1..=3999).contains(&n) && !r.is_empty()),
            None => prop_assert!(n == 0 || n > 3999),
        }
        prop_assert!(!vi::letter(n as usize).is_empty());
        prop_assert!(!vi::number_words(big).is_empty());
        prop_assert!(vi::ordinal_lead(big).ends_with(" là"));
    }

    #[test]
    fn case_functions_keep_nfc(s in "\\PC{0,30}") {
        let upper = vi::upper(&s);
        prop_assert_eq!(vi::nfc(&upper), upper.clone());
        prop_assert_eq!(vi::upper(&upper), upper);
        let _ = vi::capitalize_first(&s);
    }
}
